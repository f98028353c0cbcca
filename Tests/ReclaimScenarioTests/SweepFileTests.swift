import Foundation
import Testing

@testable import ReclaimScenario

@Suite struct SweepFileTests {
    @Test func readsNameBaseAndAxesInFileOrder() throws {
        let sweep = try SweepFile.parse(
            yaml: """
                name: s
                base: { name: t, tasks: [{ name: a, workload: { kind: idle } }] }
                axes:
                  seed: 1..2
                  machine.swappiness: [0, 60]
                """, path: "dir/s.yaml")
        #expect(sweep.name == "s")
        #expect(sweep.baseSource == .inline)
        #expect(sweep.axes.map(\.keyPath.description) == ["seed", "machine.swappiness"])
        #expect(sweep.text.hasPrefix("name: s\n"))
    }

    @Test func baseIsRelativeToTheSweepFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try minimalYAML.write(to: dir.appendingPathComponent("sub/base.yaml"), atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("sub/my-sweep.yaml").path
        try "base: base.yaml\naxes: { seed: [1] }\n".write(toFile: path, atomically: true, encoding: .utf8)
        let sweep = try SweepFile.load(path: path)
        #expect(sweep.baseSource == .file(dir.appendingPathComponent("sub/base.yaml").path))
        #expect(sweep.name == "my-sweep")
        #expect(SweepFile.resolve(base: "/abs.yaml", sweepPath: "x/s.yaml") == "/abs.yaml")
        #expect(SweepFile.resolve(base: "b.yaml", sweepPath: "s.yaml") == "b.yaml")
        #expect(SweepFile.defaultName(path: "a/b.c/sweep.yaml") == "sweep")
    }

    @Test func badFilesNameTheFileAndKey() {
        let cases: [(String, String, Int32)] = [
            (
                "base: {}\nextra: 1\n", "s.yaml: extra: unknown key in a sweep file (expected one of name, base, axes)",
                64
            ),
            ("axes: { seed: [1] }\n", "s.yaml: base: missing required key", 64),
            ("base: 5\n", "s.yaml: base: expected a scenario file path or an inline scenario mapping", 64),
            ("base: {}\naxes: [seed]\n", "s.yaml: axes: expected a mapping", 64),
            ("base: missing.yaml\n", "missing.yaml: no such file (the base of s.yaml)", 66),
            ("", "s.yaml: the file is empty", 65),
        ]
        for (yaml, prefix, code) in cases {
            do {
                _ = try SweepFile.parse(yaml: yaml, path: "s.yaml")
                Issue.record("expected an error for \(yaml)")
            } catch let error as ScenarioError {
                #expect(error.description.hasPrefix(prefix), "\(error)")
                #expect(error.exitCode == code)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// `--set` replaces an axis in place or appends a new one (which then varies fastest).
    @Test func setArgumentsReplaceOrAppendAxes() throws {
        let sweep = try SweepFile.parse(
            yaml: "base: {}\naxes: { machine.swappiness: [0, 60], seed: [1] }\n", path: "s.yaml")
        let changed = try sweep.applying(setArguments: ["seed=1..3", "machine.laptop_mode=0,5"])
        #expect(changed.axes.map(\.keyPath.description) == ["machine.swappiness", "seed", "machine.laptop_mode"])
        #expect(changed.axes[1].values.count == 3)
        #expect(changed.axes[2].origin == .setArgument("machine.laptop_mode=0,5"))
    }
}
