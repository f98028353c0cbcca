import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// docs/model.md §4 (`shrink_page_list`) and golden facts G6, G7.
@Suite struct ShrinkPageListTests {
    /// G6: 32 mapped anonymous pages, all lockable, add 64 to sc.nr_scanned.
    @Test func g6MappedAnonBatchCounts64() {
        var k = Kernel.fixture()
        var batch = k.faultAnon(0..<32)
        k.isolate(batch)
        var sc = ScanControl(mayWritepage: true, swappiness: 60)
        var stats = PassStats()
        _ = k.shrinkPageList(&batch, sc: &sc, stats: &stats)
        #expect(sc.nrScanned == 64)
        k.putBack(batch)
    }

    /// G6: 32 unmapped clean page-cache pages add 32, and are freed when unreferenced and
    /// their file is no longer mapped by anyone... here the file is still mapped (in use),
    /// so referenced pages are activated; aged ones are freed.
    @Test func g6UnmappedCleanPagesCount32AndFree() {
        var k = Kernel.fixture(tasks: [.fileTask(pages: 64)])
        var batch = k.faultFile(0..<32)
        for p in batch { k.unmapEveryPTE(p) }
        k.age(batch)
        k.isolate(batch)
        var sc = ScanControl(mayWritepage: true, swappiness: 60)
        var stats = PassStats()
        let freed = k.shrinkPageList(&batch, sc: &sc, stats: &stats)
        #expect(sc.nrScanned == 32)
        #expect(freed == 32, "clean unreferenced unmapped file pages are freed (rule 12)")
        #expect(batch.isEmpty)
    }

    /// G6: a page whose lock is busy (read in flight) adds 0 and is kept.
    @Test func g6LockedPageCountsZero() {
        var k = Kernel.fixture(tasks: [.fileTask(pages: 8)])
        _ = k.access(PageRef(area: .file, index: 0, write: false), task: 0)
        let pfn = k.files[0].pages[0]
        #expect(k.frames.has(pfn, .locked))
        var batch = [pfn]
        k.isolate(batch)
        var sc = ScanControl(mayWritepage: true, swappiness: 60)
        var stats = PassStats()
        #expect(k.shrinkPageList(&batch, sc: &sc, stats: &stats) == 0)
        #expect(sc.nrScanned == 0)
        #expect(batch == [pfn])
    }

    /// G7: no swap: a mapped anonymous page on the inactive list is re-activated by rule 7,
    /// never freed, and still costs 2 units of nr_scanned.
    @Test func g7NoSwapAnonIsActivated() {
        var k = Kernel.fixture(swap: 0)
        let pfns = k.faultAnon(0..<4)
        k.age(pfns)
        var batch = pfns
        k.isolate(batch)
        var sc = ScanControl(mayWritepage: true, swappiness: 60)
        var stats = PassStats()
        #expect(k.shrinkPageList(&batch, sc: &sc, stats: &stats) == 0)
        #expect(stats.activated == 4)
        #expect(sc.nrScanned == 8)
        #expect(batch.allSatisfy { k.frames.has($0, .active) })
    }

    /// Rule 7 with swap full behaves like no swap: ACTIVATE.
    @Test func swapFullActivates() {
        var k = Kernel.fixture(swap: 2)
        let pfns = k.faultAnon(0..<4)
        k.age(pfns)
        var batch = pfns
        k.isolate(batch)
        var sc = ScanControl(mayWritepage: true, swappiness: 60)
        var stats = PassStats()
        _ = k.shrinkPageList(&batch, sc: &sc, stats: &stats)
        #expect(stats.writebackStarted == 2, "two slots: two swap-outs start")
        #expect(stats.activated == 2, "no slot left: the other two are activated")
        #expect(k.swap.used == 2)
    }

    /// Rules 7-9 with swap: slot, unmap (uncharge at unmap, docs/model.md §8.2), swap-out started,
    /// page kept under writeback; a later scan after the write completes frees it.
    @Test func swapOutThenFreeAfterWriteback() {
        var k = Kernel.fixture(swap: 64)
        let pfns = k.faultAnon(0..<2)
        #expect(k.containers[0].usage == 2)
        k.age(pfns)
        k.deactivate(pfns)
        var batch = pfns
        k.isolate(batch)
        var sc = ScanControl(mayWritepage: true, swappiness: 60)
        var stats = PassStats()
        #expect(k.shrinkPageList(&batch, sc: &sc, stats: &stats) == 0)
        #expect(stats.writebackStarted == 2)
        #expect(k.containers[0].usage == 0, "uncharged at unmap, before any page is freed")
        #expect(k.tasks[0].mm!.swapEntries == 2)
        k.putBack(batch)
        #expect(k.nrWriteback == 2)
        k.settleIO()
        #expect(k.nrWriteback == 0)
        // Written pages rotate to the inactive tail; a later scan frees them (rules 11-12).
        // Both went out in one request (adjacent slots), completed in page order: each
        // end_page_writeback rotates its page to the tail, so the later one ends last.
        #expect(k.frames.zoneLinks.walk(k.zone.inactive).suffix(2) == [pfns[0], pfns[1]])
        var again = pfns
        k.isolate(again)
        var sc2 = ScanControl(mayWritepage: true, swappiness: 60)
        #expect(k.shrinkPageList(&again, sc: &sc2, stats: &stats) == 2)
        #expect(sc2.nrScanned == 4, "in swap cache: counted twice")
        #expect(k.swap.used == 2, "the ptes still hold their slots")
        try! k.checkInvariants()
    }

    /// Rule 9: dirty pages are kept while may_writepage is 0 (laptop mode), and written
    /// (kept under writeback) once it is 1.
    @Test func dirtyPagesAndMayWritepage() {
        var k = Kernel.fixture(tasks: [.fileTask(pages: 8)])
        let pfns = k.faultFile(0..<4, write: true)
        #expect(k.nrFileDirty == 4)
        k.age(pfns)
        var batch = pfns
        k.isolate(batch)
        var sc = ScanControl(mayWritepage: false, swappiness: 60)
        var stats = PassStats()
        #expect(k.shrinkPageList(&batch, sc: &sc, stats: &stats) == 0)
        #expect(stats.keptDirty == 4)
        #expect(stats.writebackStarted == 0)
        #expect(k.containers[0].usage == 0, "rule 8 unmapped them first")
        sc.mayWritepage = true
        k.age(batch)
        _ = k.shrinkPageList(&batch, sc: &sc, stats: &stats)
        #expect(stats.writebackStarted == 4)
        #expect(k.nrFileDirty == 0)
        #expect(k.nrWriteback == 4)
        k.putBack(batch)
        try! k.checkInvariants()
    }

    /// Rule 9 writeout, `may_write_to_queue`: with 113 write requests queued (the congestion
    /// mark, §13.A) a direct or container reclaimer keeps 4 dirty file pages; kswapd
    /// (PF_SWAPWRITE, "kswapd may always write") starts their writes, which merge into one
    /// request (4 contiguous pages).
    @Test func onlyKswapdWritesToACongestedQueue() {
        var k = Kernel.fixture(tasks: [.fileTask(pages: 240)])
        let pfns = k.congestedByScatteredWrites()
        #expect(k.disk.isWriteCongested)
        #expect(k.disk.pendingWrites == 113)
        let dirty = Array(pfns[..<4])
        k.age(dirty)
        var batch = dirty
        k.isolate(batch)
        var sc = ScanControl(mayWritepage: true, swappiness: 60)
        var stats = PassStats()
        _ = k.shrinkPageList(&batch, sc: &sc, stats: &stats)
        #expect(stats.keptDirty == 4, "a direct reclaimer keeps them")
        #expect(stats.writebackStarted == 0, "a direct reclaimer keeps them")
        sc.swapWrite = true
        stats = PassStats()
        _ = k.shrinkPageList(&batch, sc: &sc, stats: &stats)
        #expect(stats.keptDirty == 0, "kswapd writes them")
        #expect(stats.writebackStarted == 4, "kswapd writes them")
        #expect(k.disk.pendingWrites == 114, "4 contiguous pages: one more request")
        k.putBack(batch)
        try! k.checkInvariants()
    }

    /// Rule 6: a referenced page that is in use is activated.
    @Test func referencedInUseIsActivated() {
        var k = Kernel.fixture(tasks: [.fileTask(pages: 8)])
        var batch = k.faultFile(0..<3)
        k.isolate(batch)
        var sc = ScanControl(mayWritepage: true, swappiness: 60)
        var stats = PassStats()
        _ = k.shrinkPageList(&batch, sc: &sc, stats: &stats)
        #expect(stats.activated == 3)
        #expect(sc.nrScanned == 6)
    }
}
