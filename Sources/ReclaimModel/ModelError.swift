/// Why a simulation run could not go on. The run is then recorded `failed` with this text.
public enum ModelError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A model invariant broke (a bug in the model, reported instead of writing wrong data).
    case invariant(String)

    public var description: String {
        switch self {
        case .invariant(let what):
            "model invariant violated: \(what)"
        }
    }
}
