/// Where a task's pending page allocation stands in `__alloc_pages` (docs/model.md §5).
enum AllocPhase: Sendable, Equatable {
    /// From the top: the low-watermark fast path.
    case start
    /// Direct reclaim (call `callNo`) returned; continue with its result.
    case afterReclaim(progress: Bool, callNo: Int? = nil)
    /// After `congestion_wait(HZ/50)`: reclaim again (`goto rebalance`).
    case rebalance
}

/// The answer of the allocator to a faulting task.
enum AllocOutcome: Equatable {
    case page(Int32)
    /// The task sleeps (direct reclaim nap, retry wait, OOM's one-jiffy sleep).
    case blocked
    /// No page: the task is dying (TIF_MEMDIE with no free page) or the machine panicked.
    case failed
}

/// `__alloc_pages` for an order-0 `GFP_HIGHUSER` page (docs/model.md §5), for one zone:
///
///     restart:  low watermark; wake kswapd; min watermark;
///               TIF_MEMDIE: no watermark (or fail);
///     rebalance: progress = try_to_free_pages()
///               progress: min watermark, else congestion_wait(HZ/50), goto rebalance
///               no progress: high watermark, else out_of_memory(); sleep 1 jiffy unless
///               current was killed; goto restart (where a killed current dips into the
///               reserves)
extension Kernel {
    mutating func allocPage(task t: Int) -> AllocOutcome {
        let marks = zone.watermarks
        while true {
            switch tasks[t].allocPhase {
            case .afterReclaim(let progress, let callNo):
                tasks[t].allocPhase = .start
                if progress {
                    if let pfn = takeFreePage(above: marks.min) { return .page(pfn) }
                    tasks[t].allocPhase = .rebalance
                    congestionWait(task: t, timeout: max(1, hz / 50))  // congestion_wait(WRITE, HZ/50)
                    return .blocked
                }
                // One more try at the high watermark catches a parallel kill.
                if let pfn = takeFreePage(above: marks.high) { return .page(pfn) }
                _ = outOfMemory(scope: .global, filter: nil, current: t, callNo: callNo)
                if panicMessage != nil { return .failed }
                // `goto restart`: a current that was itself chosen is now TIF_MEMDIE and
                // takes a page below every watermark at the top of the allocator (or fails
                // when none is free); anyone else sleeps first.
                if tasks[t].memdie { continue }
                tasks[t].blockedUntil = now + 1
                return .blocked
            case .rebalance:
                _ = endSleep(task: t)  // [I] not a reclaim call's stall: not recorded
                tasks[t].allocPhase = .start
            case .start:
                if let pfn = takeFreePage(above: marks.low) { return .page(pfn) }
                wakeupKswapd()
                if let pfn = takeFreePage(above: marks.min) { return .page(pfn) }
                if tasks[t].memdie {
                    if let pfn = takeFreePage(above: -1) { return .page(pfn) }
                    return .failed
                }
            }
            // try_to_free_pages()
            var call = beginDirectReclaim(task: t)
            switch runReclaimCall(&call) {
            case .sleep(let until):
                tasks[t].reclaim = call
                tasks[t].blockedUntil = until
                return .blocked
            case .done(let success):
                tasks[t].allocPhase = .afterReclaim(progress: success, callNo: call.callNo)
            }
        }
    }

    /// A free page if the zone has more than `mark` free pages (`zone_watermark_ok`).
    private mutating func takeFreePage(above mark: Int) -> Int32? {
        guard Watermarks.ok(free: frames.freeCount, mark: mark) else { return nil }
        return frames.allocate()
    }
}
