import ReclaimKernelFunctions
import ReclaimRecords
/// Writeback (mm/page-writeback.c, fs/fs-writeback.c, mm/page_io.c): dirty limits,
/// `writeback_inodes`, pdflush's `background_writeout` (docs/model.md §13.C).
extension Kernel {
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
    /// threshold plus a tenth (docs/model.md §2), i.e. the caller must `congestion_wait(HZ/10)` again.
    func mustThrottleWriteout() -> Bool {
        var limit = dirtyLimits().dirty
        limit += limit / 10
        return nrWriteback > limit
    }

    /// What one `writeback_inodes` pass did.
    struct WritebackPass: Sendable {
        var written = 0
        /// A nonblocking pass stopped at a congested queue (`encountered_congestion`).
        var metCongestion = false
        /// A blocking pass found the write queue full: the writer sleeps in `get_request_wait`.
        var blocked = false
    }

    /// `writeback_inodes` (`sync_sb_inodes` + `mpage_writepages`, docs/model.md §13.C): files with
    /// dirty pages, oldest `dirtied_when` first (only those dirtied at or before `olderThan`
    /// for kupdate), each written from its `writeback_index` onwards in page order, wrapping
    /// once (`range_cyclic`), skipping pages under writeback, until `nrToWrite` pages are
    /// written. A nonblocking pass stops at a congested queue (checked before each page, as
    /// `mpage_writepages` does); a blocking one stops when the queue is full (the writer
    /// sleeps and goes on later). A file left partly written by a writer other than kupdate
    /// gets `dirtied_when = now` (to the back of the order).
    mutating func writebackInodes(nrToWrite: Int, nonblocking: Bool, olderThan: Int? = nil, forKupdate: Bool = false) -> WritebackPass {
        var pass = WritebackPass()
        guard nrToWrite > 0 else { return pass }
        var order = files.indices.filter { f in
            files[f].dirtyPages > 0 && (olderThan.map { files[f].dirtiedWhen <= $0 } ?? true)
        }
        order.sort { (files[$0].dirtiedWhen, $0) < (files[$1].dirtiedWhen, $1) }
        for f in order {
            let n = files[f].pages.count
            var i = files[f].writebackIndex < n ? files[f].writebackIndex : 0
            var visited = 0
            while visited < n && pass.written < nrToWrite && files[f].dirtyPages > 0 {
                if nonblocking && disk.isWriteCongested {
                    pass.metCongestion = true
                    break
                }
                let pfn = files[f].pages[i]
                if pfn >= 0 && frames.has(pfn, .dirty) && !frames.has(pfn, .writeback) {
                    if !nonblocking && disk.isFull(.write) {
                        // get_request_wait: the writer sleeps before this page.
                        pass.blocked = true
                        break
                    }
                    startWrite(pfn, forReclaim: false)
                    pass.written += 1
                }
                i = i + 1 == n ? 0 : i + 1
                visited += 1
                if submitterBlocked && !nonblocking {
                    pass.blocked = true
                    break
                }
            }
            files[f].writebackIndex = i
            if files[f].dirtyPages > 0 && !forKupdate { files[f].dirtiedWhen = now }
            if pass.written >= nrToWrite || pass.metCongestion || pass.blocked { break }
        }
        return pass
    }

    /// `wakeup_pdflush(nr)`: hands pdflush a `background_writeout(nr)` (`nr == 0`: every
    /// dirty page). [I] One pdflush thread does background writeout; a wakeup while it is
    /// busy raises what it owes and wakes it (another of the 2-8 threads would take it).
    mutating func wakeupPdflush(_ nr: Int) {
        let pages = nr == 0 ? nrFileDirty : nr
        if pdflush.active {
            pdflush.pagesOwed = max(pdflush.pagesOwed, pages)
            if pdflush.congestionWaitSince != nil {
                pdflush.metCongestion = true
                wake(.pdflush)
            }
        } else {
            pdflush = WritebackThread(active: true, pagesOwed: pages)
        }
        runPdflush()
    }

    /// `background_writeout(min_pages)` (docs/model.md §13.C): while the dirty count is at or above
    /// the background threshold or pages are still owed, write 1024-page nonblocking passes;
    /// after a short pass, `congestion_wait(WRITE, HZ/10)`, then stop unless the pass met
    /// congestion.
    mutating func runPdflush() {
        guard pdflush.active, pdflush.blockedUntil <= now else { return }
        if pdflush.congestionWaitSince != nil {
            pdflush.congestionWaitSince = nil
            if !pdflush.metCongestion {
                pdflush.active = false
                return
            }
        }
        while true {
            if nrFileDirty < dirtyLimits().background && pdflush.pagesOwed <= 0 {
                pdflush.active = false
                return
            }
            let pass = writebackInodes(nrToWrite: KernelConstants.maxWritebackPages, nonblocking: true)
            submitterBlocked = false
            pdflush.pagesOwed -= pass.written
            if pass.written < KernelConstants.maxWritebackPages {
                pdflush.metCongestion = pass.metCongestion
                pdflush.congestionWaitSince = now
                pdflush.blockedUntil = now + congestionWaitJiffies
                return
            }
        }
    }
}
