import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// Swap readahead (docs/model.md §13.D, golden "swap readahead reads at most 8 slots").
@Suite struct SwapReadaheadTests {
    /// `valid_swaphandles` with page_cluster 3 (model slot s = kernel offset s + 1): slot 10
    /// is offset 11, block 8-15 = slots 7-14; slot 5 is offset 6, in the first block, whose
    /// offset 0 is the swap header: slots 0-6; a free slot ends the block early.
    @Test func blocksOfEightAlignedSlots() {
        #expect(Kernel.swapReadaheadSlots(slot: 10, total: 100) { _ in true } == 7..<15)
        #expect(Kernel.swapReadaheadSlots(slot: 5, total: 100) { _ in true } == 0..<7)
        #expect(Kernel.swapReadaheadSlots(slot: 10, total: 100) { $0 != 9 } == 7..<9, "stops at free slot 9")
        #expect(Kernel.swapReadaheadSlots(slot: 10, total: 12) { _ in true } == 7..<12, "end of swap")
    }

    /// 16 anonymous pages swapped out to slots 0-15 (index i in slot i). A fault on index 10
    /// reads slots 7-14 — 8 pages, contiguous: one read request — into the swap cache on the
    /// active list; a later fault on index 8 finds its page there (minor).
    @Test func aSwapInReadsItsBlockOfEight() throws {
        var k = Kernel.fixture(swap: 64, tasks: [ConfigBuilder.task("a", container: 0, workload: .idle(totalVM: 16, rss: 0))])
        let pfns = k.faultAnon(0..<16)
        for p in pfns {
            k.lruRemove(p)
            _ = k.addToSwap(p)
            k.unmapEveryPTE(p)
            k.startWrite(p, forReclaim: false)
        }
        k.settleIO()
        for p in pfns {
            k.deleteFromSwapCache(p)
            k.frames.clear(p, .dirty)
            k.freePage(p)
        }
        let reads = k.disk.allocated[0]
        let majors = k.tasks[0].majorFaults
        _ = k.access(PageRef(area: .anon, index: 10, write: false), task: 0)
        #expect((7...14).allSatisfy { k.swap.cache[$0] >= 0 } && k.swap.cache[6] < 0 && k.swap.cache[15] < 0)
        #expect(k.disk.allocated[0] - reads == 1, "8 contiguous slots: one request")
        let p8 = k.swap.cache[8]
        #expect(k.frames.has(p8, .active) && !k.frames.has(p8, .mapped), "read_swap_cache_async: active list, unmapped")
        k.settleIO()
        k.tasks[0].blockedUntil = 0
        _ = k.access(PageRef(area: .anon, index: 8, write: false), task: 0)
        #expect(k.tasks[0].majorFaults == majors + 1, "index 8 was read ahead: a minor fault")
        try k.checkInvariants()
    }
}
