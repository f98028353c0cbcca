import Foundation

/// Loads scenario files: read, parse, apply `--set` overrides, validate.
///
/// Errors are ``ScenarioError``s whose ``ScenarioError/exitCode`` is 66 (missing or unreadable),
/// 65 (not YAML: syntax, empty, binary) or 64 (not a valid scenario).
public enum ScenarioFile {
    /// Files larger than this are refused as not being scenarios (16 MiB).
    public static let maximumSize = 16 << 20

    /// Loads the scenario at `path` with `overrides` applied in order.
    ///
    /// - Parameter path: used as given in error messages and ``LoadedScenario/sourcePath``.
    public static func load(path: String, overrides: [Override] = []) throws -> LoadedScenario {
        let node = try readNode(path: path)
        return try load(node: node, sourceName: path, overrides: overrides)
    }

    /// Loads a scenario from text; `sourceName` stands for the file name in messages.
    public static func load(yaml: String, sourceName: String, overrides: [Override] = []) throws -> LoadedScenario {
        guard let node = try ScenarioNode.parse(yaml: yaml, sourceName: sourceName) else {
            throw ScenarioError.malformed(file: sourceName, line: nil, column: nil, reason: emptyReason)
        }
        return try load(node: node, sourceName: sourceName, overrides: overrides)
    }

    /// Applies `overrides` to a parsed document and validates the result (sweeps call this
    /// once per point, with the axis values as overrides).
    public static func load(node: ScenarioNode, sourceName: String, overrides: [Override] = []) throws -> LoadedScenario
    {
        let (node, resolved) = try node.applyingResolved(overrides, sourceName: sourceName)
        do {
            return LoadedScenario(scenario: try Scenario(node: node), sourcePath: sourceName)
        } catch let issue as ScenarioIssue {
            var problem = issue.problem
            // The last override that set this path, a parent or a child of it is the one to blame.
            if let index = resolved.lastIndex(where: { issue.keyPath.hasPrefix($0) || $0.hasPrefix(issue.keyPath) }) {
                problem += " (from \(overrides[index].description))"
            }
            throw ScenarioError.invalid(file: sourceName, keyPath: issue.keyPath.description, problem: problem)
        }
    }

    /// Reads and parses the file at `path` without validating it.
    ///
    /// - Throws: 66 when the file is missing, a directory or unreadable; 65 when it is empty,
    ///   too large, binary, not UTF-8 or not YAML.
    public static func readNode(path: String) throws -> ScenarioNode {
        let text = try readText(path: path)
        guard let node = try ScenarioNode.parse(yaml: text, sourceName: path) else {
            throw ScenarioError.malformed(file: path, line: nil, column: nil, reason: emptyReason)
        }
        return node
    }

    private static let emptyReason = "the file is empty (expected a scenario: a mapping with name, tasks, ...)"

    /// The file's text, checked to be UTF-8 without NUL bytes; a leading byte-order mark is dropped.
    static func readText(path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ScenarioError.unreadable(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ScenarioError.unreadable(file: path, reason: "is a directory, not a scenario file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScenarioError.unreadable(file: path, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try decodeText(data, file: path)
    }

    /// Checks that `data` is a text file in UTF-8 and returns its text.
    static func decodeText(_ data: Data, file: String) throws -> String {
        guard data.count <= maximumSize else {
            throw ScenarioError.malformed(
                file: file, line: nil, column: nil,
                reason: "the file is \(data.count) bytes, too large for a scenario (at most \(maximumSize))")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            throw ScenarioError.malformed(
                file: file, line: nil, column: nil,
                reason: "binary content (a NUL byte at offset \(nul)); expected a YAML or JSON text file")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ScenarioError.malformed(
                file: file, line: nil, column: nil, reason: "not UTF-8 text; expected a YAML or JSON text file")
        }
        return text
    }
}
