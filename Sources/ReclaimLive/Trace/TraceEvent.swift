/// One decoded tracepoint hit of a live run (tracefs `vmscan` and `oom` events), by the
/// fields of the event's format file.
public struct TraceEvent: Sendable, Hashable {
    /// Nanoseconds on the instance's trace clock (`mono`: `CLOCK_MONOTONIC`).
    public var ts: UInt64
    /// `common_pid`: the task the event fired in (memcg reclaim runs in the charging task).
    public var pid: Int32
    public var kind: Kind

    public init(ts: UInt64, pid: Int32, kind: Kind) {
        self.ts = ts
        self.pid = pid
        self.kind = kind
    }

    public enum Kind: Sendable, Hashable {
        /// `mm_vmscan_memcg_reclaim_begin`.
        case memcgReclaimBegin
        /// `mm_vmscan_memcg_reclaim_end` with its `nr_reclaimed`.
        case memcgReclaimEnd(nrReclaimed: Int)
        /// `mm_vmscan_direct_reclaim_begin`.
        case directReclaimBegin
        /// `mm_vmscan_direct_reclaim_end` with its `nr_reclaimed`.
        case directReclaimEnd(nrReclaimed: Int)
        /// `mm_vmscan_lru_shrink_inactive`.
        case shrinkInactive(ShrinkInactive)
        /// `mm_vmscan_lru_shrink_active`.
        case shrinkActive(ShrinkActive)
        /// `mm_vmscan_write_folio`: reclaim started writeout of a folio; `anon` from
        /// `RECLAIM_WB_ANON` (a swap-out), else file writeback.
        case writeFolio(anon: Bool)
        /// `mm_vmscan_throttled`: the task slept `usecDelayed` µs.
        case throttled(usecDelayed: Int)
        /// `oom:mark_victim`: the OOM killer chose `victim`.
        case markVictim(victim: Int32)
    }
}

/// `RECLAIM_WB_ANON` and `RECLAIM_WB_FILE` of `reclaim_flags` (include/trace/events/vmscan.h).
public enum ReclaimWBFlags {
    public static let anon = 0x0001
    public static let file = 0x0002
}

/// `mm_vmscan_lru_shrink_inactive` fields.
public struct ShrinkInactive: Sendable, Hashable {
    public var nrScanned: Int
    public var nrReclaimed: Int
    public var nrDirty: Int
    public var nrWriteback: Int
    /// `nr_activate0` (anon) + `nr_activate1` (file).
    public var nrActivateAnon: Int
    public var nrActivateFile: Int
    public var priority: Int
    /// `reclaim_flags`: ``ReclaimWBFlags``.
    public var flags: Int

    public init(
        nrScanned: Int, nrReclaimed: Int, nrDirty: Int = 0, nrWriteback: Int = 0, nrActivateAnon: Int = 0,
        nrActivateFile: Int = 0, priority: Int, flags: Int
    ) {
        self.nrScanned = nrScanned
        self.nrReclaimed = nrReclaimed
        self.nrDirty = nrDirty
        self.nrWriteback = nrWriteback
        self.nrActivateAnon = nrActivateAnon
        self.nrActivateFile = nrActivateFile
        self.priority = priority
        self.flags = flags
    }
}

/// `mm_vmscan_lru_shrink_active` fields.
public struct ShrinkActive: Sendable, Hashable {
    public var nrTaken: Int
    public var nrDeactivated: Int
    public var priority: Int
    public var flags: Int

    public init(nrTaken: Int, nrDeactivated: Int, priority: Int, flags: Int) {
        self.nrTaken = nrTaken
        self.nrDeactivated = nrDeactivated
        self.priority = priority
        self.flags = flags
    }
}
