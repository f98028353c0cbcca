import GRDB
import ReclaimRecords

/// An `EventSink` that streams a run's events to the database in bounded batches, so a
/// run's memory does not grow with its length (issue 6), while its rows still become
/// visible only together with its `done` status (docs/reliability.md, "Crash safety").
///
/// Events are held in memory up to `batchLimit`; a run that produces more sends full
/// batches to TEMP staging tables on the store's writer connection (one short write
/// transaction per batch). ``Store/finishRun(_:summary:)`` then writes the run's rows into
/// the real tables — straight from memory when nothing was staged, else by moving the
/// staged rows — with the tasks, containers, totals and status, in ONE transaction. A
/// crash loses only the staging tables, which SQLite drops with the connection; the run
/// stays `running` and is retried.
///
/// Errors while flushing are kept and thrown by `finishRun`.
public struct RunRecorder: EventSink, Sendable {
    /// How much of a run to record (`--record`): trading detail for size on large sweeps.
    public enum Level: String, Sendable, CaseIterable {
        /// Everything (the default).
        case passes
        /// No `scan_passes` rows.
        case calls
        /// Neither `scan_passes` nor `reclaim_calls` rows: OOM decisions, samples, tasks.
        case oom
    }

    public let runId: Int64
    public let level: Level
    let store: Store
    /// Events buffered before a flush.
    public let batchLimit: Int
    var buffer = RecordingSink()
    var buffered = 0
    /// Whether any batch went to the staging tables.
    var staged = false
    var failure: (any Error & Sendable)?

    init(store: Store, runId: Int64, batchLimit: Int, level: Level) {
        self.store = store
        self.runId = runId
        self.batchLimit = batchLimit
        self.level = level
    }

    public mutating func reclaimCall(_ record: ReclaimCallRecord) {
        guard level != .oom else { return }
        buffer.reclaimCalls.append(record)
        added()
    }

    public mutating func scanPass(_ record: ScanPassRecord) {
        guard level == .passes else { return }
        buffer.scanPasses.append(record)
        added()
    }

    public mutating func oomEvent(_ record: OOMEventRecord) {
        buffer.oomEvents.append(record)
        added()
    }

    public mutating func oomCandidate(_ record: OOMCandidateRecord) {
        buffer.oomCandidates.append(record)
        added()
    }

    public mutating func sample(_ record: SampleRecord) {
        buffer.samples.append(record)
        added()
    }

    private mutating func added() {
        buffered += 1
        if buffered >= batchLimit { flush() }
    }

    /// Writes the buffered events to the staging tables.
    mutating func flush() {
        guard buffered > 0, failure == nil else { return }
        staged = true
        do {
            try store.stage(buffer, runId: runId)
        } catch let error as StoreError {
            failure = error
        } catch {
            failure = StoreError.io(path: store.path, detail: "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
        buffered = 0
    }
}

extension Store {
    /// Staging tables live in the writer connection's TEMP schema, named `stage_TABLE`.
    static let stagePrefix = "temp.stage_"
    static let stagedTables = ["reclaim_calls", "scan_passes", "oom_events", "oom_candidates", "samples"]

    /// A recorder for a run started with ``beginRun(_:)``.
    ///
    /// - Parameter batchLimit: events held in memory before a flush to the staging tables
    ///   (default 16384, about 2.5 MB of scan passes: the runs of typical sweeps never stage
    ///   and are written once; a longer run stages and keeps this one buffer, so its peak
    ///   memory stays flat — issue 6).
    ///   - level: which event tables to fill (default: all).
    public func recorder(runId: Int64, batchLimit: Int = 16384, level: RunRecorder.Level = .passes) -> RunRecorder {
        RunRecorder(store: self, runId: runId, batchLimit: max(1, batchLimit), level: level)
    }

    /// Creates the staging tables on the writer connection if needed (same columns as the
    /// real tables, no constraints).
    static func createStagingTables(_ db: Database) throws {
        for table in stagedTables {
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS stage_\(table) AS SELECT * FROM main.\(table) WHERE 0")
        }
    }

    /// One batch into the staging tables, in one short transaction.
    func stage(_ events: RecordingSink, runId: Int64) throws {
        try writing { db in
            try Self.createStagingTables(db)
            try Self.insertReclaimCalls(db, runId: runId, events.reclaimCalls, prefix: Self.stagePrefix)
            try Self.insertScanPasses(db, runId: runId, events.scanPasses, prefix: Self.stagePrefix)
            try Self.insertOOMEvents(db, runId: runId, events.oomEvents, prefix: Self.stagePrefix)
            try Self.insertOOMCandidates(db, runId: runId, events.oomCandidates, prefix: Self.stagePrefix)
            try Self.insertSamples(db, runId: runId, events.samples, prefix: Self.stagePrefix)
        }
    }

    /// Drops a run's staged rows (the run failed or is abandoned).
    func discardStaged(_ db: Database, runId: Int64) throws {
        try Self.createStagingTables(db)
        for table in Self.stagedTables {
            try db.execute(sql: "DELETE FROM \(Self.stagePrefix)\(table) WHERE run_id = ?", arguments: [runId])
        }
    }

    /// Finishes a streamed run: its staged rows move into the real tables, and its tasks,
    /// containers, zones, totals and status are written, all in ONE transaction (see
    /// ``finishRun(runId:events:summary:)`` for the status rules).
    public func finishRun(_ recorder: RunRecorder, summary: RunSummary) throws {
        if !recorder.staged && recorder.failure == nil {
            return try finishRun(runId: recorder.runId, events: recorder.buffer, summary: summary)
        }
        var recorder = recorder
        recorder.flush()
        if let failure = recorder.failure {
            try? writing { db in try discardStaged(db, runId: recorder.runId) }
            throw failure
        }
        let runId = recorder.runId
        do {
            try moveStaged(runId: runId, summary: summary)
        } catch StoreError.claimLost(let path, let runId, let status, let holder) {
            // Another process holds the run now: its rows are not ours to write.
            try? writing { db in try discardStaged(db, runId: runId) }
            throw StoreError.claimLost(path: path, runId: runId, status: status, holder: holder)
        }
    }

    /// The staged rows of `runId` into the real tables, with its summary, in ONE transaction.
    private func moveStaged(runId: Int64, summary: RunSummary) throws {
        try writing { db in
            try requireClaim(db, runId: runId, allowed: [.running])
            try Self.createStagingTables(db)
            for table in Self.stagedTables {
                try db.execute(
                    sql: "INSERT INTO main.\(table) SELECT * FROM \(Self.stagePrefix)\(table) WHERE run_id = ?",
                    arguments: [runId])
                try db.execute(sql: "DELETE FROM \(Self.stagePrefix)\(table) WHERE run_id = ?", arguments: [runId])
            }
            try Self.insertTasks(db, runId: runId, summary.tasks)
            try Self.insertContainers(db, runId: runId, summary.containers)
            try Self.insertZones(db, runId: runId, summary.zones)
            try Self.updateTotals(db, runId: runId, summary: summary)
        }
    }

    /// Records a streamed run as failed: its staged rows are dropped.
    public func failRun(_ recorder: RunRecorder, error: String) throws {
        if recorder.staged { try writing { db in try discardStaged(db, runId: recorder.runId) } }
        try failRun(runId: recorder.runId, error: error)
    }
}
