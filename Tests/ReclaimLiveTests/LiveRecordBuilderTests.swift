import Foundation
import ReclaimLive
import ReclaimRecords
import Testing

/// A live run's observations into rows (docs/live.md, "What the columns mean on live"),
/// without a kernel: a hand-made result with a real 6.18 memcg OOM report from /dev/kmsg.
@Suite struct LiveRecordBuilderTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/live/kmsg-memcg-oom.txt")

    static func plan() -> LivePlan {
        func task(_ pid: Int32, _ name: String, _ container: String?, _ spec: LiveWorkload) -> LivePlan.Task {
            LivePlan.Task(pid: pid, name: name, container: container, uid: 1000, nice: 0, oomAdj: 0, startSeconds: 0, workload: spec, streamKey: name + "#1")
        }
        return LivePlan(
            seed: 1, hz: 250, durationSeconds: 2, sampleMilliseconds: 100, ramPages: 8192, swapPages: 0, swappiness: 60,
            laptopMode: 0, containers: [LivePlan.Container(name: "web", limitPages: 2000)],
            tasks: [
                task(100, "leak", "web", LiveWorkload(.anonGrow(pagesPerSecond: 4000, maxPages: 0, refsPerTick: 64, pattern: .uniform))),
                task(101, "idle", "web", LiveWorkload(.idle(totalVM: 300, rss: 300))),
                task(102, "solo", nil, LiveWorkload(.idle(totalVM: 10, rss: 10))),
            ])
    }

    static func result() throws -> LiveRunResult {
        let kmsg = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n").compactMap { KmsgRecord($0) }
        let start: UInt64 = 1_033_000_000_000
        var p12 = LivePass(priority: 12)
        p12.nrScanned = 32; p12.nrReclaimed = 20; p12.anonScanned = 32; p12.writebackStarted = 3; p12.swapOuts = 3
        var p11 = LivePass(priority: 11)
        p11.nrScanned = 64; p11.nrReclaimed = 0; p11.fileScanned = 64
        let calls = [
            // Listed out of order: rows are numbered by begin time.
            LiveReclaimCall(origin: .memcg, pid: 14416, beginNs: start + 300_000_000, endNs: start + 301_000_000, nrReclaimed: 0, totalScanned: 0, throttledUsec: 0, passes: []),
            LiveReclaimCall(origin: .memcg, pid: 14414, beginNs: start + 100_000_000, endNs: start + 102_000_000, nrReclaimed: 20, totalScanned: 96, throttledUsec: 2_500, passes: [p11, p12]),
        ]
        return LiveRunResult(
            calls: calls, victims: [(14414, start + 625_000_000)], kmsg: kmsg, kmsgOffsetMicroseconds: 1_000,
            startNs: start, durationMs: 2000, samples: [], tasks: [
                LiveTaskOutcome(scenarioPid: 100, realPid: 14414, name: "leak", container: "web", startMs: 0, exitMs: 626, exitStatus: nil, signal: 9, maxRSSPages: 7901, totalVMPages: 33666, minorFaults: 4000, majorFaults: 2, cpuMs: 40),
                LiveTaskOutcome(scenarioPid: 101, realPid: 14415, name: "idle", container: "web", startMs: 0, exitMs: 2001, exitStatus: 0, signal: nil, maxRSSPages: 6415, totalVMPages: 21965, minorFaults: 300, majorFaults: 0, cpuMs: 8),
            ],
            containers: [:], machine: nil, eventsLost: 0, eventCount: 123, eventsOutsideCalls: 0, unfinishedCalls: 0,
            scenarioPids: [14414: 100, 14415: 101, 14416: 102], pageRefs: 5000)
    }

    @Test func callsAndPasses() throws {
        let (events, summary) = LiveRecordBuilder(plan: Self.plan(), ignoredKeys: ["hz"]).build(try Self.result())
        #expect(events.reclaimCalls.map(\.callNo) == [1, 2])
        let first = events.reclaimCalls[0]
        #expect(first.pid == 100 && first.tMs == 100 && first.origin == .container && first.container == "web")
        #expect(first.result == 1 && first.nrReclaimed == 20 && first.totalScanned == 96)
        #expect(first.lastPriority == 11 && first.stallMs == 2, "2500 us throttled = 2 ms")
        #expect(first.unknown == [.pdflushWoken])
        let solo = events.reclaimCalls[1]
        #expect(solo.pid == 102 && solo.origin == .direct && solo.container == nil, "the machine cgroup stands for RAM")
        #expect(solo.unknown == [.pdflushWoken, .lastPriority], "no pass traced: no last priority")
        #expect(events.scanPasses.map(\.priority) == [12, 11], "passes from 12 down")
        #expect(events.scanPasses[0].anonScanned == 32 && events.scanPasses[1].fileScanned == 64)
        #expect(events.scanPasses.allSatisfy { $0.unknown == [.mayWritepage, .reclaimMapped, .congestionWait] })
        #expect(summary.totals.pagesScanned == 96 && summary.totals.pagesReclaimed == 20)
        #expect(summary.totals.swapOuts == 3 && summary.totals.pagesWrittenBack == 3 && summary.totals.stallMs == 2)
        #expect(summary.totals.faults == 4302 && summary.totals.majorFaults == 2, "4000 + 2 + 300")
        #expect(summary.totals.eventsLost == 0 && summary.totals.ignoredKeys == ["hz"])
        #expect(summary.totals.unknown == [.swapIns, .blockRequests] && summary.totals.pageRefs == 5000)
    }

    /// The kernel's report: victim leak (real 14414 = scenario 100); candidates in dump order
    /// with oom_badness = rss + swapents + pgtables_bytes / 4096: idle 6415 + 0 + 34 = 6449,
    /// leak 7901 + 0 + 38 = 7939.
    @Test func theKernelsReport() throws {
        let (events, summary) = LiveRecordBuilder(plan: Self.plan(), ignoredKeys: []).build(try Self.result())
        let oom = try #require(events.oomEvents.first)
        #expect(events.oomEvents.count == 1 && summary.totals.oomKills == 1)
        #expect(oom.scope == .container && oom.container == "web")
        #expect(oom.triggerPid == 100 && oom.chosenPid == 100 && oom.victimPid == 100 && oom.victimContainer == "web")
        #expect(oom.modernChosenPoints == 7939)
        #expect(oom.callNo == 1, "the trigger's last reclaim call before the OOM (leak's, numbered 1 by begin time)")
        // oom:mark_victim of 14414 at start + 625 ms on the trace clock.
        #expect(oom.tMs == 625)
        // Without the trace event: report time 1033.625424 s on the log clock, minus the
        // 1 ms offset, minus the start 1033 s.
        var untraced = try Self.result()
        untraced.victims = []
        #expect(LiveRecordBuilder(plan: Self.plan(), ignoredKeys: []).build(untraced).events.oomEvents.first?.tMs == 624)
        #expect(events.oomCandidates.map(\.pid) == [101, 100])
        #expect(events.oomCandidates.map(\.visitNo) == [1, 2])
        #expect(events.oomCandidates.map(\.modernPoints) == [6449, 7939])
        #expect(events.oomCandidates.map(\.pgtablesBytes) == [139264, 155648])
        #expect(events.oomCandidates.map(\.swapents) == [0, 0] && events.oomCandidates.map(\.oomScoreAdj) == [0, 0])
        #expect(events.oomCandidates.allSatisfy { $0.eligible && $0.points == nil && $0.container == "web" })
        let leak = try #require(summary.tasks.first { $0.pid == 100 })
        #expect(leak.oomKilled && leak.exitMs == 626 && leak.totalVM == 33666 && leak.cpuJiffies == 10, "40 ms at hz 250")
        let idle = try #require(summary.tasks.first { $0.pid == 101 })
        #expect(!idle.oomKilled && idle.exitMs == nil, "ran to the end")
    }
}
