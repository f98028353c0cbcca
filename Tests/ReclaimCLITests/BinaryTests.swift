import Foundation
import GRDB
import ReclaimRecords
import ReclaimStore
import ReclaimTestSupport
import Testing

/// End-to-end: the built `reclaimlab` binary on real scenario files, checked through its
/// exit code, its output and the rows it leaves in the database.
/// Spawns the binary: a hung child fails the suite instead of the whole test run.
@Suite(.timeLimit(.minutes(2))) struct BinaryTests {

    /// The binary next to the test bundle (`swift test` builds it: this target depends on it).
    static var binary: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("reclaimlab"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("reclaimlab"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("reclaimlab"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs the binary in `dir`, feeding `stdin` (or an empty input) and capturing both
    /// streams (read concurrently, see ``ProcessRunner``).
    static func run(_ arguments: [String], in dir: URL, stdin: String? = nil) throws -> CommandResult {
        try ProcessRunner.run(binary, arguments, in: dir, stdin: stdin)
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reclaimlab-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func binaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "looked at \(Self.binary.path)")
    }

    /// leak-oom.yaml: the leak is killed by its container's OOM killer; rows for the run,
    /// its reclaim call, the kill decision with both candidates, tasks and containers land.
    @Test func runRecordsAKillDecision() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = TestPaths.packageRoot.appendingPathComponent("scenarios/leak-oom.yaml").path
        let r = try Self.run(["run", scenario], in: dir)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("status done"))
        #expect(r.stdout.contains("leak"))
        #expect(r.stdout.contains("block requests: read "))
        let db = try DatabaseQueue(path: dir.appendingPathComponent("reclaimlab.db").path)
        try db.read { db in
            let run = try #require(try Row.fetchOne(db, sql: "SELECT * FROM runs"))
            #expect(run["status"] as String == "done")
            #expect(run["oom_kills"] as Int == 1)
            #expect((run["run_key"] as String).count == 64)
            let kill = try #require(try Row.fetchOne(db, sql: "SELECT * FROM oom_events WHERE outcome = 'killed'"))
            let victim = try String.fetchOne(db, sql: "SELECT name FROM tasks WHERE pid = ?", arguments: [kill["victim_pid"] as Int64])
            #expect(victim == "leak")
            #expect(kill["scope"] as String == "container")
            // Badness by hand: the daemon (1500 pages, a day old: run_time 84 -> isqrt 9 ->
            // isqrt 3) scores 500; the leak's total_vm at the kill is its score.
            let daemon = try Int.fetchOne(db, sql: "SELECT points FROM oom_candidates WHERE name = 'daemon'")
            #expect(daemon == 500)
            // ... and its factors say so: base 1500, run_divisor 3, no other step (issue 12 §3).
            let factors = try #require(try Row.fetchOne(db, sql: "SELECT * FROM oom_candidates WHERE name = 'daemon'"))
            #expect(factors["base_points"] as Int == 1500)
            #expect(factors["run_divisor"] as Int == 3)
            #expect(factors["cpu_divisor"] as Int == 1)
            #expect(factors["cap_divisor"] as Int == 1)
            #expect(factors["nice_doubled"] as Int == 0)
            #expect(factors["adj_shift"] as Int == 0)
            // The kill names the failed reclaim call that led to it.
            let failed = try Int.fetchOne(db, sql: "SELECT call_no FROM reclaim_calls WHERE result = 0")
            #expect(kill["call_no"] as Int? == failed)
            let leakPoints = try Int.fetchOne(db, sql: "SELECT points FROM oom_candidates WHERE name = 'leak'")
            let leakVM = try Int.fetchOne(db, sql: "SELECT total_vm FROM oom_candidates WHERE name = 'leak'")
            #expect(leakPoints == leakVM)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reclaim_calls WHERE result = 0") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scan_passes") == 13)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM containers WHERE name = 'box' AND limit_pages = 3000") == 1)
        }
        // Running the same scenario again does not run it twice.
        let again = try Self.run(["run", scenario], in: dir)
        #expect(again.status == 0)
        #expect(again.stderr.contains("already recorded"))
        let runCount = try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") }
        #expect(runCount == 1)
        let list = try Self.run(["runs", "--status", "done"], in: dir)
        #expect(list.status == 0)
        #expect(list.stdout.contains("leak-oom"))
    }

    /// A bad scenario exits 64, names file and key path, and creates no database.
    @Test func invalidScenarioWritesNothing() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.yaml")
        try """
            name: bad
            machine: { ram_pages: 1000, swappiness: 150 }
            tasks: [{ name: a, workload: { kind: idle } }]
            """.write(to: file, atomically: true, encoding: .utf8)
        let r = try Self.run(["run", "bad.yaml"], in: dir)
        #expect(r.status == 64)
        #expect(r.stderr.contains("bad.yaml"))
        #expect(r.stderr.contains("machine.swappiness"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("reclaimlab.db").path))
        let missing = try Self.run(["run", "nope.yaml"], in: dir)
        #expect(missing.status == 66)
        let override = try Self.run(["run", TestPaths.packageRoot.appendingPathComponent("scenarios/leak-oom.yaml").path, "--set", "machine.nosuch=1"], in: dir)
        #expect(override.status == 64)
        #expect(override.stderr.contains("machine.nosuch"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("reclaimlab.db").path))
    }

    @Test func migratePrintsTheVersion() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run(["migrate", "--db", "x.db"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains(Store.migrationIdentifiers.last!), "the latest migration: \(r.stdout)")
        let noDir = try Self.run(["migrate", "--db", "missing/dir/x.db"], in: dir)
        #expect(noDir.status == 73, "stderr: \(noDir.stderr)")
    }
}
