/// What the modern (5.x/6.x) `oom_badness()` reads of a process (docs/model.md §9), as a plain value
/// so the heuristic can be tested on its own and shared: by the report importer, which
/// replays real kernels' task tables, and later by a "modern OOM policy" for simulated runs.
///
/// Sizes are pages, except ``pgtablesBytes`` (bytes, as `mm_pgtables_bytes()` and the
/// kernel's `pgtables_bytes` task-table column report it).
public struct ModernBadnessInput: Sendable, Hashable {
    /// `get_mm_rss(mm)`: anonymous + file + shmem resident pages.
    public var rss: Int
    /// `get_mm_counter(mm, MM_SWAPENTS)`: swap entries, pages.
    public var swapEntries: Int
    /// `mm_pgtables_bytes(mm)`: bytes of page tables.
    public var pgtablesBytes: Int
    /// `signal->oom_score_adj`, -1000 (OOM_SCORE_ADJ_MIN, never killed) ... 1000.
    public var oomScoreAdj: Int
    /// `oom_unkillable_task()`: the global init or a kernel thread.
    public var unkillable: Bool
    /// The mm is already being reaped (`MMF_OOM_SKIP`).
    public var oomSkip: Bool
    /// The task is in the middle of a vfork (`in_vfork()`).
    public var inVfork: Bool

    public init(
        rss: Int, swapEntries: Int = 0, pgtablesBytes: Int = 0, oomScoreAdj: Int = 0,
        unkillable: Bool = false, oomSkip: Bool = false, inVfork: Bool = false
    ) {
        self.rss = rss
        self.swapEntries = swapEntries
        self.pgtablesBytes = pgtablesBytes
        self.oomScoreAdj = oomScoreAdj
        self.unkillable = unkillable
        self.oomSkip = oomSkip
        self.inVfork = inVfork
    }
}

/// Constants and helpers of the modern OOM killer (`include/uapi/linux/oom.h`,
/// `mm/oom_kill.c`, `mm/memcontrol.c`, `fs/proc/base.c`).
public enum ModernOOM {
    /// `OOM_SCORE_ADJ_MIN`: the task is never chosen.
    public static let scoreAdjMin = -1000
    /// `OOM_SCORE_ADJ_MAX`.
    public static let scoreAdjMax = 1000
    /// `OOM_ADJUST_MAX`: the highest legacy `oom_adj` (2.6.20's `oomkilladj` range is -16 ... 15).
    public static let oomAdjustMax = 15
    /// The page size the fixtures' x86-64 kernels use, bytes.
    public static let defaultPageSize = 4096

    /// Why `oom_badness` returned `LONG_MIN` (the task is not a candidate).
    public enum Exclusion: String, Sendable, Hashable, CaseIterable {
        /// `oom_unkillable_task()`: init or a kernel thread.
        case unkillable
        /// `oom_score_adj == OOM_SCORE_ADJ_MIN` (-1000).
        case scoreAdjMin = "oom_score_adj_min"
        /// `MMF_OOM_SKIP`: already reaped.
        case oomSkip = "oom_skip"
        /// In the middle of a vfork.
        case inVfork = "in_vfork"
    }

    /// The legacy `oom_adj` (-17 ... 15) a modern kernel shows for `oom_score_adj`.
    ///
    /// This is `oom_adj_read()` of `fs/proc/base.c` (Linux 2.6.36 onwards; read in the
    /// torvalds/linux source, the `> 15` clamp being Charles Haithcock's 2020 fix "proc: fix
    /// oom_adj output"): 1000 gives OOM_ADJUST_MAX (15); otherwise
    /// `oom_score_adj * 17 / 1000` in C `int` arithmetic, so rounded toward zero
    /// (-1000 -> -17 = OOM_DISABLE, -999 -> -16, 59 -> 1, -59 -> 0), then anything above 15
    /// (883 ... 999 give 16) is clamped to 15.
    public static func legacyOOMAdj(fromScoreAdj scoreAdj: Int) -> Int {
        if scoreAdj == scoreAdjMax { return oomAdjustMax }
        let adj = scoreAdj * -KernelConstants.oomDisable / scoreAdjMax  // Swift `/` truncates like C
        return min(adj, oomAdjustMax)
    }

    /// `totalpages` of a memcg OOM: `mem_cgroup_get_max()` — the memory limit plus the swap
    /// the group may use — or 1 when that is 0 (`constrained_alloc`).
    ///
    /// - Parameters:
    ///   - memoryLimitPages: `memory.max` (v1 `memory.limit_in_bytes`), pages.
    ///   - swapAllowancePages: the swap it may use, pages: cgroup v1
    ///     `min(memsw limit - memory limit, total_swap_pages)`, v2
    ///     `min(swap.max, total_swap_pages)`; 0 without swap (or with `memory.swappiness` 0).
    public static func memcgTotalPages(memoryLimitPages: Int, swapAllowancePages: Int) -> Int {
        let (sum, overflow) = memoryLimitPages.addingReportingOverflow(max(0, swapAllowancePages))
        let total = overflow ? Int.max : sum
        return total == 0 ? 1 : total
    }

    /// `totalpages` of a global OOM: `totalram_pages() + total_swap_pages`.
    public static func globalTotalPages(ramPages: Int, swapPages: Int) -> Int {
        ramPages + swapPages
    }
}

/// `oom_badness(p, totalpages)` of Linux 5.9+ (docs/model.md §9, golden fact G16): the score of one
/// process, or nil where the kernel returns `LONG_MIN` (not a candidate).
///
/// `points = rss + swap entries + pgtables_bytes / PAGE_SIZE`, then
/// `points += oom_score_adj * (totalpages / 1000)` — the division first, so with a
/// `totalpages` under 1000 `oom_score_adj` counts for nothing. No CPU time, age, nice,
/// children or root terms; the result is signed and may be negative (still a candidate).
///
/// - Parameters:
///   - totalPages: `oc->totalpages` (``ModernOOM/memcgTotalPages(memoryLimitPages:swapAllowancePages:)``
///     or ``ModernOOM/globalTotalPages(ramPages:swapPages:)``).
///   - pageSize: bytes per page (the divisor of `pgtables_bytes`).
public func oomBadness(_ p: ModernBadnessInput, totalPages: Int, pageSize: Int = ModernOOM.defaultPageSize) -> Int? {
    modernExclusion(p) == nil ? modernPoints(p, totalPages: totalPages, pageSize: pageSize) : nil
}

/// Why `oom_badness` returns `LONG_MIN` for `p`, or nil when it scores it.
public func modernExclusion(_ p: ModernBadnessInput) -> ModernOOM.Exclusion? {
    if p.unkillable { return .unkillable }
    if p.oomScoreAdj == ModernOOM.scoreAdjMin { return .scoreAdjMin }
    if p.oomSkip { return .oomSkip }
    if p.inVfork { return .inVfork }
    return nil
}

/// The arithmetic of `oom_badness` without the exclusions (`long` in the kernel; Swift
/// traps on overflow, which needs sizes far beyond any machine).
func modernPoints(_ p: ModernBadnessInput, totalPages: Int, pageSize: Int) -> Int {
    precondition(pageSize > 0, "page size must be positive")
    let points = p.rss + p.swapEntries + p.pgtablesBytes / pageSize
    return points + p.oomScoreAdj * (totalPages / 1000)
}

/// What the modern selection found: every candidate's score in visiting order and the
/// chosen one.
public struct ModernSelection: Sendable, Hashable {
    /// Per candidate, in the order visited: its points, or nil when excluded (`LONG_MIN`).
    public var points: [Int?]
    /// Index of the chosen candidate; nil when every one was excluded.
    public var chosen: Int?
    /// The chosen candidate's points.
    public var chosenPoints: Int? { chosen.flatMap { points[$0] } }
}

/// `select_bad_process` / `oom_evaluate_task` of Linux 5.9+ (docs/model.md §9): per process, in
/// visiting order (the task list for a global OOM, `mem_cgroup_scan_tasks` for a memcg OOM;
/// the order the kernel prints its task table in).
///
/// `chosen_points` starts at `LONG_MIN`; a candidate is skipped when its score is
/// `LONG_MIN` or **lower** than the best, so an equal score replaces the choice and a tie
/// goes to the **later** process (the opposite of 2.6.20's strict `>`). A negative score is
/// still chosen when nothing scores higher. (Not modelled: an unreaped earlier victim
/// aborting the scan, `oom_task_origin` taking `LONG_MAX`, cpuset/mempolicy eligibility.)
///
/// - Complexity: O(n).
public func selectModernVictim(
    _ candidates: [ModernBadnessInput], totalPages: Int, pageSize: Int = ModernOOM.defaultPageSize
) -> ModernSelection {
    var points: [Int?] = []
    points.reserveCapacity(candidates.count)
    var chosen: Int?
    var best = Int.min
    for (index, candidate) in candidates.enumerated() {
        let score = oomBadness(candidate, totalPages: totalPages, pageSize: pageSize)
        points.append(score)
        guard let score, score >= best else { continue }
        chosen = index
        best = score
    }
    return ModernSelection(points: points, chosen: chosen)
}
