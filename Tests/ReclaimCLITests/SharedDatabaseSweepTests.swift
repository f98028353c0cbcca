import Foundation
import GRDB
import ReclaimStore
import ReclaimTestSupport
import Testing

/// Issue 12 §4: several `reclaimlab sweep` processes over one grid into one database. Each
/// run is claimed once (owner host, pid, start time); a live owner's claim is skipped, a dead
/// owner's run is taken over; every process exits 0 and says how many runs it ran, skipped
/// and found running elsewhere. Spawns the binary.
@Suite(.timeLimit(.minutes(5))) struct SharedDatabaseSweepTests {
    /// Runs `reclaimlab ARGUMENTS` `count` times at once, each on a thread of its own (so
    /// all start together however many cores there are), and returns their results.
    static func together(_ count: Int, _ arguments: [String], in dir: URL) -> [Result<CommandResult, any Error>] {
        let results = Results(count)
        let group = DispatchGroup()
        for i in 0..<count {
            group.enter()
            Thread {
                results.set(i, Result { try BinaryTests.run(arguments, in: dir) })
                group.leave()
            }.start()
        }
        group.wait()
        return results.all
    }

    /// The number `(\d+)` captures in a sweep's totals line, e.g. `runs: ran (\d+) \(`.
    static func number(_ pattern: String, in stderr: String) -> Int? {
        guard let match = stderr.firstMatch(of: try! Regex(pattern)), let group = match.output[1].substring else {
            return nil
        }
        return Int(group)
    }

    /// Run-key prefixes of the runs a sweep's progress lines say it simulated and wrote
    /// (`[ 3/48] done    3fa9c2d1e0b7  ...`).
    static func simulatedKeys(in stderr: String) -> [String] {
        stderr.split(separator: "\n").compactMap { line in
            guard let match = line.firstMatch(of: #/^\[ *\d+/\d+\] done +([0-9a-f]{12}) /#) else { return nil }
            return String(match.output.1)
        }
    }

    /// 3 processes over one 48-point grid (2 x 2 x 12 runs of 1 s simulated): 48 `done`
    /// rows, each run simulated by exactly one process (the "ran" counts add up to 48 and no
    /// run key is reported done twice), exit 0 for all, no "database is locked".
    @Test func threeProcessesShareOneGrid() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let db = fixture.path("lab.db")
        let arguments = ["sweep", fixture.path("sweep.yaml"), "--db", db, "--jobs", "1", "--set", "seed=1..12"]
        let results = try Self.together(3, arguments, in: fixture.dir).map { try $0.get() }

        var ran: [Int] = []
        var keys: [String] = []
        for (i, r) in results.enumerated() {
            #expect(r.status == 0, "process \(i + 1): \(r.stderr)")
            #expect(!r.stderr.contains("locked"), "process \(i + 1): \(r.stderr)")
            let n = try #require(Self.number(#"runs: ran (\d+) \("#, in: r.stderr), "process \(i + 1): \(r.stderr)")
            let skipped = try #require(Self.number(#"skipped (\d+) already done"#, in: r.stderr))
            let elsewhere = try #require(Self.number(#"(\d+) running elsewhere"#, in: r.stderr))
            #expect(n + skipped + elsewhere == 48, "process \(i + 1) accounts for every point: \(r.stderr)")
            ran.append(n)
            keys += Self.simulatedKeys(in: r.stderr)
        }
        #expect(ran.reduce(0, +) == 48, "runs simulated per process: \(ran)")
        #expect(keys.count == 48, "48 'done' progress lines over the 3 processes")
        #expect(Set(keys).count == 48, "no run key simulated twice")
        #expect(try SweepFixture.count(db, "SELECT COUNT(*) FROM runs") == 48)
        #expect(try SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE status = 'done'") == 48)
        #expect(try SweepFixture.count(db, "SELECT COUNT(DISTINCT run_key) FROM runs") == 48)
        // Every run recorded whole once: 3 tasks each, one set of samples per run.
        #expect(try SweepFixture.count(db, "SELECT COUNT(*) FROM tasks") == 48 * 3)
        #expect(
            try SweepFixture.count(
                db, "SELECT COUNT(DISTINCT n) FROM (SELECT COUNT(*) AS n FROM samples GROUP BY run_id)") == 1)
        // Each run names the process that ran it; the three processes shared the work.
        #expect(try SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE owner_pid IS NULL") == 0)
        #expect(try SweepFixture.count(db, "SELECT COUNT(DISTINCT owner_pid) FROM runs") == ran.filter { $0 > 0 }.count)
        #expect(try SweepFixture.count(db, "SELECT COUNT(*) FROM sweeps") == 3)
    }

    /// After a finished 12-run sweep, run 1 is made `running` by a process that has exited
    /// and run 2 `running` by this (live) test process: a new sweep takes over run 1 (ran 1,
    /// retried 1), skips run 2 as running elsewhere, skips the other 10 as done, exits 0.
    @Test func aDeadOwnersRunIsTakenOverALiveOnesIsSkipped() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let db = fixture.path("lab.db")
        let first = fixture.sweep(db: "lab.db")
        #expect(first.status == 0, "\(first.stderr)")

        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/true")
        try exited.run()
        exited.waitUntilExit()
        let me = RunOwner.current
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: db, configuration: configuration)
        try queue.write { db in
            let claim = "UPDATE runs SET status = 'running', finished_at = NULL, owner_host = ?, owner_pid = ?, owner_start = ? WHERE run_id = ?"
            try db.execute(sql: claim, arguments: [me.host, exited.processIdentifier, 1, 1])
            try db.execute(sql: claim, arguments: [me.host, me.pid, me.start, 2])
        }
        try queue.close()

        let again = try BinaryTests.run(["sweep", fixture.path("sweep.yaml"), "--db", db, "--jobs", "1"], in: fixture.dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            again.stderr.contains(
                "12 runs: ran 1 (1 done, 0 failed), skipped 10 already done, retried 1 failed or interrupted, 1 running elsewhere"),
            "\(again.stderr)")
        #expect(again.stderr.contains("(running in pid \(me.pid) on \(me.host))"), "\(again.stderr)")
        #expect(try SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE status = 'done'") == 11)
        #expect(try SweepFixture.count(db, "SELECT status = 'done' AND owner_pid <> \(exited.processIdentifier) FROM runs WHERE run_id = 1") == 1)
        #expect(try SweepFixture.count(db, "SELECT status = 'running' AND owner_pid = \(me.pid) FROM runs WHERE run_id = 2") == 1)

        // `reclaimlab run` of the run this process holds refuses with 75 (try again later).
        let config = try SweepFixture.value(db, "SELECT config FROM runs WHERE run_id = 2")
        try config.write(to: fixture.dir.appendingPathComponent("two.json"), atomically: true, encoding: .utf8)
        let run = try BinaryTests.run(["run", fixture.path("two.json"), "--db", db], in: fixture.dir)
        #expect(run.status == 75, "\(run.stderr)")
        #expect(run.stderr.contains("is being run by pid \(me.pid) on \(me.host)"), "\(run.stderr)")
    }

    /// `sweep --quiet` writes nothing to stderr when it succeeds, the first time and when
    /// every run is already done; its summary still goes to stdout.
    @Test func quietSweepWritesNothingToStderr() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let arguments = ["sweep", fixture.path("sweep.yaml"), "--db", fixture.path("lab.db"), "--jobs", "1", "--quiet"]
        for round in 1...2 {
            let r = try BinaryTests.run(arguments, in: fixture.dir)
            #expect(r.status == 0, "round \(round): \(r.stderr)")
            #expect(r.stderr == "", "round \(round)")
            #expect(r.stdout.contains("machine.swap_pages"), "round \(round): the summary table")
        }
    }

    /// Ctrl-C (SIGINT) once 3 runs are done: no more runs start, the run in flight finishes
    /// and is written (no `running` row is left), the sweep exits 130 and prints the command
    /// that resumes it; that command then runs only the rest.
    @Test func ctrlCStopsCleanlyAndSaysHowToResume() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let db = fixture.path("lab.db")
        let arguments = [
            "sweep", fixture.path("sweep.yaml"), "--db", db, "--jobs", "1", "--set", "seed=1..12", "--set", "duration_s=2",
        ]
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = fixture.dir
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let stderr = Drained(err.fileHandleForReading)
        var doneAtSignal = 0
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline {
            if FileManager.default.fileExists(atPath: db) {
                doneAtSignal = (try? SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE status = 'done'")) ?? 0
                if doneAtSignal >= 3 {
                    kill(process.processIdentifier, SIGINT)
                    break
                }
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        process.waitUntilExit()
        let text = stderr.wait()
        #expect(doneAtSignal >= 3)
        #expect(process.terminationReason == .exit, "\(text)")
        #expect(process.terminationStatus == 130, "\(text)")
        let resume = "resume with: reclaimlab sweep \(fixture.path("sweep.yaml")) --db \(db) --jobs 1 --set seed=1..12 --set duration_s=2"
        #expect(text.contains(resume), "\(text)")
        let done = try SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE status = 'done'")
        #expect(try SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE status <> 'done'") == 0, "no run left half-done")
        #expect(done < 48, "the sweep stopped early (\(done) of 48 done)")
        #expect(text.contains("\(48 - done) runs not started"), "\(text)")

        let resumed = try BinaryTests.run(Array(arguments), in: fixture.dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(
            resumed.stderr.contains("48 runs: ran \(48 - done) (\(48 - done) done, 0 failed), skipped \(done) already done"),
            "\(resumed.stderr)")
        #expect(try SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE status = 'done'") == 48)
    }
}

/// Results filled in by several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<CommandResult, any Error>?]

    init(_ count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Result<CommandResult, any Error>) {
        lock.lock()
        values[i] = value
        lock.unlock()
    }

    var all: [Result<CommandResult, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return values.map { $0! }
    }
}

/// A pipe read to its end on a thread of its own.
private final class Drained: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func wait() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
