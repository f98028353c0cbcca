import Foundation
import GRDB
import ReclaimRecords
import ReclaimTestSupport
import Testing

@testable import ReclaimStore

/// `docs/database.md` documents every table of m0001 and every column it has in the latest
/// schema, each with a unit, in schema order, names the views of m0002, and names every
/// other table of the latest schema (those of later migrations are documented on their own
/// pages, e.g. `docs/oom-reports.md`, which the page links to).
@Suite struct DatabaseDocsTests {
    static func section() throws -> String {
        let url = TestPaths.packageRoot.appendingPathComponent("docs/database.md")
        let page = try String(contentsOf: url, encoding: .utf8)
        #expect(page.hasPrefix("# The database\n"), "docs/database.md starts with its title")
        return page
    }

    @Test func everyColumnHasARowWithAUnit() throws {
        let section = try Self.section()
        let blocks = section.components(separatedBy: "\n#### ").dropFirst()
        var documented: [String: [(String, String)]] = [:]
        for block in blocks {
            let lines = block.split(separator: "\n")
            let table = String(lines[0]).trimmingCharacters(in: CharacterSet(charactersIn: "` "))
            documented[table] = lines.compactMap { line in
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count >= 3, cells[0].hasPrefix("`") else { return nil }
                return (cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), cells[1])
            }
        }
        // The tables of m0001 (as of m0002), with their columns as the latest schema has
        // them (m0006 rebuilt oom_candidates with visit_no).
        let queue = try DatabaseQueue()
        try Store.makeMigrator().migrate(queue, upTo: "m0002_views")
        let tables = try queue.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name"
            )
        }
        try Store.makeMigrator().migrate(queue)
        try queue.read { db throws in
            #expect(Set(tables).isSubset(of: documented.keys), "a #### section per table of m0001: \(tables)")
            for table in tables {
                let columns = try db.columns(in: table).map(\.name)
                let rows = documented[table] ?? []
                #expect(rows.map(\.0) == columns, "docs/database.md rows of \(table) are its columns, in order")
                for (column, unit) in rows {
                    #expect(!unit.isEmpty, "\(table).\(column) has a unit")
                }
            }
            let views = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")
            for view in views {
                #expect(section.contains("`\(view)`"), "docs/database.md names the view \(view)")
            }
            let allTables = try String.fetchAll(
                db,
                sql:
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name"
            )
            for table in allTables {
                #expect(section.contains("`\(table)`"), "docs/database.md names the table \(table) of the latest schema")
            }
        }
    }
}
