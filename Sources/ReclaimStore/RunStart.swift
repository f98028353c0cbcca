/// The answer of ``Store/beginRun(_:)``.
public enum RunStart: Sendable, Hashable {
    /// The run is recorded as `running` under this id: simulate it, then `finishRun`.
    /// A retry of a `failed` or interrupted run reuses its id with its old rows deleted.
    case started(Int64)
    /// A run with this key is already `done`: skip it.
    case alreadyDone(Int64)

    /// The run's `run_id` either way.
    public var runId: Int64 {
        switch self {
        case .started(let id), .alreadyDone(let id): return id
        }
    }
}
