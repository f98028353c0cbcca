import GRDB

/// The read-only queries of `reclaimlab report`: every one aggregates in SQLite (GROUP BY,
/// time buckets, LIMIT) and returns a few ``ReportData`` values, so a sweep of thousands
/// of runs or a run of millions of samples never comes into memory row by row.
///
/// All of the report's database access is in this file.
extension StoreReader {
    /// The sweeps (all, or the one with `sweepId`), oldest first, with their run counts;
    /// runs recorded outside any sweep come last as one group with a nil id, when there are any
    /// and no sweep was asked for.
    public func reportSweeps(sweepId: Int64? = nil) throws -> [ReportData.Sweep] {
        try reading { db in
            let counts = """
                sum(r.status = 'done') AS done, sum(r.status = 'failed') AS failed,
                sum(r.status = 'running') AS running
                """
            var sql = """
                SELECT s.sweep_id, s.name, s.spec, s.created_at, s.tool_version,
                    coalesce(c.done, 0) AS done, coalesce(c.failed, 0) AS failed, coalesce(c.running, 0) AS running
                FROM sweeps AS s
                LEFT JOIN (SELECT r.sweep_id, \(counts) FROM runs AS r GROUP BY r.sweep_id) AS c USING (sweep_id)
                """
            var arguments: StatementArguments = []
            if let sweepId {
                sql += " WHERE s.sweep_id = ?"
                arguments = [sweepId]
            }
            var sweeps = try Row.fetchAll(db, sql: sql + " ORDER BY s.sweep_id", arguments: arguments).map { row in
                ReportData.Sweep(
                    sweepId: row["sweep_id"], name: row["name"], spec: row["spec"], createdAt: row["created_at"],
                    toolVersion: row["tool_version"], done: row["done"], failed: row["failed"], running: row["running"])
            }
            if sweepId == nil,
                let loose = try Row.fetchOne(db, sql: "SELECT count(*) AS n, \(counts) FROM runs AS r WHERE r.sweep_id IS NULL"),
                (loose["n"] as Int) > 0
            {
                sweeps.append(
                    ReportData.Sweep(
                        sweepId: nil, name: "runs outside a sweep", spec: nil, createdAt: nil, toolVersion: nil,
                        done: loose["done"] ?? 0, failed: loose["failed"] ?? 0, running: loose["running"] ?? 0))
            }
            return sweeps
        }
    }

    /// The sweep grid's points (kernel × swappiness × swap_pages × laptop_mode) with the
    /// spread of each ``ReportData/Metric`` over the `done` runs (the seeds), ordered by
    /// kernel, swap_pages, laptop_mode, swappiness. `sweepId` nil: the runs outside a sweep.
    ///
    /// - Complexity: one GROUP BY over the sweep's runs, plus one indexed look-up of the
    ///   first kill per run.
    public func reportConfigPoints(sweepId: Int64?) throws -> [ReportData.ConfigPoint] {
        let metrics = ReportData.Metric.allCases
        // Only done runs carry metrics; CASE keeps failed runs in the group for their count.
        let doneAggregates = metrics.map { m -> String in
            let v = "CASE WHEN status = 'done' THEN \(m.rawValue) END"
            let c = m.rawValue
            return "count(\(v)) AS \(c)_n, min(\(v)) AS \(c)_min, avg(\(v)) AS \(c)_mean, max(\(v)) AS \(c)_max"
        }.joined(separator: ",\n    ")
        // reclaim_efficiency and first_kill_ms as the view run_metrics (m0002, m0007) defines them.
        let query = """
            WITH m AS (
                SELECT r.kernel, r.swappiness, r.swap_pages, r.laptop_mode, r.status,
                    r.pages_scanned, r.pages_reclaimed,
                    CAST(r.pages_reclaimed AS REAL) / nullif(r.pages_scanned, 0) AS reclaim_efficiency,
                    r.swap_outs, r.stall_ms, r.oom_kills,
                    (SELECT min(e.t_ms) FROM oom_events AS e
                        WHERE e.run_id = r.run_id AND e.outcome = 'killed') AS first_kill_ms
                FROM runs AS r WHERE r.sweep_id IS ?
            )
            SELECT kernel, swappiness, swap_pages, laptop_mode,
                sum(status = 'done') AS done, sum(status = 'failed') AS failed,
                \(doneAggregates)
            FROM m
            GROUP BY kernel, swappiness, swap_pages, laptop_mode
            ORDER BY kernel, swap_pages, laptop_mode, swappiness
            """
        return try reading { db in
            try Row.fetchAll(db, sql: query, arguments: [sweepId]).map { row in
                var spreads: [ReportData.Metric: ReportData.Spread] = [:]
                for metric in metrics {
                    let c = metric.rawValue
                    let n: Int = row["\(c)_n"]
                    guard n > 0 else { continue }
                    spreads[metric] = ReportData.Spread(
                        count: n, min: row["\(c)_min"], mean: row["\(c)_mean"], max: row["\(c)_max"])
                }
                return ReportData.ConfigPoint(
                    kernel: row["kernel"], swappiness: row["swappiness"], swapPages: row["swap_pages"],
                    laptopMode: row["laptop_mode"], done: row["done"], failed: row["failed"], metrics: spreads)
            }
        }
    }

    static let reportRunColumns = """
        run_id, sweep_id, scenario, kernel, model_version, seed, swappiness, swap_pages, laptop_mode,
        status, error, duration_ms, pages_scanned, pages_reclaimed, swap_outs, stall_ms, oom_kills, reclaim_calls
        """

    static func reportRun(_ row: Row) -> ReportData.Run {
        ReportData.Run(
            runId: row["run_id"], sweepId: row["sweep_id"], scenario: row["scenario"], kernel: row["kernel"],
            modelVersion: row["model_version"], seed: row["seed"], swappiness: row["swappiness"],
            swapPages: row["swap_pages"], laptopMode: row["laptop_mode"], status: row["status"], error: row["error"],
            durationMs: row["duration_ms"], pagesScanned: row["pages_scanned"], pagesReclaimed: row["pages_reclaimed"],
            swapOuts: row["swap_outs"], stallMs: row["stall_ms"], oomKills: row["oom_kills"],
            reclaimCalls: row["reclaim_calls"])
    }

    /// The runs of a sweep (nil: outside any sweep) in grid order, at most `limit` of them,
    /// failed runs first; and how many there are in all.
    public func reportRuns(sweepId: Int64?, limit: Int) throws -> (runs: [ReportData.Run], total: Int) {
        try reading { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM runs WHERE sweep_id IS ?", arguments: [sweepId]) ?? 0
            let runs = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.reportRunColumns) FROM runs WHERE sweep_id IS ?
                    ORDER BY status = 'done', kernel, swap_pages, laptop_mode, swappiness, seed, run_id LIMIT ?
                    """,
                arguments: [sweepId, limit]
            ).map(Self.reportRun)
            return (runs, total)
        }
    }

    /// One run, or nil when the database has no run `runId`.
    public func reportRun(runId: Int64) throws -> ReportData.Run? {
        try reading { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.reportRunColumns) FROM runs WHERE run_id = ?", arguments: [runId])
                .map(Self.reportRun)
        }
    }

    /// The machine's RAM and the containers' limits of a run.
    public func reportLimits(runId: Int64) throws -> ReportData.Limits {
        try reading { db in
            let ram = try Int64.fetchOne(db, sql: "SELECT sum(present_pages) FROM zones WHERE run_id = ?", arguments: [runId])
            let containers = try Row.fetchAll(
                db, sql: "SELECT name, limit_pages FROM containers WHERE run_id = ? ORDER BY name", arguments: [runId]
            ).map { ReportData.ContainerLimit(name: $0["name"], limitPages: $0["limit_pages"]) }
            return ReportData.Limits(ramPages: ram, containers: containers)
        }
    }

    /// `samples` of a run reduced to at most about `buckets` time buckets per series (the
    /// machine and each container): the peak usage and swap use in each bucket.
    public func reportUsage(runId: Int64, durationMs: Int64, buckets: Int) throws -> [ReportData.UsagePoint] {
        let width = Self.reportBucketWidth(durationMs: durationMs, buckets: buckets)
        return try reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT container, (t_ms / :w) * :w AS t, max(usage) AS usage, max(swap_used) AS swap_used
                    FROM samples WHERE run_id = :run
                    GROUP BY container, t ORDER BY container IS NOT NULL, container, t
                    """,
                arguments: ["w": width, "run": runId]
            ).map { ReportData.UsagePoint(container: $0["container"], tMs: $0["t"], usage: $0["usage"], swapUsed: $0["swap_used"]) }
        }
    }

    /// Reclaim calls of a run counted per time bucket (about `buckets` over the run),
    /// entry point and result.
    public func reportCallBuckets(runId: Int64, durationMs: Int64, buckets: Int) throws -> [ReportData.CallBucket] {
        let width = Self.reportBucketWidth(durationMs: durationMs, buckets: buckets)
        return try reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT (t_ms / :w) * :w AS t, origin, result, count(*) AS calls
                    FROM reclaim_calls WHERE run_id = :run
                    GROUP BY t, origin, result ORDER BY t, origin, result
                    """,
                arguments: ["w": width, "run": runId]
            ).map { ReportData.CallBucket(tMs: $0["t"], origin: $0["origin"], result: $0["result"], calls: $0["calls"]) }
        }
    }

    /// The first `limit` OOM invocations of a run in time order, and how many it had.
    public func reportOOMEvents(runId: Int64, limit: Int) throws -> (events: [ReportData.OOMEvent], total: Int) {
        try reading { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM oom_events WHERE run_id = ?", arguments: [runId]) ?? 0
            let events = try Row.fetchAll(
                db,
                sql: """
                    SELECT oom_no, t_ms, scope, container, outcome, chosen_pid, chosen_name, chosen_points,
                        victim_pid, victim_name, victim_container
                    FROM oom_outcomes WHERE run_id = ? ORDER BY oom_no LIMIT ?
                    """,
                arguments: [runId, limit]
            ).map { row in
                ReportData.OOMEvent(
                    oomNo: row["oom_no"], tMs: row["t_ms"], scope: row["scope"], container: row["container"],
                    outcome: row["outcome"], chosenPid: row["chosen_pid"], chosenName: row["chosen_name"],
                    chosenPoints: row["chosen_points"], victimPid: row["victim_pid"], victimName: row["victim_name"],
                    victimContainer: row["victim_container"])
            }
            return (events, total)
        }
    }

    /// Scan passes of a run counted by priority and entry point.
    public func reportPassBuckets(runId: Int64) throws -> [ReportData.PassBucket] {
        try reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.priority, c.origin, count(*) AS passes, sum(p.nr_scanned) AS scanned
                    FROM scan_passes AS p JOIN reclaim_calls AS c USING (run_id, call_no)
                    WHERE p.run_id = ?
                    GROUP BY p.priority, c.origin ORDER BY p.priority DESC, c.origin
                    """,
                arguments: [runId]
            ).map { ReportData.PassBucket(priority: $0["priority"], origin: $0["origin"], passes: $0["passes"], scanned: $0["scanned"]) }
        }
    }

    /// The candidates of OOM invocation `oomNo`'s last round (the one that decided), the
    /// `limit` highest-scored first, always including `pids` (the chosen task and the victim).
    public func reportCandidates(runId: Int64, oomNo: Int64, limit: Int, including pids: [Int64]) throws
        -> ReportData.CandidateList
    {
        try reading { db in
            let round =
                try Int.fetchOne(
                    db, sql: "SELECT max(round) FROM oom_candidates WHERE run_id = ? AND oom_no = ?", arguments: [runId, oomNo]) ?? 1
            let visited =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM oom_candidates WHERE run_id = ? AND oom_no = ? AND round = ?",
                    arguments: [runId, oomNo, round]) ?? 0
            let marks = pids.isEmpty ? "0" : "pid IN (\(pids.map { _ in "?" }.joined(separator: ", ")))"
            var arguments: StatementArguments = [runId, oomNo, round]
            arguments += StatementArguments(pids)
            arguments += [limit]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT round, pid, name, container, points, total_vm, rss, eligible, skip_reason, base_points,
                        cpu_divisor, run_divisor, nice_doubled, cap_divisor, adj_shift, swapents, pgtables_bytes, oom_score_adj
                    FROM oom_candidates WHERE run_id = ? AND oom_no = ? AND round = ?
                    ORDER BY \(marks) DESC, points IS NULL, points DESC, visit_no, pid LIMIT ?
                    """,
                arguments: arguments)
            let candidates = rows.map { row in
                ReportData.Candidate(
                    round: row["round"], pid: row["pid"], name: row["name"], container: row["container"],
                    points: row["points"], totalVm: row["total_vm"], rss: row["rss"], eligible: row["eligible"],
                    skipReason: row["skip_reason"], basePoints: row["base_points"], cpuDivisor: row["cpu_divisor"],
                    runDivisor: row["run_divisor"], niceDoubled: row["nice_doubled"], capDivisor: row["cap_divisor"],
                    adjShift: row["adj_shift"], swapents: row["swapents"], pgtablesBytes: row["pgtables_bytes"],
                    oomScoreAdj: row["oom_score_adj"])
            }.sorted { ($0.points ?? Int64.min, -$0.pid) > ($1.points ?? Int64.min, -$1.pid) }
            return ReportData.CandidateList(round: round, visited: visited, candidates: candidates)
        }
    }

    /// The model versions, kernels and tool versions of the runs, and the schema version.
    public func reportProvenance() throws -> ReportData.Provenance {
        let schema = try schemaVersion.latest
        return try reading { db in
            ReportData.Provenance(
                modelVersions: try String.fetchAll(db, sql: "SELECT DISTINCT model_version FROM runs ORDER BY 1"),
                kernels: try String.fetchAll(db, sql: "SELECT DISTINCT kernel FROM runs ORDER BY 1"),
                toolVersions: try String.fetchAll(db, sql: "SELECT DISTINCT tool_version FROM runs ORDER BY 1"),
                schemaVersion: schema)
        }
    }

    /// Milliseconds per bucket for about `buckets` buckets over `durationMs` (at least 1).
    public static func reportBucketWidth(durationMs: Int64, buckets: Int) -> Int64 {
        max(1, (durationMs + Int64(max(1, buckets)) - 1) / Int64(max(1, buckets)))
    }
}
