/// A reclaim call of the live kernel: a `memcg_reclaim_begin`/`_end` (or direct reclaim)
/// pair of one task, with its passes (one per priority it scanned at).
public struct LiveReclaimCall: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// `try_to_free_mem_cgroup_pages`: the task charged a memcg over its limit.
        case memcg
        /// `try_to_free_pages` from the page allocator.
        case direct
    }

    public var origin: Origin
    public var pid: Int32
    /// Begin and end, trace-clock nanoseconds.
    public var beginNs: UInt64
    public var endNs: UInt64
    /// The end event's `nr_reclaimed`.
    public var nrReclaimed: Int
    /// Sum of the inactive shrink events' `nr_scanned`.
    public var totalScanned: Int
    /// Sum of `mm_vmscan_throttled` `usec_delayed` inside the call, µs.
    public var throttledUsec: Int
    /// Passes in the order their priority was first seen (12 down to 0).
    public var passes: [LivePass]

    /// The lowest priority scanned (the last pass); nil when no shrink event was traced.
    public var lastPriority: Int? { passes.map(\.priority).min() }

    public init(origin: Origin, pid: Int32, beginNs: UInt64, endNs: UInt64, nrReclaimed: Int, totalScanned: Int, throttledUsec: Int, passes: [LivePass]) {
        self.origin = origin
        self.pid = pid
        self.beginNs = beginNs
        self.endNs = endNs
        self.nrReclaimed = nrReclaimed
        self.totalScanned = totalScanned
        self.throttledUsec = throttledUsec
        self.passes = passes
    }
}

/// The shrink events of one call at one priority, summed (a `scan_passes` row).
public struct LivePass: Sendable, Hashable {
    public var priority: Int
    /// Inactive-list `nr_scanned`, summed.
    public var nrScanned = 0
    /// Inactive-list `nr_reclaimed`, summed.
    public var nrReclaimed = 0
    /// Active-list `nr_taken`, summed.
    public var activeScanned = 0
    /// Active-list `nr_deactivated`, summed.
    public var deactivated = 0
    /// Pages isolated from either list whose events carried `RECLAIM_WB_ANON` / `_FILE`.
    public var anonScanned = 0
    public var fileScanned = 0
    /// `nr_activate_anon + nr_activate_file`, summed.
    public var activated = 0
    /// `nr_dirty`, summed.
    public var keptDirty = 0
    /// `mm_vmscan_write_folio` events attributed to the pass (those before its shrink event).
    public var writebackStarted = 0
    /// Of those, swap-outs (`RECLAIM_WB_ANON`).
    public var swapOuts = 0

    public init(priority: Int) { self.priority = priority }
}
