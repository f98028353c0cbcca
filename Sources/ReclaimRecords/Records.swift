/// Rows the simulator reports, one type per table of the database (docs/database.md).
///
/// Times are milliseconds of simulated time since the run start (`jiffies * 1000 / hz`,
/// floored). Page counts are pages. All types are plain `Sendable` values so a run's events
/// can be handed to the store as immutable batches.

/// Which reclaim entry point a call went through.
public enum ReclaimOrigin: String, Sendable, Hashable {
    /// `container_try_to_free_pages` (docs/model.md §8.6).
    case container
    /// `try_to_free_pages` from the allocator slow path (docs/model.md §1).
    case direct
    /// `balance_pgdat` (docs/model.md §6).
    case kswapd
}

/// One call of a reclaim entry point (`reclaim_calls`).
public struct ReclaimCallRecord: Sendable, Hashable {
    public var callNo: Int
    public var tMs: Int64
    public var origin: ReclaimOrigin
    public var container: String?
    public var pid: Int32?
    /// 1 = success, 0 = failure (the entry point's return value).
    public var result: Int
    /// Pages freed over the whole call (cumulative over priorities).
    public var nrReclaimed: Int
    /// Sum of `sc.nr_scanned` over the call's passes (docs/model.md §4 counting rules).
    public var totalScanned: Int
    /// Priority of the last pass run (0...12).
    public var lastPriority: Int
    /// Whether the call woke pdflush (total_scanned > 48).
    public var pdflushWoken: Bool
    /// Simulated time the caller slept in `congestion_wait`/`throttle_vm_writeout`, ms.
    public var stallMs: Int64
    /// Columns the engine has no figure for, stored NULL (a live call: see docs/live.md).
    public var unknown: UnknownColumns = []

    /// Columns of `reclaim_calls` an engine may leave NULL.
    public struct UnknownColumns: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let result = Self(rawValue: 1 << 0)
        public static let lastPriority = Self(rawValue: 1 << 1)
        public static let pdflushWoken = Self(rawValue: 1 << 2)
        public static let stallMs = Self(rawValue: 1 << 3)
    }

    public init(
        callNo: Int, tMs: Int64, origin: ReclaimOrigin, container: String?, pid: Int32?,
        result: Int, nrReclaimed: Int, totalScanned: Int, lastPriority: Int,
        pdflushWoken: Bool, stallMs: Int64, unknown: UnknownColumns = []
    ) {
        self.callNo = callNo
        self.tMs = tMs
        self.origin = origin
        self.container = container
        self.pid = pid
        self.result = result
        self.nrReclaimed = nrReclaimed
        self.totalScanned = totalScanned
        self.lastPriority = lastPriority
        self.pdflushWoken = pdflushWoken
        self.stallMs = stallMs
        self.unknown = unknown
    }
}

/// One priority iteration of a reclaim call (`scan_passes`).
public struct ScanPassRecord: Sendable, Hashable {
    public var callNo: Int
    public var priority: Int
    /// The call's `sc.nr_scanned` for this pass: +1 per locked page, +1 more when mapped or
    /// in swap cache (docs/model.md §4 rules 2 and 4). The container active step adds nothing.
    public var nrScanned: Int
    /// Pages freed during this pass.
    public var nrReclaimed: Int
    /// Active-list entries isolated by the active step.
    public var activeScanned: Int
    /// Pages moved active -> inactive by the active step.
    public var deactivated: Int
    /// Inactive-list entries isolated by the inactive step (list entries, not `sc` units).
    public var inactiveScanned: Int
    /// Pages `shrink_page_list` sent back to the active list (ACTIVATE outcomes).
    public var activated: Int
    /// Dirty pages kept at rule 9 without starting writeout.
    public var keptDirty: Int
    /// Pages whose writeout `pageout()` started (file writeback or swap-out).
    public var writebackStarted: Int
    /// `sc.may_writepage` in force during the pass.
    public var mayWritepage: Bool
    /// `reclaim_mapped` of the active step (always 1 on the container path).
    public var reclaimMapped: Bool
    /// NULL on the container path (no swap_tendency computation there, docs/model.md §8.6).
    public var swapTendency: Int?
    public var distress: Int?
    public var mappedRatio: Int?
    /// The zone's `prev_priority` during the pass, after "note scanning priority" (global
    /// paths); NULL on the container path, which keeps none.
    public var prevPriority: Int?
    /// Milliseconds slept after this pass (throttle_vm_writeout plus congestion_wait).
    public var congestionWaitMs: Int64
    /// Pages isolated in the pass from either list that are anonymous / page cache (list
    /// rule; issue 15: both engines fill them); nil = not counted.
    public var anonScanned: Int?
    public var fileScanned: Int?
    /// Columns the engine has no figure for, stored NULL (a live pass: see docs/live.md).
    public var unknown: UnknownColumns = []

    /// Columns of `scan_passes` an engine may leave NULL (the nullable ones not already optional).
    public struct UnknownColumns: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let mayWritepage = Self(rawValue: 1 << 0)
        public static let reclaimMapped = Self(rawValue: 1 << 1)
        public static let congestionWait = Self(rawValue: 1 << 2)
    }

    public init(
        callNo: Int, priority: Int, nrScanned: Int = 0, nrReclaimed: Int = 0,
        activeScanned: Int = 0, deactivated: Int = 0, inactiveScanned: Int = 0,
        activated: Int = 0, keptDirty: Int = 0, writebackStarted: Int = 0,
        mayWritepage: Bool, reclaimMapped: Bool, swapTendency: Int? = nil,
        distress: Int? = nil, mappedRatio: Int? = nil, prevPriority: Int? = nil, congestionWaitMs: Int64 = 0,
        anonScanned: Int? = nil, fileScanned: Int? = nil, unknown: UnknownColumns = []
    ) {
        self.callNo = callNo
        self.priority = priority
        self.nrScanned = nrScanned
        self.nrReclaimed = nrReclaimed
        self.activeScanned = activeScanned
        self.deactivated = deactivated
        self.inactiveScanned = inactiveScanned
        self.activated = activated
        self.keptDirty = keptDirty
        self.writebackStarted = writebackStarted
        self.mayWritepage = mayWritepage
        self.reclaimMapped = reclaimMapped
        self.swapTendency = swapTendency
        self.distress = distress
        self.mappedRatio = mappedRatio
        self.prevPriority = prevPriority
        self.congestionWaitMs = congestionWaitMs
        self.anonScanned = anonScanned
        self.fileScanned = fileScanned
        self.unknown = unknown
    }
}

public enum OOMScope: String, Sendable, Hashable {
    case container
    case global
}

public enum OOMOutcome: String, Sendable, Hashable {
    /// A task was signalled.
    case killed
    /// Selection aborted on a `TIF_MEMDIE` or foreign `PF_EXITING` thread (docs/model.md §7.2).
    case busy
    /// Nothing could be killed.
    case none
}

/// One invocation of an OOM killer (`oom_events`).
public struct OOMEventRecord: Sendable, Hashable {
    public var oomNo: Int
    public var tMs: Int64
    public var scope: OOMScope
    public var container: String?
    public var triggerPid: Int32?
    public var outcome: OOMOutcome
    /// The task `select_bad_process` returned (or current, docs/model.md §8.6 item 5).
    public var chosenPid: Int32?
    /// Its badness; `UInt64.max` (ULONG_MAX) is stored saturated at `Int64.max`.
    public var chosenPoints: UInt64?
    /// The task actually signalled: a child of the chosen one when §7.3 kills a child first.
    public var victimPid: Int32?
    public var victimContainer: String?
    /// The reclaim call whose failure led to this invocation (the container charge loop's
    /// `container_try_to_free_pages`, the allocator's `try_to_free_pages`); nil when none.
    public var callNo: Int?
    /// A live run's chosen score, modern `oom_badness` (may be negative); stored in
    /// `chosen_points` instead of ``chosenPoints`` when set.
    public var modernChosenPoints: Int?

    public init(
        oomNo: Int, tMs: Int64, scope: OOMScope, container: String?, triggerPid: Int32?,
        outcome: OOMOutcome, chosenPid: Int32?, chosenPoints: UInt64?, victimPid: Int32?,
        victimContainer: String?, callNo: Int? = nil, modernChosenPoints: Int? = nil
    ) {
        self.callNo = callNo
        self.oomNo = oomNo
        self.tMs = tMs
        self.scope = scope
        self.container = container
        self.triggerPid = triggerPid
        self.outcome = outcome
        self.chosenPid = chosenPid
        self.chosenPoints = chosenPoints
        self.victimPid = victimPid
        self.victimContainer = victimContainer
        self.modernChosenPoints = modernChosenPoints
    }
}

/// Why `select_bad_process` did not score a task (docs/model.md §7.2).
public enum OOMSkipReason: String, Sendable, Hashable {
    case noMM = "no_mm"
    case initTask = "init"
    case memdie = "tif_memdie"
    case exiting = "pf_exiting"
    case oomDisable = "oom_disable"
}

/// Every task visited by one selection (`oom_candidates`).
public struct OOMCandidateRecord: Sendable, Hashable {
    public var oomNo: Int
    /// 1 for the first selection of an OOM invocation, 2... when a failed kill re-selects.
    public var round: Int
    public var pid: Int32
    public var name: String
    public var container: String?
    /// Badness, when scored (nil when skipped); ULONG_MAX saturates like `chosenPoints`.
    public var points: UInt64?
    public var totalVM: Int
    public var rss: Int
    public var eligible: Bool
    public var skipReason: OOMSkipReason?
    /// 1, 2, ...: the place of the task in `select_bad_process`'s walk of the task list
    /// (creation order, docs/model.md §7.2) within this round; nil when not known (hand-built rows).
    public var visitNo: Int?
    /// `badness()` factor by factor (the `oom_candidates` factor columns); nil when the task
    /// was skipped or badness returned before computing any (outside the filter container,
    /// PF_SWAPOFF, the exiting current task).
    public var factors: BadnessFactors?
    /// Live runs: the kernel's task dump row — modern `oom_badness` points (may be
    /// negative; stored in `points` instead of ``points`` when set), swap entries, page
    /// tables in bytes and `oom_score_adj`. nil for simulated runs.
    public var modernPoints: Int?
    public var swapents: Int?
    public var pgtablesBytes: Int?
    public var oomScoreAdj: Int?
    /// A live run's reason the modern heuristic skips the task (`oom_score_adj_min`,
    /// `unkillable`, ...): stored in `skip_reason` when set.
    public var modernSkipReason: String?

    public init(
        oomNo: Int, round: Int, pid: Int32, name: String, container: String?, points: UInt64?,
        totalVM: Int, rss: Int, eligible: Bool, skipReason: OOMSkipReason?, visitNo: Int? = nil,
        factors: BadnessFactors? = nil
    ) {
        self.factors = factors
        self.oomNo = oomNo
        self.round = round
        self.visitNo = visitNo
        self.pid = pid
        self.name = name
        self.container = container
        self.points = points
        self.totalVM = totalVM
        self.rss = rss
        self.eligible = eligible
        self.skipReason = skipReason
    }
}

/// One point of the periodic time series (`samples`); `container == nil` is the machine.
public struct SampleRecord: Sendable, Hashable {
    public var tMs: Int64
    public var container: String?
    /// Charged pages (container) or used pages (machine: RAM - free).
    public var usage: Int
    public var active: Int
    public var inactive: Int
    public var dirty: Int
    public var writeback: Int
    /// Swap slots in use (machine) or swap entries held by the container's tasks.
    public var swapUsed: Int
    /// Free pages (machine) or `limit - usage` (container).
    public var free: Int

    public init(
        tMs: Int64, container: String?, usage: Int, active: Int, inactive: Int, dirty: Int,
        writeback: Int, swapUsed: Int, free: Int
    ) {
        self.tMs = tMs
        self.container = container
        self.usage = usage
        self.active = active
        self.inactive = inactive
        self.dirty = dirty
        self.writeback = writeback
        self.swapUsed = swapUsed
        self.free = free
    }
}

/// What each simulated task was and how it ended (`tasks`).
public struct TaskRecord: Sendable, Hashable {
    public var pid: Int32
    public var name: String
    public var container: String?
    public var parentPid: Int32?
    public var uid: Int
    public var nice: Int
    public var oomAdj: Int
    public var workload: String
    /// Start, ms since the run start (negative: started before the run).
    public var startMs: Int64
    /// Exit time in ms, nil if still alive at the end.
    public var exitMs: Int64?
    /// Killed by an OOM killer.
    public var oomKilled: Bool
    /// Peak resident pages and final total_vm.
    public var maxRSS: Int
    public var totalVM: Int
    public var cpuJiffies: Int
    public var faults: Int
    public var majorFaults: Int

    public init(
        pid: Int32, name: String, container: String?, parentPid: Int32?, uid: Int, nice: Int,
        oomAdj: Int, workload: String, startMs: Int64, exitMs: Int64?, oomKilled: Bool,
        maxRSS: Int, totalVM: Int, cpuJiffies: Int, faults: Int, majorFaults: Int
    ) {
        self.pid = pid
        self.name = name
        self.container = container
        self.parentPid = parentPid
        self.uid = uid
        self.nice = nice
        self.oomAdj = oomAdj
        self.workload = workload
        self.startMs = startMs
        self.exitMs = exitMs
        self.oomKilled = oomKilled
        self.maxRSS = maxRSS
        self.totalVM = totalVM
        self.cpuJiffies = cpuJiffies
        self.faults = faults
        self.majorFaults = majorFaults
    }
}

/// What each container was at the end of the run (`containers`).
public struct ContainerRecord: Sendable, Hashable {
    public var name: String
    public var limitPages: Int
    /// Charge attempts that failed (`usage + 1 > limit`, docs/model.md §8.2).
    public var failcnt: Int
    public var maxUsage: Int
    public var finalUsage: Int

    public init(name: String, limitPages: Int, failcnt: Int, maxUsage: Int, finalUsage: Int) {
        self.name = name
        self.limitPages = limitPages
        self.failcnt = failcnt
        self.maxUsage = maxUsage
        self.finalUsage = finalUsage
    }
}

/// A zone and its watermarks (`zones`).
public struct ZoneRecord: Sendable, Hashable {
    public var name: String
    public var presentPages: Int
    public var pagesMin: Int
    public var pagesLow: Int
    public var pagesHigh: Int

    public init(name: String, presentPages: Int, pagesMin: Int, pagesLow: Int, pagesHigh: Int) {
        self.name = name
        self.presentPages = presentPages
        self.pagesMin = pagesMin
        self.pagesLow = pagesLow
        self.pagesHigh = pagesHigh
    }
}

/// Run totals (columns of `runs`).
public struct RunTotals: Sendable, Hashable {
    /// Page references the tasks made (hits and faults).
    public var pageRefs = 0
    public var faults = 0
    public var majorFaults = 0
    /// Sum of `sc.nr_scanned` over every reclaim call (docs/model.md §4 rules).
    public var pagesScanned = 0
    public var pagesReclaimed = 0
    public var oomKills = 0
    public var stallMs: Int64 = 0
    /// Pages whose writeback was started (pageout from reclaim and pdflush).
    public var pagesWrittenBack = 0
    public var swapOuts = 0
    public var swapIns = 0
    /// Reclaim calls and OOM invocations, for convenience.
    public var reclaimCalls = 0
    public var oomEvents = 0
    /// Block requests allocated per direction, after merging (docs/model.md §13.A).
    public var readRequests = 0
    public var writeRequests = 0
    /// Live runs: trace events the ring buffer lost (`runs.events_lost`); nil for simulated runs.
    public var eventsLost: Int?
    /// Live runs: the scenario key paths the real kernel cannot honour (`runs.ignored_keys`).
    public var ignoredKeys: [String]?
    /// Totals the engine has no figure for, stored NULL (live: see docs/live.md).
    public var unknown: UnknownColumns = []

    /// Columns of the `runs` totals an engine may leave NULL.
    public struct UnknownColumns: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let pageRefs = Self(rawValue: 1 << 0)
        public static let swapIns = Self(rawValue: 1 << 1)
        public static let pagesWrittenBack = Self(rawValue: 1 << 2)
        /// `read_requests` and `write_requests`: the live engine counts no block requests.
        public static let blockRequests = Self(rawValue: 1 << 3)
    }

    public init() {}
}
