import GRDB
import ReclaimModel

extension Store {
    /// The tables holding a run's event rows (every one keyed by `run_id`).
    static let eventTables = [
        "scan_passes", "reclaim_calls", "oom_candidates", "oom_events", "samples", "tasks",
        "containers", "zones",
    ]

    /// Writes a finished run in ONE transaction: every event row, the tasks and
    /// containers, the run totals, `finished_at`, and the status — `done`, or `failed`
    /// with `error` = the panic text when `summary.panic` is set (the rows are kept).
    ///
    /// If any write fails the transaction rolls back: no row of the run is stored and
    /// the run stays `running` (a later `beginRun` retries it).
    ///
    /// - Complexity: O(rows); one cached prepared statement per table, one
    ///   `sqlite3_step` per row (about 200k rows/s in a release build, WAL file).
    /// - Throws: ``StoreError/unknownRun(path:runId:)``,
    ///   ``StoreError/runNotRunning(path:runId:status:)`` unless the run is `running`,
    ///   ``StoreError/database(path:error:)`` when SQLite refuses a row.
    public func finishRun(runId: Int64, events: RecordingSink, summary: RunSummary) throws {
        try writing { db in
            try requireRun(db, runId: runId, allowed: ["running"])
            try Self.insertReclaimCalls(db, runId: runId, events.reclaimCalls)
            try Self.insertScanPasses(db, runId: runId, events.scanPasses)
            try Self.insertOOMEvents(db, runId: runId, events.oomEvents)
            try Self.insertOOMCandidates(db, runId: runId, events.oomCandidates)
            try Self.insertSamples(db, runId: runId, events.samples)
            try Self.insertTasks(db, runId: runId, summary.tasks)
            try Self.insertContainers(db, runId: runId, summary.containers)
            try Self.insertZones(db, runId: runId, summary.zones)
            try Self.updateTotals(db, runId: runId, summary: summary)
        }
    }

    /// `INSERT INTO table (columns) VALUES (?, ...)`.
    static func insertSQL(_ table: String, _ columns: [String]) -> String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }

    /// Binds one row's values and steps the cached statement.
    ///
    /// Arguments are bound unchecked (the GRDB performance-test pattern, about 30% faster
    /// than `execute(arguments:)` here); debug builds still validate the count.
    @inline(__always)
    static func insert(_ statement: Statement, _ arguments: StatementArguments) throws {
        #if DEBUG
            try statement.validateArguments(arguments)
        #endif
        statement.setUncheckedArguments(arguments)
        try statement.execute()
    }

    /// Badness points are `unsigned long`; SQLite integers are signed 64-bit, so
    /// ULONG_MAX (and anything above `Int64.max`) is stored as 9223372036854775807.
    static func storedPoints(_ points: UInt64?) -> Int64? {
        points.map { Int64(clamping: $0) }
    }

    /// Deletes every event row of a run (before a retry or when it fails).
    static func deleteEvents(_ db: Database, runId: Int64) throws {
        for table in eventTables {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE run_id = ?").execute(arguments: [runId])
        }
    }

    static func insertReclaimCalls(_ db: Database, runId: Int64, _ records: [ReclaimCallRecord]) throws {
        let statement = try db.cachedStatement(sql: insertSQL("reclaim_calls", [
            "run_id", "call_no", "t_ms", "origin", "container", "pid", "result", "nr_reclaimed",
            "total_scanned", "last_priority", "pdflush_woken", "stall_ms",
        ]))
        for r in records {
            try insert(statement, [
                runId, r.callNo, r.tMs, r.origin.rawValue, r.container, r.pid, r.result,
                r.nrReclaimed, r.totalScanned, r.lastPriority, r.pdflushWoken, r.stallMs,
            ])
        }
    }

    static func insertScanPasses(_ db: Database, runId: Int64, _ records: [ScanPassRecord]) throws {
        let statement = try db.cachedStatement(sql: insertSQL("scan_passes", [
            "run_id", "call_no", "priority", "nr_scanned", "nr_reclaimed", "active_scanned",
            "deactivated", "inactive_scanned", "activated", "kept_dirty", "writeback_started",
            "may_writepage", "reclaim_mapped", "swap_tendency", "distress", "mapped_ratio",
            "prev_priority", "congestion_wait",
        ]))
        for r in records {
            try insert(statement, [
                runId, r.callNo, r.priority, r.nrScanned, r.nrReclaimed, r.activeScanned,
                r.deactivated, r.inactiveScanned, r.activated, r.keptDirty, r.writebackStarted,
                r.mayWritepage, r.reclaimMapped, r.swapTendency, r.distress, r.mappedRatio,
                r.prevPriority, r.congestionWaitMs,
            ])
        }
    }

    static func insertOOMEvents(_ db: Database, runId: Int64, _ records: [OOMEventRecord]) throws {
        let statement = try db.cachedStatement(sql: insertSQL("oom_events", [
            "run_id", "oom_no", "t_ms", "scope", "container", "trigger_pid", "outcome",
            "chosen_pid", "chosen_points", "victim_pid", "victim_container",
        ]))
        for r in records {
            try insert(statement, [
                runId, r.oomNo, r.tMs, r.scope.rawValue, r.container, r.triggerPid,
                r.outcome.rawValue, r.chosenPid, storedPoints(r.chosenPoints), r.victimPid,
                r.victimContainer,
            ])
        }
    }

    static func insertOOMCandidates(_ db: Database, runId: Int64, _ records: [OOMCandidateRecord]) throws {
        let statement = try db.cachedStatement(sql: insertSQL("oom_candidates", [
            "run_id", "oom_no", "round", "pid", "name", "container", "points", "total_vm", "rss",
            "eligible", "skip_reason",
        ]))
        for r in records {
            try insert(statement, [
                runId, r.oomNo, r.round, r.pid, r.name, r.container, storedPoints(r.points),
                r.totalVM, r.rss, r.eligible, r.skipReason?.rawValue,
            ])
        }
    }

    static func insertSamples(_ db: Database, runId: Int64, _ records: [SampleRecord]) throws {
        let statement = try db.cachedStatement(sql: insertSQL("samples", [
            "run_id", "t_ms", "container", "usage", "active", "inactive", "dirty", "writeback",
            "swap_used", "free",
        ]))
        for r in records {
            try insert(statement, [
                runId, r.tMs, r.container, r.usage, r.active, r.inactive, r.dirty, r.writeback,
                r.swapUsed, r.free,
            ])
        }
    }

    static func insertTasks(_ db: Database, runId: Int64, _ records: [TaskRecord]) throws {
        let statement = try db.cachedStatement(sql: insertSQL("tasks", [
            "run_id", "pid", "name", "container", "parent_pid", "uid", "nice", "oom_adj",
            "workload", "start_ms", "exit_ms", "oom_killed", "max_rss", "total_vm", "cpu_jiffies",
            "faults", "major_faults",
        ]))
        for r in records {
            try insert(statement, [
                runId, r.pid, r.name, r.container, r.parentPid, r.uid, r.nice, r.oomAdj,
                r.workload, r.startMs, r.exitMs, r.oomKilled, r.maxRSS, r.totalVM, r.cpuJiffies,
                r.faults, r.majorFaults,
            ])
        }
    }

    static func insertContainers(_ db: Database, runId: Int64, _ records: [ContainerRecord]) throws {
        let statement = try db.cachedStatement(sql: insertSQL("containers", [
            "run_id", "name", "limit_pages", "failcnt", "max_usage", "final_usage",
        ]))
        for r in records {
            try insert(statement, [
                runId, r.name, r.limitPages, r.failcnt, r.maxUsage, r.finalUsage,
            ])
        }
    }

    static func insertZones(_ db: Database, runId: Int64, _ records: [ZoneRecord]) throws {
        let statement = try db.cachedStatement(sql: insertSQL("zones", [
            "run_id", "name", "present_pages", "pages_min", "pages_low", "pages_high",
        ]))
        for r in records {
            try insert(statement, [runId, r.name, r.presentPages, r.pagesMin, r.pagesLow, r.pagesHigh])
        }
    }

    /// Sets the totals, `finished_at` and the final status (`failed` on panic).
    static func updateTotals(_ db: Database, runId: Int64, summary: RunSummary) throws {
        let t = summary.totals
        let assignments = totalsColumns.map { "\($0) = ?" }.joined(separator: ", ")
        var arguments: StatementArguments = [summary.panic == nil ? "done" : "failed", summary.panic]
        arguments += [
            t.faults, t.majorFaults, t.pagesScanned, t.pagesReclaimed, t.oomKills, t.stallMs,
            t.pagesWrittenBack, t.swapOuts, t.swapIns, t.reclaimCalls, t.oomEvents, t.pageRefs,
        ]
        arguments += [runId]
        try db.execute(
            sql: """
                UPDATE runs SET status = ?, error = ?, finished_at = \(nowSQL), \(assignments)
                WHERE run_id = ?
                """,
            arguments: arguments)
    }
}
