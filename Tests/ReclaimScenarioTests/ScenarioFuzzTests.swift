import Foundation
import ReclaimModel
import ReclaimRecords
import Testing

@testable import ReclaimScenario

/// Generated input: random mutations of the valid example scenarios. No input may crash the
/// loader: each one either loads (and then converts to a model config) or throws a
/// `ScenarioError` with a documented exit code (64, 65 or 66) naming the file.
@Suite struct ScenarioFuzzTests {
    /// A small deterministic generator (the tests do not depend on the workloads module).
    struct LCG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 17
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let seeds: [String] = {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && !$0.contains("sweep") }.sorted().compactMap {
            try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)
        }
    }()

    /// Values that stress the validator: huge, negative, fractional, wrong types, overflow.
    static let nasty = [
        "-1", "0", "1e300", "-1e300", "9223372036854775807", "99999999999999999999999999", "0.5", "nan",
        ".inf", "true", "null", "~", "\"\"", "[]", "{}", "[1, 2]", "x", "0x7fffffffffffffff", "1_000_000_000",
        "-17", "16777217", "&a", "*a", "!!binary aGVsbG8=",
    ]

    static func mutate(_ text: String, _ rng: inout LCG) -> String {
        var lines = text.components(separatedBy: "\n")
        switch rng.below(9) {
        case 0 where !lines.isEmpty:
            lines.remove(at: rng.below(lines.count))
        case 1 where !lines.isEmpty:
            let i = rng.below(lines.count)
            lines.insert(lines[i], at: i)
        case 2 where lines.count > 1:
            lines.swapAt(rng.below(lines.count), rng.below(lines.count))
        case 3:
            // Replace a value after a colon.
            let candidates = lines.indices.filter { lines[$0].contains(": ") && !lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("#") }
            if let i = candidates.isEmpty ? nil : candidates[rng.below(candidates.count)],
                let colon = lines[i].range(of: ": ", options: .backwards)
            {
                lines[i] = String(lines[i][..<colon.upperBound]) + nasty[rng.below(nasty.count)]
            }
        case 4:
            // Truncate the file anywhere.
            let all = lines.joined(separator: "\n")
            return String(all.prefix(rng.below(all.count + 1)))
        case 5 where !lines.isEmpty:
            // Garble a key.
            let i = rng.below(lines.count)
            lines[i] = lines[i].replacingOccurrences(of: "_", with: "-")
        case 6:
            // Random bytes somewhere.
            let i = rng.below(lines.count)
            let junk = (0..<(1 + rng.below(8))).map { _ in Character(UnicodeScalar(UInt8(rng.below(256)))) }
            lines[i] += String(junk)
        case 7 where !lines.isEmpty:
            // Indentation damage.
            let i = rng.below(lines.count)
            lines[i] = (rng.below(2) == 0 ? "  " : "") + lines[i].trimmingCharacters(in: .whitespaces)
        default:
            lines.append(["tasks: 3", "machine: [1]", "- x", "zzz: 1", "containers: {a: 1}"][rng.below(5)])
        }
        return lines.joined(separator: "\n")
    }

    @Test func mutatedScenariosNeverCrash() throws {
        #expect(Self.seeds.count >= 6, "the example scenarios are the seeds")
        var rng = LCG(state: 2007)
        var outcomes: [Int32: Int] = [:]
        for n in 0..<600 {
            var text = Self.seeds[n % Self.seeds.count]
            for _ in 0..<(1 + rng.below(3)) { text = Self.mutate(text, &rng) }
            do {
                let loaded = try ScenarioFile.load(yaml: text, sourceName: "fuzz.yaml")
                let config = loaded.simulationConfig()
                #expect(config.durationJiffies > 0)
                #expect(config.machine.ramPages > 0)
                #expect(loaded.runKey.count == 64)
                outcomes[0, default: 0] += 1
            } catch let error as ScenarioError {
                #expect([64, 65, 66].contains(error.exitCode), "case \(n): \(error)")
                #expect(error.description.hasPrefix("fuzz.yaml"), "case \(n): the message names the file: \(error)")
                outcomes[error.exitCode, default: 0] += 1
            }
        }
        // The mutations exercise both acceptance and every class of rejection.
        #expect(outcomes[0, default: 0] > 0, "\(outcomes)")
        #expect(outcomes[64, default: 0] > 0, "\(outcomes)")
        #expect(outcomes[65, default: 0] > 0, "\(outcomes)")
    }

    @Test func binaryAndEmptyInputs() {
        for bytes in [[UInt8](), [0, 1, 2, 255, 254], Array("\u{FEFF}".utf8), Array(repeating: 0x41, count: 100_000)] {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(throws: ScenarioError.self) { try ScenarioFile.load(yaml: text, sourceName: "bin.yaml") }
        }
    }
}
