import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// docs/model.md §1-§3, §5, §6 (global pressure) and golden facts G2-G5.
@Suite struct GlobalReclaimTests {
    /// G3: distress = 100 >> prev_priority.
    @Test func g3Distress() {
        let expected = [0: 100, 1: 50, 2: 25, 3: 12, 4: 6, 5: 3, 6: 1, 7: 0, 8: 0, 9: 0, 10: 0, 11: 0, 12: 0]
        for (prio, d) in expected { #expect(ReclaimMappedDecision.distress(prevPriority: prio) == d, "prev_priority \(prio)") }
    }

    /// G4: vm_total_pages 100000, mapped + anon 50000 -> mapped_ratio 50.
    @Test func g4ReclaimMapped() {
        func decide(_ swappiness: Int, prev: Int, mapped: Int = 50000) -> ReclaimMappedDecision {
            ReclaimMappedDecision(
                pagesScanned: 0, lruPages: 1000, prevPriority: prev, priority: 12, mappedPages: mapped,
                vmTotalPages: 100_000, swappiness: swappiness)
        }
        #expect(decide(60, prev: 12).mappedRatio == 50)
        #expect(decide(60, prev: 12).swapTendency == 85)
        #expect(!decide(60, prev: 12).reclaimMapped)
        #expect(decide(60, prev: 3).swapTendency == 97)
        #expect(!decide(60, prev: 3).reclaimMapped)
        #expect(decide(60, prev: 2).swapTendency == 110)
        #expect(decide(60, prev: 2).reclaimMapped)
        for prev in 0...12 { #expect(decide(100, prev: prev).reclaimMapped && decide(100, prev: prev).swapTendency >= 125) }
        for prev in 1...12 { #expect(!decide(0, prev: prev).reclaimMapped, "swappiness 0 at prev_priority \(prev)") }
        #expect(decide(0, prev: 0).swapTendency == 125)
        #expect(decide(0, prev: 0).reclaimMapped)
        let full = decide(0, prev: 1, mapped: 100_000)
        #expect(full.mappedRatio == 100, ">= 100 at prev_priority 1")
        #expect(full.swapTendency == 100, ">= 100 at prev_priority 1")
        #expect(full.reclaimMapped, ">= 100 at prev_priority 1")
        // distress uses min(prev_priority, priority).
        let d = ReclaimMappedDecision(pagesScanned: 0, lruPages: 1, prevPriority: 12, priority: 2, mappedPages: 0, vmTotalPages: 1, swappiness: 0)
        #expect(d.distress == 25)
    }

    /// The near-OOM override: pages_scanned >= 3 * (active + inactive) sets reclaim_mapped
    /// whatever the swappiness; may_swap == 0 never does.
    @Test func nearOOMOverride() {
        let below = ReclaimMappedDecision(pagesScanned: 2999, lruPages: 1000, prevPriority: 12, priority: 12, mappedPages: 0, vmTotalPages: 1000, swappiness: 0)
        let at = ReclaimMappedDecision(pagesScanned: 3000, lruPages: 1000, prevPriority: 12, priority: 12, mappedPages: 0, vmTotalPages: 1000, swappiness: 0)
        #expect(!below.reclaimMapped)
        #expect(!below.nearOOM)
        #expect(at.reclaimMapped)
        #expect(at.nearOOM)
        #expect(at.swapTendency == 0)
        let noSwap = ReclaimMappedDecision(maySwap: false, pagesScanned: 3000, lruPages: 1000, prevPriority: 0, priority: 0, mappedPages: 1000, vmTotalPages: 1000, swappiness: 100)
        #expect(!noSwap.reclaimMapped)
    }

    /// G2: a fresh zone with 1000 active and 1000 inactive pages: the accumulators add
    /// 1,1,1,2,4,8,16 at priorities 12..6; the running sum reaches 33 at priority 6, scanned
    /// as a 32-page chunk and a 1-page chunk, and the accumulator resets.
    @Test func g2Accumulator() {
        var acc = 0
        var adds: [Int] = []
        var firstScan: (prio: Int, n: Int)?
        for prio in (6...12).reversed() {
            let before = acc
            let step = ScanAccumulator.step(accumulator: acc, listSize: 1000, priority: prio)
            acc = step.accumulator
            adds.append((1000 >> prio) + 1)
            if step.scan > 0 && firstScan == nil { firstScan = (prio, step.scan) }
            #expect(step.scan == 0 || before + (1000 >> prio) + 1 == 33)
        }
        #expect(adds == [1, 1, 1, 2, 4, 8, 16])
        #expect(firstScan?.prio == 6)
        #expect(firstScan?.n == 33)
        #expect(acc == 0)
    }

    /// G2 through a direct reclaim call: nothing is scanned at priorities 12..7, and at
    /// priority 6 each list gives 33 entries (32 + 1).
    @Test func g2InADirectReclaimCall() {
        var k = Kernel.fixture(swap: 0, tasks: [
            ConfigBuilder.task("anon", container: nil, workload: .idle(totalVM: 1000, rss: 0)),
            .fileTask(pages: 1000, container: nil),
        ])
        k.faultAnon(task: 0, 0..<1000)  // mapped anonymous, no swap: never leave the active list
        let file = k.faultFile(task: 1, 0..<1000)  // inactive, referenced: activated when scanned
        #expect(k.zone.active.count == 1000)
        #expect(k.zone.inactive.count == 1000)
        _ = file
        _ = k.directReclaimToEnd(task: 0)
        let passes = k.events.scanPasses
        for p in passes where p.priority >= 7 {
            #expect(p.activeScanned == 0, "priority \(p.priority)")
            #expect(p.inactiveScanned == 0, "priority \(p.priority)")
        }
        let p6 = passes.first { $0.priority == 6 }!
        #expect(p6.activeScanned == 33)
        #expect(p6.inactiveScanned == 33 + 31, "the 1-page chunk still isolates a 32-page batch: 32 + 32")
    }

    /// G5 for direct reclaim: success iff 32 pages freed cumulatively (>=).
    @Test func g5DirectSuccessThreshold() {
        #expect(!Kernel.directReclaimSucceeded(nrReclaimed: 31))
        #expect(Kernel.directReclaimSucceeded(nrReclaimed: 32))
    }

    /// Watermarks of 2.6.20 for one zone: min_free_kbytes = isqrt(kbytes * 16).
    @Test func watermarks() {
        let w = Watermarks(ramPages: 65536)  // 256 MiB: isqrt(262144 * 16) = 2048 KiB = 512 pages
        #expect(w.min == 512)
        #expect(w.low == 640)
        #expect(w.high == 768)
        let small = Watermarks(ramPages: 1024)  // 4 MiB: isqrt(65536) = 256 KiB = 64 pages
        #expect(small.min == 64)
        #expect(small.low == 80)
        #expect(small.high == 96)
        let tiny = Watermarks(ramPages: 64)  // clamped to 128 KiB = 32 pages
        #expect(tiny.min == 32)
        let huge = Watermarks(ramPages: 16_777_216)  // 64 GiB: isqrt(2^30) = 32768 KiB
        #expect(huge.min == 8192)
        let clamped = Watermarks(ramPages: 100_000_000)  // past 65536 KiB: clamped
        #expect(clamped.min == 16384)
    }

    /// get_dirty_limits: dirty_ratio capped at half the unmapped ratio, floored at 5; the
    /// background ratio halved when not below it.
    @Test func dirtyLimits() {
        var k = Kernel.fixture(ram: 10000)
        #expect(k.dirtyLimits().dirty == 4000)
        #expect(k.dirtyLimits().background == 1000)
        k.nrAnonPages = 7000  // unmapped ratio 30 -> dirty ratio 15
        #expect(k.dirtyLimits().dirty == 1500)
        #expect(k.dirtyLimits().background == 1000)
        k.nrAnonPages = 9500  // unmapped ratio 5 -> 2 -> floored at 5; background 10 >= 5 -> 2
        #expect(k.dirtyLimits().dirty == 500)
        #expect(k.dirtyLimits().background == 200)
    }

    /// kswapd marks the zone all_unreclaimable at pages_scanned >= 6 * lru pages, after which
    /// direct reclaim skips it below priority 12 and reports failure: the only way to a global
    /// OOM (docs/model.md §1 notes, §6).
    @Test func allUnreclaimableMakesDirectReclaimFail() {
        var k = Kernel.fixture(swap: 0, ram: 4096, tasks: [
            ConfigBuilder.task("anon", container: nil, workload: .idle(totalVM: 3000, rss: 0))
        ])
        k.faultAnon(task: 0, 0..<3000)
        let first = k.directReclaimToEnd(task: 0)
        #expect(first, "no kswapd verdict yet: a full failure still reports success")
        #expect(k.events.reclaimCalls.last!.lastPriority == 0)
        #expect(k.events.reclaimCalls.last!.nrReclaimed == 0)
        #expect(k.zone.prevPriority == 0, "prev_priority is 0 after a full failure")
        k.zone.allUnreclaimable = true
        let second = k.directReclaimToEnd(task: 0)
        #expect(!second)
        let callNo = k.events.reclaimCalls.last!.callNo
        let skipped = k.events.scanPasses.filter { $0.callNo == callNo && $0.priority < 12 }
        #expect(skipped.count == 12)
        #expect(skipped.allSatisfy { $0.activeScanned == 0 && $0.inactiveScanned == 0 })
    }
}
