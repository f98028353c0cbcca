import ReclaimKernelFunctions

/// An imported report with both heuristics' verdicts on its task table: the modern
/// `oom_badness` selection (docs/model.md §9) and a replay of 2.6.20's `badness()` /
/// `select_bad_process` (docs/model.md §7).
public struct ScoredOOMReport: Sendable, Hashable {
    public var report: OOMReport
    /// Bytes per page: the killed process's `total-vm` kB over its table `total_vm` pages
    /// when that is a whole 4, 8, 16 or 64 KiB, else 4096.
    public var pageSize: Int
    /// `oc->totalpages` for the modern heuristic; nil when the report does not show it.
    public var totalPages: Int?
    /// How ``totalPages`` was found.
    public var totalPagesBasis: TotalPagesBasis
    /// Per row of `report.tasks`, in the same order.
    public var scores: [TaskScore]
    /// Row the modern selection picks; nil when nothing is eligible or the points are
    /// unknown (``totalPages`` nil and some `oom_score_adj` not 0).
    public var modernChosen: Int?
    /// Row 2.6.20 would pick; nil when nothing is eligible.
    public var legacyChosen: Int?
    /// Row the kernel killed.
    public var kernelKilled: Int

    /// Where `totalpages` came from.
    public enum TotalPagesBasis: String, Sendable, Hashable {
        /// memcg OOM: `memory:` limit plus `min(memory+swap limit - memory limit, swap)`
        /// (v1) or `min(swap: limit, swap)` (v2), with the swap total the report shows.
        case memcgLimitPlusSwap = "memcg_limit_plus_swap"
        /// memcg OOM whose report shows no swap total (memcg reports never do): the memory
        /// limit alone, i.e. a machine without swap is assumed.
        case memcgLimitNoSwapAssumed = "memcg_limit_no_swap_assumed"
        /// Global OOM: `N pages RAM` plus `Total swap` (0 when not shown).
        case ramPlusSwap = "ram_plus_swap"
        /// Not shown (no memcg limit, no `pages RAM`, or a cpuset/mempolicy constraint).
        case unknown
    }

    /// One task-table row's scores.
    public struct TaskScore: Sendable, Hashable {
        /// Modern `oom_badness` points; nil when excluded or unknown.
        public var modernPoints: Int?
        /// Why the modern heuristic excludes the task (``ModernOOM/Exclusion`` raw value).
        public var modernSkip: String?
        /// The legacy `oom_adj` the row's `oom_score_adj` maps to
        /// (``ModernOOM/legacyOOMAdj(fromScoreAdj:)``).
        public var legacyOOMAdj: Int
        /// 2.6.20 `badness()` points; nil when skipped.
        public var legacyPoints: UInt64?
        /// Why 2.6.20's selection skips the task: `init` (pid 1) or `oom_disable` (-17).
        public var legacySkip: String?
    }

    /// Scores `report` with both heuristics.
    public init(_ report: OOMReport) {
        self.report = report
        let killed = report.killedIndex ?? 0
        self.kernelKilled = killed
        let pageSize = Self.pageSize(report, killedRow: killed)
        self.pageSize = pageSize
        (self.totalPages, self.totalPagesBasis) = Self.totalPages(report, pageSize: pageSize)

        let modernInputs = report.tasks.map { Self.modernInput($0, pageSize: pageSize) }
        let adjMatters = modernInputs.contains { modernExclusion($0) == nil && $0.oomScoreAdj != 0 }
        let modern: ModernSelection? =
            totalPages != nil || !adjMatters
            ? selectModernVictim(modernInputs, totalPages: totalPages ?? 0, pageSize: pageSize) : nil
        self.modernChosen = modern?.chosen

        let legacy = Self.legacySelection(report.tasks)
        self.legacyChosen = legacy.chosen
        self.scores = report.tasks.indices.map { i in
            TaskScore(
                modernPoints: modern?.points[i], modernSkip: modernExclusion(modernInputs[i])?.rawValue,
                legacyOOMAdj: legacy.adj[i], legacyPoints: legacy.points[i], legacySkip: legacy.skip[i])
        }
    }

    /// The row as `oom_badness` reads it: `rss` (= anon + file + shmem), `swapents`,
    /// page tables; pid 1 is the global init (unkillable). Missing columns count 0.
    static func modernInput(_ t: OOMReportTask, pageSize: Int) -> ModernBadnessInput {
        ModernBadnessInput(
            rss: t.rss, swapEntries: t.swapents ?? 0,
            pgtablesBytes: t.pgtablesBytes ?? (t.pgtablesPages ?? 0) * pageSize,
            oomScoreAdj: t.oomScoreAdj ?? 0, unkillable: t.pid == 1)
    }

    /// 2.6.20's `select_bad_process` over the task table, in table order (docs/model.md §7.2):
    /// pid 1 and OOM_DISABLE skipped; `badness()` from `total_vm` only — the table has no
    /// CPU time, start time, nice, capabilities or children, so no divisions, no doubling
    /// and no children's `total_vm/2 + 1`; uid 0 quarters (euid taken equal to uid; an
    /// unknown uid counts as non-root); `oomkilladj` is the legacy `oom_adj` mapped from
    /// `oom_score_adj`. The first eligible task is taken even at 0 points and a later one
    /// needs strictly more (ties keep the first). The table lists processes, 2.6.20 visits
    /// threads; every thread of a process has the process's score, and with strict `>` the
    /// first of them wins, so visiting processes picks the same one.
    static func legacySelection(_ tasks: [OOMReportTask]) -> (adj: [Int], points: [UInt64?], skip: [String?], chosen: Int?) {
        var adj: [Int] = []
        var points: [UInt64?] = []
        var skip: [String?] = []
        var chosen: Int?
        var best: UInt64 = 0
        for (i, t) in tasks.enumerated() {
            let oomAdj = ModernOOM.legacyOOMAdj(fromScoreAdj: t.oomScoreAdj ?? 0)
            adj.append(oomAdj)
            if t.pid == 1 {
                points.append(nil)
                skip.append("init")
                continue
            }
            if oomAdj == KernelConstants.oomDisable {
                points.append(nil)
                skip.append("oom_disable")
                continue
            }
            let uid = t.uid ?? 1
            let p = badness(BadnessInput(totalVM: t.totalVM, uid: uid, oomAdj: oomAdj), uptimeSeconds: 0, hz: 250)
            points.append(p)
            skip.append(nil)
            if p > best || chosen == nil {
                chosen = i
                best = p
            }
        }
        return (adj, points, skip, chosen)
    }

    static func pageSize(_ report: OOMReport, killedRow: Int) -> Int {
        guard report.tasks.indices.contains(killedRow), let kb = report.killed.totalVMKB else {
            return ModernOOM.defaultPageSize
        }
        let pages = Int64(report.tasks[killedRow].totalVM)
        guard pages > 0, kb % pages == 0, [4, 8, 16, 64].contains(kb / pages) else { return ModernOOM.defaultPageSize }
        return Int(kb / pages) * 1024
    }

    /// `oc->totalpages` as far as the report shows it (see ``TotalPagesBasis``).
    static func totalPages(_ report: OOMReport, pageSize: Int) -> (Int?, TotalPagesBasis) {
        func pages(_ kb: Int64) -> Int { Int(clamping: kb / Int64(pageSize / 1024)) }
        let swapTotal = report.totalSwapKB.map { pages(Int64($0)) }
        switch report.scope {
        case "memcg":
            guard let memory = report.memory else { return (nil, .unknown) }
            let limit = pages(memory.limitKB)
            let allowance: Int
            if let memsw = report.memorySwap {
                allowance = max(0, pages(memsw.limitKB) - limit)
            } else if let swap = report.swap {
                allowance = pages(swap.limitKB)
            } else {
                allowance = Int.max
            }
            let total = ModernOOM.memcgTotalPages(memoryLimitPages: limit, swapAllowancePages: min(allowance, swapTotal ?? 0))
            return (total, swapTotal == nil ? .memcgLimitNoSwapAssumed : .memcgLimitPlusSwap)
        case "global":
            guard let ram = report.ramPages else { return (nil, .unknown) }
            return (ModernOOM.globalTotalPages(ramPages: ram, swapPages: swapTotal ?? 0), .ramPlusSwap)
        default:
            return (nil, .unknown)
        }
    }
}
