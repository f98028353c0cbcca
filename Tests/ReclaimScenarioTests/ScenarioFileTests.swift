import Foundation
import Testing

@testable import ReclaimScenario

@Suite struct ScenarioFileTests {
    /// Writes `bytes` to a new file and returns the error loading it throws.
    private func loadError(bytes: [UInt8], name: String = "s.yaml") throws -> ScenarioError? {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ScenarioFile.load(path: path)
            return nil
        } catch {
            return error as? ScenarioError
        }
    }

    @Test func aMissingFileIs66() {
        do {
            _ = try ScenarioFile.load(path: "/nonexistent/two.yaml")
            Issue.record("expected an error")
        } catch let error as ScenarioError {
            #expect(error.exitCode == 66)
            #expect(error.description == "/nonexistent/two.yaml: no such file")
        } catch { Issue.record("\(error)") }
    }

    @Test func aDirectoryIs66() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: ScenarioError.unreadable(file: directory.path, reason: "is a directory, not a scenario file")) {
            try ScenarioFile.load(path: directory.path)
        }
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n", "---\n"])
    func anEmptyFileIs65(text: String) throws {
        let error = try loadError(bytes: Array(text.utf8))
        #expect(error?.exitCode == 65)
        #expect(
            error?.description.hasSuffix(
                "s.yaml: the file is empty (expected a scenario: a mapping with name, tasks, ...)") == true)
    }

    @Test func binaryGarbageIs65() throws {
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(try loadError(bytes: garbage)?.exitCode == 65)
        #expect(
            try loadError(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])?.description.contains(
                "binary content") == true)
        #expect(
            try loadError(bytes: [0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xFF, 0xFE])?.description.hasSuffix(
                "not UTF-8 text; expected a YAML or JSON text file") == true)
        #expect(try loadError(bytes: Array("name: \u{07}bell\n".utf8))?.exitCode == 65)
    }

    @Test func aByteOrderMarkIsIgnored() throws {
        #expect(try loadError(bytes: [0xEF, 0xBB, 0xBF] + Array(minimalYAML.utf8)) == nil)
    }

    @Test func syntaxErrorsAre65WithLineAndColumn() {
        let error = ReclaimScenarioTests.loadError("name: t\ntasks:\n  - {name: a, workload: {kind: idle}\nseed: 1\n")
        #expect(error?.exitCode == 65)
        guard case .malformed(let file, let line?, _?, let reason)? = error else {
            Issue.record("expected a syntax error with a position, got \(String(describing: error))")
            return
        }
        #expect(file == "t.yaml")
        #expect(line >= 3)
        #expect(reason.hasPrefix("invalid YAML: "))
        #expect(error?.description.hasPrefix("t.yaml:\(line):") == true)
    }

    @Test func duplicateKeysAre65() {
        let error = ReclaimScenarioTests.loadError(
            "name: t\nseed: 1\nseed: 2\ntasks: [{name: a, workload: {kind: idle}}]")
        #expect(error?.exitCode == 65)
        #expect(error?.description.contains("duplicate key \"seed\"") == true)
    }

    @Test func twoDocumentsAre65() {
        #expect(ReclaimScenarioTests.loadError(minimalYAML + "\n---\nname: u\n")?.exitCode == 65)
    }

    @Test func anAliasBombIsRefused() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let error = ReclaimScenarioTests.loadError(yaml)
        #expect(error?.exitCode == 65)
        #expect(error?.description == "t.yaml: the document expands to more than 100000 values (aliases included)")
    }

    @Test func aliasesWithinLimitsWork() throws {
        let yaml = """
            name: t
            tasks:
              - { name: a, workload: &w { kind: anon-working-set, pages: 9 } }
              - { name: b, workload: *w }
            """
        #expect(
            try load(yaml).scenario.tasks[1].workload
                == .anonWorkingSet(pages: 9, refsPerTick: 64, pattern: .zipf(theta: 0.99), writeRatio: 0.3))
    }

    @Test func loadsFromAFileWithOverrides() throws {
        let loaded = try ScenarioFile.load(
            path: fixturePath("two-tenants.yaml"), overrides: [try Override.parse("machine.swappiness=0")])
        #expect(loaded.scenario.machine.swappiness == 0)
        #expect(loaded.sourcePath == fixturePath("two-tenants.yaml"))
    }
}
