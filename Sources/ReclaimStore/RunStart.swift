/// The answer of ``Store/beginRun(_:)``.
public enum RunStart: Sendable, Hashable {
    /// The run is claimed by this process and recorded as `running` under this id: simulate
    /// it, then `finishRun`. A retry of a `failed` run, or of a `running` one whose owner
    /// died (or that has no owner), reuses its id with its old rows deleted.
    case started(Int64)
    /// A run with this key is already `done`: skip it.
    case alreadyDone(Int64)
    /// A run with this key is `running` and its owner is alive (or on another host, where
    /// nothing here can tell): skip it; that process records it.
    case runningElsewhere(Int64, owner: RunOwner)

    /// The run's `run_id` either way.
    public var runId: Int64 {
        switch self {
        case .started(let id), .alreadyDone(let id), .runningElsewhere(let id, _): return id
        }
    }
}
