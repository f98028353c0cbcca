/// A pdflush thread's work in progress (`background_writeout`, `wb_kupdate`, laptop mode's
/// `sys_sync`): whether it runs, what it still owes, and its `congestion_wait`.
struct WritebackThread: Sendable {
    var active = false
    /// `background_writeout`'s `min_pages`; `wb_kupdate`'s `nr_to_write`.
    var pagesOwed = 0
    /// Asleep until this jiffy (`congestion_wait`, or `get_request_wait` at `Int.max`).
    var blockedUntil = 0
    /// In `congestion_wait` since this jiffy (woken early by a write completion).
    var congestionWaitSince: Int?
    /// The last pass met a congested queue (`wbc.encountered_congestion`).
    var metCongestion = false
    /// kupdate: when this pass started, its age cut-off, and the next timer expiry.
    var start = 0
    var olderThan = 0
    var nextRun = 0
    /// Laptop sync: everything is submitted; waiting for the writes to finish.
    var waitingForIO = false
}
