import Foundation
import ReclaimWorkloads
import Testing

/// Seeded generators and access patterns.
@Suite struct WorkloadTests {
    @Test func splitMixIsStable() {
        var g = SplitMix64(seed: 0)
        // Reference values of SplitMix64 seeded with 0.
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func streamsAreIndependentOfOtherTasks() {
        var a = SplitMix64.stream(seed: 42, key: "web#1")
        var b = SplitMix64.stream(seed: 42, key: "web#1")
        var c = SplitMix64.stream(seed: 42, key: "db#1")
        let x = a.next()
        #expect(x == b.next())
        #expect(x != c.next())
    }

    @Test func zipfFavoursLowRanks() {
        let z = ZipfSampler(n: 1000, theta: 0.99)
        var rng = SplitMix64(seed: 3)
        var counts = [Int](repeating: 0, count: 1001)
        for _ in 0..<100_000 { counts[z.sample(using: &rng)] += 1 }
        #expect(counts[0] == 0)
        #expect(counts[1] > counts[2])
        #expect(counts[2] > counts[10])
        #expect(counts[10] > counts[500])
        // P(1) = 1 / H(1000, 0.99) = 0.1294.
        #expect(abs(Double(counts[1]) / 100_000 - 0.1294) < 0.01)
        let one = ZipfSampler(n: 1, theta: 2)
        #expect(one.sample(using: &rng) == 1)
    }

    /// The alias table draws the same distribution as rejection-inversion.
    @Test func zipfAliasTableMatchesTheDistribution() {
        let table = ZipfAliasTable(n: 1000, theta: 0.99)
        var rng = SplitMix64(seed: 5)
        var counts = [Int](repeating: 0, count: 1001)
        for _ in 0..<200_000 { counts[table.sample(using: &rng)] += 1 }
        #expect(counts[0] == 0)
        #expect(abs(Double(counts[1]) / 200_000 - 0.1294) < 0.005, "P(rank 1) = 1/H(1000, 0.99) = 0.1294")
        #expect(abs(Double(counts[2]) / 200_000 - 0.1294 / pow(2, 0.99)) < 0.005)
        let tail = counts[501...].reduce(0, +)
        // P(rank > 500) = (H(1000) - H(500)) / H(1000) for theta 0.99: 0.0957.
        #expect(abs(Double(tail) / 200_000 - 0.0957) < 0.01)
        let single = ZipfAliasTable(n: 1, theta: 1.5)
        #expect(single.sample(using: &rng) == 1)
    }

    @Test func anonGrowAllocatesAtItsRate() {
        var w = WorkloadGenerator(spec: .anonGrow(pagesPerSecond: 1000, maxPages: 600, refsPerTick: 0, pattern: .uniform), rng: SplitMix64(seed: 1), hz: 250)
        var pages = 0
        for _ in 0..<100 {
            w.beginTick()
            while let r = w.next() {
                #expect(r.write)
                #expect(r.area == .anon)
                #expect(Int(r.index) == pages)
                pages += 1
            }
        }
        #expect(pages == 400, "1000 pages/s for 100 jiffies at HZ 250")
        for _ in 0..<200 {
            w.beginTick()
            while w.next() != nil {}
        }
        #expect(w.anonPages == 600, "capped at max_pages")
    }

    @Test func idleTouchesItsFootprintOnce() {
        var w = WorkloadGenerator(spec: .idle(totalVM: 100, rss: 40), rng: SplitMix64(seed: 1), hz: 250)
        w.beginTick()
        var n = 0
        while w.next() != nil { n += 1 }
        #expect(n == 40)
        #expect(w.anonPages == 100)
        #expect(!w.usesCPU)
        w.beginTick()
        #expect(w.next() == nil)
    }

    @Test func fileStreamReadsOnceThenSleeps() {
        var w = WorkloadGenerator(spec: .fileStream(pages: 50, refsPerTick: 32), rng: SplitMix64(seed: 1), hz: 250)
        var seen: [Int32] = []
        for _ in 0..<3 {
            w.beginTick()
            while let r = w.next() { seen.append(r.index) }
        }
        #expect(seen == Array(0..<50))
        #expect(!w.usesCPU)
    }

    @Test func forkSpawnsOnSchedule() {
        var w = WorkloadGenerator(spec: .fork(children: 3, childPages: 10, intervalJiffies: 100), rng: SplitMix64(seed: 1), hz: 250)
        #expect(w.dueSpawns(elapsedJiffies: 0) == 1)
        #expect(w.dueSpawns(elapsedJiffies: 99) == 0)
        #expect(w.dueSpawns(elapsedJiffies: 100) == 1)
        #expect(w.dueSpawns(elapsedJiffies: 1000) == 1)
        #expect(w.dueSpawns(elapsedJiffies: 2000) == 0)
    }

    /// `pages: 3`: the parent first writes anonymous pages 0, 1, 2; no child is due before.
    @Test func forkParentWritesItsThreePagesBeforeTheFirstChild() {
        var w = WorkloadGenerator(
            spec: .fork(children: 2, childPages: 10, intervalJiffies: 100, pages: 3), rng: SplitMix64(seed: 1), hz: 250)
        #expect(w.anonPages == 3)
        #expect(w.dueSpawns(elapsedJiffies: 0) == 0, "pages not written yet")
        w.beginTick()
        var refs: [PageRef] = []
        while let r = w.next() { refs.append(r) }
        #expect(refs == (0..<3).map { PageRef(area: .anon, index: Int32($0), write: true) })
        #expect(w.dueSpawns(elapsedJiffies: 1) == 1, "the first child once the pages are written")
        #expect(w.dueSpawns(elapsedJiffies: 100) == 1)
    }
}
