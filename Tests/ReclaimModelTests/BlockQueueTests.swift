import Testing

@testable import ReclaimModel

/// The request queue of docs/model.md §13.A and golden G18 (§13.J), on the queue alone.
@Suite struct BlockQueueTests {
    /// G18: `blk_queue_congestion_threshold` for 128 requests: on = 128 - 16 + 1 = 113,
    /// off = 128 - 16 - 8 - 1 = 103.
    @Test func thresholdsFor128Requests() {
        #expect(BlockQueue.congestionOn(nrRequests: 128) == 113)
        #expect(BlockQueue.congestionOff(nrRequests: 128) == 103)
        #expect(BlockQueue.congestionOn(nrRequests: 4) == 4, "<= nr: 4 - 0 + 1 clamped to 4")
        #expect(BlockQueue.congestionOff(nrRequests: 4) == 3, "4 - 0 - 0 - 1")
        #expect(BlockQueue.congestionOff(nrRequests: 1) == 1, ">= 1: 1 - 0 - 0 - 1 = 0 raised to 1")
    }

    /// G18: 1024 contiguous pages make 1024 / 128 = 8 requests at max_sectors 1024,
    /// 1024 / 32 = 32 at 256, ceil(1024 / 31) = 34 at 255 (31 pages each).
    @Test(arguments: [(1024, 8), (256, 32), (255, 34)])
    func contiguousPagesMergeUpToMaxSectors(maxSectors: Int, requests: Int) {
        var q = BlockQueue(hz: 250, pagesPerSecond: 12800, maxSectors: maxSectors)
        for i in 0..<1024 { q.submit(now: 0, dir: .write, space: 3, index: Int32(i), pfn: Int32(i)) }
        #expect(q.allocated[1] == requests, "max_sectors \(maxSectors)")
        #expect(q.pendingWrites == requests)
    }

    /// Scattered pages (no two adjacent) take a request each: the 113th allocation sets the
    /// congested bit (A4), the 128th makes the queue full (A6); completions clear the bit
    /// only when they leave fewer than 103 (A5), i.e. at the 11th completion (113 -> 102).
    @Test func scatteredPagesCongestAt113AndClearBelow103() {
        var q = BlockQueue(hz: 250, pagesPerSecond: 250)  // one page per jiffy
        for i in 0..<112 { q.submit(now: 0, dir: .write, space: 0, index: Int32(2 * i), pfn: Int32(i)) }
        #expect(!q.isWriteCongested, "112 requests")
        q.submit(now: 0, dir: .write, space: 0, index: 224, pfn: 112)
        #expect(q.isWriteCongested, "the 113th request")
        for i in 113..<127 { q.submit(now: 0, dir: .write, space: 0, index: Int32(2 * i), pfn: Int32(i)) }
        #expect(!q.isFull(.write))
        q.submit(now: 0, dir: .write, space: 0, index: 254, pfn: 127)
        #expect(q.isFull(.write), "128 requests")
        var clearedAt: Int?
        var completed = 0
        var jiffy = 0
        while clearedAt == nil && jiffy < 400 {
            jiffy += 1
            while let c = q.popCompleted(by: jiffy) {
                completed += 1
                if c.cleared && clearedAt == nil { clearedAt = completed }
            }
        }
        #expect(clearedAt == 26, "128 - 26 = 102 < 103")
    }

    /// A request that has started takes no more pages (A8): a page adjacent to a dispatched
    /// request opens a new one. Reads go before queued writes (CFQ, A10).
    @Test func startedRequestsDoNotGrowAndReadsGoFirst() {
        var q = BlockQueue(hz: 250, pagesPerSecond: 250)
        for i in 0..<4 { q.submit(now: 0, dir: .write, space: 0, index: Int32(10 * i), pfn: Int32(i)) }
        // The 4th request unplugged the queue: the first write is in service.
        q.submit(now: 0, dir: .write, space: 0, index: 1, pfn: 9)
        #expect(q.allocated[1] == 5, "page 1 is next to page 0, whose request has started")
        q.submit(now: 0, dir: .write, space: 0, index: 11, pfn: 10)
        #expect(q.allocated[1] == 5, "page 11 joins the pending request of page 10")
        let read = q.submit(now: 0, dir: .read, space: 7, index: 0, pfn: 20)
        #expect(q.doneTime(read.request) == nil, "waits for the write in service")
        // One page per jiffy: the started write ends at jiffy 1; the read goes next, ahead
        // of the four pending writes, and ends at jiffy 2.
        let first = q.popCompleted(by: 1)
        #expect(first?.request.dir == .write)
        let done = q.doneTime(read.request)
        #expect(done == Int64(500))
    }
}
