import Foundation
import GRDB
import Testing

/// `merge` carries imported OOM reports across databases by `report_key`, once.
@Suite struct MergeOOMReportsTests {
    @Test func reportsMergeOnceByKey() throws {
        let files = ImportOOMTests.fixtureFiles
        try #require(!files.isEmpty, "fixtures at \(ImportOOMTests.fixtures.path)")
        let dir = try ImportOOMTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let imported = try ImportOOMTests.run(["import-oom", "--db", "in.db"] + files, in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        func count(_ db: String, _ table: String) throws -> Int {
            let queue = try SweepFixture.readOnly(dir.appendingPathComponent(db).path)
            defer { try? queue.close() }
            return try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
        }
        let reports = try count("in.db", "oom_reports")
        let rows = try count("in.db", "oom_report_tasks")
        #expect(reports >= 3)
        for _ in 0..<2 {
            let merged = try ImportOOMTests.run(["merge", "out.db", "in.db"], in: dir)
            #expect(merged.status == 0, "\(merged.stderr)")
        }
        #expect(try count("out.db", "oom_reports") == reports, "merging twice adds the reports once")
        #expect(try count("out.db", "oom_report_tasks") == rows)
    }
}
