import Foundation
import GRDB
import ReclaimModel
import ReclaimRecords
import ReclaimStore

/// Shared fixtures for the store tests: a descriptor, a hand-built event batch, paths.
enum Fixtures {
    static func descriptor(key: String = "key-1", seed: UInt64 = 1, sweepId: Int64? = nil) -> RunDescriptor {
        RunDescriptor(
            runKey: key, sweepId: sweepId, scenario: "two-tenants", kernel: ModelInfo.kernel,
            seed: seed, swappiness: 60, swapPages: 0, laptopMode: 5,
            config: #"{"name":"two-tenants","seed":1}"#, hz: 250, durationMs: 30_000, modelVersion: ModelInfo.modelVersion)
    }

    /// One event of every kind, in the order the simulator reports them (passes first).
    static func events() -> RecordingSink {
        var sink = RecordingSink()
        // A container call: two passes, no swap_tendency/distress/mapped_ratio.
        sink.scanPass(ScanPassRecord(
            callNo: 1, priority: 12, nrScanned: 30, nrReclaimed: 0, activeScanned: 32,
            deactivated: 20, inactiveScanned: 16, activated: 3, keptDirty: 4, writebackStarted: 0,
            mayWritepage: false, reclaimMapped: true, congestionWaitMs: 0))
        sink.scanPass(ScanPassRecord(
            callNo: 1, priority: 11, nrScanned: 40, nrReclaimed: 5, activeScanned: 32,
            deactivated: 30, inactiveScanned: 32, activated: 1, keptDirty: 0, writebackStarted: 6,
            mayWritepage: true, reclaimMapped: true, congestionWaitMs: 100))
        sink.reclaimCall(ReclaimCallRecord(
            callNo: 1, tMs: 1_204, origin: .container, container: "web", pid: 300, result: 1,
            nrReclaimed: 5, totalScanned: 70, lastPriority: 11, pdflushWoken: true, stallMs: 100))
        // A direct-reclaim call with the §3 numbers.
        sink.scanPass(ScanPassRecord(
            callNo: 2, priority: 12, nrScanned: 2, nrReclaimed: 2, activeScanned: 0,
            inactiveScanned: 2, mayWritepage: true, reclaimMapped: false, swapTendency: 85,
            distress: 0, mappedRatio: 50))
        sink.reclaimCall(ReclaimCallRecord(
            callNo: 2, tMs: 2_000, origin: .direct, container: nil, pid: 301, result: 1,
            nrReclaimed: 2, totalScanned: 2, lastPriority: 12, pdflushWoken: false, stallMs: 0))
        sink.oomCandidate(OOMCandidateRecord(
            oomNo: 1, round: 1, pid: 1, name: "init", container: nil, points: nil, totalVM: 10,
            rss: 2, eligible: false, skipReason: .initTask))
        sink.oomCandidate(OOMCandidateRecord(
            oomNo: 1, round: 1, pid: 300, name: "nginx", container: "web", points: UInt64.max,
            totalVM: 8_000, rss: 4_096, eligible: true, skipReason: nil))
        sink.oomEvent(OOMEventRecord(
            oomNo: 1, tMs: 2_500, scope: .container, container: "web", triggerPid: 300,
            outcome: .killed, chosenPid: 300, chosenPoints: UInt64.max, victimPid: 300,
            victimContainer: "web"))
        sink.sample(SampleRecord(
            tMs: 1_000, container: nil, usage: 9_000, active: 6_000, inactive: 3_000, dirty: 10,
            writeback: 2, swapUsed: 0, free: 56_536))
        sink.sample(SampleRecord(
            tMs: 1_000, container: "web", usage: 4_000, active: 3_000, inactive: 1_000, dirty: 0,
            writeback: 0, swapUsed: 0, free: 96))
        return sink
    }

    static func summary(panic: String? = nil, containers: [ContainerRecord]? = nil) -> RunSummary {
        var totals = RunTotals()
        totals.faults = 12_000
        totals.majorFaults = 7
        totals.pagesScanned = 72
        totals.pagesReclaimed = 7
        totals.oomKills = 1
        totals.stallMs = 100
        totals.pagesWrittenBack = 6
        totals.swapOuts = 0
        totals.swapIns = 0
        totals.reclaimCalls = 2
        totals.oomEvents = 1
        let tasks = [
            TaskRecord(
                pid: 1, name: "init", container: nil, parentPid: nil, uid: 0, nice: 0, oomAdj: 0,
                workload: "idle", startMs: -1_000, exitMs: nil, oomKilled: false, maxRSS: 2,
                totalVM: 10, cpuJiffies: 0, faults: 2, majorFaults: 0),
            TaskRecord(
                pid: 300, name: "nginx", container: "web", parentPid: 1, uid: 1000, nice: 0,
                oomAdj: 0, workload: "anon-grow", startMs: 0, exitMs: 2_500, oomKilled: true,
                maxRSS: 4_096, totalVM: 8_000, cpuJiffies: 625, faults: 11_998, majorFaults: 7),
        ]
        let defaultContainers = [
            ContainerRecord(name: "web", limitPages: 4_096, failcnt: 12, maxUsage: 4_096, finalUsage: 0),
        ]
        return RunSummary(totals: totals, tasks: tasks, containers: containers ?? defaultContainers, panic: panic)
    }

    /// Rows per event table of one run.
    static func eventCounts(_ store: Store, runId: Int64) throws -> [String: Int] {
        try store.reader.read { db throws in
            var counts: [String: Int] = [:]
            for table in ["reclaim_calls", "scan_passes", "oom_events", "oom_candidates", "samples", "tasks", "containers"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE run_id = ?", arguments: [runId]) ?? -1
            }
            return counts
        }
    }

    static func status(_ store: Store, runId: Int64) throws -> String? {
        try store.reader.read { db throws in
            try String.fetchOne(db, sql: "SELECT status FROM runs WHERE run_id = ?", arguments: [runId])
        }
    }
}

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("reclaimstore-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Collects GRDB dump output.
final class TextCollector: TextOutputStream {
    var text = ""
    func write(_ string: String) { text += string }
}
