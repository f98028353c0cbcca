/// Submitting pages to the block queue and completing its requests (mm/page_io.c,
/// `end_page_writeback`, block/ll_rw_blk.c `__freed_request`), and the two ways of sleeping
/// on it: `congestion_wait` (woken early, docs/model.md §13.B) and `get_request_wait` (§13.A).
extension Kernel {
    /// Starts the write of a dirty page: `clear_page_dirty_for_io`, `PG_writeback`, and for
    /// reclaim's `pageout()` also `PG_reclaim`; the page goes to the queue as a one-page bio
    /// at its disk position (file and index, or swap slot) and may merge. When the write
    /// queue is already full the submitter must sleep in `get_request_wait`
    /// (``submitterBlocked``). [I] The bio is queued at once; the sleep follows the
    /// submitter's step, and the queue may hold a few requests over `nr_requests` meanwhile.
    mutating func startWrite(_ pfn: Int32, forReclaim: Bool) {
        clearPageDirty(pfn)
        frames.set(pfn, .writeback)
        if forReclaim { frames.set(pfn, .reclaim) }
        nrWriteback += 1
        let swapPage = frames.has(pfn, .swapCache)
        let submitted = disk.submit(
            now: now, dir: .write, space: swapPage ? -1 : frames.space[Int(pfn)],
            index: swapPage ? frames.swapSlot[Int(pfn)] : frames.index[Int(pfn)], pfn: pfn)
        if submitted.allocated && disk.count[BlockQueue.Direction.write.rawValue] > BlockQueue.nrRequests {
            submitterBlocked = true
        }
        totals.pagesWrittenBack += 1
        if swapPage { totals.swapOuts += 1 }
    }

    /// Task `t` waits for the read request its page went into (a major fault): when the
    /// request has started and ends within this jiffy the task goes on, when it has started
    /// it sleeps until the jiffy in which it ends, otherwise until the request completes.
    /// Waiting unplugs the queue (`sync_page`). The page stays locked until the completion is
    /// processed. [I] Tasks run at jiffy granularity.
    mutating func waitForRead(_ submitted: BlockQueue.Submitted, task t: Int) -> AccessResult {
        disk.unplugNow(now)
        if let done = disk.doneTime(submitted.request) {
            if disk.endsWithin(jiffy: now, done) { return .done }
            tasks[t].blockedUntil = disk.jiffy(after: done)
            return .blocked
        }
        disk.addReader(t, to: submitted.request)
        tasks[t].blockedUntil = Int.max
        return .blocked
    }

    /// Completes the requests the disk has finished by the current jiffy: `end_page_writeback`
    /// (rotating reclaim-marked pages to the inactive tail), read unlocks and their waiters;
    /// each freed request below the "off" threshold wakes every `congestion_wait` sleeper,
    /// each one leaving room wakes one `get_request_wait` sleeper; in laptop mode every
    /// completion re-arms the flush timer (`laptop_io_completion`).
    mutating func completeIO() {
        while let completion = disk.popCompleted(by: now) {
            if laptopMode { laptopFlushAt = now + config.machine.laptopMode * hz }
            let request = completion.request
            switch request.dir {
            case .write:
                for pfn in request.pfns {
                    frames.clear(pfn, .writeback)
                    nrWriteback -= 1
                    if frames.has(pfn, .reclaim) {
                        frames.clear(pfn, .reclaim)
                        rotateReclaimable(pfn)
                    }
                }
                if completion.cleared { wakeCongestionWaiters() }
                if completion.room && !requestWaiters.isEmpty { wake(requestWaiters.removeFirst()) }
            case .read:
                for pfn in request.pfns { frames.clear(pfn, .locked) }
                for t in request.readers { wake(.task(t)) }
            }
        }
        if laptopSync.waitingForIO && disk.pendingWrites == 0 {
            // sys_sync returns: laptop_sync_completion deletes the timer.
            laptopSync.waitingForIO = false
            laptopSync.active = false
            laptopFlushAt = nil
        }
    }

    /// Wakes one sleeper now (it runs later in this jiffy).
    mutating func wake(_ sleeper: BlockQueue.Sleeper) {
        switch sleeper {
        case .task(let t):
            if tasks[t].isAlive && tasks[t].blockedUntil > now { tasks[t].blockedUntil = now }
        case .kswapd:
            if kswapd.blockedUntil > now { kswapd.blockedUntil = now }
        case .pdflush:
            if pdflush.blockedUntil > now { pdflush.blockedUntil = now }
        case .kupdate:
            if kupdate.blockedUntil > now { kupdate.blockedUntil = now }
        case .laptopSync:
            if laptopSync.blockedUntil > now { laptopSync.blockedUntil = now }
        }
    }

    /// `clear_bdi_congested(WRITE)`: every `congestion_wait(WRITE, ...)` sleeper wakes.
    mutating func wakeCongestionWaiters() {
        for t in taskList where tasks[t].congestionWaiting && tasks[t].blockedUntil > now {
            tasks[t].blockedUntil = now
        }
        if kswapd.congestionWaitSince != nil { wake(.kswapd) }
        if pdflush.congestionWaitSince != nil { wake(.pdflush) }
        if kupdate.congestionWaitSince != nil { wake(.kupdate) }
    }

    /// Task `t` sleeps in `congestion_wait(WRITE, timeout)`.
    mutating func congestionWait(task t: Int, timeout: Int) {
        tasks[t].blockedUntil = now + timeout
        tasks[t].sleepSince = now
        tasks[t].congestionWaiting = true
    }

    /// Task `t` sleeps in `get_request_wait` until a write request frees.
    mutating func requestWait(task t: Int) {
        tasks[t].blockedUntil = Int.max
        tasks[t].sleepSince = now
        tasks[t].congestionWaiting = false
        requestWaiters.append(.task(t))
    }

    /// Ends task `t`'s accounted sleep; returns how long it lasted, in jiffies.
    mutating func endSleep(task t: Int) -> Int {
        guard let since = tasks[t].sleepSince else { return 0 }
        tasks[t].sleepSince = nil
        tasks[t].congestionWaiting = false
        return now - since
    }
}
