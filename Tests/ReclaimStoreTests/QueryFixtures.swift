import Foundation
import GRDB
import ReclaimModel
import ReclaimRecords
import ReclaimStore

/// A small fixed database for the canned-query golden tests, built through the Store's own
/// API (`recordSweep`, `beginRun`, `finishRun`, `failRun`) from hand-made event rows.
///
/// Seven runs of one scenario, `tenants`:
/// - runs 1-3 (sweep `knobs`): swap present, laptop_mode off; seeds 1 and 2 at swappiness
///   60 and seed 1 again at swappiness 100 with the same rows (container reclaim does not
///   read swappiness); each has a succeeding and a failing container reclaim call and one
///   OOM kill of the chosen task;
/// - runs 4-5: no swap, laptop_mode 5, swappiness 60 and 0; container reclaim keeps dirty
///   pages, a direct-reclaim call whose result depends on swappiness, and four OOM
///   invocations: a child killed instead of its parent, a "busy" answer, a victim outside
///   the container, and "none";
/// - run 6 (sweep): failed with an error; run 7 (sweep): still running.
enum QueryFixtures {
    static func config(seed: UInt64, swappiness: Int, swapPages: Int, laptopMode: Int) -> String {
        #"{"containers":[{"limit_pages":4096,"name":"web"}],"machine":{"laptop_mode":\#(laptopMode),"swap_pages":\#(swapPages),"swappiness":\#(swappiness)},"name":"tenants","seed":\#(seed)}"#
    }

    static func descriptor(
        seed: UInt64, swappiness: Int, swapPages: Int, laptopMode: Int, sweepId: Int64?
    ) -> RunDescriptor {
        RunDescriptor(
            runKey: "tenants-s\(seed)-w\(swappiness)-p\(swapPages)-l\(laptopMode)", sweepId: sweepId,
            scenario: "tenants", kernel: ModelInfo.kernel, seed: seed, swappiness: swappiness,
            swapPages: swapPages, laptopMode: laptopMode,
            config: config(seed: seed, swappiness: swappiness, swapPages: swapPages, laptopMode: laptopMode),
            hz: 250, durationMs: 10_000, toolVersion: "test", modelVersion: "2.6.20-rss/1")
    }

    /// The fixed database, in memory.
    static func store() throws -> Store {
        let store = try Store(writer: DatabaseQueue())
        let sweep = try store.recordSweep(name: "knobs", spec: "base: tenants.yaml\n")
        for (seed, swappiness) in [(UInt64(1), 60), (2, 60), (1, 100)] {
            let id = try store.beginRun(
                descriptor(seed: seed, swappiness: swappiness, swapPages: 8192, laptopMode: 0, sweepId: sweep)
            ).runId
            let events = swapEvents(seed: Int(seed))
            try store.finishRun(runId: id, events: events, summary: summary(events, seed: Int(seed), swap: true))
        }
        for swappiness in [60, 0] {
            let id = try store.beginRun(
                descriptor(seed: 1, swappiness: swappiness, swapPages: 0, laptopMode: 5, sweepId: nil)
            ).runId
            let events = laptopEvents(swappiness: swappiness)
            try store.finishRun(runId: id, events: events, summary: summary(events, seed: 1, swap: false))
        }
        let failed = try store.beginRun(
            descriptor(seed: 3, swappiness: 60, swapPages: 8192, laptopMode: 0, sweepId: sweep)
        ).runId
        try store.failRun(runId: failed, error: "machine RAM exhausted at t=0 ms")
        _ = try store.beginRun(descriptor(seed: 4, swappiness: 60, swapPages: 8192, laptopMode: 0, sweepId: sweep))
        return store
    }

    static func pass(
        _ call: Int, _ priority: Int, scanned: Int, reclaimed: Int, inactive: Int, keptDirty: Int = 0,
        writeback: Int = 0, mayWritepage: Bool, wait: Int64 = 0, swapTendency: Int? = nil,
        distress: Int? = nil, mappedRatio: Int? = nil
    ) -> ScanPassRecord {
        ScanPassRecord(
            callNo: call, priority: priority, nrScanned: scanned, nrReclaimed: reclaimed,
            activeScanned: 32, deactivated: 8, inactiveScanned: inactive, activated: 1,
            keptDirty: keptDirty, writebackStarted: writeback, mayWritepage: mayWritepage,
            reclaimMapped: swapTendency.map { $0 >= 100 } ?? true, swapTendency: swapTendency,
            distress: distress, mappedRatio: mappedRatio, congestionWaitMs: wait)
    }

    static func candidate(
        _ oom: Int, _ pid: Int32, _ name: String, _ container: String?, points: UInt64?, totalVM: Int,
        skip: OOMSkipReason? = nil
    ) -> OOMCandidateRecord {
        OOMCandidateRecord(
            oomNo: oom, round: 1, pid: pid, name: name, container: container, points: points,
            totalVM: totalVM, rss: totalVM / 2, eligible: skip == nil, skipReason: skip)
    }

    /// Runs 1-3: container reclaim with swap; one kill of the chosen task.
    static func swapEvents(seed: Int) -> RecordingSink {
        var sink = RecordingSink()
        sink.scanPass(pass(1, 12, scanned: 40 + seed, reclaimed: 0, inactive: 20, writeback: 4, mayWritepage: false))
        sink.scanPass(pass(1, 11, scanned: 30, reclaimed: 2 + seed, inactive: 15, mayWritepage: true))
        sink.reclaimCall(
            ReclaimCallRecord(
                callNo: 1, tMs: 1_000, origin: .container, container: "web", pid: 301, result: 1,
                nrReclaimed: 2 + seed, totalScanned: 70 + seed, lastPriority: 11, pdflushWoken: true, stallMs: 0))
        sink.scanPass(pass(2, 9, scanned: 64, reclaimed: 1, inactive: 32, mayWritepage: true, wait: 100))
        sink.scanPass(pass(2, 0, scanned: 64, reclaimed: 0, inactive: 32, mayWritepage: true, wait: 100 * Int64(seed)))
        sink.reclaimCall(
            ReclaimCallRecord(
                callNo: 2, tMs: 2_000, origin: .container, container: "web", pid: 301, result: 0,
                nrReclaimed: 1, totalScanned: 200, lastPriority: 0, pdflushWoken: true, stallMs: 800 + 100 * Int64(seed)
            ))
        sink.oomCandidate(candidate(1, 1, "init", nil, points: nil, totalVM: 10, skip: .initTask))
        sink.oomCandidate(candidate(1, 300, "nginx", "web", points: 120, totalVM: 120))
        sink.oomCandidate(candidate(1, 301, "leak", "web", points: 900, totalVM: 900))
        sink.oomEvent(
            OOMEventRecord(
                oomNo: 1, tMs: 2_000 + 100 * Int64(seed), scope: .container, container: "web", triggerPid: 301,
                outcome: .killed, chosenPid: 301, chosenPoints: 900, victimPid: 301, victimContainer: "web"))
        for (t, dirty) in [(Int64(1_000), 5), (2_000, 7)] {
            sink.sample(
                SampleRecord(
                    tMs: t, container: nil, usage: 4_000, active: 3_000, inactive: 1_000, dirty: dirty,
                    writeback: 1, swapUsed: Int(t / 100) * seed, free: 60_000))
            sink.sample(
                SampleRecord(
                    tMs: t, container: "web", usage: 4_000, active: 3_000, inactive: 1_000, dirty: dirty,
                    writeback: 1, swapUsed: Int(t / 100) * seed, free: 96))
        }
        return sink
    }

    /// Runs 4-5: laptop mode without swap; container and direct reclaim; four OOM outcomes.
    static func laptopEvents(swappiness: Int) -> RecordingSink {
        var sink = RecordingSink()
        sink.scanPass(pass(1, 12, scanned: 60, reclaimed: 0, inactive: 30, keptDirty: 12, mayWritepage: false))
        sink.scanPass(
            pass(1, 11, scanned: 50, reclaimed: 2, inactive: 25, writeback: 12, mayWritepage: true, wait: 100))
        sink.reclaimCall(
            ReclaimCallRecord(
                callNo: 1, tMs: 500, origin: .container, container: "web", pid: 302, result: 1,
                nrReclaimed: 2, totalScanned: 110, lastPriority: 11, pdflushWoken: true, stallMs: 100))
        // §3: mapped_ratio 50 -> 25 + distress 0 + swappiness; reclaim_mapped at >= 100.
        let reclaimed = swappiness >= 60 ? 20 : 8
        sink.scanPass(
            pass(
                2, 12, scanned: 64, reclaimed: reclaimed, inactive: 32, mayWritepage: false,
                swapTendency: 25 + swappiness, distress: 0, mappedRatio: 50))
        sink.reclaimCall(
            ReclaimCallRecord(
                callNo: 2, tMs: 600, origin: .direct, container: nil, pid: 302, result: 1,
                nrReclaimed: reclaimed, totalScanned: 64, lastPriority: 12, pdflushWoken: true, stallMs: 0))
        // OOM 1: the parent is chosen, its oldest child dies (§7.3).
        sink.oomCandidate(candidate(1, 1, "init", nil, points: nil, totalVM: 10, skip: .initTask))
        sink.oomCandidate(candidate(1, 100, "sshd", nil, points: 0, totalVM: 300))
        sink.oomCandidate(candidate(1, 302, "spawner", "web", points: 1_500, totalVM: 1_000))
        sink.oomCandidate(candidate(1, 303, "spawner/child1", "web", points: 400, totalVM: 400))
        sink.oomCandidate(candidate(1, 305, "db", "web", points: nil, totalVM: 2_000, skip: .oomDisable))
        sink.oomEvent(
            OOMEventRecord(
                oomNo: 1, tMs: 3_000, scope: .container, container: "web", triggerPid: 302, outcome: .killed,
                chosenPid: 302, chosenPoints: 1_500, victimPid: 303, victimContainer: "web"))
        // OOM 2: the child is still dying.
        sink.oomCandidate(candidate(2, 303, "spawner/child1", "web", points: nil, totalVM: 400, skip: .memdie))
        sink.oomEvent(
            OOMEventRecord(
                oomNo: 2, tMs: 3_000, scope: .container, container: "web", triggerPid: 302, outcome: .busy,
                chosenPid: nil, chosenPoints: nil, victimPid: nil, victimContainer: nil))
        // OOM 3: nothing in web scores above 0, so sshd (first visited, outside) dies (§8.5).
        sink.oomCandidate(candidate(3, 1, "init", nil, points: nil, totalVM: 10, skip: .initTask))
        sink.oomCandidate(candidate(3, 100, "sshd", nil, points: 0, totalVM: 300))
        sink.oomCandidate(candidate(3, 302, "spawner", "web", points: 0, totalVM: 0))
        sink.oomEvent(
            OOMEventRecord(
                oomNo: 3, tMs: 3_500, scope: .container, container: "web", triggerPid: 302, outcome: .killed,
                chosenPid: 100, chosenPoints: 0, victimPid: 100, victimContainer: nil))
        // OOM 4: the same kill kept failing.
        sink.oomEvent(
            OOMEventRecord(
                oomNo: 4, tMs: 3_600, scope: .container, container: "web", triggerPid: 302, outcome: .none,
                chosenPid: nil, chosenPoints: nil, victimPid: nil, victimContainer: nil))
        for (t, dirty) in [(Int64(1_000), 40), (2_000, 55)] {
            sink.sample(
                SampleRecord(
                    tMs: t, container: nil, usage: 4_000, active: 3_000, inactive: 1_000, dirty: dirty,
                    writeback: 0, swapUsed: 0, free: 60_000))
        }
        return sink
    }

    /// Totals consistent with the events; tasks and the one container.
    static func summary(_ events: RecordingSink, seed: Int, swap: Bool) -> RunSummary {
        var totals = RunTotals()
        totals.faults = 1_000 + seed
        totals.majorFaults = swap ? 10 * seed : 3
        totals.pagesScanned = events.reclaimCalls.map(\.totalScanned).reduce(0, +)
        totals.pagesReclaimed = events.reclaimCalls.map(\.nrReclaimed).reduce(0, +)
        totals.oomKills = events.oomEvents.filter { $0.outcome == .killed }.count
        totals.stallMs = events.reclaimCalls.map(\.stallMs).reduce(0, +)
        totals.pagesWrittenBack = events.scanPasses.map(\.writebackStarted).reduce(0, +) + 20
        totals.swapOuts = swap ? 4 * seed : 0
        totals.swapIns = swap ? seed : 0
        totals.reclaimCalls = events.reclaimCalls.count
        totals.oomEvents = events.oomEvents.count
        func task(_ pid: Int32, _ name: String, _ container: String?, parent: Int32? = nil, killed: Bool = false)
            -> TaskRecord
        {
            TaskRecord(
                pid: pid, name: name, container: container, parentPid: parent, uid: 1000, nice: 0,
                oomAdj: name == "db" ? -17 : 0, workload: "idle", startMs: 0, exitMs: killed ? 3_000 : nil,
                oomKilled: killed, maxRSS: 100, totalVM: 200, cpuJiffies: 10, faults: 10, majorFaults: 0)
        }
        let tasks =
            swap
            ? [task(1, "init", nil), task(300, "nginx", "web"), task(301, "leak", "web", killed: true)]
            : [
                task(1, "init", nil), task(100, "sshd", nil, killed: true), task(302, "spawner", "web"),
                task(303, "spawner/child1", "web", parent: 302, killed: true), task(305, "db", "web"),
            ]
        let containers = [
            ContainerRecord(name: "web", limitPages: 4_096, failcnt: 2 + seed, maxUsage: 4_096, finalUsage: 4_000)
        ]
        return RunSummary(totals: totals, tasks: tasks, containers: containers)
    }
}
