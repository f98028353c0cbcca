import ReclaimKernelFunctions

/// The one zone of the model (`ZONE_NORMAL`): its LRU lists and reclaim bookkeeping (docs/model.md §0).
public struct Zone: Sendable {
    public internal(set) var active = LRUList()
    public internal(set) var inactive = LRUList()
    /// `pages_scanned`: reset whenever a page is freed in the zone.
    public internal(set) var pagesScanned = 0
    /// `all_unreclaimable`: set only by kswapd, cleared on frees.
    public internal(set) var allUnreclaimable = false
    /// `prev_priority`, starts at `DEF_PRIORITY`.
    public internal(set) var prevPriority = KernelConstants.defPriority
    /// `nr_scan_active`, `nr_scan_inactive`: the scan accumulators (docs/model.md §2).
    public internal(set) var nrScanActive = 0
    public internal(set) var nrScanInactive = 0
    /// `pages_min`, `pages_low`, `pages_high`.
    public let watermarks: Watermarks

    public init(watermarks: Watermarks) { self.watermarks = watermarks }

    /// `nr_active + nr_inactive`.
    public var lruPages: Int { active.count + inactive.count }
}
