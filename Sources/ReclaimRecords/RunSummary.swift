/// The end of a run: what the `runs`, `tasks` and `containers` tables need beyond events.
public struct RunSummary: Sendable, Hashable {
    public var totals: RunTotals
    public var tasks: [TaskRecord]
    public var containers: [ContainerRecord]
    /// The zones and their watermarks (one, `Normal`).
    public var zones: [ZoneRecord]
    /// Set when the run ended early (e.g. `panic_on_oom`); the run is then `failed`.
    public var panic: String?

    public init(
        totals: RunTotals, tasks: [TaskRecord], containers: [ContainerRecord], zones: [ZoneRecord] = [],
        panic: String? = nil
    ) {
        self.totals = totals
        self.tasks = tasks
        self.containers = containers
        self.zones = zones
        self.panic = panic
    }
}
