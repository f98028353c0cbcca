import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// `congestion_wait` ends at the first write completion that leaves the queue below its
/// "off" threshold, or at HZ/10 (docs/model.md §13.B); reclaim records the real stall.
@Suite struct CongestionWaitTests {
    /// A container of 1000 aged anonymous pages with swap and a fast disk (12800 pages/s,
    /// 1 ms per request). G1: nothing is scanned until priority 5, which isolates 32 pages:
    /// each gets a swap slot (the next free: contiguous) and its pageout starts, so the 32
    /// writes merge into one request; nothing is freed (the pages are uncharged at unmap and
    /// leave the container's lists, §8.2) and the call naps after each pass from 5 to 0.
    /// Each nap ends at the first completion (the queue holds far fewer than 103 requests),
    /// by hand: p5's request (32 pages) waits for the unplug (1 jiffy = 4 ms at HZ=250,
    /// §13.A), takes 1 + 32/12.8 = 3.5 ms and ends at 7.5 ms, seen at the next jiffy: 8 ms.
    /// p4 (61 pages, one request): 4 + 1 + 4.77 = 9.77 ms -> 12 ms. p3 (114 pages): 4 + 1 +
    /// 8.9 = 13.9 -> 16 ms. Six naps of HZ/10 were 600 ms; now the whole call stalls 72 ms.
    @Test func napsEndAtTheFirstWriteCompletion() {
        var k = Kernel.fixture(limit: 2000, swap: 4096, tasks: [
            ConfigBuilder.task("a", container: 0, workload: .idle(totalVM: 1000, rss: 0))
        ])
        let pfns = k.faultAnon(0..<1000)
        k.age(pfns)
        var call = k.beginContainerReclaim(container: 0, task: 0)
        var success: Bool?
        var requestsAfterFirstPass: Int?
        while success == nil {
            switch k.runReclaimCall(&call) {
            case .sleep:
                if requestsAfterFirstPass == nil { requestsAfterFirstPass = k.disk.allocated[1] }
                repeat {
                    k.now += 1
                    k.completeIO()
                } while k.tasks[0].blockedUntil > k.now
            case .done(let s): success = s
            }
        }
        #expect(requestsAfterFirstPass == 1, "32 contiguous swap slots: one write request")
        let waits = Dictionary(uniqueKeysWithValues: k.events.scanPasses.map { ($0.priority, $0.congestionWaitMs) })
        #expect(waits[5] == 8 && waits[4] == 12 && waits[3] == 16, "by hand: 8, 12, 16 ms")
        #expect(waits.filter { $0.key <= 5 }.allSatisfy { $0.value > 0 && $0.value < 100 }, "every nap ends before HZ/10")
        let record = k.events.reclaimCalls.last!
        #expect(record.result == 0 && record.stallMs == waits.values.reduce(0, +))
        #expect(record.stallMs < 100, "a few jiffies per nap, not 600 ms")
    }

    /// With no write in flight nothing wakes a sleeper: the nap lasts HZ/10 = 25 jiffies.
    @Test func withoutWritesTheNapLastsHZOver10() {
        var k = Kernel.fixture(tasks: [ConfigBuilder.task("a", container: 0, workload: .idle(totalVM: 10, rss: 0))])
        k.congestionWait(task: 0, timeout: k.congestionWaitJiffies)
        for _ in 0..<24 {
            k.now += 1
            k.completeIO()
        }
        #expect(k.tasks[0].blockedUntil == k.now + 1, "still asleep after 24 jiffies")
        k.now += 1
        #expect(k.endSleep(task: 0) == 25)
    }
}
