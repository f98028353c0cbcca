import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// docs/model.md §8.6 (the seed's container reclaim) and golden facts G1, G5, G15.
@Suite struct ContainerReclaimTests {
    /// G1: `(physpages >> prio) + 1`, zeroed under 32.
    @Test func g1ScanSizeFor1000Pages() {
        #expect(Kernel.containerScanSize(physpages: 1000, priority: 12) == 0, "1000>>12 = 0, +1 = 1 < 32")
        #expect(Kernel.containerScanSize(physpages: 1000, priority: 6) == 0, "1000>>6 = 15, +1 = 16 < 32")
        #expect(Kernel.containerScanSize(physpages: 1000, priority: 5) == 32, "1000>>5 = 31, +1 = 32")
        #expect(Kernel.containerScanSize(physpages: 1000, priority: 0) == 1001)
        #expect(Kernel.containerScanSize(physpages: 30, priority: 0) == 0, "under 31 pages: never scanned")
    }

    /// G1 through a whole call: a 1000-page anonymous container without swap. The active
    /// step first runs at priority 5 (32 entries), and at priority 0 isolates 31 chunks of
    /// 32 plus one of 9 = 1001 entries; nothing is freed and the call fails.
    @Test func g1PassesOfA1000PageContainer() {
        var k = Kernel.fixture(limit: 1000)
        k.faultAnon(0..<1000)
        #expect(k.containers[0].usage == 1000)
        let success = k.reclaimToEnd()
        #expect(!success)
        let passes = k.events.scanPasses
        #expect(passes.map(\.priority) == Array((0...12).reversed()))
        for p in passes where p.priority >= 6 { #expect(p.activeScanned == 0, "priority \(p.priority)") }
        #expect(passes.first { $0.priority == 5 }?.activeScanned == 32)
        #expect(passes.first { $0.priority == 4 }?.activeScanned == 63, "1000>>4 = 62, +1: 32 + 31")
        #expect(passes.first { $0.priority == 0 }?.activeScanned == 1001)
        #expect(passes.allSatisfy { $0.deactivated == 0 && $0.nrScanned == 0 && $0.reclaimMapped })
        #expect(passes.allSatisfy { $0.swapTendency == nil && $0.distress == nil && $0.mappedRatio == nil })
        let call = k.events.reclaimCalls.last!
        #expect(call.result == 0)
        #expect(call.nrReclaimed == 0)
        #expect(call.lastPriority == 0)
        #expect(call.stallMs == 0)
    }

    /// G5 (container form) and G15: success needs more than one freed page.
    @Test func g15SuccessNeedsTwoFreedPages() {
        #expect(!Kernel.containerReclaimSucceeded(nrReclaimed: 1))
        #expect(Kernel.containerReclaimSucceeded(nrReclaimed: 2))
        var c = MemContainer(name: "c", limit: 1000)
        let first = c.charge(999)
        #expect(first)
        let second = c.charge()
        #expect(second, "999 + 1 = 1000 is within the limit")
        #expect(c.usage == 1000)
        #expect(c.failcnt == 0)
        let third = c.charge()
        #expect(!third, "1000 + 1 > 1000")
        #expect(c.failcnt == 1)
        #expect(c.usage == 1000)
    }

    /// G5: pdflush iff cumulative scanned > 48 (49 triggers, 48 does not); a nap iff the pass
    /// scanned something at priority <= 9; the nap is HZ/10 = 100 ms.
    @Test func g5Thresholds() {
        #expect(!Kernel.wakesPdflush(totalScanned: 48))
        #expect(Kernel.wakesPdflush(totalScanned: 49))
        #expect(!Kernel.napsAfterPass(nrScanned: 5, priority: 10))
        #expect(Kernel.napsAfterPass(nrScanned: 1, priority: 9))
        #expect(!Kernel.napsAfterPass(nrScanned: 0, priority: 3))
        for hz in [100, 250, 300, 1000] {
            let k = Kernel.fixture(hz: hz)
            #expect(k.ms(k.congestionWaitJiffies) == 100, "HZ=\(hz)")
        }
    }

    /// A clean file container: the first pass that scans (priority 5 for 1000 pages) frees
    /// unreferenced pages, so the call succeeds there with no nap (priority >= 10 does not nap,
    /// and success returns before the nap check).
    @Test func cleanFileContainerSucceedsAtFirstScanningPass() {
        var k = Kernel.fixture(limit: 1000, tasks: [.fileTask(pages: 1000)])
        let pfns = k.faultFile(0..<1000)
        k.age(pfns)
        let success = k.reclaimToEnd()
        #expect(success)
        let call = k.events.reclaimCalls.last!
        #expect(call.lastPriority == 5)
        #expect(call.nrReclaimed > 1)
        let last = k.events.scanPasses.last!
        // Active step: 32 unmapped? no: mapped, unreferenced -> deactivated; the inactive step
        // then frees 32 aged pages from the inactive tail: 2 units each (mapped).
        #expect(last.inactiveScanned == 32)
        #expect(last.nrScanned == 64)
        #expect(last.nrReclaimed == 32)
        #expect(last.congestionWaitMs == 0)
        #expect(k.containers[0].usage == 1000 - 32)
        try! k.checkInvariants()
    }

    /// The active step (docs/model.md §8.6 item 2): reclaim_mapped is always 1, so a mapped
    /// unreferenced page is deactivated whatever the swappiness; referenced pages stay; with
    /// no swap, anonymous pages stay without `page_referenced` being run (bits not cleared).
    @Test func activeStepRules() {
        var k = Kernel.fixture(swap: 0, tasks: [
            ConfigBuilder.task("a", container: 0, workload: .idle(totalVM: 64, rss: 0)),
            .fileTask(pages: 64),
        ])
        let anon = k.faultAnon(task: 0, 0..<32)
        let file = k.faultFile(task: 1, 0..<32)
        for p in file { k.markPageAccessed(p) }  // referenced twice: now active, bit clear
        #expect(file.allSatisfy { k.frames.has($0, .active) })
        k.age(Array(file[0..<16]))
        var stats = PassStats()
        k.containerShrinkActive(64, container: 0, stats: &stats)
        #expect(stats.activeScanned == 64)
        #expect(stats.deactivated == 16, "the 16 aged file pages")
        #expect(anon.allSatisfy { k.anyPTEYoung($0) }, "short circuit: anon bits untouched without swap")
        #expect(file[16...].allSatisfy { k.frames.has($0, .active) })
        try! k.checkInvariants()
    }

    /// Inactive step: a list shorter than max_scan is rescanned until max_scan entries
    /// were isolated (the seed's `while (nr_scanned < max_scan)`).
    @Test func shortInactiveListIsRescanned() {
        var k = Kernel.fixture(swap: 0)
        let pfns = k.faultAnon(0..<10)
        k.age(pfns)
        k.deactivate(pfns)
        var sc = ScanControl(mayWritepage: true, swappiness: 0)
        var stats = PassStats()
        // Without swap, rule 7 activates every page in the first batch: the second batch is empty.
        _ = k.containerShrinkInactive(32, container: 0, sc: &sc, stats: &stats)
        #expect(stats.inactiveScanned == 10)
        #expect(stats.activated == 10)
        // Locked pages are kept on the inactive list, so they are isolated again and again.
        var k2 = Kernel.fixture(tasks: [.fileTask(pages: 10)])
        for i in 0..<10 { _ = k2.access(PageRef(area: .file, index: Int32(i), write: false), task: 0) }
        var sc2 = ScanControl(mayWritepage: true, swappiness: 0)
        var stats2 = PassStats()
        _ = k2.containerShrinkInactive(32, container: 0, sc: &sc2, stats: &stats2)
        #expect(stats2.inactiveScanned == 40, "10 + 10 + 10 + 10 >= 32")
        #expect(sc2.nrScanned == 0, "locked pages add nothing")
    }
}
