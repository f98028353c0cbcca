import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// read(2)/write(2) page cache (docs/model.md §13.D, §13.E) and `machine.kernel_pages`.
@Suite struct PageCacheAccessTests {
    /// A kernel whose tasks reach their files with `access`, started at once.
    private static func kernel(
        _ tasks: [TaskSpec], ram: Int = 65536, kernelPages: Int = 0, limit: Int = 100_000
    ) -> Kernel {
        var config = ConfigBuilder.config(ram: ram, containers: [("c", limit)], tasks: tasks)
        config.machine.kernelPages = kernelPages
        var k = Kernel(config: config)
        for t in k.tasks.indices { k.startTask(t) }
        return k
    }

    private static func reader(
        _ name: String = "r", pages: Int = 4096, access: FileAccess = .read, file: String? = nil, container: Int? = 0,
        workload: WorkloadSpec? = nil
    ) -> TaskSpec {
        var t = ConfigBuilder.task(
            name, container: container,
            workload: workload ?? .fileWorkingSet(pages: pages, refsPerTick: 0, pattern: .uniform))
        t.fileAccess = access
        t.file = file
        return t
    }

    @Test func kernelPagesLeaveFreeMemoryAndMemMapLeavesVmTotalPages() {
        // 65536 pages, kernel_pages 2560 (the scenario default): free 65536 - 2560 = 62976;
        // mem_map = 65536 / 128 = 512 pages is outside present_pages: vm_total_pages 65024.
        let k = Self.kernel([Self.reader()], kernelPages: 2560)
        #expect(k.frames.freeCount == 62976)
        #expect(k.vmTotalPages == 65024)
        // kernel_pages smaller than mem_map: all of it is mem_map.
        #expect(Self.kernel([Self.reader()], kernelPages: 100).vmTotalPages == 65436)
    }

    @Test func mappedRatioCountsUnmappedCacheAndKernelPagesOnlyInTheDenominator() throws {
        // 16256 anonymous pages + 3000 pages of read(2) cache, vm_total_pages 65024:
        // mapped_ratio = 16256 * 100 / 65024 = 25 (with all RAM as the denominator it would
        // be 1625600 / 65536 = 24; with the cache counted as mapped 29).
        var anon = ConfigBuilder.task("heap", container: 0, workload: .idle(totalVM: 16256, rss: 0))
        anon.fileAccess = .read
        var k = Self.kernel([anon, Self.reader(pages: 3000, container: nil)], kernelPages: 2560)
        k.faultAnon(task: 0, 0..<16256)
        k.readPages(task: 1, Array(0..<3000))
        #expect(k.files[0].pages.allSatisfy { $0 >= 0 }, "all 3000 pages cached")
        #expect(k.nrFileMapped == 0)
        let d = ReclaimMappedDecision(
            pagesScanned: 0, lruPages: k.zone.active.count + k.zone.inactive.count, prevPriority: 12, priority: 12,
            mappedPages: k.nrFileMapped + k.nrAnonPages, vmTotalPages: k.vmTotalPages, swappiness: 60)
        #expect(d.mappedRatio == 25)
        #expect(d.swapTendency == 12 + 0 + 60, "25/2 + distress 0 + swappiness 60 = 72: no mapped reclaim")
        #expect(!d.reclaimMapped)
        try k.checkInvariants()
    }

    @Test func aPageReadOnceStaysInactiveReadAgainIsActivated() throws {
        var k = Self.kernel([Self.reader()])
        k.readPages(task: 0, [100])
        let pfn = k.files[0].pages[100]
        #expect(!k.frames.has(pfn, .active) && k.frames.has(pfn, .referenced), "first read: inactive, referenced (E2)")
        // The same page again in the next call: prev_index == index, not marked (E1).
        k.readPages(task: 0, [100])
        #expect(!k.frames.has(pfn, .active), "a page read twice in a row is marked once (E1)")
        k.readPages(task: 0, [7, 100])
        #expect(k.frames.has(pfn, .active) && !k.frames.has(pfn, .referenced), "second marked read activates (E2)")
        #expect(!k.frames.has(pfn, .mapped))
        try k.checkInvariants()
    }

    @Test func aPageReadOnceIsReclaimedWithoutActivation() {
        // Use-once (E5): referenced but not page_mapping_inuse (nobody maps the file): freed
        // at the first scan, 1 page scanned, 1 freed.
        var k = Self.kernel([Self.reader()])
        k.readPages(task: 0, [100])
        let pfn = k.files[0].pages[100]
        #expect(k.frames.has(pfn, .referenced))
        var batch = [pfn]
        k.isolate(batch)
        var sc = ScanControl(mayWritepage: true, swappiness: 60)
        var stats = PassStats()
        #expect(k.shrinkPageList(&batch, sc: &sc, stats: &stats) == 1)
        #expect(sc.nrScanned == 1)
        #expect(k.files[0].pages[100] == -1)
    }

    @Test func sequentialReadsGrowTheReadaheadWindow4_8_16() {
        // D3: 4 KB reads from 0: page 0 reads 0-3, page 1 reads 4-11, page 4 reads 12-27.
        var k = Self.kernel([Self.reader()])
        func cached() -> Int { k.files[0].pages.prefix { $0 >= 0 }.count }
        k.readPages(task: 0, [0])
        #expect(cached() == 4)
        k.readPages(task: 0, [1])
        #expect(cached() == 12)
        k.readPages(task: 0, [2, 3])
        #expect(cached() == 12)
        k.readPages(task: 0, [4])
        #expect(cached() == 28)
        #expect(k.frames.flags.filter { $0.contains(.referenced) }.count == 5, "only the 5 pages read are marked")
    }

    @Test func unmappedCacheIsNotChargedMappedIsCharged() throws {
        // §8.2: only a page that becomes mapped is charged. 64 pages read: usage 0; the same
        // 64 pages through a mapping: usage 64.
        var k = Self.kernel([Self.reader(pages: 64)])
        k.readPages(task: 0, Array(0..<64))
        #expect(k.containers[0].usage == 0)
        #expect(k.tasks[0].mm!.rss == 0 && k.tasks[0].mm!.totalVM == 0, "read(2) maps nothing: no total_vm")
        var m = Self.kernel([Self.reader(pages: 64, access: .mmap)])
        for f in m.files.indices { m.files[f].randomReadHint = true }
        m.faultFile(task: 0, 0..<64)
        #expect(m.containers[0].usage == 64)
        try k.checkInvariants()
    }

    @Test func aWrittenPageIsDirtyInactiveReferencedTheNextWriteActivates() throws {
        // E3: one write: inactive + referenced + dirty; the next access activates.
        var k = Self.kernel([Self.reader(access: .write)])
        k.readPages(task: 0, [5], write: true)
        let pfn = k.files[0].pages[5]
        #expect(k.frames.has(pfn, .dirty) && k.frames.has(pfn, .referenced) && !k.frames.has(pfn, .active))
        #expect(k.nrFileDirty == 1)
        #expect(k.containers[0].usage == 0)
        k.readPages(task: 0, [5], write: true)
        #expect(k.frames.has(pfn, .active))
        #expect(k.nrFileDirty == 1)
        try k.checkInvariants()
    }

    @Test func unmappedActivePagesMoveInactiveKeepingPGReferenced() throws {
        // VS:835 (docs/model.md §13.E): shrink_active_list sends unmapped pages to the inactive list
        // without page_referenced, so PG_referenced survives the move and the next read
        // activates the page again.
        var k = Self.kernel([Self.reader()])
        k.readPages(task: 0, [100, 7, 100])
        let pfn = k.files[0].pages[100]
        #expect(k.frames.has(pfn, .active) && !k.frames.has(pfn, .referenced))
        k.readPages(task: 0, [8, 100])
        #expect(k.frames.has(pfn, .active) && k.frames.has(pfn, .referenced), "active + referenced")
        #expect(k.zone.active.count == 1)
        var sc = ScanControl(mayWritepage: true, swappiness: 60)
        var stats = PassStats()
        k.shrinkActiveList(32, priority: 12, sc: &sc, stats: &stats)
        #expect(!k.frames.has(pfn, .active) && k.frames.has(pfn, .referenced))
        #expect(stats.deactivated == 1)
        k.readPages(task: 0, [9, 100])
        #expect(k.frames.has(pfn, .active))
        try k.checkInvariants()
    }

    @Test func withoutReclaimMappedPageReferencedIsNotCalled() {
        // `!reclaim_mapped || ... || page_referenced()`: at swappiness 0, priority 12 and
        // mapped_ratio 0 (4 pages of 65536), swap_tendency = 0 + 0 + 0 < 100: a young mapped
        // page stays active and keeps its young bit. At swappiness 100 (tendency 100)
        // page_referenced runs: young -> cleared, referenced -> kept active.
        for (swappiness, youngAfter) in [(0, true), (100, false)] {
            var k = Kernel.fixture(swap: 64)
            let pfns = k.faultAnon(0..<4)
            var sc = ScanControl(mayWritepage: true, swappiness: swappiness)
            var stats = PassStats()
            k.shrinkActiveList(32, priority: 12, sc: &sc, stats: &stats)
            #expect(stats.decision?.reclaimMapped == !youngAfter)
            #expect(pfns.allSatisfy { k.frames.has($0, .active) })
            #expect(pfns.allSatisfy { k.anyPTEYoung($0) == youngAfter }, "swappiness \(swappiness)")
        }
    }

    @Test func tasksNamingTheSameFileShareItsPageCache() throws {
        // B reads the page A read: the same frame, no new read, and B's mark activates it
        // (each task has its own prev_index).
        var k = Self.kernel([Self.reader("a", file: "data"), Self.reader("b", file: "data")])
        #expect(k.files.count == 1)
        k.readPages(task: 0, [50])
        let pfn = k.files[0].pages[50]
        let frames = k.frames.freeCount
        k.readPages(task: 1, [50])
        #expect(k.files[0].pages[50] == pfn)
        #expect(k.frames.freeCount == frames)
        #expect(k.frames.has(pfn, .active))
        try k.checkInvariants()
    }
}

extension Kernel {
    /// Reads (or writes) pages of task `t`'s file one call at a time, each call run to its
    /// end (I/O completed on the way and at the end).
    mutating func readPages(task t: Int, _ indexes: [Int], write: Bool = false) {
        for i in indexes {
            while access(PageRef(area: .file, index: Int32(i), write: write), task: t) != .done {
                settleIO()
                tasks[t].blockedUntil = 0
            }
        }
        settleIO()
    }
}

/// Shared file mappings (docs/model.md §13.F, §8.2): one page, a pte per mapping mm.
@Suite struct SharedFileMappingTests {
    /// Task 0 ("a", container 0) and task 1 ("b", container 1) map the file "data".
    private static func kernel() -> Kernel {
        var a = ConfigBuilder.task("a", container: 0, workload: .fileWorkingSet(pages: 64, refsPerTick: 0, pattern: .uniform))
        var b = ConfigBuilder.task("b", container: 1, workload: .fileWorkingSet(pages: 64, refsPerTick: 0, pattern: .uniform))
        a.file = "data"
        b.file = "data"
        var k = Kernel(config: ConfigBuilder.config(containers: [("A", 1000), ("B", 1000)], tasks: [a, b]))
        for t in k.tasks.indices { k.startTask(t) }
        k.files[0].randomReadHint = true
        return k
    }

    @Test func chargedToTheFirstToucherUnchargedAtTheLastUnmap() throws {
        var k = Self.kernel()
        let pfn = k.faultFile(task: 0, 0..<1)[0]
        k.faultFile(task: 1, 0..<1)
        #expect(k.frames.mapcount[Int(pfn)] == 2)
        #expect(k.tasks[0].mm!.rss == 1 && k.tasks[1].mm!.rss == 1, "rss counts ptes")
        #expect(k.nrFileMapped == 1, "NR_FILE_MAPPED counts pages")
        #expect(k.containers[0].usage == 1, "charged to A, the first toucher")
        #expect(k.containers[1].usage == 0, "B's prepared charge released")
        #expect(k.containers[1].failcnt == 0)
        k.exitTask(0)
        #expect(k.frames.mapcount[Int(pfn)] == 1)
        #expect(k.containers[0].usage == 1, "still A's while B maps it")
        k.exitTask(1)
        #expect(k.frames.mapcount[Int(pfn)] == 0 && !k.frames.has(pfn, .mapped))
        #expect(k.containers[0].usage == 0)
        try k.checkInvariants()
    }

    @Test func pageReferencedSumsEveryPte() {
        // PG_referenced (set by filemap_nopage's mark_page_accessed) + 2 young ptes = 3.
        var k = Self.kernel()
        let pfn = k.faultFile(task: 0, 0..<1)[0]
        k.faultFile(task: 1, 0..<1)
        k.frames.set(pfn, .referenced)
        let first = k.pageReferenced(pfn, activeListCheck: false)
        let second = k.pageReferenced(pfn, activeListCheck: false)
        #expect(first == 3)
        #expect(second == 0, "all cleared")
    }

    @Test func tryToUnmapRemovesEveryPteOrStopsAtAYoungOne() throws {
        var k = Self.kernel()
        let p0 = k.faultFile(task: 0, 0..<1)[0]
        k.faultFile(task: 1, 0..<1)
        k.age([p0])
        let unmapped = k.tryToUnmap(p0)
        #expect(unmapped)
        #expect(k.frames.mapcount[Int(p0)] == 0 && k.tasks[0].mm!.rss == 0 && k.tasks[1].mm!.rss == 0)
        #expect(k.containers[0].usage == 0)
        // Page 1: a's pte old, b's young: a's goes, b's refuses (SWAP_FAIL) and is aged.
        let p1 = k.faultFile(task: 0, 1..<2)[0]
        k.faultFile(task: 1, 1..<2)
        k.age([p1])
        k.tasks[1].mm!.filePTE[1] = FilePTE.present | FilePTE.young
        let refused = !k.tryToUnmap(p1)
        #expect(refused)
        #expect(k.frames.mapcount[Int(p1)] == 1)
        #expect(k.tasks[0].mm!.filePTE[1] == 0 && k.tasks[1].mm!.filePTE[1] == FilePTE.present)
        #expect(k.containers[0].usage == 1, "charged to A until the last unmap")
        try k.checkInvariants()
    }
}
