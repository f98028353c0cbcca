import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// Writeback in `MAX_WRITEBACK_PAGES` chunks (docs/model.md §13.C, C9), `dirty_exceeded` and the
/// blocking writer (§13.C), on hand-built page caches. Numbers from the 2.6.20 rules:
/// 128 pages per request (max_sectors 1024), congestion at 113 requests, full at 128.
@Suite struct WritebackChunkTests {
    /// A file task with `dirty` pages dirtied at `step` apart (1 = contiguous), unmapped.
    private static func dirtyFile(pages: Int, dirty: Int, step: Int = 1, ram: Int = 65536) -> Kernel {
        var k = Kernel.fixture(ram: ram, tasks: [.fileTask(pages: pages, container: nil)])
        for n in 0..<dirty {
            let p = k.faultFile((n * step)..<(n * step + 1), write: true)
            k.unmapEveryPTE(p[0])
        }
        k.tasks[0].dirtyBalance = nil
        k.ratelimitCount = 0
        return k
    }

    /// 200 dirty pages: one pass writes all 200 (short of 1024: 2 requests, 128 + 72), then
    /// pdflush backs off in congestion_wait and, having met no congestion, stops.
    @Test func twoHundredPagesInOneChunk() {
        var k = Self.dirtyFile(pages: 300, dirty: 200)
        let before = k.disk.allocated[1]
        k.wakeupPdflush(0)
        #expect(k.nrFileDirty == 0 && k.nrWriteback == 200)
        #expect(k.disk.allocated[1] - before == 2, "128 + 72 pages")
        #expect(k.pdflush.active && k.pdflush.congestionWaitSince == k.now, "backing off")
        k.now += k.congestionWaitJiffies
        k.runPdflush()
        #expect(!k.pdflush.active, "no congestion met: done")
    }

    /// 5000 contiguous dirty pages: passes of 1024, 1024, 1024, 1024 and 904 (8 requests per
    /// full pass, 128 pages each; the queue never reaches 113 requests): 40 requests, then a
    /// back-off after the short fifth pass.
    @Test func fiveThousandPagesIn1024PageChunks() {
        var k = Self.dirtyFile(pages: 5000, dirty: 5000)
        let before = k.disk.allocated[1]
        k.wakeupPdflush(0)
        #expect(k.nrFileDirty == 0 && k.nrWriteback == 5000)
        #expect(k.disk.allocated[1] - before == 40, "ceil(1024/128) * 4 + ceil(904/128) = 32 + 8")
        #expect(k.pdflush.congestionWaitSince == k.now)
    }

    /// 5000 dirty pages none of them adjacent: each page is a request; the nonblocking pass
    /// stops at the congestion mark, 113 requests (113 pages), and backs off having met
    /// congestion; the completion that leaves 102 requests wakes it and it writes on.
    @Test func scatteredPagesBackOffAtTheCongestionMark() {
        var k = Self.dirtyFile(pages: 10_000, dirty: 5000, step: 2, ram: 65536)
        k.wakeupPdflush(0)
        #expect(k.nrWriteback == 113, "stopped at 113 requests")
        #expect(k.pdflush.metCongestion && k.pdflush.congestionWaitSince == k.now)
        let slept = k.now
        var woke: Int?
        while woke == nil && k.now < slept + 100 {
            k.now += 1
            k.completeIO()
            if k.pdflush.blockedUntil <= k.now { woke = k.now }
        }
        #expect(k.disk.pendingWrites < 103)
        k.runPdflush()
        #expect(k.disk.pendingWrites == 113, "back up to the mark")
        #expect(woke.map { $0 - slept } ?? 99 < k.congestionWaitJiffies, "woken before HZ/10")
    }

    /// A blocking writer (balance_dirty_pages) does not stop at congestion but sleeps when
    /// the queue is full: 1024 scattered dirty pages -> 128 requests submitted, then
    /// get_request_wait (§13.J: "scattered pages give 1024 requests and block at 128").
    @Test func blockingWriterStopsAtAFullQueue() {
        var k = Self.dirtyFile(pages: 2048, dirty: 1024, step: 2)
        let pass = k.writebackInodes(nrToWrite: 1536, nonblocking: false)
        #expect(pass.written == 128 && pass.blocked)
        #expect(k.disk.isFull(.write))
    }

    /// balance_dirty_pages on 2048 pages with 1000 dirty unmapped pages: FILE_MAPPED 0, so dirty_ratio = min(40, 100/2) = 40 -> limit
    /// 40% of 2048 = 819, background 204. ratelimit = 2048/32 = 64, write_chunk 96. Over
    /// the limit: dirty_exceeded is set, the writer writes 96 pages (oldest inode from its
    /// writeback_index: pages 0-95) and, having written its chunk,
    /// stops; pdflush (background_writeout(0), dirty 904 > 204) writes the other 904 (pages
    /// 96-999, merging into the writer's request, still plugged: 8 requests in all). With dirty_exceeded set the ratelimit is 8 pages.
    @Test func dirtyExceededAndTheWriteChunk() {
        var k = Self.dirtyFile(pages: 1200, dirty: 1000, ram: 2048)
        #expect(k.dirtyLimits().dirty == 819 && k.dirtyLimits().background == 204)
        #expect(k.ratelimitPages == 64)
        for n in 1...63 {
            let due = k.noteDirtied(task: 0)
            #expect(!due, "page \(n) of 64")
        }
        let due64 = k.noteDirtied(task: 0)
        #expect(due64, "the 64th dirtied page")
        let before = k.disk.allocated[1]
        let result = k.balanceDirtyPages(task: 0)
        #expect(result == .done)
        #expect(k.dirtyExceeded, "dirty + writeback 1000 > 819 after the chunk")
        #expect(k.nrFileDirty == 0 && k.nrWriteback == 1000)
        #expect(k.disk.allocated[1] - before == 8, "pages 0-999 in file order, the writer's 96 then pdflush's 904, merge into ceil(1000/128) = 8 requests (the first not started yet)")
        for n in 1...7 {
            let due = k.noteDirtied(task: 0)
            #expect(!due, "page \(n) of 8")
        }
        let due8 = k.noteDirtied(task: 0)
        #expect(due8, "dirty_exceeded: every 8th page")
    }
}
