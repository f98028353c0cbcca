import Foundation
import ReclaimRecords
import ReclaimStore
import ReclaimTestSupport
import Testing

/// A database recorded by the built binary from real scenario files, built once for the
/// query and export tests (which only read it).
enum RealDatabase {
    /// Runs that give every canned query rows: kills (chosen, child-first, outside the
    /// container, busy), laptop mode, swappiness 0 vs 60, two seeds, and a run expected to
    /// fail (RAM exhausted outside the containers).
    static let runs: [[String]] = [
        ["scenarios/leak-oom.yaml"],
        ["scenarios/leak-oom.yaml", "--set", "machine.swappiness=0"],
        ["scenarios/child-first.yaml"],
        ["scenarios/foreign-victim.yaml"],
        ["scenarios/laptop-dirty.yaml"],
        ["scenarios/laptop-dirty.yaml", "--set", "seed=2"],
        ["scenarios/file-reclaim.yaml"],
        ["scenarios/leak-oom.yaml", "--set", "machine.ram_pages=1000"],
    ]

    static let built: Result<URL, any Error> = Result {
        let dir = try BinaryTests.tempDir()
        for arguments in runs {
            let scenario = TestPaths.packageRoot.appendingPathComponent(arguments[0]).path
            let r = try BinaryTests.run(["run", scenario, "--db", "real.db"] + arguments.dropFirst(), in: dir)
            // The last one may fail (exit 70); the others must succeed.
            if r.status != 0, !arguments.contains("machine.ram_pages=1000") {
                throw CLIFailureForTests(description: "run \(arguments) exited \(r.status): \(r.stderr)")
            }
        }
        return dir.appendingPathComponent("real.db")
    }

    static var path: String { get throws { try built.get().path } }
}

struct CLIFailureForTests: Error, CustomStringConvertible {
    var description: String
}

/// The query files on disk.
enum QueryFiles {
    static var names: [String] {
        let dir = TestPaths.packageRoot.appendingPathComponent("queries").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".sql") }.sorted().map { String($0.dropLast(4)) }
    }

    static func url(_ name: String) -> URL {
        TestPaths.packageRoot.appendingPathComponent("queries/\(name).sql")
    }
}

/// A program on PATH, e.g. `sqlite3`; nil when missing (CI installs sqlite3 and python3).
func executableOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Runs `executable` with `arguments`, feeding `input` to its stdin.
func runTool(_ executable: String, _ arguments: [String], input: String = "", in dir: URL? = nil) throws
    -> CommandResult
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let dir { process.currentDirectoryURL = dir }
    let stdin = Pipe()
    let out = Pipe()
    let err = Pipe()
    process.standardInput = stdin
    process.standardOutput = out
    process.standardError = err
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
        stderr: String(decoding: e, as: UTF8.self))
}

/// `reclaimlab query`, end to end through the built binary on a real database.
/// Spawns the binary: a hung child fails the suite instead of the whole test run.
@Suite(.timeLimit(.minutes(5))) struct QueryCommandTests {
    @Test func theFilesOnDiskAreTheCannedQueries() {
        #expect(QueryFiles.names == StoreReader.cannedQueries.map(\.name))
        #expect(QueryFiles.names.count >= 11)
    }

    /// Every canned query runs through `reclaimlab query NAME` in every format, and through
    /// `reclaimlab query FILE.sql`, from a directory that has no queries/ folder.
    @Test(arguments: QueryFiles.names)
    func everyCannedQueryRunsThroughTheBinary(name: String) throws {
        let db = try RealDatabase.path
        let dir = try BinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = try BinaryTests.run(["query", name, "--db", db], in: dir)
        #expect(table.status == 0, "stderr: \(table.stderr)")
        #expect(table.stderr.isEmpty)
        let columns = try #require(StoreReader.cannedQuery(named: name)).documentedColumns
        #expect(table.stdout.hasPrefix(columns[0] + " "))
        let csv = try BinaryTests.run(["query", name, "--db", db, "--format", "csv"], in: dir)
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix(columns.joined(separator: ",") + "\r\n"))
        let fromFile = try BinaryTests.run(
            ["query", QueryFiles.url(name).path, "--db", db, "--format", "csv"], in: dir)
        #expect(fromFile.status == 0)
        #expect(fromFile.stdout == csv.stdout, "the file and the embedded copy give the same rows")
        for format in ["tsv", "json"] {
            let r = try BinaryTests.run(["query", name, "--db", db, "--format", format], in: dir)
            #expect(r.status == 0, "\(format): \(r.stderr)")
        }
        let json = try BinaryTests.run(["query", name, "--db", db, "--format", "json"], in: dir)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(parsed != nil, "json output is an array of objects")
        #expect(parsed?.count == csv.stdout.components(separatedBy: "\r\n").count - 2)
    }

    /// Every file in queries/ runs as is in the sqlite3 shell (parameters unset, so the
    /// defaults apply) and prints what `reclaimlab query NAME --format csv` prints.
    @Test(.enabled(if: executableOnPath("sqlite3") != nil, "needs the sqlite3 shell"), arguments: QueryFiles.names)
    func everyFileRunsInTheSqliteShell(name: String) throws {
        let db = try RealDatabase.path
        let sqlite3 = try #require(executableOnPath("sqlite3"))
        let text = try String(contentsOf: QueryFiles.url(name), encoding: .utf8)
        let shell = try runTool(
            sqlite3, ["-bail", "-header", "-csv", "-readonly", "-cmd", ".timeout 10000", db], input: text)
        #expect(shell.status == 0, "sqlite3 on queries/\(name).sql: \(shell.stderr)")
        #expect(shell.stderr.isEmpty, "\(shell.stderr)")
        let ours = try BinaryTests.run(["query", name, "--db", db, "--format", "csv"], in: TestPaths.packageRoot)
        // The shell ends CSV lines with LF and prints no header for zero rows.
        let oursLF = ours.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(
            shell.stdout == oursLF || (shell.stdout.isEmpty && oursLF.split(separator: "\n").count == 1),
            "queries/\(name).sql: the shell and reclaimlab disagree")
    }

    /// Parameters set with `.param set` in the shell and `--param` in the binary agree.
    @Test(.enabled(if: executableOnPath("sqlite3") != nil, "needs the sqlite3 shell"))
    func parametersAgreeWithTheShell() throws {
        let db = try RealDatabase.path
        let sqlite3 = try #require(executableOnPath("sqlite3"))
        let text = try String(contentsOf: QueryFiles.url("oom-decision"), encoding: .utf8)
        // child-first.yaml is the third run; it has an OOM 3.
        let shell = try runTool(
            sqlite3, ["-bail", "-header", "-csv", "-readonly", "-cmd", ".timeout 10000", db],
            input: ".param init\n.param set :run_id 3\n.param set :oom_no 3\n" + text)
        #expect(shell.status == 0, "\(shell.stderr)")
        let ours = try BinaryTests.run(
            ["query", "oom-decision", "--db", db, "--format", "csv", "--param", "run_id=3", "--param", ":oom_no=3"],
            in: TestPaths.packageRoot)
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(shell.stdout == ours.stdout.replacingOccurrences(of: "\r\n", with: "\n"))
        // What the query must show, not which child a near-tie picked: the header and
        // every candidate of the decision, the parent among them.
        #expect(ours.stdout.split(whereSeparator: \.isNewline).count > 2)
        #expect(ours.stdout.contains("spawner"))
    }

    @Test func listShowsEveryQueryWithItsSummary() throws {
        let dir = try BinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try BinaryTests.run(["query", "--list"], in: dir)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == QueryFiles.names.count)
        for (line, query) in zip(lines, StoreReader.cannedQueries) {
            #expect(line.hasPrefix(query.name + " "))
            #expect(line.contains(query.summary))
        }
        #expect(r.stdout.contains("[:run_id :oom_no]"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("reclaimlab.db").path))
    }

    @Test func unknownQueryIsAUsageErrorListingTheQueries() throws {
        let db = try RealDatabase.path
        let r = try BinaryTests.run(["query", "reclaim-efficency", "--db", db], in: TestPaths.packageRoot)
        #expect(r.status == 64)
        #expect(r.stderr.contains("no canned query named \"reclaim-efficency\""))
        for name in QueryFiles.names { #expect(r.stderr.contains(name)) }
        #expect(r.stdout.isEmpty)
    }

    @Test func unknownParameterIsAUsageErrorListingTheParameters() throws {
        let db = try RealDatabase.path
        let r = try BinaryTests.run(
            ["query", "oom-decision", "--db", db, "--param", "run=1"], in: TestPaths.packageRoot)
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown parameter :run: oom-decision takes :run_id, :oom_no"))
        let none = try BinaryTests.run(
            ["query", "swap", "--db", db, "--param", "run_id=1"], in: TestPaths.packageRoot)
        #expect(none.status == 64)
        #expect(none.stderr.contains("swap takes no parameters"))
        let malformed = try BinaryTests.run(
            ["query", "swap", "--db", db, "--param", "run_id"], in: TestPaths.packageRoot)
        #expect(malformed.status == 64)
        #expect(malformed.stderr.contains("NAME=VALUE"))
        let badFormat = try BinaryTests.run(
            ["query", "swap", "--db", db, "--format", "xml"], in: TestPaths.packageRoot)
        #expect(badFormat.status == 64)
        let neither = try BinaryTests.run(["query", "--db", db], in: TestPaths.packageRoot)
        #expect(neither.status == 64)
    }

    @Test func missingOrForeignDatabases() throws {
        let dir = try BinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try BinaryTests.run(["query", "swap"], in: dir)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("reclaimlab.db: does not exist"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "nothing created")
        try Data("not a database".utf8).write(to: dir.appendingPathComponent("notes.db"))
        let foreign = try BinaryTests.run(["query", "swap", "--db", "notes.db"], in: dir)
        #expect(foreign.status == 65)
        #expect(foreign.stderr.contains("not a SQLite database"))
        let noFile = try BinaryTests.run(["query", "nope.sql", "--db", try RealDatabase.path], in: dir)
        #expect(noFile.status == 66)
        #expect(noFile.stderr.contains("nope.sql: no such file"))
    }

    /// A user's file: several statements, SQL errors with exit 65, no writes.
    @Test func userFiles() throws {
        let db = try RealDatabase.path
        let dir = try BinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "SELECT count(*) AS runs FROM runs;\nSELECT :x AS x;\n".write(
            to: dir.appendingPathComponent("two.sql"), atomically: true, encoding: .utf8)
        let two = try BinaryTests.run(["query", "two.sql", "--db", db, "--param", "x=web", "--format", "tsv"], in: dir)
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.stdout == "runs\n\(RealDatabase.runs.count)\nx\nweb\n")
        try "SELECT nosuch FROM runs;".write(
            to: dir.appendingPathComponent("bad.sql"), atomically: true, encoding: .utf8)
        let bad = try BinaryTests.run(["query", "bad.sql", "--db", db], in: dir)
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("bad.sql"))
        #expect(bad.stderr.contains("nosuch"))
        try "DELETE FROM runs;".write(to: dir.appendingPathComponent("write.sql"), atomically: true, encoding: .utf8)
        let write = try BinaryTests.run(["query", "write.sql", "--db", db], in: dir)
        #expect(write.status == 65)
        let count = try BinaryTests.run(["query", "runs-overview", "--db", db, "--format", "csv"], in: dir)
        #expect(count.stdout.components(separatedBy: "\r\n").count - 2 == RealDatabase.runs.count, "nothing deleted")
    }
}
