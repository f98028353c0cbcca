/// Why a live run cannot start or went wrong. Every case says what to do about it.
public enum LiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The machine cannot run live scenarios (not root, no memory controller, no tracefs,
    /// too little free memory, another live run in progress); the CLI exits 69 (`EX_UNAVAILABLE`).
    case unavailable(String)
    /// The scenario asks for something the live kernel must not do (e.g. `panic_on_oom`); 64.
    case refused(keyPath: String, reason: String)
    /// A kernel interface answered with an error (file, operation, errno text); 71 (`EX_OSERR`).
    case system(path: String, operation: String, detail: String)
    /// The run was interrupted (SIGINT/SIGTERM/SIGHUP); everything it made was removed.
    case interrupted(signal: Int32)

    public var description: String {
        switch self {
        case .unavailable(let reason):
            "live runs are unavailable on this machine: \(reason)"
        case .refused(let keyPath, let reason):
            "\(keyPath): \(reason)"
        case .system(let path, let operation, let detail):
            "\(operation) \(path): \(detail)"
        case .interrupted(let signal):
            "live run interrupted by signal \(signal); everything it created was removed"
        }
    }
}
