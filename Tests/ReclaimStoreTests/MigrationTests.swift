import Foundation
import GRDB
import ReclaimRecords
import ReclaimTestSupport
import Testing

@testable import ReclaimStore

/// The schema: migrations registered from the embedded files, identical to the files on
/// disk, STRICT tables with documented columns, and canned queries that prepare.
@Suite struct MigrationTests {
    static let eventTables = [
        "reclaim_calls", "scan_passes", "oom_events", "oom_candidates", "tasks", "containers", "zones", "samples",
    ]

    static func sqlFiles(_ folder: String) throws -> [String] {
        let dir = TestPaths.packageRoot.appendingPathComponent(folder).path
        return try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".sql") }.sorted()
    }

    @Test func registeredMigrationsAreTheMigrationFiles() throws {
        let files = try Self.sqlFiles("migrations")
        #expect(!files.isEmpty)
        #expect(Store.migrationIdentifiers == files.map { String($0.dropLast(4)) })
        for file in files {
            #expect(file.first?.isLetter == true, "\(file): migration names start with a letter")
        }
    }

    @Test(arguments: ["migrations", "queries"])
    func embeddedFilesEqualTheFilesOnDisk(folder: String) throws {
        let embedded = folder == "migrations" ? EmbeddedSQL.migrations : EmbeddedSQL.queries
        #expect(embedded.map(\.name) == (try Self.sqlFiles(folder)))
        for file in embedded {
            let disk = try Data(contentsOf: TestPaths.packageRoot.appendingPathComponent("\(folder)/\(file.name)"))
            #expect(Data(file.text.utf8) == disk, "\(folder)/\(file.name): embedded copy differs from the file")
        }
    }

    @Test func migratedSchemaHasStrictTablesWithForeignKeys() throws {
        let store = try Store(writer: DatabaseQueue())
        #expect(try store.reader.schemaVersion.applied == Store.migrationIdentifiers)
        try store.reader.read { db throws in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
            let strict = Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(String.self, forColumn: "name"), try $0.decode(Int.self, forColumn: "strict")) })
            #expect(strict.keys.sorted() == (["runs", "sweeps", "oom_reports", "oom_report_tasks"] + Self.eventTables).sorted())
            #expect(strict.values.allSatisfy { $0 == 1 }, "every table is STRICT: \(strict)")
            for table in Self.eventTables {
                let keys = try Row.fetchAll(db, sql: "SELECT * FROM pragma_foreign_key_list(?)", arguments: [table])
                let toRuns = keys.filter { ($0["table"] as String?) == "runs" }
                #expect(toRuns.count == 1, "\(table) references runs")
                #expect(toRuns.first?["on_delete"] as String? == "CASCADE", "\(table) cascades")
            }
            #expect(try db.indexes(on: "samples").contains { $0.columns == ["run_id", "t_ms"] })
        }
    }

    /// docs/database.md: every column is documented in the migrations. Each column's definition carries a `--` comment.
    @Test func everyColumnIsCommented() throws {
        let store = try Store(writer: DatabaseQueue())
        try store.reader.read { db throws in
            for table in ["runs", "sweeps"] + Self.eventTables {
                let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table]) ?? ""
                let lines = sql.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                let columns = try db.columns(in: table).map(\.name)
                let starts = try columns.map { column in
                    try #require(lines.firstIndex { $0.hasPrefix(column + " ") }, "\(table).\(column) starts a line")
                }
                let ends = starts.dropFirst() + [lines.count]
                for (column, (start, end)) in zip(columns, zip(starts, ends)) {
                    // Its own lines up to the next column, minus free-standing comment lines.
                    let definition = lines[start..<end]
                        .prefix { !$0.hasPrefix("PRIMARY KEY") && !$0.hasPrefix(")") }
                        .filter { !$0.hasPrefix("--") }
                    #expect(definition.contains { $0.contains("--") }, "\(table).\(column) has a comment")
                }
            }
        }
    }

    /// m0006 rebuilds oom_candidates with visit_no: rows of a database at m0005 survive with
    /// visit_no NULL, and new rows store it.
    @Test func m0006KeepsCandidatesAndAddsVisitNo() throws {
        let queue = try DatabaseQueue()
        try Store.makeMigrator().migrate(queue, upTo: "m0005_oom_reports")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (run_id, run_key, scenario, kernel, model_version, seed, swappiness, swap_pages,
                        laptop_mode, config, hz, duration_ms, status, started_at, tool_version)
                    VALUES (1, 'k', 's', '2.6.20-rss', '2.6.20-rss/1', 1, 60, 0, 0, '{}', 250, 1000, 'done', '2026-11-28', 't');
                    INSERT INTO oom_candidates (run_id, oom_no, round, pid, name, container, points, total_vm, rss, eligible, skip_reason)
                    VALUES (1, 1, 1, 300, 'nginx', 'web', 120, 120, 60, 1, NULL);
                    """)
        }
        let store = try Store(writer: queue)
        #expect(try store.reader.schemaVersion.latest == Store.migrationIdentifiers.last)
        try store.reader.read { db throws in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM oom_candidates"))
            #expect(row["pid"] as Int? == 300 && row["points"] as Int? == 120 && row["name"] as String? == "nginx")
            #expect(row["visit_no"] as Int? == nil)
            #expect(try db.columns(in: "oom_candidates").map(\.name).prefix(4) == ["run_id", "oom_no", "round", "visit_no"])
            #expect(try !db.tableExists("oom_candidates_before_m0006"))
        }
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        var events = Fixtures.events()
        events.oomCandidates[1].visitNo = 2
        try store.finishRun(runId: runId, events: events, summary: Fixtures.summary())
        let visits = try store.reader.read { db in
            try Int?.fetchAll(db, sql: "SELECT visit_no FROM oom_candidates WHERE run_id = ? ORDER BY pid", arguments: [runId])
        }
        #expect(visits == [nil, 2])
    }

    /// m0007 rebuilds runs, reclaim_calls, scan_passes, oom_events and oom_candidates: rows of
    /// a database at m0006 survive with the new columns NULL, the views of m0002 still answer,
    /// and deleting a run still cascades to the rebuilt tables.
    @Test func m0007KeepsRowsOfEveryRebuiltTable() throws {
        let queue = try DatabaseQueue()
        try Store.makeMigrator().migrate(queue, upTo: "m0006_oom_candidate_visit_order")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (run_id, run_key, scenario, kernel, model_version, seed, swappiness, swap_pages,
                        laptop_mode, config, hz, duration_ms, status, started_at, tool_version, pages_scanned, pages_reclaimed,
                        pages_written_back)
                    VALUES (1, 'k', 's', '2.6.20-rss', '2.6.20-rss/2', 1, 60, 0, 0, '{}', 250, 1000, 'done', '2026-11-29', 't',
                        64, 2, 5);
                    INSERT INTO reclaim_calls VALUES (1, 1, 40, 'container', 'box', 101, 1, 2, 64, 5, 1, 100);
                    INSERT INTO scan_passes (run_id, call_no, priority, nr_scanned, nr_reclaimed, active_scanned,
                        deactivated, inactive_scanned, activated, kept_dirty, writeback_started, may_writepage,
                        reclaim_mapped, congestion_wait)
                    VALUES (1, 1, 5, 64, 2, 32, 30, 32, 0, 0, 5, 1, 1, 0);
                    INSERT INTO oom_events (run_id, oom_no, t_ms, scope, container, trigger_pid, outcome, chosen_pid,
                        chosen_points, victim_pid, victim_container)
                    VALUES (1, 1, 44, 'container', 'box', 101, 'killed', 101, 2001, 101, 'box');
                    INSERT INTO oom_candidates (run_id, oom_no, round, visit_no, pid, name, container, points, total_vm,
                        rss, eligible, skip_reason)
                    VALUES (1, 1, 1, 1, 101, 'leak', 'box', 2001, 2001, 1990, 1, NULL);
                    """)
        }
        let store = try Store(writer: queue)
        try store.reader.read { db throws in
            let run = try #require(try Row.fetchOne(db, sql: "SELECT * FROM runs"))
            #expect(run["run_key"] as String? == "k")
            #expect(run["pages_scanned"] as Int? == 64)
            #expect(run["owner_pid"] as Int? == nil && run["read_requests"] as Int? == nil && run["events_lost"] as Int? == nil)
            let call = try #require(try Row.fetchOne(db, sql: "SELECT * FROM reclaim_calls"))
            #expect(call["stall_ms"] as Int? == 100)
            #expect(call["last_priority"] as Int? == 5)
            let pass = try #require(try Row.fetchOne(db, sql: "SELECT * FROM scan_passes"))
            #expect(pass["writeback_started"] as Int? == 5)
            #expect(pass["anon_scanned"] as Int? == nil)
            let event = try #require(try Row.fetchOne(db, sql: "SELECT * FROM oom_events"))
            #expect(event["chosen_points"] as Int? == 2001)
            #expect(event["call_no"] as Int? == nil)
            let candidate = try #require(try Row.fetchOne(db, sql: "SELECT * FROM oom_candidates"))
            #expect(candidate["visit_no"] as Int? == 1)
            #expect(candidate["base_points"] as Int? == nil)
            let metrics = try #require(try Row.fetchOne(db, sql: "SELECT * FROM run_metrics"))
            #expect(metrics["pages_scanned"] as Int? == 64)
            #expect(metrics["first_kill_ms"] as Int? == 44)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM oom_outcomes") == 1)
            for table in ["runs", "reclaim_calls", "scan_passes", "oom_events", "oom_candidates"] {
                #expect(try !db.tableExists("new_\(table)"))
            }
        }
        try queue.write { db in try db.execute(sql: "DELETE FROM runs") }
        try queue.read { db throws in
            for table in ["reclaim_calls", "scan_passes", "oom_events", "oom_candidates"] {
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") == 0, "\(table) cascades")
            }
        }
    }

    @Test func deletingARunCascadesToItsEvents() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        try store.finishRun(runId: runId, events: Fixtures.events(), summary: Fixtures.summary())
        try store.writer.write { db throws in try db.execute(sql: "DELETE FROM runs WHERE run_id = ?", arguments: [runId]) }
        #expect(try Fixtures.eventCounts(store, runId: runId).values.allSatisfy { $0 == 0 })
    }

    @Test func cannedQueriesPrepareAgainstTheSchema() throws {
        let store = try Store(writer: DatabaseQueue())
        #expect(EmbeddedSQL.queries.contains { $0.name == "runs-overview.sql" })
        try store.reader.read { db throws in
            for query in EmbeddedSQL.queries {
                #expect(query.text.hasPrefix("--"), "\(query.name) starts with a comment header")
                let statements = try db.allStatements(sql: query.text)
                var count = 0
                while try statements.next() != nil { count += 1 }
                #expect(count >= 1, "\(query.name) holds a statement")
            }
        }
    }

    @Test func runsOverviewListsRunsWithTotals() throws {
        let store = try Store(writer: DatabaseQueue())
        let sweepId = try store.recordSweep(name: "knobs", spec: "base: two-tenants.yaml\n")
        let done = try store.beginRun(Fixtures.descriptor(key: "a", sweepId: sweepId)).runId
        try store.finishRun(runId: done, events: Fixtures.events(), summary: Fixtures.summary())
        _ = try store.beginRun(Fixtures.descriptor(key: "b", seed: 2))
        let text = try #require(EmbeddedSQL.queries.first { $0.name == "runs-overview.sql" }).text
        let rows = try store.reader.read { db throws in try Row.fetchAll(db, sql: text) }
        #expect(rows.count == 2)
        let first = try #require(rows.first)
        #expect(first["run_key"] as String? == "a")
        #expect(first["sweep"] as String? == "knobs")
        #expect(first["pages_scanned"] as Int? == 72)
        #expect(first["reclaim_efficiency"] as Double? == 0.0972)
        #expect(rows.last?["pages_scanned"] as Int? == nil)
    }

    /// Golden copy of the schema; re-record with `RECORD_SNAPSHOTS=1 swift test`.
    @Test func schemaSnapshot() throws {
        let store = try Store(writer: DatabaseQueue())
        let collector = TextCollector()
        try store.reader.read { db throws in try db.dumpSchema(to: collector) }
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots/schema.sql.txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(
                at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try collector.text.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(collector.text == expected, "schema differs from Snapshots/schema.sql.txt; re-record with RECORD_SNAPSHOTS=1 if intended")
    }
}
