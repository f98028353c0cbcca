import GRDB
import ReclaimRecords

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
    /// - Complexity: O(rows); cached prepared statements, one `sqlite3_step` per 32 event
    ///   rows (``insertRows(_:_:_:_:bind:)``).
    /// - Throws: ``StoreError/unknownRun(path:runId:)``,
    ///   ``StoreError/claimLost(path:runId:status:holder:)`` when another process has taken
    ///   the run over (nothing is written),
    ///   ``StoreError/runNotRunning(path:runId:status:)`` unless the run is `running`,
    ///   ``StoreError/database(path:error:)`` when SQLite refuses a row.
    public func finishRun(runId: Int64, events: RecordingSink, summary: RunSummary) throws {
        try writing { db in
            try requireClaim(db, runId: runId, allowed: [.running])
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

    static func insertReclaimCalls(_ db: Database, runId: Int64, _ records: [ReclaimCallRecord], prefix: String = "") throws {
        try insertRows(db, prefix + "reclaim_calls", [
            "run_id", "call_no", "t_ms", "origin", "container", "pid", "result", "nr_reclaimed",
            "total_scanned", "last_priority", "pdflush_woken", "stall_ms",
        ], records) { row, r in
            row.int(runId); row.int(r.callNo); row.int(r.tMs); row.text(r.origin.rawValue)
            let u = r.unknown
            row.text(r.container); row.int(r.pid); row.int(u.contains(.result) ? nil : r.result); row.int(r.nrReclaimed)
            row.int(r.totalScanned); row.int(u.contains(.lastPriority) ? nil : r.lastPriority)
            row.int(u.contains(.pdflushWoken) ? nil : r.pdflushWoken ? 1 : 0); row.int(u.contains(.stallMs) ? nil : r.stallMs)
        }
    }

    static func insertScanPasses(_ db: Database, runId: Int64, _ records: [ScanPassRecord], prefix: String = "") throws {
        try insertRows(db, prefix + "scan_passes", [
            "run_id", "call_no", "priority", "nr_scanned", "nr_reclaimed", "active_scanned",
            "deactivated", "inactive_scanned", "activated", "kept_dirty", "writeback_started",
            "may_writepage", "reclaim_mapped", "swap_tendency", "distress", "mapped_ratio",
            "prev_priority", "congestion_wait", "anon_scanned", "file_scanned",
        ], records) { row, r in
            let u = r.unknown
            row.int(runId); row.int(r.callNo); row.int(r.priority); row.int(r.nrScanned)
            row.int(r.nrReclaimed); row.int(r.activeScanned); row.int(r.deactivated)
            row.int(r.inactiveScanned); row.int(r.activated); row.int(r.keptDirty)
            row.int(r.writebackStarted); row.int(u.contains(.mayWritepage) ? nil : r.mayWritepage ? 1 : 0)
            row.int(u.contains(.reclaimMapped) ? nil : r.reclaimMapped ? 1 : 0)
            row.int(r.swapTendency); row.int(r.distress); row.int(r.mappedRatio); row.int(r.prevPriority)
            row.int(u.contains(.congestionWait) ? nil : r.congestionWaitMs); row.int(r.anonScanned); row.int(r.fileScanned)
        }
    }

    static func insertOOMEvents(_ db: Database, runId: Int64, _ records: [OOMEventRecord], prefix: String = "") throws {
        try insertRows(db, prefix + "oom_events", [
            "run_id", "oom_no", "t_ms", "scope", "container", "trigger_pid", "outcome",
            "chosen_pid", "chosen_points", "victim_pid", "victim_container", "call_no",
        ], records) { row, r in
            row.int(runId); row.int(r.oomNo); row.int(r.tMs); row.text(r.scope.rawValue); row.text(r.container)
            row.int(r.triggerPid); row.text(r.outcome.rawValue); row.int(r.chosenPid)
            row.int(r.modernChosenPoints.map(Int64.init) ?? storedPoints(r.chosenPoints)); row.int(r.victimPid)
            row.text(r.victimContainer); row.int(r.callNo)
        }
    }

    static func insertOOMCandidates(_ db: Database, runId: Int64, _ records: [OOMCandidateRecord], prefix: String = "") throws {
        try insertRows(db, prefix + "oom_candidates", [
            "run_id", "oom_no", "round", "visit_no", "pid", "name", "container", "points", "total_vm",
            "rss", "eligible", "skip_reason", "base_points", "cpu_divisor", "run_divisor", "nice_doubled",
            "cap_divisor", "adj_shift", "swapents", "pgtables_bytes", "oom_score_adj",
        ], records) { row, r in
            row.int(runId); row.int(r.oomNo); row.int(r.round); row.int(r.visitNo); row.int(r.pid)
            row.text(r.name); row.text(r.container); row.int(r.modernPoints.map(Int64.init) ?? storedPoints(r.points))
            row.int(r.totalVM); row.int(r.rss); row.int(r.eligible); row.text(r.modernSkipReason ?? r.skipReason?.rawValue)
            let f = r.factors
            row.int(storedPoints(f?.basePoints)); row.int(storedPoints(f?.cpuDivisor))
            row.int(storedPoints(f?.runDivisor)); row.int(f.map { $0.niceDoubled ? 1 : 0 }); row.int(f?.capDivisor)
            row.int(f?.adjShift)
            row.int(r.swapents); row.int(r.pgtablesBytes); row.int(r.oomScoreAdj)
        }
    }

    static func insertSamples(_ db: Database, runId: Int64, _ records: [SampleRecord], prefix: String = "") throws {
        try insertRows(db, prefix + "samples", [
            "run_id", "t_ms", "container", "usage", "active", "inactive", "dirty", "writeback",
            "swap_used", "free",
        ], records) { row, r in
            row.int(runId); row.int(r.tMs); row.text(r.container); row.int(r.usage); row.int(r.active)
            row.int(r.inactive); row.int(r.dirty); row.int(r.writeback); row.int(r.swapUsed); row.int(r.free)
        }
    }

    static func insertTasks(_ db: Database, runId: Int64, _ records: [TaskRecord], prefix: String = "") throws {
        let statement = try db.cachedStatement(sql: insertSQL(prefix + "tasks", [
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

    static func insertContainers(_ db: Database, runId: Int64, _ records: [ContainerRecord], prefix: String = "") throws {
        let statement = try db.cachedStatement(sql: insertSQL(prefix + "containers", [
            "run_id", "name", "limit_pages", "failcnt", "max_usage", "final_usage",
        ]))
        for r in records {
            try insert(statement, [
                runId, r.name, r.limitPages, r.failcnt, r.maxUsage, r.finalUsage,
            ])
        }
    }

    static func insertZones(_ db: Database, runId: Int64, _ records: [ZoneRecord], prefix: String = "") throws {
        let statement = try db.cachedStatement(sql: insertSQL(prefix + "zones", [
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
        var arguments: StatementArguments = [summary.panic == nil ? RunStatus.done : RunStatus.failed, summary.panic]
        let u = t.unknown
        arguments += [
            t.faults, t.majorFaults, t.pagesScanned, t.pagesReclaimed, t.oomKills, t.stallMs,
            u.contains(.pagesWrittenBack) ? nil : t.pagesWrittenBack, t.swapOuts,
            u.contains(.swapIns) ? nil : t.swapIns, t.reclaimCalls, t.oomEvents,
            u.contains(.pageRefs) ? nil : t.pageRefs,
            u.contains(.blockRequests) ? nil : t.readRequests, u.contains(.blockRequests) ? nil : t.writeRequests,
        ]
        arguments += [runId]
        try db.execute(
            sql: """
                UPDATE runs SET status = ?, error = ?, finished_at = \(nowSQL), \(assignments)
                WHERE run_id = ?
                """,
            arguments: arguments)
        if t.eventsLost != nil || t.ignoredKeys != nil {
            try db.execute(
                sql: "UPDATE runs SET events_lost = ?, ignored_keys = ? WHERE run_id = ?",
                arguments: [t.eventsLost, t.ignoredKeys.map(jsonArray), runId])
        }
    }
}
