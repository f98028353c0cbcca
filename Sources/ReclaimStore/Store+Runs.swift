import GRDB
import ReclaimRecords

extension Store {
    /// SQL for the current wall-clock time as ISO-8601 UTC with milliseconds
    /// (provenance columns only; nothing in the model reads it).
    static let nowSQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

    /// The run totals columns of `runs`, NULL until a run finishes.
    static let totalsColumns = [
        "faults", "major_faults", "pages_scanned", "pages_reclaimed", "oom_kills", "stall_ms",
        "pages_written_back", "swap_outs", "swap_ins", "reclaim_calls", "oom_events", "page_refs",
    ]

    /// Records that a run starts, or says it is already done.
    ///
    /// - A new run key inserts a `running` row.
    /// - A key whose run is `done` returns ``RunStart/alreadyDone(_:)`` and changes nothing.
    /// - A key whose run is `running` (interrupted) or `failed` is a retry: its event rows
    ///   are deleted and the same row is reset to `running` with this descriptor.
    public func beginRun(_ run: RunDescriptor) throws -> RunStart {
        try writing { db in
            let existing = try Row.fetchOne(
                db, sql: "SELECT run_id, status FROM runs WHERE run_key = ?", arguments: [run.runKey])
            guard let existing else {
                try db.execute(
                    sql: """
                        INSERT INTO runs (run_key, sweep_id, scenario, kernel, seed, swappiness,
                            swap_pages, laptop_mode, config, hz, duration_ms, tool_version,
                            model_version, status, started_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(Self.nowSQL))
                        """,
                    arguments: Self.descriptorArguments(run) + [RunStatus.running])
                return .started(db.lastInsertedRowID)
            }
            let runId: Int64 = try existing.decode(forColumn: "run_id")
            let status: RunStatus = try existing.decode(forColumn: "status")
            if status == .done { return .alreadyDone(runId) }
            try Self.deleteEvents(db, runId: runId)
            let resetTotals = Self.totalsColumns.map { "\($0) = NULL" }.joined(separator: ", ")
            var arguments = Self.descriptorArguments(run)
            arguments += [RunStatus.running, runId]
            try db.execute(
                sql: """
                    UPDATE runs SET run_key = ?, sweep_id = ?, scenario = ?, kernel = ?, seed = ?,
                        swappiness = ?, swap_pages = ?, laptop_mode = ?, config = ?, hz = ?,
                        duration_ms = ?, tool_version = ?, model_version = ?, status = ?,
                        error = NULL, started_at = \(Self.nowSQL), finished_at = NULL, \(resetTotals)
                    WHERE run_id = ?
                    """,
                arguments: arguments)
            return .started(runId)
        }
    }

    /// Marks a run `failed` with `error`, deleting any event rows it has.
    ///
    /// - Throws: ``StoreError/unknownRun(path:runId:)``, or
    ///   ``StoreError/runNotRunning(path:runId:status:)`` for a `done` run.
    public func failRun(runId: Int64, error: String) throws {
        try writing { db in
            try requireRun(db, runId: runId, allowed: [.running, .failed])
            try Self.deleteEvents(db, runId: runId)
            let resetTotals = Self.totalsColumns.map { "\($0) = NULL" }.joined(separator: ", ")
            try db.execute(
                sql: """
                    UPDATE runs SET status = ?, error = ?, finished_at = \(Self.nowSQL), \(resetTotals)
                    WHERE run_id = ?
                    """,
                arguments: [RunStatus.failed, error, runId])
        }
    }

    /// Records a sweep and returns its `sweep_id`, for ``RunDescriptor/sweepId``.
    ///
    /// - Parameters:
    ///   - name: the sweep's name.
    ///   - spec: the sweep file's text, verbatim.
    public func recordSweep(name: String, spec: String) throws -> Int64 {
        try writing { db in
            try db.execute(
                sql: """
                    INSERT INTO sweeps (name, spec, created_at, tool_version)
                    VALUES (?, ?, \(Self.nowSQL), ?)
                    """,
                arguments: [name, spec, ToolInfo.toolVersion])
            return db.lastInsertedRowID
        }
    }

    /// Throws unless the run exists and its status is one of `allowed`.
    func requireRun(_ db: Database, runId: Int64, allowed: Set<RunStatus>) throws {
        guard
            let status = try RunStatus.fetchOne(
                db, sql: "SELECT status FROM runs WHERE run_id = ?", arguments: [runId])
        else {
            throw StoreError.unknownRun(path: path, runId: runId)
        }
        guard allowed.contains(status) else {
            throw StoreError.runNotRunning(path: path, runId: runId, status: status)
        }
    }

    /// Arguments for the descriptor columns, in the order `beginRun` lists them.
    static func descriptorArguments(_ run: RunDescriptor) -> StatementArguments {
        [
            run.runKey, run.sweepId, run.scenario, run.kernel, Int64(bitPattern: run.seed),
            run.swappiness, run.swapPages, run.laptopMode, run.config, run.hz, run.durationMs,
            run.toolVersion, run.modelVersion,
        ]
    }
}
