import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// docs/model.md §5 (`__alloc_pages` around reclaim), §1 (`prev_priority` after a direct reclaim call)
/// and §2 (`throttle_vm_writeout`), on a 65536-page machine: watermarks min 512, low 640,
/// high 768; HZ 250, so `congestion_wait(HZ/50)` is 5 jiffies (20 ms) and HZ/10 is 25 (100 ms).
@Suite struct AllocatorTests {
    /// Task 0 ("small", pid 100) allocates; task 1 ("big", pid 101) holds `bigPages` mapped
    /// anonymous pages (no swap: unreclaimable) and is the global OOM killer's choice; task 2
    /// ("cache", pid 102) owns a file of which `cache` pages are clean, unmapped and
    /// unreferenced on the inactive list (freed by the first scan that takes them).
    static func machine(bigPages: Int = 100, cache: Int = 0) -> Kernel {
        var k = Kernel.fixture(tasks: [
            ConfigBuilder.task("small", container: nil, workload: .idle(totalVM: 16, rss: 0)),
            ConfigBuilder.task("big", container: nil, workload: .idle(totalVM: max(bigPages, 1), rss: 0)),
            .fileTask("cache", pages: max(cache, 1), container: nil),
        ])
        if bigPages > 0 { k.faultAnon(task: 1, 0..<bigPages) }
        if cache > 0 {
            let pfns = k.faultFile(task: 2, 0..<cache)
            for p in pfns { k.unmapEveryPTE(p) }
            k.age(pfns)
        }
        return k
    }

    // MARK: - Fast paths (§5: low watermark, wake kswapd, min watermark)

    /// §5 first try at the LOW watermark, before kswapd is woken: at 641 free (> low 640 of
    /// 65536 pages) the page comes from the fast path and kswapd stays asleep; at 640 the
    /// fast path fails, kswapd is woken and the page comes from the MIN try (640 > 512).
    /// No reclaim either time.
    @Test func lowWatermarkFastPath640Of65536() {
        var k = Self.machine()
        k.allocTestLeak(downTo: 641)
        guard case .page = k.allocPage(task: 0) else {
            Issue.record("641 > pages_low 640: the fast path gives a page")
            return
        }
        #expect(k.frames.freeCount == 640)
        #expect(!k.kswapd.awake, "the fast path does not wake kswapd")
        guard case .page = k.allocPage(task: 0) else {
            Issue.record("640 > pages_min 512: the min try gives a page")
            return
        }
        #expect(k.kswapd.awake, "640 = pages_low: kswapd woken")
        #expect(k.frames.freeCount == 639)
        #expect(k.events.reclaimCalls.isEmpty)
    }

    /// §5 "retry at the `min` watermark; then" direct reclaim: 513 free (> min 512) still gets
    /// a page without reclaim; at 512 (= pages_min) the task enters `try_to_free_pages`,
    /// recorded as a direct `reclaim_calls` row with its pid 100.
    @Test func minWatermark512ThenDirectReclaim() throws {
        var k = Self.machine(cache: 1000)
        k.allocTestLeak(downTo: 513)
        guard case .page = k.allocPage(task: 0) else {
            Issue.record("513 > pages_min 512: a page")
            return
        }
        #expect(k.events.reclaimCalls.isEmpty)
        #expect(k.kswapd.awake)
        #expect(k.frames.freeCount == 512)
        _ = k.allocPage(task: 0)
        let row = try #require(k.events.reclaimCalls.last, "512 is not above pages_min: direct reclaim")
        #expect(row.origin == .direct)
        #expect(row.pid == 100)
        #expect(row.container == nil)
    }

    // MARK: - Direct reclaim with progress (§5, §1)

    /// §5 "if progress: try to allocate" at min, with §1's numbers: 1000 clean cache pages
    /// (G2: the inactive accumulator first reaches 33 at priority 6, scanned as a 32 chunk and
    /// a 1 chunk, each isolating a 32-page batch) free 64 pages at priority 6, >= 32 so the
    /// call succeeds there; the retry at min takes one of them: 512 + 64 - 1 = 575 free.
    /// §1: `prev_priority` is left at the priority of success, 6.
    @Test func successfulDirectReclaimThenPageAtMin() throws {
        var k = Self.machine(cache: 1000)
        k.allocTestLeak(downTo: 512)
        guard case .page = k.allocPage(task: 0) else {
            Issue.record("progress and 576 > 512: a page")
            return
        }
        let row = try #require(k.events.reclaimCalls.last)
        #expect(row.origin == .direct)
        #expect(row.result == 1)
        #expect(row.nrReclaimed == 64)
        #expect(row.lastPriority == 6)
        #expect(row.totalScanned == 64)
        #expect(k.frames.freeCount == 575)
        #expect(k.zone.prevPriority == 6, "§1: prev_priority = the priority the call succeeded at")
        #expect(k.tasks[0].allocPhase == .start)
    }

    /// §1 "prev_priority is overwritten (it can go back up) at the end of every call": a zone
    /// at prev_priority 0 (as a failed call leaves it) is scanned at priority 12 with 0 noted
    /// in the pass (`min(0, 12)`); 32 cache pages freed at priority 12 (`nr_scan_inactive`
    /// primed at 31) make the call succeed there, and prev_priority goes back UP to 12.
    @Test func prevPriorityGoesBackUpTo12AfterASuccessfulCall() throws {
        var k = Self.machine(cache: 32)
        k.zone.nrScanInactive = 31
        k.zone.prevPriority = 0
        k.allocTestLeak(downTo: 512)
        guard case .page = k.allocPage(task: 0) else {
            Issue.record("progress: a page")
            return
        }
        let row = try #require(k.events.reclaimCalls.last)
        #expect(row.result == 1)
        #expect(row.nrReclaimed == 32)
        #expect(row.lastPriority == 12)
        #expect(k.events.scanPasses.map(\.prevPriority) == [0])
        #expect(k.zone.prevPriority == 12)
    }

    /// §5 "progress" but no page at min: `congestion_wait(WRITE, HZ/50)` (5 jiffies at HZ 250)
    /// and `goto loop` (rebalance). 100 unreclaimable anonymous pages and 512 free: the call
    /// frees nothing over all 13 priorities yet reports SUCCESS (§1 notes: the zone was not
    /// skipped), so the task sleeps 5 jiffies with the rebalance phase. After the sleep, with
    /// 600 free (above min, at or below low), it reclaims AGAIN before any watermark (a second
    /// row) and does not wake kswapd (rebalance skips the top of the allocator), then takes
    /// its page at min.
    @Test func progressWithoutPageSleepsHZ50ThenRebalances() throws {
        var k = Self.machine()
        var leaked = k.allocTestLeak(downTo: 512)
        let t0 = k.now
        #expect(k.allocPage(task: 0) == .blocked)
        let row = try #require(k.events.reclaimCalls.last)
        #expect(row.result == 1, "13 passes, nothing freed, still success")
        #expect(row.nrReclaimed == 0, "13 passes, nothing freed, still success")
        #expect(row.lastPriority == 0, "13 passes, nothing freed, still success")
        #expect(k.tasks[0].allocPhase == .rebalance)
        #expect(k.tasks[0].blockedUntil == t0 + 5, "HZ/50 = 5 jiffies at HZ 250")
        #expect(k.events.oomEvents.isEmpty, "progress never leads to the OOM killer")

        for _ in 0..<88 { k.frames.free(leaked.removeLast()) }  // 600 free
        k.kswapd.awake = false
        k.now = t0 + 5
        guard case .page = k.allocPage(task: 0) else {
            Issue.record("after the second call: 600 > 512, a page at min")
            return
        }
        #expect(k.events.reclaimCalls.count == 2, "goto rebalance: try_to_free_pages again")
        #expect(!k.kswapd.awake, "rebalance does not go back through wakeup_kswapd")
        #expect(k.frames.freeCount == 599)
    }

    /// G5 inside the allocator (§1): 32 mapped anonymous pages (no swap) at the inactive tail,
    /// `nr_scan_inactive` primed at 31, so the priority-12 pass of the task's direct reclaim
    /// scans one 32-page batch for 64 (G6) > 48: pdflush is woken. Nothing else is scanned
    /// into sc.nr_scanned, so no pass naps (direct reclaim naps on the PASS's count, not on
    /// the total; kswapd would nap at 9..0): stall 0 ms, the call returns at once with
    /// SUCCESS and nothing freed, and the allocation waits HZ/50.
    @Test func g5PdflushPast48AndNoNapWithoutAPassScan() throws {
        var k = Self.machine(bigPages: 32)
        let anon = (0..<32).map { k.tasks[1].mm!.anonPTE[$0] - 1 }
        k.age(anon)
        k.deactivate(anon)
        k.zone.nrScanInactive = 31
        k.allocTestLeak(downTo: 512)
        let t0 = k.now
        #expect(k.allocPage(task: 0) == .blocked)
        #expect(k.tasks[0].reclaim == nil, "the call did not sleep")
        let row = try #require(k.events.reclaimCalls.last)
        #expect(row.totalScanned == 64, "64 > 48")
        #expect(row.pdflushWoken, "64 > 48")
        #expect(row.stallMs == 0)
        #expect(row.result == 1)
        #expect(row.nrReclaimed == 0)
        #expect(row.lastPriority == 0)
        #expect(k.events.scanPasses.map(\.nrScanned) == [64] + Array(repeating: 0, count: 12))
        #expect(k.tasks[0].allocPhase == .rebalance)
        #expect(k.tasks[0].blockedUntil == t0 + 5)
    }

    // MARK: - Direct reclaim without progress (§5: high watermark, OOM, restart)

    /// §5 "one more attempt at the HIGH watermark (catches a parallel kill)": after a failed
    /// call, 769 free (> high 768) gives a page and no OOM; 768 does not, and the global OOM
    /// killer runs.
    @Test func noProgressOneTryAtPagesHigh768() throws {
        var k = Self.machine()
        k.allocTestLeak(downTo: 769)
        k.tasks[0].allocPhase = .afterReclaim(progress: false)
        guard case .page = k.allocPage(task: 0) else {
            Issue.record("769 > pages_high 768: a page")
            return
        }
        #expect(k.events.oomEvents.isEmpty)
        #expect(k.frames.freeCount == 768)
        k.tasks[0].allocPhase = .afterReclaim(progress: false)
        _ = k.allocPage(task: 0)
        let oom = try #require(k.events.oomEvents.last, "768 is not above pages_high: out_of_memory")
        #expect(oom.scope == .global)
        #expect(oom.container == nil)
    }

    /// §5 whole no-progress path: the zone is all_unreclaimable, so the call (a light scan at
    /// 12, every later priority skipped) returns FAIL (result 0, last priority 0); 512 free is
    /// not above high 768; the global OOM killer kills "big" (pid 101, 100 pages); the
    /// allocating task, not itself killed, sleeps one jiffy and restarts from the top.
    @Test func failedReclaimThenGlobalOOMThenOneJiffySleep() throws {
        var k = Self.machine()
        k.allocTestLeak(downTo: 512)
        k.zone.allUnreclaimable = true
        let t0 = k.now
        #expect(k.allocPage(task: 0) == .blocked)
        let row = try #require(k.events.reclaimCalls.last)
        #expect(row.origin == .direct)
        #expect(row.result == 0)
        #expect(row.lastPriority == 0)
        let oom = try #require(k.events.oomEvents.last)
        #expect(oom.scope == .global)
        #expect(oom.outcome == .killed)
        #expect(oom.victimPid == 101)
        #expect(oom.triggerPid == 100)
        #expect(k.tasks[1].memdie)
        #expect(!k.tasks[0].memdie)
        #expect(k.tasks[0].blockedUntil == t0 + 1, "schedule_timeout_uninterruptible(1)")
        #expect(k.tasks[0].allocPhase == .start, "goto restart")
        #expect(k.frames.freeCount == 512)
    }

    /// §5 "unless the task itself was killed": the only task is the OOM killer's choice; it
    /// is now TIF_MEMDIE, skips the sleep and at `restart` takes a page below every watermark:
    /// 512 free -> 511, not blocked.
    @Test func killedCurrentDoesNotSleepAndTakesAReservePage() {
        var k = Kernel.fixture(tasks: [ConfigBuilder.task("only", container: nil, workload: .idle(totalVM: 200, rss: 0))])
        k.faultAnon(task: 0, 0..<100)
        k.allocTestLeak(downTo: 512)
        let t0 = k.now
        k.tasks[0].blockedUntil = t0
        k.tasks[0].allocPhase = .afterReclaim(progress: false)
        guard case .page = k.allocPage(task: 0) else {
            Issue.record("TIF_MEMDIE: a page from the reserves")
            return
        }
        #expect(k.tasks[0].memdie)
        #expect(k.events.oomEvents.last?.victimPid == 100)
        #expect(k.tasks[0].blockedUntil == t0, "no one-jiffy sleep for the victim itself")
        #expect(k.frames.freeCount == 511)
    }

    /// §5 "(unless the task is ... an OOM victim, which dip into reserves without watermarks)":
    /// a TIF_MEMDIE task at 100 free (far below min 512) gets a page without entering reclaim;
    /// at 0 free the allocation fails.
    @Test func oomVictimDipsIntoReservesWithoutReclaim() {
        var k = Self.machine()
        k.allocTestLeak(downTo: 100)
        k.tasks[0].memdie = true
        guard case .page = k.allocPage(task: 0) else {
            Issue.record("TIF_MEMDIE: no watermark")
            return
        }
        #expect(k.frames.freeCount == 99)
        #expect(k.events.reclaimCalls.isEmpty, "no direct reclaim for an OOM victim")
        k.allocTestLeak(downTo: 0)
        #expect(k.allocPage(task: 0) == .failed)
    }

    // MARK: - throttle_vm_writeout (§2)

    /// §2 `throttle_vm_writeout`: throttle while NR_WRITEBACK > dirty threshold + a tenth.
    /// 10000 pages: threshold 40 % = 4000, + 400 = 4400: 4400 passes, 4401 throttles. With
    /// 7000 anonymous pages the dirty ratio is capped at half the 30 % unmapped ratio: 1500,
    /// + 150 = 1650. 65536 pages: 26214 + 2621 = 28835.
    @Test func throttleAboveDirtyThresholdPlusATenth() {
        var k = Kernel.fixture(ram: 10000)
        k.nrWriteback = 4400
        #expect(!k.mustThrottleWriteout())
        k.nrWriteback = 4401
        #expect(k.mustThrottleWriteout())
        k.nrAnonPages = 7000
        k.nrWriteback = 1650
        #expect(!k.mustThrottleWriteout())
        k.nrWriteback = 1651
        #expect(k.mustThrottleWriteout())
        var big = Kernel.fixture()
        big.nrWriteback = 28835
        #expect(!big.mustThrottleWriteout())
        big.nrWriteback = 28836
        #expect(big.mustThrottleWriteout())
    }

    /// §2: `shrink_zone` ends in `throttle_vm_writeout`, so a direct reclaim call with 28836
    /// pages under writeback (> 28835 on 65536 pages) sleeps HZ/10 = 25 jiffies after its
    /// priority-12 shrink, before that pass is counted; once writeback is back at 28835 it
    /// goes on, and the priority-12 pass carries the 100 ms.
    @Test func directReclaimSleepsInThrottleVmWriteout() throws {
        var k = Self.machine()
        k.nrWriteback = 28836
        var call = k.beginDirectReclaim(task: 0)
        let t0 = k.now
        guard case .sleep(let until) = k.runReclaimCall(&call) else {
            Issue.record("throttled")
            return
        }
        #expect(until == t0 + 25)
        #expect(call.priority == 12)
        #expect(call.phase == .throttle)
        #expect(call.passes.isEmpty, "the pass is counted after the throttle")
        #expect(k.events.scanPasses.isEmpty, "the pass is counted after the throttle")
        k.nrWriteback = 28835
        k.now = until
        guard case .done = k.runReclaimCall(&call) else {
            Issue.record("no further sleep: nothing scanned into sc.nr_scanned")
            return
        }
        #expect(k.events.scanPasses.first?.priority == 12)
        #expect(k.events.scanPasses.first?.congestionWaitMs == 100)
        #expect(k.events.scanPasses.dropFirst().allSatisfy { $0.congestionWaitMs == 0 })
        #expect(k.events.reclaimCalls.last?.stallMs == 100)
    }
}

extension Kernel {
    /// Takes frames off the free list (on no list, never freed) until `free` are left.
    @discardableResult
    fileprivate mutating func allocTestLeak(downTo free: Int) -> [Int32] {
        var taken: [Int32] = []
        while frames.freeCount > free { taken.append(frames.allocate()!) }
        return taken
    }
}
