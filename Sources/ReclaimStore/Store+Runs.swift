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
        "read_requests", "write_requests",
    ]

    /// Claims a run for ``owner`` (this process), or says why not, in ONE write transaction
    /// (GRDB opens write transactions `IMMEDIATE`: the look-up and the claim hold SQLite's
    /// write lock together, so two processes cannot both claim a key).
    ///
    /// - A new run key inserts a `running` row owned by ``owner``.
    /// - A key whose run is `done` returns ``RunStart/alreadyDone(_:)`` and changes nothing.
    /// - A key whose run is `running` with a live owner, or an owner on another host (its
    ///   liveness is unknown, so it is taken as alive), returns
    ///   ``RunStart/runningElsewhere(_:owner:)`` and changes nothing. This process's own
    ///   claims count as alive too: a run is never begun twice at once.
    /// - A key whose run is `failed`, or `running` with a dead owner or none (interrupted
    ///   before migration m0007), is taken over: its event rows are deleted and the same row
    ///   is reset to `running` with this descriptor and ``owner``.
    public func beginRun(_ run: RunDescriptor) throws -> RunStart {
        try writing { db in
            let existing = try Row.fetchOne(
                db, sql: "SELECT run_id, status, \(Self.ownerColumns) FROM runs WHERE run_key = ?",
                arguments: [run.runKey])
            guard let existing else {
                try db.execute(
                    sql: """
                        INSERT INTO runs (run_key, sweep_id, scenario, kernel, seed, swappiness,
                            swap_pages, laptop_mode, config, hz, duration_ms, tool_version,
                            model_version, status, owner_host, owner_pid, owner_start, started_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(Self.nowSQL))
                        """,
                    arguments: Self.descriptorArguments(run) + [RunStatus.running] + Self.ownerArguments(owner))
                return .started(db.lastInsertedRowID)
            }
            let runId: Int64 = try existing.decode(forColumn: "run_id")
            let status: RunStatus = try existing.decode(forColumn: "status")
            if status == .done { return .alreadyDone(runId) }
            if status == .running, let holder = Self.owner(of: existing), holder.liveness(on: owner.host) != .dead {
                return .runningElsewhere(runId, owner: holder)
            }
            try Self.deleteEvents(db, runId: runId)
            let resetTotals = Self.totalsColumns.map { "\($0) = NULL" }.joined(separator: ", ")
            var arguments = Self.descriptorArguments(run)
            arguments += [RunStatus.running] + Self.ownerArguments(owner) + [runId]
            try db.execute(
                sql: """
                    UPDATE runs SET run_key = ?, sweep_id = ?, scenario = ?, kernel = ?, seed = ?,
                        swappiness = ?, swap_pages = ?, laptop_mode = ?, config = ?, hz = ?,
                        duration_ms = ?, tool_version = ?, model_version = ?, status = ?,
                        owner_host = ?, owner_pid = ?, owner_start = ?,
                        error = NULL, started_at = \(Self.nowSQL), finished_at = NULL, \(resetTotals)
                    WHERE run_id = ?
                    """,
                arguments: arguments)
            return .started(runId)
        }
    }

    /// Marks a run `failed` with `error`, deleting any event rows it has.
    ///
    /// - Throws: ``StoreError/unknownRun(path:runId:)``;
    ///   ``StoreError/claimLost(path:runId:status:holder:)`` when another process has taken
    ///   the run over (nothing is written); ``StoreError/runNotRunning(path:runId:status:)``
    ///   for a `done` run.
    public func failRun(runId: Int64, error: String) throws {
        try writing { db in
            try requireClaim(db, runId: runId, allowed: [.running, .failed])
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

    /// The owner columns of `runs`, in ``ownerArguments(_:)``'s order.
    static let ownerColumns = "owner_host, owner_pid, owner_start"

    /// Arguments for the owner columns.
    static func ownerArguments(_ owner: RunOwner) -> StatementArguments {
        [owner.host, Int64(owner.pid), owner.start]
    }

    /// The owner a row's owner columns name; nil when they are NULL (runs recorded before
    /// migration m0007).
    static func owner(of row: Row) -> RunOwner? {
        guard let host: String = row["owner_host"], let pid: Int64 = row["owner_pid"] else { return nil }
        return RunOwner(host: host, pid: Int32(truncatingIfNeeded: pid), start: row["owner_start"] ?? 0)
    }

    /// Throws unless the run exists, its claim is ``owner``'s (or has no owner), and its
    /// status is one of `allowed`: a process writes only the runs it holds.
    func requireClaim(_ db: Database, runId: Int64, allowed: Set<RunStatus>) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT status, \(Self.ownerColumns) FROM runs WHERE run_id = ?", arguments: [runId])
        else {
            throw StoreError.unknownRun(path: path, runId: runId)
        }
        let status: RunStatus = try row.decode(forColumn: "status")
        if let holder = Self.owner(of: row), holder != owner {
            throw StoreError.claimLost(path: path, runId: runId, status: status, holder: holder)
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
