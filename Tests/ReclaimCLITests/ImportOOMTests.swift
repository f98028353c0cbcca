import Foundation
import GRDB
import ReclaimTestSupport
import Testing

/// End-to-end: the built binary's `import-oom` on the real-kernel fixtures in Tests/Fixtures, then the
/// canned agreement queries on the database it wrote.
/// Spawns the binary: a hung child fails the suite instead of the whole test run.
@Suite(.timeLimit(.minutes(2))) struct ImportOOMTests {
    /// `Tests/Fixtures/kernel-oom` inside the repository.
    static let fixtures = TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/kernel-oom")
    static var fixtureFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [])
            .filter { $0.hasSuffix(".log") }.sorted().map { fixtures.appendingPathComponent($0).path }
    }

    typealias Result = CommandResult

    static func run(_ arguments: [String], in dir: URL, stdin: String? = nil) throws -> Result {
        try BinaryTests.run(arguments, in: dir, stdin: stdin)
    }

    static func tempDir() throws -> URL { try BinaryTests.tempDir() }

    /// Every report of every fixture imports and the modern heuristic names the kernel's
    /// victim in each; on adj_protect_big.log and sizes4.log (three reports) 2.6.20 names it
    /// in none; the canned queries run on the result; a re-import adds nothing.
    @Test func importsTheFixturesAndTheAgreementQueriesRun() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let all = Self.fixtureFiles
        #expect(all.count >= 2, "fixtures at \(Self.fixtures.path)")
        var r = try Self.run(["import-oom"] + all + ["--db", "all.db"], in: dir)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.isEmpty, "every fixture report is whole: \(r.stderr)")
        let allDB = try SweepFixture.readOnly(dir.appendingPathComponent("all.db").path)
        let (reports, agreeing) = try allDB.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM oom_reports") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM oom_reports WHERE modern_victim_pid = killed_pid") ?? 0)
        }
        #expect(reports >= 3, "the modern prediction is the kernel's victim in every report")
        #expect(agreeing == reports, "the modern prediction is the kernel's victim in every report")
        try allDB.close()

        let files = all.filter { $0.hasSuffix("/adj_protect_big.log") || $0.hasSuffix("/sizes4.log") }
        #expect(files.count == 2)
        r = try Self.run(["import-oom"] + files + ["--db", "lab.db"], in: dir)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains("3 reports: 3 new, 0 already stored, 0 skipped"))
        #expect(r.stdout.contains("picks the kernel's victim in 3/3, 2.6.20's in 0/3"))

        r = try Self.run(["query", "oom-report-agreement", "--db", "lab.db", "--format", "csv"], in: dir)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let lines = r.stdout.split(whereSeparator: \.isNewline)  // CSV rows end in CRLF
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("report_id,source,first_line,") == true)
        r = try Self.run(["query", "oom-report-agreement-rate", "--db", "lab.db", "--format", "csv"], in: dir)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("modern,3,3,3,1"))
        #expect(r.stdout.contains("2.6.20,3,3,0,0"))

        r = try Self.run(["import-oom"] + files + ["--db", "lab.db"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("3 reports: 0 new, 3 already stored"))
        let db = try SweepFixture.readOnly(dir.appendingPathComponent("lab.db").path)
        #expect(try db.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM oom_reports") } == 3)
        #expect(try db.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM oom_reports WHERE modern_victim_pid = killed_pid") } == 3)
    }

    /// `-` reads standard input (journalctl -k style here); the report is the same one.
    @Test func readsStandardInput() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try #require(Self.fixtureFiles.first { $0.hasSuffix("/adj_protect_big.log") })
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let journal = text.split(separator: "\n").map { line -> String in
            guard let close = line.firstIndex(of: "]") else { return String(line) }
            return "Nov 28 05:12:01 lab kernel:" + line[line.index(after: close)...]
        }.joined(separator: "\n")
        var r = try Self.run(["import-oom", "-", "--db", "lab.db"], in: dir, stdin: journal)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("(stdin):1"))
        r = try Self.run(["import-oom", file, "--db", "lab.db"], in: dir)
        #expect(r.stdout.contains("1 report: 0 new, 1 already stored"), "\(r.stdout)")
    }

    /// A cut-off report warns with the file and line; the whole one before it imports (exit 0).
    @Test func cutOffReportWarnsAndTheRestImports() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sizes4 = try #require(Self.fixtureFiles.first { $0.hasSuffix("sizes4.log") })
        let lines = try String(contentsOfFile: sizes4, encoding: .utf8).split(separator: "\n")
        try lines.prefix(120).joined(separator: "\n").write(to: dir.appendingPathComponent("cut.log"), atomically: true, encoding: .utf8)
        let r = try Self.run(["import-oom", "cut.log", "--db", "lab.db"], in: dir)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.contains("reclaimlab: warning: cut.log:120: OOM report starting at line 84 skipped: cut off"), "\(r.stderr)")
        #expect(r.stdout.contains("1 report: 1 new, 0 already stored, 1 skipped"))
    }

    /// Nothing whole: exit 65 and no database; a missing file: exit 66 and no database.
    @Test func nothingImportedExitCodes() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "[    1.000000] Linux version 6.18.44\n[    2.000000] eth0: link up\n".write(
            to: dir.appendingPathComponent("boot.log"), atomically: true, encoding: .utf8)
        var r = try Self.run(["import-oom", "boot.log", "--db", "lab.db"], in: dir)
        #expect(r.status == 65)
        #expect(r.stderr.contains("boot.log: no OOM-killer report found; nothing imported"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("lab.db").path))
        r = try Self.run(["import-oom", "boot.log", "missing.log", "--db", "lab.db"], in: dir)
        #expect(r.status == 66)
        #expect(r.stderr.contains("missing.log: no such file"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("lab.db").path))
        r = try Self.run(["import-oom", "--db", "lab.db"], in: dir)
        #expect(r.status == 64)
    }
}
