import Foundation
import GRDB

extension Store {
    /// What ``merge(from:)`` did with one input database.
    public struct MergeReport: Sendable, Hashable, CustomStringConvertible {
        /// The input file.
        public var input: String
        /// Runs whose key this database did not have.
        public var runsAdded = 0
        /// `done` runs that replaced a `failed` or `running` run of the same key here.
        public var runsReplaced = 0
        /// `done` runs this database already had as `done` (skipped).
        public var runsAlreadyDone = 0
        /// Input runs not copied: interrupted (`running`) ones, and `failed` ones whose key
        /// this database already has.
        public var runsNotCopied = 0
        /// Sweeps added (those already here, by name, spec and creation time, are reused).
        public var sweepsAdded = 0
        /// Event rows copied, all tables.
        public var eventRows = 0
        /// Imported OOM reports added (by `report_key`; those already here are skipped).
        public var oomReportsAdded = 0

        public init(input: String) { self.input = input }

        /// `IN.db: 12 runs added, 0 replaced, 3 already done, 0 not copied; 1 sweep added; 4521 event rows`.
        public var description: String {
            "\(input): \(runsAdded) runs added, \(runsReplaced) replaced, \(runsAlreadyDone) already done, "
                + "\(runsNotCopied) not copied; \(sweepsAdded) sweep\(sweepsAdded == 1 ? "" : "s") added; "
                + "\(eventRows) event rows"
                + (oomReportsAdded > 0 ? "; \(oomReportsAdded) OOM report\(oomReportsAdded == 1 ? "" : "s") added" : "")
        }
    }

    /// The schema name the input is attached under.
    static let mergeSchema = "merge_src"

    /// Checks that `path` can be merged from without opening it for writing: it exists (66),
    /// is a SQLite file (65) of reclaimlab (65) not written by a newer reclaimlab (65).
    public static func checkMergeInput(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw StoreError.missingInput(path: path)
        }
        guard try hasContent(path) else { throw StoreError.notADatabase(path: path) }
        try checkHeader(path)
        try inspect(path)
    }

    /// Copies the runs of another reclaimlab database into this one, with all their event
    /// rows and sweeps, in ONE transaction (docs/sweeps.md: merged shards hold the rows of one sweep).
    ///
    /// Runs are matched by `run_key`:
    /// - an input run that is `done` is copied when this database lacks the key or has it
    ///   `failed` or `running` (that row and its events are replaced); a key already `done`
    ///   here is skipped;
    /// - an input run that is `failed` is copied only when the key is absent here;
    /// - an interrupted (`running`) input run is never copied.
    ///
    /// Copied runs get new `run_id`s here and every event row is re-mapped to them. Sweeps
    /// are matched by (`name`, `spec`, `created_at`): an input sweep that is already here is
    /// reused, otherwise added; copied runs point at the matching sweep. So merging the
    /// same input twice adds nothing. Columns are copied by name, the ones both schemas
    /// have (an input from an older schema leaves newer columns at their defaults); every
    /// table of this database that has a `run_id` column, other than `runs`, is an event table.
    ///
    /// The input is attached (`ATTACH DATABASE`) and copied with `INSERT ... SELECT`, so the
    /// rows never pass through Swift.
    ///
    /// - Throws: ``checkMergeInput(_:)``'s errors before anything is written; a
    ///   ``StoreError`` when SQLite fails (the transaction rolls back: nothing of the input
    ///   is merged).
    public func merge(from input: String) throws -> MergeReport {
        try Self.checkMergeInput(input)
        let label = "\(path) (merging \(input))"
        do {
            return try writer.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS \(Self.mergeSchema)", arguments: [input])
                defer { try? db.execute(sql: "DETACH DATABASE \(Self.mergeSchema)") }
                var report = MergeReport(input: input)
                try db.inTransaction(.immediate) {
                    report = try Self.mergeAttached(db, input: input)
                    return .commit
                }
                return report
            }
        } catch {
            throw StoreError.wrapping(error, path: label)
        }
    }

    /// The merge itself, inside the transaction, with the input attached.
    static func mergeAttached(_ db: Database, input: String) throws -> MergeReport {
        let src = mergeSchema
        var report = MergeReport(input: input)
        for table in ["merge_sweep_map", "merge_runs", "merge_run_map"] {
            try db.execute(sql: "DROP TABLE IF EXISTS temp.\(table)")
        }

        // Sweeps: reuse by (name, spec, created_at), add the others in input order.
        let sweepColumns = try sharedColumns(db, table: "sweeps").filter { $0 != "sweep_id" }
        let sameSweep = "d.name = s.name AND d.spec = s.spec AND d.created_at = s.created_at"
        try db.execute(
            sql: """
                INSERT INTO main.sweeps (\(list(sweepColumns)))
                SELECT \(list(sweepColumns, prefix: "s.")) FROM \(src).sweeps s
                WHERE NOT EXISTS (SELECT 1 FROM main.sweeps d WHERE \(sameSweep))
                ORDER BY s.sweep_id
                """)
        report.sweepsAdded = db.changesCount
        try db.execute(
            sql: """
                CREATE TEMP TABLE merge_sweep_map AS
                SELECT s.sweep_id AS src_id, (SELECT MIN(d.sweep_id) FROM main.sweeps d WHERE \(sameSweep)) AS dst_id
                FROM \(src).sweeps s
                """)

        // Runs to copy, with the row each replaces.
        try db.execute(
            sql: """
                CREATE TEMP TABLE merge_runs AS
                SELECT s.run_id AS src_id, d.run_id AS old_dst_id
                FROM \(src).runs s LEFT JOIN main.runs d ON d.run_key = s.run_key
                WHERE (s.status = 'done' AND (d.run_id IS NULL OR d.status <> 'done'))
                   OR (s.status = 'failed' AND d.run_id IS NULL)
                """)
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(src).runs") ?? 0
        report.runsAlreadyDone =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM \(src).runs s JOIN main.runs d ON d.run_key = s.run_key
                    WHERE s.status = 'done' AND d.status = 'done'
                    """) ?? 0
        report.runsReplaced =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM temp.merge_runs WHERE old_dst_id IS NOT NULL") ?? 0
        report.runsAdded =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM temp.merge_runs WHERE old_dst_id IS NULL") ?? 0
        report.runsNotCopied = total - report.runsAlreadyDone - report.runsReplaced - report.runsAdded

        let eventTables = try runTables(db)
        let replaced = "SELECT old_dst_id FROM temp.merge_runs WHERE old_dst_id IS NOT NULL"
        for table in eventTables {
            try db.execute(sql: "DELETE FROM main.\(table) WHERE run_id IN (\(replaced))")
        }
        try db.execute(sql: "DELETE FROM main.runs WHERE run_id IN (\(replaced))")

        let runColumns = try sharedColumns(db, table: "runs").filter { $0 != "run_id" && $0 != "sweep_id" }
        try db.execute(
            sql: """
                INSERT INTO main.runs (\(list(runColumns)), sweep_id)
                SELECT \(list(runColumns, prefix: "s.")), (SELECT dst_id FROM temp.merge_sweep_map WHERE src_id = s.sweep_id)
                FROM \(src).runs s JOIN temp.merge_runs m ON m.src_id = s.run_id
                ORDER BY s.run_id
                """)
        try db.execute(
            sql: """
                CREATE TEMP TABLE merge_run_map AS
                SELECT s.run_id AS src_id, d.run_id AS dst_id
                FROM \(src).runs s JOIN temp.merge_runs m ON m.src_id = s.run_id JOIN main.runs d ON d.run_key = s.run_key
                """)

        // Event rows, re-mapped to the new run ids.
        for table in eventTables where try hasTable(db, schema: src, table: table) {
            let columns = try sharedColumns(db, table: table).filter { $0 != "run_id" }
            let order = try hasRowid(db, schema: src, table: table) ? "e.run_id, e.rowid" : "e.run_id"
            try db.execute(
                sql: """
                    INSERT INTO main.\(table) (run_id, \(list(columns)))
                    SELECT r.dst_id, \(list(columns, prefix: "e."))
                    FROM \(src).\(table) e JOIN temp.merge_run_map r ON r.src_id = e.run_id
                    ORDER BY \(order)
                    """)
            report.eventRows += db.changesCount
        }
        for table in ["merge_sweep_map", "merge_runs", "merge_run_map"] {
            try db.execute(sql: "DROP TABLE temp.\(table)")
        }
        report.oomReportsAdded = try mergeOOMReports(db)
        return report
    }

    /// Imported OOM reports (`oom_reports`, `oom_report_tasks`): copied by `report_key`,
    /// once; their `report_id`s are re-mapped. Returns the reports added.
    static func mergeOOMReports(_ db: Database) throws -> Int {
        let src = mergeSchema
        guard try hasTable(db, schema: src, table: "oom_reports"), try hasTable(db, schema: "main", table: "oom_reports")
        else { return 0 }
        let reportColumns = try sharedColumns(db, table: "oom_reports").filter { $0 != "report_id" }
        try db.execute(
            sql: """
                INSERT INTO main.oom_reports (\(list(reportColumns)))
                SELECT \(list(reportColumns, prefix: "s.")) FROM \(src).oom_reports s
                WHERE NOT EXISTS (SELECT 1 FROM main.oom_reports d WHERE d.report_key = s.report_key)
                ORDER BY s.report_id
                """)
        let added = db.changesCount
        guard added > 0, try hasTable(db, schema: src, table: "oom_report_tasks") else { return added }
        let taskColumns = try sharedColumns(db, table: "oom_report_tasks").filter { $0 != "report_id" }
        try db.execute(
            sql: """
                INSERT INTO main.oom_report_tasks (report_id, \(list(taskColumns)))
                SELECT d.report_id, \(list(taskColumns, prefix: "t."))
                FROM \(src).oom_report_tasks t
                JOIN \(src).oom_reports s ON s.report_id = t.report_id
                JOIN main.oom_reports d ON d.report_key = s.report_key
                WHERE NOT EXISTS (SELECT 1 FROM main.oom_report_tasks x WHERE x.report_id = d.report_id)
                ORDER BY t.report_id, t.row_no
                """)
        return added
    }

    /// `"a", "b"` (or `s."a", s."b"`).
    private static func list(_ columns: [String], prefix: String = "") -> String {
        columns.map { "\(prefix)\"\($0)\"" }.joined(separator: ", ")
    }

    /// Column names of `schema.table`, in table order (empty when the table is missing).
    static func columnNames(_ db: Database, schema: String, table: String) throws -> [String] {
        try Row.fetchAll(db, sql: "PRAGMA \(schema).table_info(\(table))").map { $0["name"] }
    }

    /// Columns of `table` in this database that the input's `table` also has.
    static func sharedColumns(_ db: Database, table: String) throws -> [String] {
        let theirs = Set(try columnNames(db, schema: mergeSchema, table: table))
        return try columnNames(db, schema: "main", table: table).filter(theirs.contains)
    }

    static func hasTable(_ db: Database, schema: String, table: String) throws -> Bool {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM \(schema).sqlite_master WHERE type = 'table' AND name = ?",
            arguments: [table]) == 1
    }

    /// Whether `schema.table` has a rowid (is not `WITHOUT ROWID`), to copy rows in order.
    static func hasRowid(_ db: Database, schema: String, table: String) throws -> Bool {
        do {
            _ = try db.makeStatement(sql: "SELECT rowid FROM \(schema).\(table) LIMIT 0")
            return true
        } catch {
            return false
        }
    }

    /// Every table of this database, other than `runs`, with a `run_id` column.
    static func runTables(_ db: Database) throws -> [String] {
        let tables = try String.fetchAll(
            db,
            sql: """
                SELECT name FROM main.sqlite_master WHERE type = 'table'
                AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN ('runs', 'grdb_migrations')
                ORDER BY name
                """)
        return try tables.filter { try columnNames(db, schema: "main", table: $0).contains("run_id") }
    }
}
