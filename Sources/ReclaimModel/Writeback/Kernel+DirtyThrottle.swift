/// Writer throttling and periodic writeback of mm/page-writeback.c: `balance_dirty_pages`,
/// `wb_kupdate`, and laptop mode's flush timer.
extension Kernel {
    /// `ratelimit_pages`: a writer calls `balance_dirty_pages` every this many dirtied pages:
    /// `vm_total_pages / (ncpus * 32)` clamped to 16...1024 (4 MiB), one CPU. [I] one CPU.
    public var ratelimitPages: Int { min(1024, max(16, vmTotalPages / 32)) }

    /// A task dirtied a clean file page (`balance_dirty_pages_ratelimited`).
    mutating func dirtiedPage(task t: Int) -> AccessResult {
        tasks[t].dirtiedSinceBalance += 1
        guard tasks[t].dirtiedSinceBalance >= ratelimitPages else { return .done }
        tasks[t].dirtiedSinceBalance = 0
        tasks[t].dirtyBalance = 0
        return balanceDirtyPages(task: t)
    }

    /// `balance_dirty_pages` (2.6.20): while dirty + writeback exceed the dirty threshold,
    /// the writer writes up to `1.5 * ratelimit_pages` dirty pages itself (stopping at a
    /// congested queue) and sleeps `congestion_wait(HZ/10)` until it has done its share or
    /// the total is back under the threshold. Then pdflush is started for background
    /// writeout: above the background threshold normally, in laptop mode only if the writer
    /// had to write. Resumable: `TaskStruct.dirtyBalance` holds the pages written so far.
    mutating func balanceDirtyPages(task t: Int) -> AccessResult {
        guard var written = tasks[t].dirtyBalance else { return .done }
        let chunk = ratelimitPages + ratelimitPages / 2
        while true {
            let limits = dirtyLimits()
            if nrFileDirty + nrWriteback <= limits.dirty { break }
            if nrFileDirty > 0 {
                while written < chunk && !disk.isCongested && writeOldestDirtyPage() { written += 1 }
                if nrFileDirty + nrWriteback <= dirtyLimits().dirty || written >= chunk { break }
            }
            tasks[t].dirtyBalance = written
            tasks[t].blockedUntil = now + congestionWaitJiffies
            totals.stallMs += ms(congestionWaitJiffies)
            return .blocked
        }
        tasks[t].dirtyBalance = nil
        if !pdflushActive {
            if (laptopMode && written > 0) || (!laptopMode && nrFileDirty > dirtyLimits().background) {
                pdflushActive = true  // background_writeout(0): down to the background threshold
                runPdflush()
            }
        }
        return .done
    }

    /// `wb_kupdate`, every `dirty_writeback_centisecs`: writes every dirty page of the files
    /// whose oldest dirty data is older than `dirty_expire_centisecs` (an inode's
    /// `dirtied_when`); pages wait for a later jiffy while the queue is congested.
    mutating func runKupdate() {
        let period = config.machine.dirtyWritebackCentisecs * hz / 100
        if period > 0 && now > 0 && now % period == 0 {
            let expire = config.machine.dirtyExpireCentisecs * hz / 100
            for f in files.indices where files[f].dirtyPages > 0 && files[f].dirtiedWhen <= now - expire {
                files[f].kupdatePending = true
            }
        }
        for f in files.indices where files[f].kupdatePending {
            var i = files[f].kupdateCursor
            while i < files[f].pages.count {
                if disk.isCongested {
                    files[f].kupdateCursor = i
                    return
                }
                let pfn = files[f].pages[i]
                if pfn >= 0 && frames.has(pfn, .dirty) && !frames.has(pfn, .writeback) {
                    startWrite(pfn, forReclaim: false)
                }
                i += 1
            }
            files[f].kupdatePending = false
            files[f].kupdateCursor = 0
        }
    }

    /// Laptop mode: `laptop_mode` seconds after the last disk I/O, write back everything
    /// (`laptop_io_completion` -> `laptop_flush` -> `sys_sync`).
    mutating func runLaptopTimer() {
        guard laptopMode, let at = laptopFlushAt, at <= now else { return }
        laptopFlushAt = nil
        wakeupPdflush(0)
    }
}
