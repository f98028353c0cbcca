import ReclaimKernelFunctions
import ReclaimRecords
/// Writer throttling and periodic writeback of mm/page-writeback.c: `balance_dirty_pages`
/// with `dirty_exceeded`, `wb_kupdate`, and laptop mode's flush timer (docs/model.md §13.C).
extension Kernel {
    /// `ratelimit_pages`: a writer calls `balance_dirty_pages` every this many dirtied pages:
    /// `vm_total_pages / (ncpus * 32)` clamped to 16...1024 (4 MiB), one CPU. [I] one CPU.
    public var ratelimitPages: Int { min(1024, max(16, vmTotalPages / 32)) }

    /// `balance_dirty_pages_ratelimited`: counts a newly dirtied page on the CPU's counter;
    /// true (and the task enters `balance_dirty_pages`) when it reaches the ratelimit —
    /// `ratelimit_pages`, or 8 while `dirty_exceeded` is set.
    mutating func noteDirtied(task t: Int) -> Bool {
        ratelimitCount += 1
        let limit = dirtyExceeded ? KernelConstants.dirtyExceededRatelimit : ratelimitPages
        guard ratelimitCount >= limit else { return false }
        ratelimitCount = 0
        tasks[t].dirtyBalance = 0
        return true
    }

    /// A task dirtied a clean file page.
    mutating func dirtiedPage(task t: Int) -> AccessResult {
        noteDirtied(task: t) ? balanceDirtyPages(task: t) : .done
    }

    /// `balance_dirty_pages` (docs/model.md §13.C): while dirty + writeback exceed the dirty
    /// threshold, set `dirty_exceeded`, write up to `1.5 * ratelimit_pages` dirty pages
    /// (blocking: it does not stop at a congested queue, only sleeps when the queue is
    /// full), and `congestion_wait(WRITE, HZ/10)` until the total is under the threshold or
    /// the writer has written its share. Then clear `dirty_exceeded` when under the
    /// threshold, and unless pdflush is already writing, start `background_writeout(0)`:
    /// in laptop mode if the writer wrote, otherwise when dirty pages exceed the background
    /// threshold. Resumable: `TaskStruct.dirtyBalance` holds the pages written so far; the
    /// time asleep counts in the run's stall.
    mutating func balanceDirtyPages(task t: Int) -> AccessResult {
        guard var written = tasks[t].dirtyBalance else { return .done }
        totals.stallMs += ms(endSleep(task: t))
        let chunk = ratelimitPages + ratelimitPages / 2
        var overLimit = true
        while true {
            if nrFileDirty + nrWriteback <= dirtyLimits().dirty {
                overLimit = false
                break
            }
            dirtyExceeded = true
            if nrFileDirty > 0 {
                let pass = writebackInodes(nrToWrite: chunk - written, nonblocking: false)
                written += pass.written
                if pass.blocked {
                    submitterBlocked = false
                    tasks[t].dirtyBalance = written
                    requestWait(task: t)
                    return .blocked
                }
                if nrFileDirty + nrWriteback <= dirtyLimits().dirty {
                    overLimit = false
                    break
                }
                if written >= chunk { break }
            }
            tasks[t].dirtyBalance = written
            congestionWait(task: t, timeout: congestionWaitJiffies)
            return .blocked
        }
        tasks[t].dirtyBalance = nil
        if !overLimit { dirtyExceeded = false }
        if !pdflush.active {
            if (laptopMode && written > 0) || (!laptopMode && nrFileDirty > dirtyLimits().background) {
                pdflush = WritebackThread(active: true, pagesOwed: 0)
                runPdflush()
            }
        }
        return .done
    }

    /// `wb_kupdate` (docs/model.md §13.C), every `dirty_writeback_centisecs`: 1024-page nonblocking
    /// passes over files dirtied at least `dirty_expire_centisecs` ago, as many pages as
    /// were dirty when it started; a short pass sleeps in `congestion_wait` when it met
    /// congestion and ends the run otherwise. The next run is due a period after this one
    /// started, and at least a second from now.
    mutating func runKupdate() {
        let period = config.machine.dirtyWritebackCentisecs * hz / 100
        guard period > 0 else { return }
        if !kupdate.active {
            guard now >= kupdate.nextRun else { return }
            kupdate.active = true
            kupdate.start = now
            kupdate.olderThan = now - config.machine.dirtyExpireCentisecs * hz / 100
            kupdate.pagesOwed = nrFileDirty
        }
        guard kupdate.blockedUntil <= now else { return }
        kupdate.congestionWaitSince = nil
        while kupdate.pagesOwed > 0 {
            let pass = writebackInodes(
                nrToWrite: KernelConstants.maxWritebackPages, nonblocking: true, olderThan: kupdate.olderThan,
                forKupdate: true)
            submitterBlocked = false
            kupdate.pagesOwed -= pass.written
            if pass.written < KernelConstants.maxWritebackPages {
                guard pass.metCongestion else { break }
                kupdate.congestionWaitSince = now
                kupdate.blockedUntil = now + congestionWaitJiffies
                return
            }
        }
        kupdate.active = false
        kupdate.nextRun = max(kupdate.start + period, now + hz)
    }

    /// Laptop mode (docs/model.md §13.C): `laptop_mode` seconds after the last request completion
    /// the timer fires and pdflush runs `sys_sync`: every dirty page is written (blocking,
    /// regardless of congestion), and when the writes have finished the timer is deleted
    /// (`laptop_sync_completion`) until the next completion arms it again.
    mutating func runLaptopTimer() {
        if !laptopSync.active {
            guard laptopMode, let at = laptopFlushAt, at <= now else { return }
            laptopFlushAt = nil
            laptopSync = WritebackThread(active: true)
        }
        guard !laptopSync.waitingForIO, laptopSync.blockedUntil <= now else { return }
        let pass = writebackInodes(nrToWrite: Int.max, nonblocking: false)
        if pass.blocked {
            submitterBlocked = false
            laptopSync.blockedUntil = Int.max
            requestWaiters.append(.laptopSync)
            return
        }
        laptopSync.waitingForIO = true
        completeIO()
    }
}
