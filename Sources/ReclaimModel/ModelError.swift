/// Why a simulation run failed. The run is then recorded `failed` with this text, and its
/// event rows are not kept.
public enum ModelError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A model invariant broke (a bug in the model): checked at the end of every run, so the
    /// run fails instead of being recorded `done` with wrong rows.
    case invariant(String)

    public var description: String {
        switch self {
        case .invariant(let what):
            "model invariant violated: \(what)"
        }
    }
}
