import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// Whole runs: determinism, the seed's quirks (swappiness inert on the container path,
/// anonymous pages never freed without swap), laptop mode, child-first and foreign kills.
@Suite struct SimulationTests {
    typealias B = ConfigBuilder

    /// A container under pressure from an anonymous working set bigger than its limit and
    /// a file reader; swap present.
    static func mixed(swap: Int = 16384, swappiness: Int = 60, laptopMode: Int = 0, seed: UInt64 = 7) -> SimulationConfig {
        B.config(
            seed: seed, seconds: 6, ram: 65536, swap: swap, swappiness: swappiness, laptopMode: laptopMode,
            containers: [("web", 3000)],
            tasks: [
                B.task("heap", container: 0, workload: .anonWorkingSet(pages: 2500, refsPerTick: 64, pattern: .zipf(theta: 0.99), writeRatio: 0.3)),
                B.task("reader", container: 0, workload: .fileWorkingSet(pages: 2000, refsPerTick: 32, pattern: .zipf(theta: 0.8))),
                B.task("writer", container: 0, workload: .fileDirty(pages: 800, refsPerTick: 16, pattern: .uniform, writeRatio: 1)),
            ])
    }

    @Test func sameSeedSameRows() throws {
        let (a, sa) = try B.run(Self.mixed())
        let (b, sb) = try B.run(Self.mixed())
        #expect(a.scanPasses == b.scanPasses)
        #expect(a.reclaimCalls == b.reclaimCalls)
        #expect(a.oomEvents == b.oomEvents)
        #expect(a.oomCandidates == b.oomCandidates)
        #expect(a.samples == b.samples)
        #expect(sa == sb)
        #expect(!a.scanPasses.isEmpty, "the scenario does reclaim")
        let (c, _) = try B.run(Self.mixed(seed: 8))
        #expect(c.scanPasses != a.scanPasses, "another seed gives another run")
    }

    /// The seed copies vm_swappiness into the scan control and never reads it: with swap
    /// present, swappiness 0 and 100 give identical passes.
    @Test func swappinessIsInertOnTheContainerPath() throws {
        let (low, _) = try B.run(Self.mixed(swappiness: 0))
        let (high, _) = try B.run(Self.mixed(swappiness: 100))
        #expect(!low.scanPasses.isEmpty)
        #expect(low.scanPasses == high.scanPasses)
        #expect(low.reclaimCalls == high.reclaimCalls)
        #expect(low.oomEvents == high.oomEvents)
    }

    /// No swap: container reclaim never frees an anonymous page; a leak is OOM-killed.
    @Test func noSwapLeakIsKilledAndNothingFreed() throws {
        let config = B.config(
            seconds: 10, swap: 0, containers: [("box", 2000)],
            tasks: [
                B.task("idler", container: 0, workload: .idle(totalVM: 500, rss: 500)),
                B.task("leak", container: 0, workload: .anonGrow(pagesPerSecond: 1000, maxPages: 0, refsPerTick: 8, pattern: .uniform)),
            ])
        let (sink, summary) = try B.run(config)
        #expect(!sink.reclaimCalls.isEmpty)
        #expect(sink.reclaimCalls.allSatisfy { $0.nrReclaimed == 0 })
        #expect(sink.scanPasses.allSatisfy { $0.nrReclaimed == 0 && $0.deactivated == 0 })
        let kill = try #require(sink.oomEvents.first { $0.outcome == .killed })
        #expect(kill.victimPid == 101, "the leak (1500+ pages) outscores the 500-page idler")
        #expect(summary.totals.oomKills >= 1)
        #expect(summary.tasks.first { $0.name == "leak" }?.oomKilled == true)
    }

    /// With swap, the leak's pages are swapped out (unmapped and uncharged) but reclaim counts
    /// only freed pages: calls report failure and the v1/v2 quirk kills anyway.
    @Test func swapOutDoesNotCountAsReclaimed() throws {
        let config = B.config(
            seconds: 10, swap: 65536, containers: [("box", 2000)],
            tasks: [B.task("leak", container: 0, workload: .anonGrow(pagesPerSecond: 1000, maxPages: 0, refsPerTick: 0, pattern: .uniform))])
        let (sink, summary) = try B.run(config)
        #expect(summary.totals.swapOuts > 0)
        #expect(sink.scanPasses.contains { $0.writebackStarted > 0 })
        #expect(sink.reclaimCalls.contains { $0.result == 0 })
        #expect(summary.totals.oomKills >= 1)
    }

    /// Laptop mode: in every call, passes before pdflush is woken run with may_writepage 0,
    /// and keep dirty pages where dirty pages were scanned.
    @Test func laptopModeHoldsDirtyPages() throws {
        // A slow disk keeps pages dirty long enough to age on the lists between calls.
        let config = B.config(
            seconds: 10, laptopMode: 5, diskPagesPerSecond: 400, containers: [("box", 500)],
            tasks: [B.task("writer", container: 0, workload: .fileDirty(pages: 1500, refsPerTick: 64, pattern: .uniform, writeRatio: 1))])
        let (sink, _) = try B.run(config)
        #expect(!sink.reclaimCalls.isEmpty)
        var keptBeforeWake = 0
        for call in sink.reclaimCalls {
            let passes = sink.scanPasses.filter { $0.callNo == call.callNo }
            var total = 0
            for p in passes {
                if !Kernel.wakesPdflush(totalScanned: total) {
                    #expect(!p.mayWritepage, "call \(call.callNo) prio \(p.priority) before the wake-up")
                    keptBeforeWake += p.keptDirty
                    #expect(p.writebackStarted == 0)
                } else {
                    #expect(p.mayWritepage)
                }
                total += p.nrScanned
            }
        }
        #expect(keptBeforeWake > 0)
        var offConfig = config
        offConfig.machine.laptopMode = 0
        let (off, _) = try B.run(offConfig)
        #expect(off.scanPasses.allSatisfy { $0.mayWritepage })
    }

    /// A fork bomb's parent is chosen (its children inflate its score) but the oldest child dies.
    @Test func forkChildFirstKill() throws {
        let config = B.config(
            seconds: 6, containers: [("box", 3000)],
            tasks: [
                B.task("spawner", container: 0, workload: .fork(children: 8, childPages: 400, intervalJiffies: 25)),
                B.task("leak", container: 0, startJiffies: 250, workload: .anonGrow(pagesPerSecond: 2000, maxPages: 0, refsPerTick: 0, pattern: .uniform)),
            ])
        let (sink, summary) = try B.run(config)
        let kill = try #require(sink.oomEvents.first { $0.outcome == .killed })
        let spawner = summary.tasks.first { $0.name == "spawner" }!
        // The first OOM comes with the 8th child (8 x 400 > 3000) before the leak starts at
        // 1 s: each child scores at most its total_vm 400, the spawner at least 7 x (400/2 + 1)
        // = 1407 from its children, so the spawner is chosen and its oldest child dies.
        #expect(kill.tMs < 1000)
        #expect(kill.chosenPid == spawner.pid)
        #expect(kill.victimPid != kill.chosenPid)
        #expect(summary.tasks.first { $0.pid == kill.victimPid }?.parentPid == spawner.pid)
        #expect(summary.tasks.first { $0.pid == kill.victimPid }?.name == "spawner/child1")
    }

    /// Every run ends with consistent state; runs of each workload kind and HZ.
    @Test(arguments: [100, 250, 300, 1000])
    func invariantsHoldAtEveryHZ(hz: Int) throws {
        var config = Self.mixed()
        config.hz = hz
        config.durationJiffies = 3 * hz
        config.sampleIntervalJiffies = hz / 2
        let (sink, _) = try B.run(config)
        #expect(sink.samples.count == 6 * 2, "machine + one container, every half second")
    }
}
