/// `grab_swap_token`, `put_swap_token` and the token's bonus in `page_referenced_one`
/// (mm/thrash.c, mm/rmap.c:309; docs/model.md §13.G).
extension Kernel {
    /// `grab_swap_token` for task `t`, called by `do_swap_page` on a swap-cache miss only
    /// (docs/model.md §13.G): `global_faults++`; the interval since the task's last attempt; no holder:
    /// priority += 2 and take it; another holder: priority +1 if the interval shrank, else
    /// -1 (wrapping below 0), and take the token with +2 when above the holder's; the holder
    /// itself: +2. Then `faultstamp` and `last_interval` are updated.
    mutating func grabSwapToken(task t: Int) {
        swapToken.globalFaults &+= 1
        var mm = tasks[t].mm!.token
        let interval = Int32(truncatingIfNeeded: swapToken.globalFaults &- mm.faultstamp)
        if let h = swapToken.holder, h != t {
            if interval < mm.lastInterval { mm.priority &+= 1 } else { mm.priority &-= 1 }
            if mm.priority > tasks[h].mm!.token.priority {
                mm.priority &+= 2
                swapToken.holder = t
            }
        } else {
            mm.priority &+= 2
            swapToken.holder = t
        }
        mm.faultstamp = swapToken.globalFaults
        mm.lastInterval = interval
        tasks[t].mm!.token = mm
    }

    /// `disable_swap_token` (priority 0 of `try_to_free_pages` and `balance_pgdat`) and
    /// `put_swap_token` (the holder's mm goes away): nobody holds the token.
    mutating func dropSwapToken(ifHeldBy t: Int? = nil) {
        if t == nil || swapToken.holder == t { swapToken.holder = nil }
    }

    /// The bonus of `page_referenced_one` (RM:309): a pte of the token holder's mm counts as
    /// referenced when that mm is not `current`'s and its `mmap_sem` is held, i.e. the
    /// holder is asleep inside a page fault (a pending reference through a mapping; read(2)
    /// and write(2) take no `mmap_sem`).
    func swapTokenBonus(mapper m: Int) -> Bool {
        guard swapToken.holder == m, current != m, let ref = tasks[m].pendingRef else { return false }
        return ref.area == .anon || tasks[m].fileAccess == .mmap
    }
}
