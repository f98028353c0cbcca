/// A request to stop a sweep early (Ctrl-C): the runner starts no more runs, lets the runs
/// in flight finish and commit, and reports the rest as not started.
///
/// Set from a signal handler's queue, read by the sweep's workers.
public final class SweepStop: Sendable {
    private let requested = SweepLock(false)

    public init() {}

    /// Asks the sweep to stop starting runs.
    public func request() { requested.withLock { $0 = true } }

    /// Whether a stop was asked for.
    public var isRequested: Bool { requested.withLock { $0 } }
}
