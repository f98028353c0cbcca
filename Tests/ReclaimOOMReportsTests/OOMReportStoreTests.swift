import GRDB

@testable import ReclaimStore
import Testing
import ReclaimRecords

@testable import ReclaimOOMReports

/// m0005 and `Store.importOOMReports`: rows, deduplication, the canned agreement queries.
@Suite struct OOMReportStoreTests {
    /// The three reports of adj_protect_big.log and sizes4.log, in that order.
    static func fixtureReports() throws -> [ScoredOOMReport] {
        try ["adj_protect_big.log", "sizes4.log"].flatMap { name in
            OOMLogParser.parse(try OOMReportFixtures.log(name), source: name).reports.map(ScoredOOMReport.init)
        }
    }

    @Test func importStoresReportsAndTasks() throws {
        let store = try Store(writer: DatabaseQueue())
        let outcomes = try store.importOOMReports(try Self.fixtureReports())
        #expect(outcomes == [OOMReportImport(reportId: 1, isNew: true), OOMReportImport(reportId: 2, isNew: true), OOMReportImport(reportId: 3, isNew: true)])
        try store.reader.read { db throws in
            let r = try #require(try Row.fetchOne(db, sql: "SELECT * FROM oom_reports WHERE report_id = 1"))
            #expect(r["source"] as String == "adj_protect_big.log")
            #expect(r["kernel_version"] as String == "6.18.44-fc-v595")
            #expect(r["uptime_us"] as Int64 == 393_962_944)
            #expect(r["trigger_pid"] as Int == 7461)
            #expect(r["gfp_mask"] as Int == 0xcc0)
            #expect(r["gfp_flags"] as String == "GFP_KERNEL")
            #expect(r["alloc_order"] as Int == 0)
            #expect(r["trigger_oom_score_adj"] as Int == 0)
            #expect(r["scope"] as String == "memcg")
            #expect(r["oom_constraint"] as String == "CONSTRAINT_MEMCG")
            #expect(r["memcg"] as String == "/rl_capture_adj_protect_big")
            #expect(r["mem_usage_kb"] as Int == 65536)
            #expect(r["mem_limit_kb"] as Int == 65536)
            #expect(r["mem_failcnt"] as Int == 74)
            #expect(r["memsw_limit_kb"] as Int64 == 9_007_199_254_740_988)
            #expect(r["total_pages"] as Int == 16384)
            #expect(r["total_pages_basis"] as String == "memcg_limit_no_swap_assumed")
            #expect(r["killed_pid"] as Int == 7460)
            #expect(r["killed_anon_rss_kb"] as Int == 37504)
            #expect(r["killed_pgtables_kb"] as Int == 140)
            #expect(r["modern_victim_pid"] as Int == 7460)
            #expect(r["modern_victim_points"] as Int == 11067)
            #expect(r["legacy_victim_pid"] as Int == 7462)
            #expect(r["legacy_victim_points"] as Int == 33120)
            #expect(try Int.fetchOne(db, sql: "SELECT json_extract(memcg_stats, '$.rss') FROM oom_reports WHERE report_id = 1") == 66_654_208)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM oom_report_tasks") == 10)
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM oom_report_tasks WHERE report_id = 1 ORDER BY row_no")
            #expect(rows.map { $0["pid"] as Int } == [7460, 7462, 7461])
            #expect(rows.map { $0["kernel_killed"] as Int } == [1, 0, 0])
            #expect(rows.map { $0["modern_chosen"] as Int } == [1, 0, 0])
            #expect(rows.map { $0["legacy_chosen"] as Int } == [0, 1, 0])
            #expect(rows.map { $0["modern_points"] as Int } == [11067, 8139, 6835])
            #expect(rows.map { $0["legacy_oom_adj"] as Int } == [0, 5, 0])
            #expect(rows[1]["pgtables_bytes"] as Int == 73728)
            #expect(rows[1]["oom_score_adj"] as Int == 300)
        }
    }

    /// The same reports again, from another capture tool: nothing new, the same ids.
    @Test func importingTwiceDoesNotDuplicate() throws {
        let store = try Store(writer: DatabaseQueue())
        let first = try store.importOOMReports(try Self.fixtureReports())
        let journal = try ["adj_protect_big.log", "sizes4.log"].flatMap { name in
            OOMLogParser.parse(OOMReportFixtures.render(try OOMReportFixtures.log(name), as: .journal), source: "journal-" + name)
                .reports.map(ScoredOOMReport.init)
        }
        let second = try store.importOOMReports(journal)
        #expect(second.map(\.reportId) == first.map(\.reportId))
        #expect(second.allSatisfy { !$0.isNew })
        let doubled = try Self.fixtureReports()
        #expect(try store.importOOMReports(doubled + doubled).allSatisfy { !$0.isNew })
        try store.reader.read { db throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM oom_reports") == 3)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM oom_report_tasks") == 10)
            #expect(try String.fetchAll(db, sql: "SELECT DISTINCT source FROM oom_reports ORDER BY 1") == ["adj_protect_big.log", "sizes4.log"])
        }
        // Within one batch, a repeated report is stored once.
        let fresh = try Store(writer: DatabaseQueue())
        let outcomes = try fresh.importOOMReports(doubled + doubled)
        #expect(outcomes.map(\.isNew) == [true, true, true, false, false, false])
        #expect(outcomes.suffix(3).map(\.reportId) == [1, 2, 3])
    }

    /// oom-report-agreement and -rate on the fixtures: modern 3/3, 2.6.20 0/3.
    @Test func agreementQueries() throws {
        let store = try Store(writer: DatabaseQueue())
        _ = try store.importOOMReports(try Self.fixtureReports())
        let perReport = try #require(StoreReader.cannedQuery(named: "oom-report-agreement"))
        let rows = try #require(try store.reader.run(sql: perReport.text, query: perReport.name).first)
        let column = { (name: String) in rows.rows.map { $0[rows.columns.firstIndex(of: name)!] } }
        #expect(column("kernel_pid") == [.integer(7460), .integer(7120), .integer(7119)])
        #expect(column("modern_pid") == column("kernel_pid"))
        #expect(column("modern_agrees") == [.integer(1), .integer(1), .integer(1)])
        #expect(column("legacy_pid") == [.integer(7462), .integer(7121), .integer(7121)])
        #expect(column("legacy_agrees") == [.integer(0), .integer(0), .integer(0)])
        let rate = try #require(StoreReader.cannedQuery(named: "oom-report-agreement-rate"))
        let totals = try #require(try store.reader.run(sql: rate.text, query: rate.name).first)
        #expect(totals.columns == ["heuristic", "reports", "predicted", "agree", "agreement_rate"])
        #expect(totals.rows == [
            [.text("modern"), .integer(3), .integer(3), .integer(3), .real(1.0)],
            [.text("2.6.20"), .integer(3), .integer(3), .integer(0), .real(0.0)],
        ])
    }

    /// m0005: STRICT tables, every column commented, reports' tasks cascade.
    @Test func schemaIsStrictAndDocumented() throws {
        let store = try Store(writer: DatabaseQueue())
        try store.reader.read { db throws in
            for table in ["oom_reports", "oom_report_tasks"] {
                #expect(try Int.fetchOne(db, sql: "SELECT strict FROM pragma_table_list WHERE name = ?", arguments: [table]) == 1)
                let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table]) ?? ""
                let lines = sql.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                let columns = try db.columns(in: table).map(\.name)
                for (i, column) in columns.enumerated() {
                    let start = try #require(lines.firstIndex { $0.hasPrefix(column + " ") }, "\(table).\(column)")
                    let next = i + 1 < columns.count ? lines.firstIndex { $0.hasPrefix(columns[i + 1] + " ") } ?? lines.count : lines.count
                    #expect(lines[start..<next].contains { $0.contains("--") }, "\(table).\(column) has a comment")
                }
            }
        }
        _ = try store.importOOMReports(try Self.fixtureReports())
        try store.writer.write { db throws in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "DELETE FROM oom_reports WHERE report_id = 2")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM oom_report_tasks WHERE report_id = 2") == 0)
        }
    }
}
