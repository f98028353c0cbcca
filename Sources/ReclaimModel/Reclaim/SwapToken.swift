/// The swap token of 2.6.20 (mm/thrash.c, docs/model.md §13.G): one mm at a time holds it, and
/// reclaim treats the holder's pages as referenced while the holder is inside a page fault.
/// No timeout (docs/model.md §13.G): the token changes hands only by priority, and is dropped at
/// priority 0 of direct reclaim and kswapd, and when the holder's mm goes away.
struct SwapToken: Sendable, Hashable {
    /// `swap_token_mm`: the holder's task index (the model has one mm per task), nil = none.
    var holder: Int?
    /// `global_faults`: swap-cache misses so far (an `unsigned int`).
    var globalFaults: UInt32 = 0
}

/// The per-mm fields `grab_swap_token` keeps (`struct mm_struct`).
struct SwapTokenMM: Sendable, Hashable {
    /// `token_priority`: an `unsigned int`, so 0 - 1 wraps to `UInt32.max` (§13.G: the
    /// `< 0` clamp is dead code).
    var priority: UInt32 = 0
    /// `faultstamp`: `global_faults` at this mm's last grab attempt.
    var faultstamp: UInt32 = 0
    /// `last_interval`: swap-cache misses by everyone between this mm's last two attempts.
    var lastInterval: Int32 = 0
}
