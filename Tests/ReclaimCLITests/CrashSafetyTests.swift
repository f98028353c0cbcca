import Foundation
import GRDB
import Testing

/// Issue 7: a sweep killed with SIGKILL at arbitrary moments, again and again, then
/// resumed, ends with every run `done` exactly once, an intact database and event rows only
/// for `done` runs; readers (`reclaimlab query` and the `sqlite3` shell) never see
/// "database is locked" while it writes.
@Suite struct CrashSafetyTests {
    /// Seeded delays, so a failure can be replayed.
    struct Delays {
        var state: UInt64 = 0x2007_0306
        mutating func next(_ range: ClosedRange<Int>) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
    }

    /// Each round starts the sweep and kills it once 1-3 more runs are `done` than before
    /// (seeded), after a further 0-20 ms, so the kills land at different moments of a
    /// commit; the grid (32 runs) outlasts the 10 rounds (at most 30 runs) on any machine.
    @Test(.timeLimit(.minutes(5))) func tenKillsThenResume() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let db = fixture.path("lab.db")
        // 2 x 2 x 8 = 32 runs of 2 s simulated.
        let arguments = [
            "sweep", fixture.path("sweep.yaml"), "--db", db, "--jobs", "2", "--quiet", "--set", "seed=1..8", "--set",
            "duration_s=2",
        ]
        var delays = Delays()
        var kills = 0
        var done = 0
        var readerFailures: [String] = []
        for round in 1...10 {
            let target = done + delays.next(1...3)
            let process = Process()
            process.executableURL = BinaryTests.binary
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning, Date() < deadline {
                if FileManager.default.fileExists(atPath: db) {
                    done = (try? SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE status = 'done'")) ?? done
                    if done >= target { break }
                }
                Thread.sleep(forTimeInterval: 0.005)
            }
            // A reader while the sweep writes (the in-process CLI, read-only connection).
            if round % 3 == 0 {
                let r = fixture.main(["query", "runs-overview", "--db", db, "--format", "csv"])
                if r.status != 0 { readerFailures.append(r.stderr) }
            }
            Thread.sleep(forTimeInterval: Double(delays.next(0...20)) / 1000)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
        }
        #expect(kills == 10, "killed 10 times part-way (\(kills) times; \(done) runs done at the last kill)")
        let resumed = try BinaryTests.run(arguments, in: fixture.dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(readerFailures.isEmpty, "\(readerFailures)")

        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: db, configuration: configuration)
        defer { try? queue.close() }
        try queue.read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") == 32)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT run_key) FROM runs WHERE status = 'done'") == 32)
            for table in ["reclaim_calls", "scan_passes", "oom_events", "oom_candidates", "samples", "tasks", "containers", "zones"] {
                let orphans = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM \(table) WHERE run_id NOT IN (SELECT run_id FROM runs WHERE status = 'done')")
                #expect(orphans == 0, "\(table): rows of runs that are not done")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tasks") == 32 * 3, "every run's tasks, once")
        }
    }

    /// `sqlite3` and `reclaimlab query` read in a loop while a sweep writes.
    @Test(.timeLimit(.minutes(2))) func readersDuringASweep() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let db = fixture.path("lab.db")
        _ = fixture.main(["migrate", "--db", db])
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = ["sweep", fixture.path("sweep.yaml"), "--db", db, "--jobs", "2", "--quiet", "--set", "seed=1..4"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let shell = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        var reads = 0
        var failures: [String] = []
        while process.isRunning {
            let r = fixture.main(["query", "runs-overview", "--db", db, "--format", "tsv"])
            if r.status != 0 { failures.append("query: \(r.stderr)") }
            if let shell {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: shell)
                // The shell has no busy timeout by default; any reader of a live database sets one.
                p.arguments = ["-cmd", ".timeout 10000", db, "SELECT COUNT(*) FROM scan_passes JOIN runs USING (run_id) WHERE status = 'done'"]
                let err = Pipe()
                p.standardError = err
                p.standardOutput = FileHandle.nullDevice
                try p.run()
                p.waitUntilExit()
                if p.terminationStatus != 0 {
                    failures.append("sqlite3: " + String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
                }
            }
            reads += 1
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(reads > 0)
        #expect(failures.isEmpty, "\(failures)")
    }
}
