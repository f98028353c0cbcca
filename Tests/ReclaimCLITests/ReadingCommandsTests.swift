import Foundation
import GRDB
import ReclaimStore
import ReclaimTestSupport
import Testing

@testable import ReclaimCLI

/// `runs`, `query`, `export` and `report` only read (issue 17 §2): a missing file is 66 and
/// is not created; a file from an older reclaimlab is 65, named with the command that
/// upgrades it, and left byte for byte unchanged.
@Suite struct ReadingCommandsTests {
    static let commands: [[String]] = [
        ["runs"], ["query", "runs-overview"], ["export", "--out", "EXPORT"], ["report", "--out", "REPORT.html"],
    ]

    static func arguments(_ command: [String], db: String, dir: SweepFixture) -> [String] {
        command.map { $0 == "EXPORT" ? dir.path("export") : $0 == "REPORT.html" ? dir.path("r.html") : $0 }
            + ["--db", db]
    }

    @Test(arguments: commands) func aMissingDatabaseIs66AndIsNotCreated(command: [String]) throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let db = fixture.path("missing.db")
        let r = fixture.main(Self.arguments(command, db: db, dir: fixture))
        #expect(r.status == 66, "\(command): \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db), "\(command) created the database")
    }

    @Test(arguments: commands) func anOlderDatabaseIs65AndIsLeftUnchanged(command: [String]) throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let db = fixture.path("old.db")
        // Pretend an older reclaimlab wrote it: the last migration is not recorded.
        _ = try Store(path: db)
        do {
            let queue = try DatabaseQueue(path: db)
            let last = try #require(Store.migrationIdentifiers.last)
            try queue.write { db in try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [last]) }
            try queue.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = fixture.main(Self.arguments(command, db: db, dir: fixture))
        #expect(r.status == 65, "\(command): \(r.stderr)")
        #expect(r.stderr.contains("older reclaimlab"), "\(r.stderr)")
        #expect(r.stderr.contains("reclaimlab migrate --db \(db)"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "\(command) changed the file")
    }

    /// ArgumentParser's code 1 is an error it did not recognise (thrown from `run()`, e.g. a
    /// GRDB or encoding error that escaped): internal, 70 — not 64, which means usage.
    @Test func parserCodesMapToSysexits() {
        #expect(ExitCodes.code(forParserCode: 0) == 0)
        #expect(ExitCodes.code(forParserCode: 1) == 70)
        #expect(ExitCodes.code(forParserCode: 64) == 64)
    }

    /// An error nobody maps is left to ArgumentParser (its code 1, then 70 above); a bad
    /// option value stays a usage error.
    @Test func unmappedErrorsAndBadOptions() {
        struct Odd: Error {}
        #expect(ExitCodes.code(for: Odd()) == nil)
        let out = Buffer()
        let err = Buffer()
        let status = ReclaimLab.main(
            arguments: ["runs", "--status", "bogus"], console: Console(write: { out.append($0) }, writeError: { err.append($0) }))
        #expect(status == 64, "a bad option value is usage: \(err.text)")
    }
}
