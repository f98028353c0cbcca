/// Where a run stands (`runs.status`).
///
/// A run is `running` from ``RunDescriptor`` being recorded until its rows commit with
/// `done` or `failed` in one transaction; a `running` row found later is an interrupted run
/// and is retried, as a `failed` one is.
public enum RunStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Started and not finished: in progress, or interrupted (crash, kill).
    case running
    /// Finished, with every row recorded.
    case done
    /// Finished without completing: the engine threw, or the simulated kernel panicked.
    case failed
}
