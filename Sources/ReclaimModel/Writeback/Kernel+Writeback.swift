/// Writeback (mm/page-writeback.c, mm/page_io.c, mm/filemap.c `end_page_writeback`).
extension Kernel {
    /// Starts the write of a dirty page: `clear_page_dirty_for_io`, `PG_writeback`, and for
    /// reclaim's `pageout()` also `PG_reclaim` (spec §4, writeout in rule 9).
    mutating func startWrite(_ pfn: Int32, forReclaim: Bool) {
        clearPageDirty(pfn)
        frames.set(pfn, .writeback)
        if forReclaim { frames.set(pfn, .reclaim) }
        nrWriteback += 1
        _ = disk.submit(now: now, pfn: pfn, kind: .write)
        totals.pagesWrittenBack += 1
        if frames.has(pfn, .swapCache) { totals.swapOuts += 1 }
    }

    /// Completes the I/O the disk has finished by the current jiffy: `end_page_writeback`
    /// (rotating reclaim-marked pages to the inactive tail) and read unlocks.
    mutating func completeIO() {
        while let request = disk.popCompleted(by: now) {
            if laptopMode { laptopFlushAt = now + config.machine.laptopMode * hz }
            let pfn = request.pfn
            switch request.kind {
            case .write:
                frames.clear(pfn, .writeback)
                nrWriteback -= 1
                if frames.has(pfn, .reclaim) {
                    frames.clear(pfn, .reclaim)
                    rotateReclaimable(pfn)
                }
            case .read:
                frames.clear(pfn, .locked)
            }
        }
    }

    /// `get_dirty_limits` of 2.6.20: `(background, dirty)` thresholds in pages.
    ///
    /// `dirty_ratio` is capped at half the unmapped ratio and floored at 5; the background
    /// ratio is halved when it is not below it.
    public func dirtyLimits() -> (background: Int, dirty: Int) {
        let available = vmTotalPages
        let unmappedRatio = 100 - ((nrFileMapped + nrAnonPages) * 100) / vmTotalPages
        var dirtyRatio = config.machine.dirtyRatio
        if dirtyRatio > unmappedRatio / 2 { dirtyRatio = unmappedRatio / 2 }
        if dirtyRatio < 5 { dirtyRatio = 5 }
        var backgroundRatio = config.machine.dirtyBackgroundRatio
        if backgroundRatio >= dirtyRatio { backgroundRatio = dirtyRatio / 2 }
        return (backgroundRatio * available / 100, dirtyRatio * available / 100)
    }

    /// `throttle_vm_writeout`: true while `NR_WRITEBACK + NR_UNSTABLE_NFS` exceeds the dirty
    /// threshold plus a tenth (spec §2), i.e. the caller must `congestion_wait(HZ/10)` again.
    func mustThrottleWriteout() -> Bool {
        var limit = dirtyLimits().dirty
        limit += limit / 10
        return nrWriteback > limit
    }

    /// `wakeup_pdflush(nr)`: hands pdflush a `background_writeout` of at least `nr` pages
    /// (`nr == 0`: every dirty page, laptop mode's call). pdflush starts at once and then
    /// works in the background (`runPdflush` every jiffy).
    mutating func wakeupPdflush(_ nr: Int) {
        pdflushMinPages = max(pdflushMinPages, nr == 0 ? nrFileDirty : nr)
        pdflushActive = true
        runPdflush()
    }

    /// `background_writeout`: writes the oldest-dirtied file pages until at least the asked
    /// number is written and the dirty count is below the background threshold. Writes are
    /// non-blocking: when the disk queue is congested pdflush waits for a later jiffy
    /// (`blk_congestion_wait`), so pages stay dirty while the disk is busy.
    mutating func runPdflush() {
        guard pdflushActive else { return }
        while true {
            if nrFileDirty == 0 || (pdflushMinPages <= 0 && nrFileDirty < dirtyLimits().background) {
                pdflushActive = false
                pdflushMinPages = 0
                return
            }
            if disk.isCongested { return }
            guard writeOldestDirtyPage() else {
                pdflushActive = false
                return
            }
            pdflushMinPages -= 1
        }
    }

    /// Writes the oldest-dirtied dirty file page (skipping stale queue entries); false when
    /// there is none.
    mutating func writeOldestDirtyPage() -> Bool {
        while let pfn = dirtyQueue.pop() {
            let f = frames.flags[Int(pfn)]
            guard f.contains(.inUse), f.contains(.dirty), !f.contains(.anon), !f.contains(.writeback) else { continue }
            startWrite(pfn, forReclaim: false)
            return true
        }
        return false
    }
}
