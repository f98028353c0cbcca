/// Why a scenario (or a `--set` override) could not be loaded.
///
/// Every message names the file, the key path and what is wrong, in the shape
/// `FILE: KEY.PATH: what is wrong (what is allowed)`. The command line maps each case to
/// its exit code (the codes named below).
public enum ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file does not exist, is a directory or cannot be read (`EX_NOINPUT`, 66).
    case unreadable(file: String, reason: String)
    /// The file is not YAML: a syntax error, an empty file, binary or non-UTF-8 content
    /// (`EX_DATAERR`, 65). `line` and `column` count from 1 when known.
    case malformed(file: String, line: Int?, column: Int?, reason: String)
    /// The YAML is well formed but not a valid scenario: an unknown key, a wrong type, a value
    /// out of range, a missing required key, a dangling reference (`EX_USAGE`, 64).
    /// `keyPath` is empty when the problem is the whole document.
    case invalid(file: String, keyPath: String, problem: String)
    /// A `--set` argument that is not `KEY=VALUE` with a valid key path (`EX_USAGE`, 64).
    case badOverride(argument: String, problem: String)

    /// `FILE: KEY.PATH: problem`; `FILE:LINE:COLUMN: problem` for syntax errors.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): \(reason)"
        case .malformed(let file, let line?, let column?, let reason):
            return "\(file):\(line):\(column): \(reason)"
        case .malformed(let file, let line?, nil, let reason):
            return "\(file):\(line): \(reason)"
        case .malformed(let file, _, _, let reason):
            return "\(file): \(reason)"
        case .invalid(let file, let keyPath, let problem):
            return keyPath.isEmpty ? "\(file): \(problem)" : "\(file): \(keyPath): \(problem)"
        case .badOverride(let argument, let problem):
            return "--set \(argument): \(problem)"
        }
    }
}

/// A validation failure before the file name is known: a key path and what is wrong.
///
/// The decoder throws these; ``ScenarioFile`` turns them into ``ScenarioError/invalid(file:keyPath:problem:)``.
struct ScenarioIssue: Error, Sendable, Hashable {
    var keyPath: ScenarioKeyPath
    var problem: String
    /// The key at `keyPath` is not one the scenario knows: the key path is wrong, not the
    /// value under it (a sweep axis on such a path blames its key path).
    var isUnknownKey = false

    init(_ keyPath: ScenarioKeyPath, _ problem: String, isUnknownKey: Bool = false) {
        self.keyPath = keyPath
        self.problem = problem
        self.isUnknownKey = isUnknownKey
    }

    func error(file: String) -> ScenarioError {
        .invalid(file: file, keyPath: keyPath.description, problem: problem)
    }
}
