import Foundation
import GRDB
import ReclaimRecords
import ReclaimStore
import ReclaimTestSupport
import Testing

/// `reclaimlab export`: one RFC 4180 CSV per summary query plus manifest.json, read back
/// by Python's csv module and by the sqlite3 shell's `.import` to the values the queries
/// return.
@Suite struct ExportCommandTests {
    /// The canned queries without parameters (what export writes), with their results on
    /// the real database.
    static func expected(_ db: String) throws -> [String: QueryResult] {
        let store = try StoreReader(readingExisting: db)
        var results: [String: QueryResult] = [:]
        for query in StoreReader.cannedQueries where try store.parameterNames(of: query.text, query: query.name).isEmpty {
            results[query.name] = try store.run(sql: query.text, query: query.name).last
        }
        return results
    }

    /// Exports the real database into a fresh directory; returns (directory, output).
    static func export() throws -> (URL, CommandResult) {
        let dir = try BinaryTests.tempDir()
        let r = try BinaryTests.run(["export", "--db", try RealDatabase.path, "--out", "out/csv"], in: dir)
        return (dir.appendingPathComponent("out/csv"), r)
    }

    @Test func writesEverySummaryQueryAndAManifest() throws {
        let db = try RealDatabase.path
        let (out, r) = try Self.export()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent().deletingLastPathComponent()) }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let expected = try Self.expected(db)
        #expect(expected.count >= 10)
        #expect(expected["oom-decision"] == nil, "one-run drill-downs are not exported")
        #expect(r.stderr.contains("not exported (they take parameters): oom-decision"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == (expected.keys.map { $0 + ".csv" } + ["manifest.json"]).sorted())
        for (name, result) in expected {
            #expect(r.stdout.contains("out/csv/\(name).csv  \(result.rows.count) row"))
        }

        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json")))
                as? [String: Any])
        #expect(manifest["database"] as? String == db)
        let version = try BinaryTests.run(["--version"], in: out).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(manifest["tool_version"] as? String == version)
        #expect(manifest["schema_version"] as? String == Store.migrationIdentifiers.last)
        let exportedAt = try #require(manifest["exported_at"] as? String)
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let when = try #require(parser.date(from: exportedAt), "exported_at is ISO-8601: \(exportedAt)")
        #expect(abs(when.timeIntervalSinceNow) < 600)
        let entries = try #require(manifest["files"] as? [[String: Any]])
        #expect(entries.compactMap { $0["file"] as? String }.sorted() == expected.keys.map { $0 + ".csv" }.sorted())
        for entry in entries {
            let name = try #require(entry["query"] as? String)
            #expect(entry["columns"] as? [String] == expected[name]?.columns)
            #expect(entry["rows"] as? Int == expected[name]?.rows.count)
            #expect(entry["description"] as? String == StoreReader.cannedQuery(named: name)?.summary)
        }
        let runs = try #require(manifest["runs"] as? [String: Int])
        #expect(runs.values.reduce(0, +) == RealDatabase.runs.count)
    }

    /// Python's csv module reads every file back: the header is the columns, every field
    /// is the value's text (NULL empty, numbers as they print, text unchanged).
    @Test(.enabled(if: executableOnPath("python3") != nil, "needs python3"))
    func pythonCSVReadsTheValuesBack() throws {
        let db = try RealDatabase.path
        let (out, r) = try Self.export()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent().deletingLastPathComponent()) }
        #expect(r.status == 0)
        let script = """
            import csv, json, pathlib, sys
            out = {}
            for path in sorted(pathlib.Path(sys.argv[1]).glob('*.csv')):
                with open(path, newline='', encoding='utf-8') as f:
                    out[path.stem] = list(csv.reader(f, strict=True))
            print(json.dumps(out))
            """
        let python = try runTool(try #require(executableOnPath("python3")), ["-c", script, out.path])
        #expect(python.status == 0, "\(python.stderr)")
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(python.stdout.utf8)) as? [String: [[String]]])
        let expected = try Self.expected(db)
        #expect(Set(parsed.keys) == Set(expected.keys))
        for (name, result) in expected {
            let rows = try #require(parsed[name])
            #expect(rows.first == result.columns, "\(name): header row")
            #expect(rows.count == result.rows.count + 1, "\(name): one line per row")
            for (fields, values) in zip(rows.dropFirst(), result.rows) {
                for (field, value) in zip(fields, values) {
                    switch value {
                    case .null: #expect(field == "", "\(name): NULL is an empty field")
                    case .integer(let i): #expect(Int64(field) == i, "\(name): \(field)")
                    case .real(let d): #expect(Double(field) == d, "\(name): \(field)")
                    case .text(let s): #expect(field == s, "\(name)")
                    case .blob: Issue.record("\(name): no query returns blobs")
                    }
                }
            }
        }
        // Numbers are never quoted: each file's integer and real fields appear bare.
        let kills = try String(contentsOf: out.appendingPathComponent("oom-kills.csv"), encoding: .utf8)
        #expect(!kills.contains("\"1\""))
        #expect(kills.hasSuffix("\r\n"))
    }

    /// The sqlite3 shell's `.import` loads every file into a table whose columns have the
    /// affinity of the query's values, and gets the same values back (NULL comes back as
    /// '', which is how `.import` reads an empty field).
    @Test(.enabled(if: executableOnPath("sqlite3") != nil, "needs the sqlite3 shell"))
    func sqliteImportLoadsTheSameValues() throws {
        let db = try RealDatabase.path
        let (out, r) = try Self.export()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent().deletingLastPathComponent()) }
        #expect(r.status == 0)
        let sqlite3 = try #require(executableOnPath("sqlite3"))
        let imported = out.appendingPathComponent("imported.sqlite")
        let expected = try Self.expected(db)
        var script = ""
        for (name, result) in expected.sorted(by: { $0.key < $1.key }) {
            let columns = result.columns.indices.map { index -> String in
                let values = result.rows.map { $0[index] }
                let affinity =
                    values.contains { if case .real = $0 { true } else { false } }
                    ? "REAL"
                    : values.contains { if case .text = $0 { true } else { false } }
                        ? "TEXT"
                        : values.contains { if case .integer = $0 { true } else { false } } ? "INTEGER" : "TEXT"
                return "\"\(result.columns[index])\" \(affinity)"
            }
            script += "CREATE TABLE \"\(name)\" (\(columns.joined(separator: ", ")));\n"
            script += ".import --csv --skip 1 '\(out.appendingPathComponent(name + ".csv").path)' \"\(name)\"\n"
        }
        let shell = try runTool(sqlite3, ["-bail", imported.path], input: script)
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(shell.stderr.isEmpty, "\(shell.stderr)")
        let queue = try DatabaseQueue(path: imported.path)
        try queue.read { db in
            for (name, result) in expected {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\" ORDER BY rowid")
                #expect(rows.count == result.rows.count, "\(name)")
                for (row, values) in zip(rows, result.rows) {
                    for (index, value) in values.enumerated() {
                        let loaded = row[index] as DatabaseValue
                        switch value {
                        case .null: #expect(loaded == "".databaseValue, "\(name).\(result.columns[index])")
                        case .integer(let i): #expect(loaded == i.databaseValue, "\(name).\(result.columns[index])")
                        case .real(let d):
                            #expect(loaded == d.databaseValue, "\(name).\(result.columns[index]): \(loaded) vs \(d)")
                        case .text(let s): #expect(loaded == s.databaseValue, "\(name).\(result.columns[index])")
                        case .blob: Issue.record("\(name): no query returns blobs")
                        }
                    }
                }
            }
        }
    }

    @Test func errors() throws {
        let dir = try BinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try BinaryTests.run(["export"], in: dir)
        #expect(missing.status == 66)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "no database, no export/ created")
        try Data("x".utf8).write(to: dir.appendingPathComponent("file"))
        let blocked = try BinaryTests.run(["export", "--db", try RealDatabase.path, "--out", "file/sub"], in: dir)
        #expect(blocked.status == 73, "\(blocked.stderr)")
    }
}
