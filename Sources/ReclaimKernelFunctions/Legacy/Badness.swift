import ReclaimRecords

/// What `badness()` reads of a task (docs/model.md §7.1), as a plain value so the heuristic can be
/// tested bit for bit and reused (e.g. to replay imported OOM reports).
public struct BadnessInput: Sendable, Hashable {
    /// The task has an mm (kernel threads and reaped tasks do not).
    public var hasMM: Bool
    /// `mm->total_vm` in pages.
    public var totalVM: Int
    /// PF_SWAPOFF.
    public var swapoff: Bool
    /// `total_vm` of each child with its own mm (children sharing the parent's mm omitted),
    /// oldest first.
    public var childrenTotalVM: [Int]
    /// `utime + stime` in jiffies.
    public var cpuJiffies: Int
    /// Task start, whole seconds of monotonic uptime.
    public var startSeconds: Int
    public var nice: Int
    public var uid: Int
    public var euid: Int
    public var caps: Capabilities
    /// `oomkilladj`.
    public var oomAdj: Int
    /// False when a container filter is given and the task's mm belongs to another
    /// container (docs/model.md §8.5/§8.6 item 6): badness is then 0.
    public var inFilter: Bool

    public init(
        hasMM: Bool = true, totalVM: Int, swapoff: Bool = false, childrenTotalVM: [Int] = [],
        cpuJiffies: Int = 0, startSeconds: Int = 0, nice: Int = 0, uid: Int = 1000,
        euid: Int? = nil, caps: Capabilities = [], oomAdj: Int = 0, inFilter: Bool = true
    ) {
        self.hasMM = hasMM
        self.totalVM = totalVM
        self.swapoff = swapoff
        self.childrenTotalVM = childrenTotalVM
        self.cpuJiffies = cpuJiffies
        self.startSeconds = startSeconds
        self.nice = nice
        self.uid = uid
        self.euid = euid ?? uid
        self.caps = caps
        self.oomAdj = oomAdj
        self.inFilter = inFilter
    }
}

/// The factors of `badness(p, uptime, rss)` (docs/model.md §7.1, §8.5), or nil when it returns
/// before computing any: no mm (0), a task outside the filter container (0), PF_SWAPOFF
/// (ULONG_MAX).
public func badnessFactors(_ p: BadnessInput, uptimeSeconds: Int, hz: Int) -> BadnessFactors? {
    guard p.hasMM, p.inFilter, !p.swapoff else { return nil }
    var base = UInt64(p.totalVM)
    for child in p.childrenTotalVM {
        base &+= UInt64(child) / 2 + 1
    }
    let cpuTime = UInt64(p.cpuJiffies) >> UInt64(KernelConstants.shiftHZ(hz) + 3)
    let runTime: UInt64 = uptimeSeconds >= p.startSeconds ? UInt64(uptimeSeconds - p.startSeconds) >> 10 : 0
    var cap = 1
    if p.caps.contains(.sysAdmin) || p.uid == 0 || p.euid == 0 { cap *= 4 }
    if p.caps.contains(.sysRawio) { cap *= 4 }
    return BadnessFactors(
        basePoints: base, cpuDivisor: max(1, intSqrt(cpuTime)), runDivisor: max(1, intSqrt(intSqrt(runTime))),
        niceDoubled: p.nice > 0, capDivisor: cap, adjShift: p.oomAdj)
}

/// `badness(p, uptime, rss)` of 2.6.20 with the RSS-container filter (docs/model.md §7.1, §8.5).
///
/// All arithmetic is unsigned 64-bit as in the kernel (`unsigned long`), in the fixed order:
/// no mm -> 0; foreign container -> 0; `total_vm`; PF_SWAPOFF -> ULONG_MAX; children's
/// `total_vm/2 + 1`; divide by `isqrt(cpu_time)` with `cpu_time = jiffies >> (SHIFT_HZ+3)`;
/// divide by `isqrt(isqrt(run_time))` with `run_time = age_seconds >> 10`; nice > 0 doubles;
/// CAP_SYS_ADMIN or root quarters; CAP_SYS_RAWIO quarters; `oomkilladj` shifts.
///
/// - Parameters:
///   - uptimeSeconds: monotonic uptime, whole seconds.
///   - hz: the timer frequency (for SHIFT_HZ).
public func badness(_ p: BadnessInput, uptimeSeconds: Int, hz: Int) -> UInt64 {
    if let factors = badnessFactors(p, uptimeSeconds: uptimeSeconds, hz: hz) { return factors.apply() }
    return p.hasMM && p.inFilter && p.swapoff ? UInt64.max : 0
}
