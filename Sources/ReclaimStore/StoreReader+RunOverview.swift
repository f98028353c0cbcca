import GRDB

/// What `reclaimlab run` prints about a recorded run, read back from the database (so it
/// shows what landed): the `runs` row, a line per container, the first kills.
public struct RunOverview: Sendable, Hashable {
    /// Every column of the run's `runs` row, by name.
    public var run: [String: QueryValue]
    /// `name, limit_pages, max_usage, failcnt, calls, ok, kills` per container, by name.
    public var containers: QueryResult
    /// `t_ms, scope, container, chosen_pid, chosen_points, victim_pid, victim,
    /// victim_container` of the first 10 kills, in OOM order.
    public var kills: QueryResult
}

extension StoreReader {
    /// The run's overview; nil when no run has `runId`.
    public func runOverview(runId: Int64) throws -> RunOverview? {
        try reading { db in
            guard let run = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE run_id = ?", arguments: [runId]) else {
                return nil
            }
            let containers = try Self.result(
                db,
                sql: """
                    SELECT c.name, c.limit_pages, c.max_usage, c.failcnt,
                      (SELECT COUNT(*) FROM reclaim_calls r WHERE r.run_id = c.run_id AND r.container = c.name) AS calls,
                      (SELECT COUNT(*) FROM reclaim_calls r WHERE r.run_id = c.run_id AND r.container = c.name AND r.result = 1) AS ok,
                      (SELECT COUNT(*) FROM oom_events o WHERE o.run_id = c.run_id AND o.container = c.name AND o.outcome = 'killed') AS kills
                    FROM containers c WHERE c.run_id = ? ORDER BY c.name
                    """, arguments: [runId])
            let kills = try Self.result(
                db,
                sql: """
                    SELECT e.t_ms, e.scope, e.container, e.chosen_pid, e.chosen_points, e.victim_pid, t.name AS victim, e.victim_container
                    FROM oom_events e LEFT JOIN tasks t ON t.run_id = e.run_id AND t.pid = e.victim_pid
                    WHERE e.run_id = ? AND e.outcome = 'killed' ORDER BY e.oom_no LIMIT 10
                    """, arguments: [runId])
            var columns: [String: QueryValue] = [:]
            for (name, value) in run { columns[name] = QueryValue(value) }
            return RunOverview(run: columns, containers: containers, kills: kills)
        }
    }

    /// The number of rows of `table` (all runs); `table` must be one of the schema's.
    public func rowCount(of table: String) throws -> Int {
        try reading { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0 }
    }

    /// The rows of one statement with its column names.
    static func result(_ db: Database, sql: String, arguments: StatementArguments) throws -> QueryResult {
        let statement = try db.makeStatement(sql: sql)
        let rows = try Row.fetchAll(statement, arguments: arguments)
        return QueryResult(columns: statement.columnNames, rows: rows.map { $0.databaseValues.map(QueryValue.init) })
    }
}
