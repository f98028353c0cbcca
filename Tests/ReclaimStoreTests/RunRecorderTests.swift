import Foundation
import GRDB
import ReclaimModel
import ReclaimRecords
import ReclaimTestSupport
import Testing

@testable import ReclaimStore

/// The streaming recorder: bounded batches into TEMP staging tables, rows visible only
/// with the run's status, identical rows to the one-shot path.
@Suite struct RunRecorderTests {
    static func tempDB() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("recorder-\(UUID().uuidString).db").path
    }

    static func descriptor(_ key: String) -> RunDescriptor {
        RunDescriptor(runKey: key, scenario: "t", kernel: ModelInfo.kernel, seed: 1, swappiness: 60, swapPages: 0, laptopMode: 0, config: "{}", hz: 250, durationMs: 1000, modelVersion: ModelInfo.modelVersion)
    }

    static func simulate<S: EventSink>(_ sink: inout S) throws -> RunSummary {
        let config = ConfigBuilder.config(
            seconds: 3, containers: [("box", 1500)],
            tasks: [ConfigBuilder.task("reader", container: 0, workload: .fileWorkingSet(pages: 3000, refsPerTick: 64, pattern: .zipf(theta: 0.9)))])
        var sim = Simulator(config: config)
        return try sim.run(sink: &sink)
    }

    static func rows(_ store: Store, _ runId: Int64) throws -> [String] {
        try store.reader.read { db in
            var out: [String] = []
            for table in ["reclaim_calls", "scan_passes", "oom_events", "oom_candidates", "samples", "tasks", "containers", "zones"] {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE run_id = ? ORDER BY 2, 3, 4", arguments: [runId])
                out += rows.map { "\(table) " + $0.description.replacingOccurrences(of: "run_id:\(runId)", with: "") }
            }
            return out
        }
    }

    @Test func streamedRowsEqualOneShotRows() throws {
        let path = Self.tempDB()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        let a = try store.beginRun(Self.descriptor("a")).runId
        var sink = RecordingSink()
        let summaryA = try Self.simulate(&sink)
        try store.finishRun(runId: a, events: sink, summary: summaryA)
        let b = try store.beginRun(Self.descriptor("b")).runId
        var recorder = store.recorder(runId: b, batchLimit: 50)  // many small batches
        let summaryB = try Self.simulate(&recorder)
        // Before finishRun nothing of run b is visible.
        let visible = try store.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scan_passes WHERE run_id = ?", arguments: [b]) }
        #expect(visible == 0)
        try store.finishRun(recorder, summary: summaryB)
        let rowsA = try Self.rows(store, a)
        #expect(rowsA.count > 50)
        #expect(rowsA == (try Self.rows(store, b)))
    }

    /// A flush empties the buffer but keeps its storage: a long run reuses one buffer of
    /// `batchLimit` events instead of growing fresh arrays after every flush (which let the
    /// peak memory of a 200 s bench run climb by 19 MiB over a 10 s one).
    @Test func flushKeepsTheBufferStorage() throws {
        let path = Self.tempDB()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        let id = try store.beginRun(Self.descriptor("k")).runId
        var recorder = store.recorder(runId: id, batchLimit: 100)
        for pass in RecorderBenchmark.syntheticPasses(100).scanPasses { recorder.scanPass(pass) }
        #expect(recorder.staged)
        #expect(recorder.buffered == 0)
        #expect(recorder.buffer.scanPasses.isEmpty)
        #expect(recorder.buffer.scanPasses.capacity >= 100, "capacity after the flush: \(recorder.buffer.scanPasses.capacity)")
        #expect(recorder.batchLimit == 100)
        #expect(store.recorder(runId: id).batchLimit == 16384)
    }

    /// A process that dies mid-run leaves no event rows: staging lives in TEMP tables.
    @Test func abandonedRunLeavesNothing() throws {
        let path = Self.tempDB()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let store = try Store(path: path)
            let id = try store.beginRun(Self.descriptor("x")).runId
            var recorder = store.recorder(runId: id, batchLimit: 10)
            _ = try Self.simulate(&recorder)
            // No finishRun: the store goes away as in a crash.
        }
        let reopened = try Store(path: path)
        let counts = try reopened.reader.read { db in
            try ["scan_passes", "reclaim_calls", "samples"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1 }
        }
        #expect(counts == [0, 0, 0])
        #expect(try reopened.reader.runs().first?.status == .running)
    }
}
