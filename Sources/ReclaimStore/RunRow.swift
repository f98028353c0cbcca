import GRDB
import ReclaimRecords

/// One line of the `runs` command: a run's identity, knobs, status and headline totals.
public struct RunRow: Sendable, Hashable {
    public var runId: Int64
    public var runKey: String
    public var scenario: String
    /// The seed as stored (the `Int64` bit pattern of the run's `UInt64` seed).
    public var seed: Int64
    public var swappiness: Int
    public var swapPages: Int
    public var laptopMode: Int
    public var status: RunStatus
    /// Why the run failed; nil unless `failed`.
    public var error: String?
    /// Totals; nil until the run finishes.
    public var oomKills: Int?
    public var pagesScanned: Int?
    public var pagesReclaimed: Int?
    /// Wall-clock ISO-8601 timestamps (provenance only).
    public var startedAt: String
    public var finishedAt: String?

    public init(
        runId: Int64, runKey: String, scenario: String, seed: Int64, swappiness: Int,
        swapPages: Int, laptopMode: Int, status: RunStatus, error: String?, oomKills: Int?,
        pagesScanned: Int?, pagesReclaimed: Int?, startedAt: String, finishedAt: String?
    ) {
        self.runId = runId
        self.runKey = runKey
        self.scenario = scenario
        self.seed = seed
        self.swappiness = swappiness
        self.swapPages = swapPages
        self.laptopMode = laptopMode
        self.status = status
        self.error = error
        self.oomKills = oomKills
        self.pagesScanned = pagesScanned
        self.pagesReclaimed = pagesReclaimed
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

extension RunRow: FetchableRecord {
    /// The columns ``Store/runs(status:)`` selects, in this order.
    static let columns = """
        run_id, run_key, scenario, seed, swappiness, swap_pages, laptop_mode, status, error,
        oom_kills, pages_scanned, pages_reclaimed, started_at, finished_at
        """

    public init(row: Row) throws {
        self.init(
            runId: try row.decode(forColumn: "run_id"), runKey: try row.decode(forColumn: "run_key"),
            scenario: try row.decode(forColumn: "scenario"), seed: try row.decode(forColumn: "seed"),
            swappiness: try row.decode(forColumn: "swappiness"),
            swapPages: try row.decode(forColumn: "swap_pages"),
            laptopMode: try row.decode(forColumn: "laptop_mode"),
            status: try row.decode(forColumn: "status"), error: try row.decode(forColumn: "error"),
            oomKills: try row.decode(forColumn: "oom_kills"),
            pagesScanned: try row.decode(forColumn: "pages_scanned"),
            pagesReclaimed: try row.decode(forColumn: "pages_reclaimed"),
            startedAt: try row.decode(forColumn: "started_at"),
            finishedAt: try row.decode(forColumn: "finished_at"))
    }
}
