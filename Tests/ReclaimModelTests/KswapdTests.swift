import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// docs/model.md §6 (`balance_pgdat`) as the model runs it for its one zone, on a 65536-page machine:
/// watermarks min 512, low 640, high 768 (`isqrt(262144 * 16) = 2048 KiB = 512 pages`), HZ 250
/// so that `congestion_wait(HZ/10)` is 25 jiffies = 100 ms.
@Suite struct KswapdTests {
    /// A machine with `anon` mapped anonymous pages on the active list (task 0, no swap unless
    /// asked: they can never be freed) and `cache` clean, unmapped, unreferenced page-cache
    /// pages on the inactive list (task 1's file; each is freed by the first scan that takes
    /// it, counting 1 in `sc.nr_scanned`). Faulted before any frame is taken away, so no
    /// fault ever meets a watermark.
    static func machine(anon: Int = 0, cache: Int = 0, swap: Int = 0, laptopMode: Int = 0) -> (Kernel, anon: [Int32], cache: [Int32]) {
        var k = Kernel.fixture(swap: swap, laptopMode: laptopMode, tasks: [
            ConfigBuilder.task("anon", container: nil, workload: .idle(totalVM: max(anon, 1), rss: 0)),
            .fileTask(pages: max(cache, 1), container: nil),
        ])
        let a = anon > 0 ? k.faultAnon(task: 0, 0..<anon) : []
        let c = cache > 0 ? k.kswapdTestCleanCache(task: 1, 0..<cache) : []
        return (k, a, c)
    }

    /// The scan passes of one kswapd round (one `reclaim_calls` call number), in order.
    static func passes(_ k: Kernel, call: Int) -> [ScanPassRecord] {
        k.events.scanPasses.filter { $0.callNo == call }
    }

    /// Every scan pass so far: those of finished rounds (recorded with their row) and those
    /// of the round kswapd is napping in (held in the round until it returns).
    static func seen(_ k: Kernel) -> [ScanPassRecord] {
        k.events.scanPasses + (k.kswapd.round?.passes ?? [])
    }

    // MARK: - Waking and balancing (§6 first sentence, §5 "wake kswapd")

    /// §5/§6 `wakeup_kswapd`: kswapd is woken only when the zone is at or below `pages_low`
    /// (`zone_watermark_ok` is a strict `free > mark`): 641 free of 65536 leaves it asleep,
    /// 640 (= pages_low) wakes it. An asleep kswapd does nothing when run.
    @Test func wokenAtOrBelowPagesLow640Of65536() {
        var (k, _, _) = Self.machine(anon: 100)
        #expect(k.zone.watermarks.min == 512)
        #expect(k.zone.watermarks.low == 640)
        #expect(k.zone.watermarks.high == 768)
        k.kswapdTestLeak(downTo: 641)
        k.wakeupKswapd()
        #expect(!k.kswapd.awake, "641 > pages_low 640: not woken")
        k.runKswapd()
        #expect(k.events.reclaimCalls.isEmpty, "asleep: no round")
        #expect(k.events.scanPasses.isEmpty, "asleep: no round")
        k.kswapdTestLeak(downTo: 640)
        k.wakeupKswapd()
        #expect(k.kswapd.awake, "640 = pages_low: woken")
    }

    /// §6: kswapd balances to `pages_high`, not `pages_low`: woken at 640, a round that finds
    /// 769 free (> high 768) scans nothing and ends "all zones ok": one `reclaim_calls` row,
    /// origin kswapd, pid NULL, result 1, 0 scanned, 0 reclaimed, last priority 12; kswapd goes
    /// back to sleep. At 768 free (= high) the same round does scan, at priority 12 first.
    @Test func balancesToPagesHigh768() throws {
        var (k, _, _) = Self.machine(anon: 100)
        var leaked = k.kswapdTestLeak(downTo: 640)
        k.wakeupKswapd()
        #expect(k.kswapd.awake)
        for _ in 0..<129 { k.frames.free(leaked.removeLast()) }  // 640 + 129 = 769
        #expect(k.frames.freeCount == 769)
        k.runKswapd()
        let row = try #require(k.events.reclaimCalls.last)
        #expect(k.events.reclaimCalls.count == 1)
        #expect(row.origin == .kswapd)
        #expect(row.pid == nil)
        #expect(row.container == nil)
        #expect(row.result == 1, "769 > pages_high 768: balanced")
        #expect(row.totalScanned == 0)
        #expect(row.nrReclaimed == 0)
        #expect(row.lastPriority == 12)
        #expect(k.events.scanPasses.isEmpty, "no zone needed scanning")
        #expect(!k.kswapd.awake, "back on its wait queue")
        #expect(k.kswapd.round == nil, "back on its wait queue")

        var (k2, _, _) = Self.machine(anon: 100)
        var leaked2 = k2.kswapdTestLeak(downTo: 640)
        k2.wakeupKswapd()
        for _ in 0..<128 { k2.frames.free(leaked2.removeLast()) }  // 768 = pages_high
        k2.runKswapd()
        let first = try #require(k2.events.scanPasses.first, "768 is not above pages_high: the zone is scanned")
        #expect(first.priority == 12)
        let row2 = try #require(k2.events.reclaimCalls.last)
        #expect(row2.callNo == first.callNo, "still below high after the round")
        #expect(row2.result == 0, "still below high after the round")
    }

    /// §6 "starts over at priority 12 (fresh counters) while some zone is still below its high
    /// mark", through `tick()` as `Simulator.step` runs it. 300 clean cache pages and 100
    /// unreclaimable anonymous pages, woken at 640 free. Inactive accumulator (docs/model.md §2):
    /// - round 1, 300 pages: 1,1,1,1 (12..9), 2, 3, 5, 10, then 19 at priority 4: sum 43, two
    ///   chunks (32 + 11), two 32-page batches: 64 freed, 64 scanned; nap 100 ms, then stop
    ///   (>= 32): free 704;
    /// - round 2 (next jiffy), 236 pages: 1 x 5 (12..8), 2, 4, 8, then 15 at priority 4: 34,
    ///   64 freed: free 768, which is NOT above pages_high 768;
    /// - round 3, 172 pages: 1 x 5, 2, 3, 6, 11, then 22 at priority 3: 49, 64 freed: 832;
    /// - round 4 finds 832 > 768 at priority 12: result 1, nothing scanned, kswapd sleeps.
    /// Rows: results [0, 0, 0, 1], reclaimed [64, 64, 64, 0], last priority [4, 4, 3, 12],
    /// origin kswapd and pid NULL; each round's passes start at 12, one per priority, and sum
    /// to its row. Further jiffies add no rows.
    @Test func roundsRepeatUntilAbovePagesHigh768() throws {
        var (k, _, _) = Self.machine(anon: 100, cache: 300)
        k.kswapdTestLeak(downTo: 640)
        k.wakeupKswapd()
        let start = k.now
        while k.kswapd.awake && k.now < start + 2000 {
            try k.tick()
            k.now += 1
        }
        #expect(!k.kswapd.awake, "balanced within 2000 jiffies")
        let rows = k.events.reclaimCalls
        #expect(rows.map(\.result) == [0, 0, 0, 1])
        try #require(rows.count == 4)
        #expect(rows.map(\.nrReclaimed) == [64, 64, 64, 0])
        #expect(rows.map(\.totalScanned) == [64, 64, 64, 0])
        #expect(rows.map(\.lastPriority) == [4, 4, 3, 12])
        #expect(rows.map(\.stallMs) == [100, 100, 100, 0])
        #expect(k.frames.freeCount == 832, "640 + 3 x 64; the third round ran at exactly 768")
        #expect(rows.allSatisfy { $0.origin == .kswapd && $0.pid == nil && $0.container == nil })
        #expect(Set(rows.map(\.callNo)).count == rows.count, "one call number per round")
        for row in rows.dropLast() {
            let ps = Self.passes(k, call: row.callNo)
            #expect(ps.map(\.priority) == Array((row.lastPriority...12).reversed()), "one pass per priority from 12")
            #expect(ps.map(\.nrScanned).reduce(0, +) == row.totalScanned, "fresh total_scanned per round")
            #expect(ps.map(\.nrReclaimed).reduce(0, +) == row.nrReclaimed, "fresh nr_reclaimed per round")
        }
        #expect(Self.passes(k, call: rows[3].callNo).isEmpty)
        let after = rows.count
        for _ in 0..<10 {
            try k.tick()
            k.now += 1
        }
        #expect(k.events.reclaimCalls.count == after, "asleep until the next wakeup")
    }

    // MARK: - The priority loop (§6: one shrink_zone per priority, sc.nr_scanned reset)

    /// A round whose only scan is at priority 12: 32 mapped anonymous pages (no swap) at the
    /// inactive tail, `nr_scan_inactive` primed at 31 so that `31 + (32 >> 12) + 1 = 32`
    /// scans one 32-page batch: 32 * 2 = 64 in `sc.nr_scanned` (G6), all re-activated (G7).
    /// The inactive list is then empty and the accumulator adds 1 per pass, so nothing else
    /// is scanned in the round.
    static func sixtyFourAtPriority12(laptopMode: Int = 0) -> Kernel {
        var (k, anon, _) = Self.machine(anon: 32, laptopMode: laptopMode)
        k.age(anon)
        k.deactivate(anon)
        k.zone.nrScanInactive = 31
        k.kswapdTestLeak(downTo: 640)
        k.wakeupKswapd()
        return k
    }

    /// §6 "per priority ... `shrink_zone`, resetting `sc.nr_scanned`": the first run of the
    /// round above records one pass each for priorities 12, 11, 10, 9 under one call number,
    /// with nr_scanned 64, 0, 0, 0 (not 64, 64, 64, 64: the counter is reset per pass), and
    /// the whole round's `reclaim_calls` row totals 64 = the sum of its passes.
    @Test func onePassPerPriorityWithNrScannedReset() throws {
        var k = Self.sixtyFourAtPriority12()
        k.runKswapd()
        #expect(k.events.reclaimCalls.isEmpty, "passes are recorded with the round's row")
        #expect(k.events.scanPasses.isEmpty, "passes are recorded with the round's row")
        let first = Self.seen(k)
        #expect(first.map(\.priority) == [12, 11, 10, 9])
        #expect(Set(first.map(\.callNo)).count == 1)
        #expect(first.map(\.nrScanned) == [64, 0, 0, 0], "sc.nr_scanned is per priority")
        #expect(first.first?.inactiveScanned == 32)
        #expect(first.first?.activated == 32)
        while k.kswapd.round != nil {
            k.now = k.kswapd.blockedUntil
            k.runKswapd()
        }
        let row = try #require(k.events.reclaimCalls.last)
        let all = Self.passes(k, call: row.callNo)
        #expect(all.map(\.priority) == Array((0...12).reversed()), "13 passes, one per priority")
        #expect(row.totalScanned == 64)
        #expect(all.map(\.nrScanned).reduce(0, +) == 64)
        #expect(row.lastPriority == 0)
        #expect(row.result == 0)
        #expect(row.nrReclaimed == 0)
    }

    /// §6 nap rule, `total_scanned > 0 and prio < 10`: in the round above total_scanned is 64
    /// from priority 12 on, yet priorities 12, 11, 10 never nap; 9 naps although it scanned
    /// nothing itself (kswapd tests the CUMULATIVE total, unlike direct reclaim's per-pass
    /// `sc.nr_scanned`, G5), for HZ/10 = 25 jiffies = 100 ms. Priorities 9..0 are 10 naps:
    /// the round's stall is 1000 ms.
    @Test func napsHZ10OnceTotalScannedAndBelowPriority10() throws {
        var k = Self.sixtyFourAtPriority12()
        let t0 = k.now
        k.runKswapd()
        #expect(Self.seen(k).map(\.congestionWaitMs) == [0, 0, 0, 100])
        #expect(k.kswapd.blockedUntil == t0 + 25, "congestion_wait(HZ/10) at HZ 250")
        #expect(k.kswapd.round?.priority == 9)
        #expect(k.kswapd.round?.checkAfterNap == true)
        k.runKswapd()
        #expect(Self.seen(k).count == 4, "kswapd sleeps through its nap")
        while k.kswapd.round != nil {
            k.now = k.kswapd.blockedUntil
            k.runKswapd()
        }
        let row = try #require(k.events.reclaimCalls.last)
        let naps = Self.passes(k, call: row.callNo).filter { $0.congestionWaitMs > 0 }.map(\.priority)
        #expect(naps == Array((0...9).reversed()))
        #expect(row.stallMs == 1000, "10 naps x 100 ms")
    }

    /// §6 nap rule, other side: with nothing ever scanned (100 unreclaimable anonymous pages
    /// only seen by the active step, which adds nothing to sc.nr_scanned), total_scanned stays
    /// 0 and the whole round, priorities 12..0, runs in one go without a nap; it ends below
    /// high (result 0) and kswapd starts over at the next jiffy.
    @Test func noNapWhileTotalScannedIsZero() throws {
        var (k, _, _) = Self.machine(anon: 100)
        k.kswapdTestLeak(downTo: 640)
        k.wakeupKswapd()
        let t0 = k.now
        k.runKswapd()
        let row = try #require(k.events.reclaimCalls.last, "the round ran to its end")
        #expect(k.events.scanPasses.map(\.priority) == Array((0...12).reversed()))
        #expect(k.events.scanPasses.allSatisfy { $0.nrScanned == 0 && $0.congestionWaitMs == 0 })
        #expect(k.events.scanPasses.contains { $0.activeScanned > 0 }, "the active list was scanned")
        #expect(row.totalScanned == 0)
        #expect(row.stallMs == 0)
        #expect(row.result == 0)
        #expect(row.lastPriority == 0)
        #expect(k.kswapd.awake)
        #expect(k.kswapd.round == nil)
        #expect(k.kswapd.blockedUntil == t0 + 1)
        k.now += 1
        k.runKswapd()
        let second = try #require(k.events.reclaimCalls.last)
        #expect(second.callNo != row.callNo, "a new round, a new row")
        #expect(Self.passes(k, call: second.callNo).first?.priority == 12)
    }

    // MARK: - Stopping at SWAP_CLUSTER_MAX (§6 "nr_reclaimed >= 32")

    /// 31 or 32 clean cache pages, all taken in the priority-12 batch (`nr_scan_inactive`
    /// primed at 31), free 640 (woken at pages_low).
    static func cacheAtPriority12(_ n: Int) -> Kernel {
        var (k, _, _) = Self.machine(anon: 100, cache: n)
        k.zone.nrScanInactive = 31
        k.kswapdTestLeak(downTo: 640)
        k.wakeupKswapd()
        return k
    }

    /// §6 "stops the priority loop once ... `nr_reclaimed >= 32`" (SWAP_CLUSTER_MAX): 32 pages
    /// freed at priority 12 end the round after that one pass (no nap above priority 10):
    /// row reclaimed 32, scanned 32, last priority 12, result 0 (free 640 + 32 = 672 is still
    /// below high 768), and kswapd starts over next jiffy at priority 12 with fresh counters.
    /// With 31 freed the loop goes on to priorities 11, 10, 9.
    @Test func stopsAt32FreedAndStartsOver() throws {
        var k = Self.cacheAtPriority12(32)
        let t0 = k.now
        k.runKswapd()
        let row = try #require(k.events.reclaimCalls.last)
        #expect(k.events.scanPasses.map(\.priority) == [12])
        #expect(row.nrReclaimed == 32)
        #expect(row.totalScanned == 32)
        #expect(row.lastPriority == 12)
        #expect(row.result == 0)
        #expect(k.frames.freeCount == 672)
        #expect(k.kswapd.awake)
        #expect(k.kswapd.round == nil)
        #expect(k.kswapd.blockedUntil == t0 + 1)
        k.now += 1
        k.runKswapd()
        let again = k.events.scanPasses.filter { $0.callNo != row.callNo }
        #expect(again.first?.priority == 12, "loop_again: priority 12")
        #expect(again.allSatisfy { $0.nrReclaimed == 0 })

        var k31 = Self.cacheAtPriority12(31)
        k31.runKswapd()
        #expect(k31.events.reclaimCalls.isEmpty, "31 < 32: the round goes on")
        #expect(Self.seen(k31).map(\.priority) == [12, 11, 10, 9])
        #expect(Self.seen(k31).first?.nrReclaimed == 31)
    }

    /// §6 order within a pass: the HZ/10 nap comes before the `nr_reclaimed >= 32` stop.
    /// 32 clean cache pages and nothing primed: the inactive accumulator sums
    /// 1,2,3,4,5,6,7 (priorities 12..6), 9, 12, 17, 26 and 43 at priority 1, where all 32 are
    /// freed. The round then naps 100 ms first and ends on the next run without a priority-0
    /// pass: row last priority 1, reclaimed 32, stall 100 ms.
    @Test func napsBeforeStoppingBelowPriority10() throws {
        var (k, _, _) = Self.machine(cache: 32)
        k.kswapdTestLeak(downTo: 640)
        k.wakeupKswapd()
        k.runKswapd()
        #expect(k.events.reclaimCalls.isEmpty, "asleep in the nap, not yet finished")
        #expect(Self.seen(k).map(\.priority) == Array((1...12).reversed()))
        let p1 = try #require(Self.seen(k).last)
        #expect(p1.inactiveScanned == 32)
        #expect(p1.nrReclaimed == 32)
        #expect(p1.congestionWaitMs == 100)
        k.now = k.kswapd.blockedUntil
        k.runKswapd()
        let row = try #require(k.events.reclaimCalls.last)
        #expect(row.lastPriority == 1)
        #expect(row.nrReclaimed == 32)
        #expect(row.stallMs == 100)
        #expect(k.events.scanPasses.count == 12, "no priority-0 pass")
        #expect(k.zone.prevPriority == 1, "prev_priority = temp_priority = 1")
    }

    // MARK: - prev_priority (§6 last sentence)

    /// §6 "At the end each zone's `prev_priority` is set to the priority recorded for it in a
    /// local array (initialised to 12)": a zone left at prev_priority 0 by a failed direct
    /// reclaim is scanned at priority 12 with prev_priority still 0 (note_zone_scanning_priority
    /// only lowers it: the pass records 0), and after the round (32 freed at 12) it is back UP
    /// at 12.
    @Test func prevPriorityIsSetToTheLastScannedPriority() throws {
        var k = Self.cacheAtPriority12(32)
        k.zone.prevPriority = 0
        k.runKswapd()
        #expect(k.events.scanPasses.map(\.prevPriority) == [0])
        #expect(k.events.reclaimCalls.last?.lastPriority == 12)
        #expect(k.zone.prevPriority == 12, "temp_priority 12 overwrites 0")
    }

    /// §6: a round that scans nothing (zone already above high, 769 > 768) still writes the
    /// local array's initial 12 into prev_priority: 3 -> 12.
    @Test func prevPriorityIs12AfterABalancedRound() {
        var (k, _, _) = Self.machine(anon: 100)
        var leaked = k.kswapdTestLeak(downTo: 640)
        k.wakeupKswapd()
        for _ in 0..<129 { k.frames.free(leaked.removeLast()) }
        k.zone.prevPriority = 3
        k.runKswapd()
        #expect(k.events.reclaimCalls.last?.result == 1)
        #expect(k.zone.prevPriority == 12)
    }

    // MARK: - all_unreclaimable (§6: pages_scanned >= 6 x (nr_active + nr_inactive))

    /// §6 all_unreclaimable threshold, exact: 40 pages on the LRU, so 6 x 40 = 240. With
    /// pages_scanned 240 before the round, the priority-12 pass (which scans nothing: every
    /// accumulator adds 1) marks the zone; priority 11 then skips it and finds "all zones ok":
    /// the round ends with result 1 after one pass, and kswapd sleeps. With 239 nothing is
    /// marked at 12 and the round goes on (a priority-11 pass exists).
    @Test func allUnreclaimableAtPagesScanned240For40LRUPages() throws {
        var (k, _, _) = Self.machine(anon: 40)
        k.zone.pagesScanned = 240
        k.kswapdTestLeak(downTo: 640)
        k.wakeupKswapd()
        k.runKswapd()
        #expect(k.zone.allUnreclaimable, "240 >= 6 * 40")
        #expect(k.events.scanPasses.map(\.priority) == [12])
        let row = try #require(k.events.reclaimCalls.last)
        #expect(row.result == 1)
        #expect(row.lastPriority == 12)
        #expect(!k.kswapd.awake, "kswapd gives up on the zone")

        var (k2, _, _) = Self.machine(anon: 40)
        k2.zone.pagesScanned = 239
        k2.kswapdTestLeak(downTo: 640)
        k2.wakeupKswapd()
        k2.runKswapd()
        #expect(k2.events.scanPasses.contains { $0.priority == 11 }, "239 < 240: the zone is still scanned at 11")
    }

    /// §6 all_unreclaimable reached by scanning alone, through `tick()`: 40 unreclaimable
    /// anonymous pages (no swap) scanned only by the active step; per round the accumulator
    /// sums to 50 at priority 1 and 41 at priority 0, so pages_scanned grows by 91 per round:
    /// 91, 182 (< 240), then 232 after priority 1 and 273 >= 240 = 6 x 40 at priority 0 of the
    /// third round. The fourth round gives the zone its light priority-12 pass (an
    /// all-unreclaimable zone is only skipped below 12), skips it at 11 and ends with result 1:
    /// rows [0, 0, 0, 1].
    @Test func allUnreclaimableAfterThreeRoundsOf91Scanned() throws {
        var (k, _, _) = Self.machine(anon: 40)
        k.kswapdTestLeak(downTo: 640)
        k.wakeupKswapd()
        let start = k.now
        while k.kswapd.awake && k.now < start + 100 {
            try k.tick()
            k.now += 1
        }
        let rows = k.events.reclaimCalls
        #expect(rows.map(\.result) == [0, 0, 0, 1], "\(rows.map { ($0.result, $0.lastPriority, $0.totalScanned) })")
        try #require(rows.count == 4)
        #expect(rows.prefix(3).allSatisfy { $0.lastPriority == 0 && $0.totalScanned == 0 })
        #expect(k.zone.allUnreclaimable)
        #expect(k.zone.pagesScanned == 273)
        let fourth = Self.passes(k, call: rows[3].callNo)
        #expect(fourth.map(\.priority) == [12], "the light scan at priority 12 only")
        let round1 = Self.passes(k, call: rows[0].callNo)
        #expect(round1.map(\.activeScanned).reduce(0, +) == 91)
        #expect(round1.filter { $0.activeScanned > 0 }.map(\.priority) == [1, 0])
    }

    // MARK: - Forced writeback (§6: total_scanned > 64 and > 1.5 x nr_reclaimed)

    /// Laptop mode (may_writepage starts at 0): 32 mapped anonymous pages at the inactive tail
    /// give 64 scanned at priority 12; one clean cache page sits at the inactive head. At the
    /// priority-9 nap, `prime` primes `nr_scan_inactive` (31 + 0 + 1 = 32) so that priority 8
    /// scans and frees that page: total_scanned 65.
    static func laptopRound(primeAtNap: Bool) -> Kernel {
        var (k, anon, _) = Self.machine(anon: 32, laptopMode: 5)
        k.age(anon)
        k.deactivate(anon)
        k.kswapdTestCleanCache(task: 1, 0..<1)  // younger than the anon pages: at the inactive head
        k.zone.nrScanInactive = 31
        k.kswapdTestLeak(downTo: 640)
        k.wakeupKswapd()
        k.runKswapd()  // passes 12..9, nap
        if primeAtNap { k.zone.nrScanInactive = 31 }
        while k.kswapd.round != nil {
            k.now = k.kswapd.blockedUntil
            k.runKswapd()
        }
        return k
    }

    /// §6 "Writeback is forced on (even in laptop mode) once `total_scanned > 64`": strict.
    /// With total_scanned exactly 64 for the whole round, every pass runs with may_writepage
    /// 0; when priority 8 brings it to 65 (1 reclaimed: 65 > 1 + 0 too), priorities 7..0 run
    /// with may_writepage 1.
    @Test func forcedWritebackPast64Scanned() throws {
        let at64 = Self.laptopRound(primeAtNap: false)
        let row64 = try #require(at64.events.reclaimCalls.last)
        #expect(row64.totalScanned == 64)
        #expect(Self.passes(at64, call: row64.callNo).allSatisfy { !$0.mayWritepage }, "64 is not > 64")

        let at65 = Self.laptopRound(primeAtNap: true)
        let row65 = try #require(at65.events.reclaimCalls.last)
        #expect(row65.totalScanned == 65)
        #expect(row65.nrReclaimed == 1)
        let ps = Self.passes(at65, call: row65.callNo)
        #expect(ps.first { $0.priority == 8 }?.nrScanned == 1)
        #expect(ps.filter { $0.priority >= 8 }.allSatisfy { !$0.mayWritepage })
        #expect(ps.filter { $0.priority <= 7 }.map(\.mayWritepage) == Array(repeating: true, count: 8), "65 > 64: forced on")
    }

    /// §6 second condition, `total_scanned > nr_reclaimed + nr_reclaimed/2`, at the
    /// `balance_pgdat` level (with one zone it is only visible in the round's scan control,
    /// since nr_reclaimed >= 43 also ends the round): laptop mode, a priority-12 pass that
    /// scans nothing, entered with 66 scanned: 44 reclaimed gives 44 + 22 = 66, not < 66, so
    /// may_writepage stays 0; 43 reclaimed gives 43 + 21 = 64 < 66, so it is set. 64 scanned
    /// with 0 reclaimed does not set it (not > 64), 65 does.
    @Test func forcedWritebackNeedsScannedAboveOneAndAHalfReclaimed() {
        func mayWritepage(scanned: Int, reclaimed: Int) -> Bool {
            var (k, _, _) = Self.machine(anon: 100, laptopMode: 5)
            k.kswapdTestLeak(downTo: 640)
            var r = KswapdRound(callNo: 1, startJiffy: k.now, sc: ScanControl(mayWritepage: false, swappiness: 60))
            r.totalScanned = scanned
            r.nrReclaimed = reclaimed
            _ = k.balancePgdat(&r)
            #expect(r.passes.first?.priority == 12)
            #expect(r.passes.first?.nrScanned == 0)
            return r.sc.mayWritepage
        }
        #expect(!mayWritepage(scanned: 66, reclaimed: 44), "66 > 66 is false")
        #expect(mayWritepage(scanned: 66, reclaimed: 43), "66 > 64")
        #expect(!mayWritepage(scanned: 64, reclaimed: 0), "64 is not > 64")
        #expect(mayWritepage(scanned: 65, reclaimed: 0))
    }

    // MARK: - PF_SWAPWRITE (§4 rule 9 "kswapd may always write")

    /// kswapd's scan control has `swapWrite` (PF_SWAPWRITE), so it writes dirty file pages to
    /// a congested queue: 113 write requests queued (the congestion mark, §13.A), 4 dirty
    /// aged cache pages at the inactive tail taken by the priority-12 batch: kswapd starts 4
    /// writes, contiguous, so they merge into one request (114 queued), where a direct
    /// reclaim pass on the same machine keeps all 4.
    @Test func kswapdWritesToACongestedQueue() throws {
        func congested() -> Kernel {
            var k = Kernel.fixture(tasks: [.fileTask(pages: 240, container: nil)])
            let pfns = k.congestedByScatteredWrites()
            k.age(Array(pfns[..<4]))
            k.zone.nrScanInactive = 31
            k.kswapdTestLeak(downTo: 640)
            return k
        }
        var k = congested()
        #expect(k.disk.isWriteCongested)
        #expect(k.disk.pendingWrites == 113)
        k.wakeupKswapd()
        k.runKswapd()
        let round = try #require(k.kswapd.round, "napping at priority 9")
        #expect(round.sc.swapWrite, "PF_SWAPWRITE")
        let p12 = try #require(round.passes.first)
        #expect(p12.priority == 12)
        #expect(p12.inactiveScanned == 32)
        #expect(p12.writebackStarted == 4, "kswapd writes them")
        #expect(p12.keptDirty == 0, "kswapd writes them")
        #expect(k.disk.pendingWrites == 114, "4 contiguous pages: one more request")

        var d = congested()
        var call = d.beginDirectReclaim(task: 0)
        #expect(!call.sc.swapWrite)
        _ = d.runReclaimCall(&call)
        let direct = try #require((d.events.scanPasses + call.passes).first)
        #expect(direct.priority == 12, "a direct reclaimer keeps them")
        #expect(direct.writebackStarted == 0, "a direct reclaimer keeps them")
        #expect(direct.keptDirty == 4, "a direct reclaimer keeps them")
    }
}

extension Kernel {
    /// Takes frames off the free list (on no list, never freed) until `free` are left;
    /// returns them so a test can give some back.
    @discardableResult
    fileprivate mutating func kswapdTestLeak(downTo free: Int) -> [Int32] {
        var taken: [Int32] = []
        while frames.freeCount > free { taken.append(frames.allocate()!) }
        return taken
    }

    /// Page-cache pages of task `t`'s file that the first scan frees: read in (inactive
    /// head), unmapped and aged (clean, no pte, Referenced cleared).
    @discardableResult
    fileprivate mutating func kswapdTestCleanCache(task t: Int, _ range: Range<Int>) -> [Int32] {
        let pfns = faultFile(task: t, range)
        for p in pfns { unmapEveryPTE(p) }
        age(pfns)
        return pfns
    }
}
