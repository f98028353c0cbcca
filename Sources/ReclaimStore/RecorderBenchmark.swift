import Foundation
import GRDB
import GRDBSQLite
import ReclaimRecords

/// The recorder benchmark of `reclaimlab bench` (issue 6): N synthetic `scan_passes` rows
/// written through the real store path (`Store.finishRun`), against the same rows written
/// by a plain SQLite C-API loop — one prepared statement, one transaction, the same table
/// and pragmas — in the same process.
public enum RecorderBenchmark {
    /// One measurement: rows written and seconds taken.
    public struct Result: Sendable {
        public var rows: Int
        public var seconds: Double
        public var rowsPerSecond: Double { Double(rows) / seconds }
    }

    /// Synthetic passes: `rows` rows spread over calls of 13 priorities.
    public static func syntheticPasses(_ rows: Int) -> RecordingSink {
        var sink = RecordingSink()
        sink.scanPasses.reserveCapacity(rows)
        var call = 1
        var priority = 12
        for i in 0..<rows {
            sink.scanPasses.append(
                ScanPassRecord(
                    callNo: call, priority: priority, nrScanned: 64 + i % 7, nrReclaimed: i % 5,
                    activeScanned: 32, deactivated: i % 32, inactiveScanned: 32, activated: i % 3,
                    keptDirty: i % 2, writebackStarted: i % 4, mayWritepage: i % 2 == 0, reclaimMapped: true,
                    swapTendency: i % 3 == 0 ? nil : 85, distress: i % 3 == 0 ? nil : 0,
                    mappedRatio: i % 3 == 0 ? nil : 50, prevPriority: i % 3 == 0 ? nil : priority,
                    congestionWaitMs: priority < 10 ? 100 : 0))
            priority -= 1
            if priority < 0 {
                priority = 12
                call += 1
            }
        }
        return sink
    }

    /// Writes `sink` as one run through `Store` into a fresh database at `path`.
    public static func storePath(_ sink: RecordingSink, path: String) throws -> Result {
        let store = try Store(path: path)
        let run = RunDescriptor(
            runKey: "bench", scenario: "bench", kernel: "bench", seed: 1, swappiness: 60,
            swapPages: 0, laptopMode: 0, config: "{}", hz: 250, durationMs: 0, modelVersion: "bench")
        let runId = try store.beginRun(run).runId
        let summary = RunSummary(totals: RunTotals(), tasks: [], containers: [])
        let start = Date()
        try store.finishRun(runId: runId, events: sink, summary: summary)
        return Result(rows: sink.scanPasses.count, seconds: Date().timeIntervalSince(start))
    }

    /// The same rows through the SQLite C API: the database at `path` is migrated by `Store`
    /// first (same schema and pragmas), then a run row is made and the rows are inserted with
    /// one prepared statement in one transaction.
    public static func cAPI(_ sink: RecordingSink, path: String) throws -> Result {
        do {
            let store = try Store(path: path)
            _ = try store.beginRun(
                RunDescriptor(
                    runKey: "bench-c", scenario: "bench", kernel: "bench", seed: 1, swappiness: 60,
                    swapPages: 0, laptopMode: 0, config: "{}", hz: 250, durationMs: 0, modelVersion: "bench"))
        }
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db else {
            throw StoreError.io(path: path, detail: "sqlite3_open_v2 failed")
        }
        defer { sqlite3_close_v2(db) }
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"] {
            sqlite3_exec(db, pragma, nil, nil, nil)
        }
        let runId = sqlite3_int64(1)
        let sql = """
            INSERT INTO scan_passes (run_id, call_no, priority, nr_scanned, nr_reclaimed, active_scanned,
              deactivated, inactive_scanned, activated, kept_dirty, writeback_started, may_writepage,
              reclaim_mapped, swap_tendency, distress, mapped_ratio, prev_priority, congestion_wait)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        let start = Date()
        var statement: OpaquePointer?
        sqlite3_exec(db, "BEGIN", nil, nil, nil)
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw StoreError.io(path: path, detail: String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(statement) }
        func bind(_ i: Int32, _ v: Int?) {
            if let v { sqlite3_bind_int64(statement, i, sqlite3_int64(v)) } else { sqlite3_bind_null(statement, i) }
        }
        for r in sink.scanPasses {
            sqlite3_bind_int64(statement, 1, runId)
            bind(2, r.callNo)
            bind(3, r.priority)
            bind(4, r.nrScanned)
            bind(5, r.nrReclaimed)
            bind(6, r.activeScanned)
            bind(7, r.deactivated)
            bind(8, r.inactiveScanned)
            bind(9, r.activated)
            bind(10, r.keptDirty)
            bind(11, r.writebackStarted)
            bind(12, r.mayWritepage ? 1 : 0)
            bind(13, r.reclaimMapped ? 1 : 0)
            bind(14, r.swapTendency)
            bind(15, r.distress)
            bind(16, r.mappedRatio)
            bind(17, r.prevPriority)
            bind(18, Int(r.congestionWaitMs))
            guard sqlite3_step(statement) == SQLITE_DONE else {
                throw StoreError.io(path: path, detail: String(cString: sqlite3_errmsg(db)))
            }
            sqlite3_reset(statement)
        }
        sqlite3_exec(db, "COMMIT", nil, nil, nil)
        return Result(rows: sink.scanPasses.count, seconds: Date().timeIntervalSince(start))
    }
}
