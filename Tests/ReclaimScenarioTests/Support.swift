import Foundation
import Testing

@testable import ReclaimScenario

/// The smallest valid scenario: one idle task.
let minimalYAML = """
    name: t
    tasks:
      - name: a
        workload: { kind: idle }
    """

/// A scenario with one task whose lines are `taskLines` (indented under the list item).
func scenario(machine: String = "", containers: String = "", taskLines: [String]) -> String {
    var text = "name: t\n"
    if !machine.isEmpty { text += "machine: \(machine)\n" }
    if !containers.isEmpty { text += "containers: \(containers)\n" }
    text += "tasks:\n  - " + taskLines.joined(separator: "\n    ") + "\n"
    return text
}

/// Loads `yaml` as the file `t.yaml` with `--set` arguments.
func load(_ yaml: String, set arguments: [String] = []) throws -> LoadedScenario {
    try ScenarioFile.load(yaml: yaml, sourceName: "t.yaml", overrides: arguments.map { try Override.parse($0) })
}

/// The error loading `yaml` throws, or nil if it loads (or throws something else).
func loadError(_ yaml: String, set arguments: [String] = []) -> ScenarioError? {
    do {
        _ = try load(yaml, set: arguments)
        return nil
    } catch {
        return error as? ScenarioError
    }
}

/// The path of a fixture file beside this source file.
func fixturePath(_ name: String, filePath: String = #filePath) -> String {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("reclaimscenario-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
