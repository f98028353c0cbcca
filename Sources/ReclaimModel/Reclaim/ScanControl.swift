import ReclaimKernelFunctions

/// `struct scan_control` of mm/vmscan.c (docs/model.md §1, §8.6 item 4).
public struct ScanControl: Sendable, Hashable {
    /// Incremented by `shrink_page_list` per docs/model.md §4 rules 2 and 4; reset per priority.
    public var nrScanned = 0
    public var mayWritepage: Bool
    public var maySwap = true
    public var swapClusterMax = KernelConstants.swapClusterMax
    /// Copied from `vm_swappiness`; never read on the container path (docs/model.md §8.6 item 2).
    public var swappiness: Int
    /// `GFP_KERNEL` carries `__GFP_FS` and `__GFP_IO` (docs/model.md §4 rule 9).
    public var gfpCanFS = true
    /// The reclaiming task has `PF_SWAPWRITE` (`may_write_to_queue`): it may write to a
    /// congested queue. Only kswapd sets it ("kswapd may always write", docs/model.md §4 rule 9);
    /// direct and container reclaimers keep dirty file pages while the disk is congested.
    public var swapWrite = false

    public init(mayWritepage: Bool, swappiness: Int) {
        self.mayWritepage = mayWritepage
        self.swappiness = swappiness
    }
}

/// Per-pass tallies of what `shrink_page_list` and the list steps did (for `scan_passes`).
public struct PassStats: Sendable, Hashable {
    public var nrReclaimed = 0
    public var activeScanned = 0
    public var deactivated = 0
    public var inactiveScanned = 0
    public var activated = 0
    public var keptDirty = 0
    public var writebackStarted = 0
    /// Pages isolated from either list that are anonymous / page cache (issue 15).
    public var anonScanned = 0
    public var fileScanned = 0
    /// The last `reclaim_mapped` decision of a global active step in the pass.
    public var decision: ReclaimMappedDecision?
    public init() {}
}
