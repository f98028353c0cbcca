/// Small value types the report's queries return (``Store`` `+Report`): aggregates, never
/// whole event tables. Sizes are pages, times simulated milliseconds, as in the database.
public enum ReportData {
    /// A sweep (or, with a nil id, the runs recorded outside any sweep) and its run counts.
    public struct Sweep: Sendable, Equatable {
        public var sweepId: Int64?
        public var name: String
        /// The sweep file as given (`sweeps.spec`); nil for runs outside a sweep.
        public var spec: String?
        public var createdAt: String?
        public var toolVersion: String?
        public var done: Int
        public var failed: Int
        public var running: Int
        public var runs: Int { done + failed + running }
    }

    /// The headline metrics of the sweep page, as `run_metrics` defines them.
    public enum Metric: String, Sendable, CaseIterable {
        case pagesScanned = "pages_scanned"
        case pagesReclaimed = "pages_reclaimed"
        /// pages_reclaimed / pages_scanned, 0...1; NULL (left out) when nothing was scanned.
        case reclaimEfficiency = "reclaim_efficiency"
        case swapOuts = "swap_outs"
        case stallMs = "stall_ms"
        case oomKills = "oom_kills"
        /// t_ms of the first OOM invocation that killed; runs without a kill are left out.
        case firstKillMs = "first_kill_ms"
    }

    /// Minimum, mean and maximum of a metric over the seeds of one configuration.
    public struct Spread: Sendable, Equatable {
        /// Runs with a value (runs where the metric is NULL are not counted).
        public var count: Int
        public var min: Double
        public var mean: Double
        public var max: Double
        public init(count: Int, min: Double, mean: Double, max: Double) {
            self.count = count
            self.min = min
            self.mean = mean
            self.max = max
        }
    }

    /// One point of the sweep grid (all seeds of one kernel × swappiness × swap × laptop_mode).
    public struct ConfigPoint: Sendable, Equatable {
        public var kernel: String
        public var swappiness: Int
        public var swapPages: Int
        public var laptopMode: Int
        /// `done` runs (the ones the metrics describe).
        public var done: Int
        public var failed: Int
        /// Spreads of the metrics; a metric without any value is absent.
        public var metrics: [Metric: Spread]
    }

    /// One run, as listed on the sweep page and heading its run page.
    public struct Run: Sendable, Equatable {
        public var runId: Int64
        public var sweepId: Int64?
        public var scenario: String
        public var kernel: String
        public var modelVersion: String
        public var seed: Int64
        public var swappiness: Int
        public var swapPages: Int
        public var laptopMode: Int
        public var status: String
        public var error: String?
        public var durationMs: Int64
        public var pagesScanned: Int64?
        public var pagesReclaimed: Int64?
        public var swapOuts: Int64?
        public var stallMs: Int64?
        public var oomKills: Int64?
        public var reclaimCalls: Int64?
    }

    /// The limits usage is drawn against: the machine's RAM and each container's limit.
    public struct Limits: Sendable, Equatable {
        /// Pages of RAM (the zones' present_pages); nil when the run recorded no zone.
        public var ramPages: Int64?
        /// The containers by name.
        public var containers: [ContainerLimit]
    }

    /// A container's name and `limit_pages`.
    public struct ContainerLimit: Sendable, Equatable {
        public var name: String
        public var limitPages: Int64
    }

    /// Peak usage in one time bucket of `samples`, for the machine (container nil) or a container.
    public struct UsagePoint: Sendable, Equatable {
        public var container: String?
        /// Start of the bucket, ms.
        public var tMs: Int64
        /// Largest usage sampled in the bucket, pages.
        public var usage: Int64
        /// Largest swap_used sampled in the bucket, pages.
        public var swapUsed: Int64
    }

    /// Reclaim calls that started in one time bucket, by entry point and result.
    public struct CallBucket: Sendable, Equatable {
        public var tMs: Int64
        /// `container`, `direct` or `kswapd`.
        public var origin: String
        /// 1 success, 0 failure, nil unknown (live runs).
        public var result: Int?
        public var calls: Int
    }

    /// One OOM invocation with the names of the chosen task and the victim (`oom_outcomes`).
    public struct OOMEvent: Sendable, Equatable {
        public var oomNo: Int64
        public var tMs: Int64
        public var scope: String
        public var container: String?
        /// `killed`, `busy` or `none`.
        public var outcome: String
        public var chosenPid: Int64?
        public var chosenName: String?
        public var chosenPoints: Int64?
        public var victimPid: Int64?
        public var victimName: String?
        public var victimContainer: String?
    }

    /// Scan passes at one priority from one entry point.
    public struct PassBucket: Sendable, Equatable {
        public var priority: Int
        public var origin: String
        public var passes: Int
        /// Sum of nr_scanned (sc rule).
        public var scanned: Int64
    }

    /// One task the OOM killer's selection visited, with badness() factor by factor.
    public struct Candidate: Sendable, Equatable {
        public var round: Int
        public var pid: Int64
        public var name: String
        public var container: String?
        /// nil when the task was skipped.
        public var points: Int64?
        public var totalVm: Int64
        public var rss: Int64
        public var eligible: Bool
        public var skipReason: String?
        /// The badness() factors (m0007); nil where not recorded.
        public var basePoints: Int64?
        public var cpuDivisor: Int64?
        public var runDivisor: Int64?
        public var niceDoubled: Bool?
        public var capDivisor: Int64?
        public var adjShift: Int64?
        /// Modern oom_badness inputs (live runs).
        public var swapents: Int64?
        public var pgtablesBytes: Int64?
        public var oomScoreAdj: Int64?
    }

    /// The candidates of one OOM invocation's deciding round: the top of the ranking, with
    /// the chosen task and the victim always among them.
    public struct CandidateList: Sendable, Equatable {
        public var round: Int
        /// Tasks visited in that round (the list may hold fewer).
        public var visited: Int
        public var candidates: [Candidate]
    }

    /// What the database holds: its model versions, kernels and tool versions.
    public struct Provenance: Sendable, Equatable {
        public var modelVersions: [String]
        public var kernels: [String]
        public var toolVersions: [String]
        public var schemaVersion: String?
    }
}
