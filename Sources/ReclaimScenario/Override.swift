/// One `--set KEY=VALUE` (or one point of a sweep axis): a key path and the value to put there.
///
/// Paths are those of ``ScenarioKeyPath`` (`machine.swappiness`, `containers.web.limit_pages`,
/// `tasks[0].nice`); the value is parsed as YAML, so `0` is an integer, `zipf` a string,
/// `"60"` a string, `[sys_admin]` a list and an empty value null.
public struct Override: Sendable, Hashable, CustomStringConvertible {
    /// Where the value goes.
    public var keyPath: ScenarioKeyPath
    /// The value, already parsed.
    public var value: ScenarioNode
    /// Where the override came from, for messages: `--set KEY=VALUE` as the user wrote it, or
    /// what a sweep passes (`axis machine.swappiness=0`). Errors it causes end in `(from ...)`.
    public var description: String

    /// An override from already parsed parts (sweep axes build these); `description`
    /// defaults to `KEY=VALUE`.
    public init(keyPath: ScenarioKeyPath, value: ScenarioNode, description: String? = nil) {
        self.keyPath = keyPath
        self.value = value
        self.description = description ?? "\(keyPath)=\(value.flowText)"
    }

    /// Parses a key path and a YAML value.
    ///
    /// - Throws: ``ScenarioError/badOverride(argument:problem:)`` (exit 64) for a malformed
    ///   path or a value that is not valid YAML.
    public init(keyPath: String, value: String) throws {
        let argument = "\(keyPath)=\(value)"
        guard let path = ScenarioKeyPath(parsing: keyPath) else {
            throw ScenarioError.badOverride(
                argument: argument,
                problem: "\(quoted(keyPath)) is not a key path (expected keys joined by dots, like machine.swappiness, "
                    + "containers.web.limit_pages or tasks[0].nice)")
        }
        let node: ScenarioNode?
        do {
            node = try ScenarioNode.parse(yaml: value, sourceName: "--set")
        } catch let error as ScenarioError {
            throw ScenarioError.badOverride(argument: argument, problem: "the value is not valid YAML (\(error))")
        }
        self.init(keyPath: path, value: node ?? .null, description: "--set \(argument)")
    }

    /// Parses `KEY=VALUE`, splitting at the first `=`.
    ///
    /// - Throws: ``ScenarioError/badOverride(argument:problem:)`` (exit 64) without an `=`.
    public static func parse(_ argument: String) throws -> Override {
        guard let equals = argument.firstIndex(of: "=") else {
            throw ScenarioError.badOverride(
                argument: argument, problem: "missing \"=\" (expected KEY=VALUE, like machine.swappiness=0)")
        }
        return try Override(
            keyPath: String(argument[..<equals]), value: String(argument[argument.index(after: equals)...]))
    }
}
