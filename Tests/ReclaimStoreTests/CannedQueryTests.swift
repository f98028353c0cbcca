import Foundation
import GRDB
import ReclaimRecords
import Testing

@testable import ReclaimStore

/// The canned queries of `queries/` and the views of m0002: headers that match the SQL,
/// statements that prepare against the migrated schema, golden results on a fixed database,
/// and `Store.run`'s parameter handling.
@Suite struct CannedQueryTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots/queries")

    /// Every query's header: `-- NAME: summary`, then `Parameters:` and `Columns:` sections
    /// that list exactly the statement's parameters and result columns; one statement each.
    @Test(arguments: StoreReader.cannedQueries.map(\.name))
    func headerMatchesTheStatement(name: String) throws {
        let query = try #require(StoreReader.cannedQuery(named: name))
        #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "kebab-case name")
        #expect(query.header.first?.hasPrefix(name + ": ") == true, "first line is '-- \(name): ...'")
        #expect(!query.summary.isEmpty)
        #expect(query.header.contains { $0.hasPrefix("Answers:") })
        #expect(query.header.contains { $0.hasPrefix("Parameters:") })
        let store = try Store(writer: DatabaseQueue())
        try store.reader.read { db throws in
            let statements = try db.allStatements(sql: query.text)
            var prepared: [Statement] = []
            while let statement = try statements.next() { prepared.append(statement) }
            #expect(prepared.count == 1, "\(name): one statement")
            let statement = try #require(prepared.first)
            #expect(statement.isReadonly, "\(name) only reads")
            #expect(
                query.documentedColumns == statement.columnNames, "\(name): Columns: section lists the result columns")
            #expect(
                query.documentedParameters == StoreReader.parameterNames(of: statement),
                "\(name): Parameters: section lists the parameters")
        }
        if query.documentedParameters.isEmpty {
            #expect(query.header.contains("Parameters: none."))
        }
    }

    @Test func theViewsExist() throws {
        let store = try Store(writer: DatabaseQueue())
        try store.reader.read { db throws in
            let views = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")
            #expect(views == ["oom_outcomes", "run_config", "run_metrics"])
        }
    }

    /// run_config: the config key drops the seed only; configurations are numbered densely.
    @Test func runConfigGroupsSeeds() throws {
        let store = try QueryFixtures.store()
        let rows = try store.reader.read { db throws in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT run_id, seed, swappiness, swap_present, config_no, config_key FROM run_config ORDER BY run_id"
            )
        }
        let numbers = rows.map { $0["config_no"] as Int }
        // Seeds 1, 2, 3, 4 of (60, swap, off) share a number; (100, swap) and the laptop runs differ.
        #expect(numbers == [3, 3, 4, 2, 1, 3, 3])
        #expect(rows.map { $0["swap_present"] as Int } == [1, 1, 1, 0, 0, 1, 1])
        let key: String = rows[0]["config_key"]
        #expect(!key.contains("\"seed\""))
        #expect(key.contains("\"model_version\":\"2.6.20-rss/1\""))
    }

    /// The questions of issue 5, whose results the golden files pin.
    static let mainQueries = [
        "container-pressure", "failed-runs", "laptop-mode", "oom-decision", "oom-kills", "oom-victims",
        "reclaim-efficiency", "reclaim-priority", "run-health", "runs-overview", "seed-stats", "swap",
        "swappiness-sensitivity",
    ]

    /// Golden results of the main canned queries on the fixed database; re-record with
    /// `RECORD_SNAPSHOTS=1 swift test`.
    @Test(arguments: mainQueries)
    func goldenResults(name: String) throws {
        let query = try #require(StoreReader.cannedQuery(named: name))
        let store = try QueryFixtures.store()
        var text = try Self.render(store.reader.run(sql: query.text, query: name))
        if name == "oom-decision" {
            // The default (run 1, OOM 1) above; the child-first decision of run 4 below.
            text += "\n-- :run_id 4, :oom_no 1\n"
            text += try Self.render(
                store.reader.run(sql: query.text, query: name, parameters: ["run_id": .integer(4), "oom_no": .integer(1)]))
        }
        try Self.compare(text, golden: Self.snapshots.appendingPathComponent("\(name).txt"))
    }

    /// The numbers behind the goldens, checked by hand.
    @Test func keyNumbersByHand() throws {
        let store = try QueryFixtures.store()
        func rows(_ name: String) throws -> [[String: QueryValue]] {
            let query = try #require(StoreReader.cannedQuery(named: name))
            let result = try #require(try store.reader.run(sql: query.text, query: name).first)
            return result.rows.map { Dictionary(uniqueKeysWithValues: zip(result.columns, $0)) }
        }
        // seed-stats, config 3 (seeds 1 and 2 done): pages_scanned 271 and 272 -> mean
        // 271.5, sd sqrt(0.5) = 0.7071; n = 2 is 1 degree of freedom, Student's
        // t(0.975, 1) = 12.7062 (not the normal 1.96): half-width 12.7062 * 0.7071 / sqrt(2)
        // = 6.3531, interval 265.1469 .. 277.8531.
        let scanned = try #require(
            try rows("seed-stats").first { $0["config_no"] == .integer(3) && $0["metric"] == .text("pages_scanned") })
        #expect(scanned["n"] == .integer(2))
        #expect(scanned["mean"] == .real(271.5))
        #expect(scanned["sd"] == .real(0.7071))
        #expect(scanned["t"] == .real(12.7062))
        #expect(scanned["ci95_low"] == .real(265.1469))
        #expect(scanned["ci95_high"] == .real(277.8531))
        // swappiness-sensitivity: zero on the container path, non-zero with direct reclaim.
        let sensitivity = try rows("swappiness-sensitivity")
        #expect(sensitivity.count == 2)
        let container = try #require(sensitivity.first { $0["origins"] == .text("container") })
        #expect(container["varies"] == .integer(0))
        #expect(container["pages_reclaimed_range"] == .integer(0))
        let direct = try #require(sensitivity.first { $0["origins"] == .text("container,direct") })
        #expect(direct["varies"] == .integer(1))
        #expect(direct["pages_reclaimed_range"] == .integer(12))
        // oom-victims, the laptop config at swappiness 60: one child-first kill, one victim
        // outside the container, one busy answer, one 'none'.
        let victims = try #require(try rows("oom-victims").first { $0["config_no"] == .integer(2) })
        #expect(victims["killed"] == .integer(2))
        #expect(victims["chosen_killed"] == .integer(1))
        #expect(victims["child_first"] == .integer(1))
        #expect(victims["outside_container"] == .integer(1))
        #expect(victims["busy"] == .integer(1))
        #expect(victims["none"] == .integer(1))
        #expect(victims["victims"] == .text("spawner/child1,sshd"))
        // reclaim-efficiency, swap at swappiness 60, container: (3 + 1 + 4 + 1) / (271 + 272).
        let efficiency = try #require(
            try rows("reclaim-efficiency").first {
                $0["swappiness"] == .integer(60) && $0["swap_present"] == .integer(1)
            })
        #expect(efficiency["pages_reclaimed"] == .integer(9))
        #expect(efficiency["pages_scanned"] == .integer(543))
        #expect(efficiency["efficiency"] == .real(0.0166))
        // run-health: the sweep has one failed, one running and three done runs.
        let health = try rows("run-health").filter { $0["sweep"] == .text("knobs") }
        #expect(health.map { $0["status"] } == [.text("failed"), .text("running"), .text("done")])
        #expect(health.map { $0["runs"] } == [.integer(1), .integer(1), .integer(3)])
    }

    /// Unset parameters bind NULL (so the query's defaults apply); unknown ones are refused.
    @Test func parameters() throws {
        let store = try QueryFixtures.store()
        let query = try #require(StoreReader.cannedQuery(named: "oom-decision"))
        #expect(query.documentedParameters == ["run_id", "oom_no"])
        #expect(try store.reader.parameterNames(of: query.text, query: query.name) == ["run_id", "oom_no"])
        let byDefault = try store.reader.run(sql: query.text, query: query.name)
        let explicit = try store.reader.run(
            sql: query.text, query: query.name, parameters: ["run_id": .integer(1), "oom_no": .integer(1)])
        #expect(byDefault == explicit)
        let error = #expect(throws: QueryError.self) {
            try store.reader.run(sql: query.text, query: query.name, parameters: ["run": .integer(1)])
        }
        #expect(error?.description == "unknown parameter :run: oom-decision takes :run_id, :oom_no")
        let noneTaken = #expect(throws: QueryError.self) {
            try store.reader.run(sql: "SELECT 1", query: "x.sql", parameters: ["a": .null])
        }
        #expect(noneTaken?.description == "unknown parameter :a: x.sql takes no parameters")
        #expect(
            try store.reader.run(sql: "SELECT :a AS a, @b AS b", query: "x.sql", parameters: ["b": .text("t")])
                == [QueryResult(columns: ["a", "b"], rows: [[.null, .text("t")]])])
    }

    @Test func parameterValuesReadLikeTheShell() {
        #expect(QueryValue(parameter: "3") == .integer(3))
        #expect(QueryValue(parameter: "-3") == .integer(-3))
        #expect(QueryValue(parameter: "0.25") == .real(0.25))
        #expect(QueryValue(parameter: "1e3") == .real(1000))
        #expect(QueryValue(parameter: "null") == .null)
        #expect(QueryValue(parameter: "'it''s'") == .text("it's"))
        #expect(QueryValue(parameter: "web") == .text("web"))
        #expect(QueryValue(parameter: "inf") == .text("inf"))
    }

    /// Queries run on a read-only connection: a write in a user's file is refused.
    @Test func queriesCannotWrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("lab.db")
        _ = try Store(path: path)
        let store = try StoreReader(readingExisting: path)
        let error = #expect(throws: QueryError.self) {
            try store.run(sql: "DELETE FROM runs", query: "x.sql")
        }
        guard case .sql(let query, _) = error else {
            Issue.record("expected an SQL error, got \(String(describing: error))")
            return
        }
        #expect(query == "x.sql")
        let syntax = #expect(throws: QueryError.self) { try store.run(sql: "SELEC 1", query: "y.sql") }
        #expect(syntax?.description.contains("y.sql") == true)
    }

    /// `StoreReader(readingExisting:)` never creates a file and applies the usual checks.
    @Test func readingExistingRefusesMissingAndForeignFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let missing = dir.path("missing.db")
        let error = #expect(throws: QueryError.self) { try StoreReader(readingExisting: missing) }
        guard case .missingDatabase(let path, let isEmpty) = error else {
            Issue.record("expected missingDatabase, got \(String(describing: error))")
            return
        }
        #expect(path == missing)
        #expect(!isEmpty)
        #expect(try dir.contents().isEmpty, "nothing created")
        let text = dir.path("notes.db")
        try Data("hello, not sqlite".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: StoreError.self) { try StoreReader(readingExisting: text) }
        let empty = dir.path("empty.db")
        FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: QueryError.self) { try StoreReader(readingExisting: empty) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)
    }

    /// A database written before m0002 is refused by a reader, byte for byte unchanged, with
    /// the migrations it lacks and how to upgrade it; `Store(path:)` (what
    /// `reclaimlab migrate` opens) upgrades it, and the canned queries then find their views.
    @Test func anOlderDatabaseIsRefusedUnchangedUntilMigrated() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("old.db")
        do {
            let queue = try DatabaseQueue(path: path)
            try Store.makeMigrator().migrate(queue, upTo: "m0001_initial")
            try queue.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try StoreReader(readingExisting: path) }
        guard case .olderSchema(path, let missing) = error else {
            Issue.record("expected olderSchema, got \(String(describing: error))")
            return
        }
        #expect(missing == Array(Store.migrationIdentifiers.dropFirst()), "every migration after m0001")
        #expect(error?.description.contains("reclaimlab migrate --db \(path)") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the file is unchanged")
        #expect(try dir.contents().sorted() == ["old.db"], "no -wal or -shm left beside it")

        _ = try Store(path: path)
        let store = try StoreReader(readingExisting: path)
        #expect(try store.schemaVersion.applied == Store.migrationIdentifiers)
        let query = try #require(StoreReader.cannedQuery(named: "oom-kills"))
        #expect(try store.run(sql: query.text, query: query.name).first?.rows.isEmpty == true)
    }

    // MARK: - Golden files

    /// `col|col` lines, a header first; NULL as `NULL`; wall-clock `*_at` columns masked.
    static func render(_ results: [QueryResult]) -> String {
        results.map { result in
            let masked = Set(result.columns.indices.filter { result.columns[$0].hasSuffix("_at") })
            let lines =
                [result.columns.joined(separator: "|")]
                + result.rows.map { row in
                    row.enumerated().map { index, value in
                        if masked.contains(index), value != .null { return "<wall clock>" }
                        switch value {
                        case .null: return "NULL"
                        case .integer(let i): return String(i)
                        case .real(let d): return String(d)
                        case .text(let s): return s
                        case .blob(let b): return "<\(b.count) bytes>"
                        }
                    }.joined(separator: "|")
                }
            return lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    static func compare(_ text: String, golden: URL) throws {
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(
                at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(
            text == expected,
            "\(golden.lastPathComponent) differs; re-record with RECORD_SNAPSHOTS=1 if intended:\n\(text)")
    }
}
