import Foundation
import GRDB
import Testing

/// `reclaimlab sweep` end to end: identical rows for any --jobs, resume after re-runs and
/// after SIGKILL, dry runs and invalid axes that write nothing (issue 4 acceptance).
/// Spawns the binary: a hung child fails the suite instead of the whole test run.
@Suite(.timeLimit(.minutes(5))) struct SweepTests {
    @Test func jobsOneAndTwoRecordIdenticalRows() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let one = fixture.sweep(db: "one.db", ["--jobs", "1"])
        #expect(one.status == 0, "\(one.stderr)")
        let two = fixture.sweep(db: "two.db", ["--jobs", "2"])
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.stderr.contains("12 runs: ran 12 (12 done, 0 failed), skipped 0 already done"))
        let a = try SweepFixture.contents(fixture.path("one.db"))
        let b = try SweepFixture.contents(fixture.path("two.db"))
        #expect(a["runs"]?.count == 12)
        #expect((a["scan_passes"]?.count ?? 0) > 0)
        #expect((a["samples"]?.count ?? 0) > 0)
        for table in a.keys.sorted() {
            #expect(a[table] == b[table], "\(table) differs between --jobs 1 and --jobs 2")
        }
        #expect(a.keys.sorted() == b.keys.sorted())
        // The summary on stdout: one row per configuration (seed is not a column).
        let lines = two.stdout.split(separator: "\n")
        #expect(
            lines.first?.hasPrefix("machine.swap_pages  machine.laptop_mode  runs  done  failed  OOM kills (mean)")
                == true)
        #expect(lines.count == 2 + 4)
    }

    @Test func shardsMergedEqualOneUnshardedSweep() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        #expect(fixture.sweep(db: "all.db").status == 0)
        var inputs: [String] = []
        for k in 1...3 {
            let shard = fixture.sweep(db: "shard\(k).db", ["--shard", "\(k)/3"])
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(shard.stderr.contains("4 runs: ran 4"))
            inputs.append(fixture.path("shard\(k).db"))
        }
        let merge = fixture.main(["merge", fixture.path("merged.db")] + inputs)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("4 runs added"))
        let all = try SweepFixture.contents(fixture.path("all.db"))
        let merged = try SweepFixture.contents(fixture.path("merged.db"))
        #expect(all.keys.sorted() == merged.keys.sorted())
        for table in all.keys.sorted() {
            #expect(all[table] == merged[table], "\(table) differs between the merged shards and one sweep")
        }
        #expect(try SweepFixture.count(fixture.path("merged.db"), "SELECT COUNT(*) FROM sweeps") == 3)
        // Merging a shard again adds nothing.
        let again = fixture.main(["merge", fixture.path("merged.db"), inputs[0]])
        #expect(again.status == 0)
        #expect(
            again.stdout.contains(
                "0 runs added, 0 replaced, 4 already done, 0 not copied; 0 sweeps added; 0 event rows"))
        #expect(try SweepFixture.contents(fixture.path("merged.db")) == merged)
    }

    @Test func reRunningAFinishedSweepRunsNothing() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        #expect(fixture.sweep(db: "lab.db").status == 0)
        let before = try SweepFixture.contents(fixture.path("lab.db"))
        let again = fixture.sweep(db: "lab.db")
        #expect(again.status == 0)
        #expect(
            again.stderr.contains("12 runs: ran 0 (0 done, 0 failed), skipped 12 already done, retried 0"),
            "\(again.stderr)")
        #expect(try SweepFixture.contents(fixture.path("lab.db")) == before)
        #expect(
            try SweepFixture.count(fixture.path("lab.db"), "SELECT COUNT(*) FROM sweeps") == 2,
            "each invocation is recorded")
        #expect(try SweepFixture.count(fixture.path("lab.db"), "SELECT COUNT(DISTINCT sweep_id) FROM runs") == 1)
        // --set extends the grid: only the new points run.
        let wider = fixture.sweep(db: "lab.db", ["--set", "seed=1..4"])
        #expect(wider.status == 0)
        #expect(wider.stderr.contains("16 runs: ran 4 (4 done, 0 failed), skipped 12"), "\(wider.stderr)")
    }

    /// SIGKILL part-way, then the same sweep again: every run done exactly once.
    @Test func aKilledSweepResumesWithoutDuplicatesOrGaps() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let db = fixture.path("lab.db")
        // 16 runs of 2 s simulated, one at a time: a couple of seconds in all.
        let arguments = [
            "sweep", fixture.path("sweep.yaml"), "--db", db, "--jobs", "1", "--set", "seed=1..4", "--set",
            "duration_s=2",
        ]
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var doneAtKill = 0
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline {
            if FileManager.default.fileExists(atPath: db) {
                doneAtKill = (try? SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE status = 'done'")) ?? 0
                if doneAtKill >= 3 {
                    kill(process.processIdentifier, SIGKILL)
                    break
                }
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the sweep finished before it could be killed")
        #expect(doneAtKill >= 3)
        // A run may have committed between the last poll and the kill.
        let done = try SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE status = 'done'")
        let interrupted = try SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE status = 'running'")
        #expect(done < 16)
        #expect(interrupted <= 1)

        let resumed = try BinaryTests.run(arguments, in: fixture.dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(
            resumed.stderr.contains(
                "16 runs: ran \(16 - done) (\(16 - done) done, 0 failed), skipped \(done) already done, retried \(interrupted)"
            ),
            "\(resumed.stderr)")
        #expect(try SweepFixture.count(db, "SELECT COUNT(*) FROM runs") == 16)
        #expect(try SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE status = 'done'") == 16)
        // No run lost or doubled its rows: every run has the same number of samples and tasks.
        #expect(
            try SweepFixture.count(
                db, "SELECT COUNT(DISTINCT n) FROM (SELECT COUNT(*) AS n FROM samples GROUP BY run_id)") == 1)
        #expect(try SweepFixture.count(db, "SELECT COUNT(*) FROM tasks") == 16 * 3)
        #expect(try SweepFixture.count(db, "SELECT COUNT(*) FROM (SELECT run_id FROM samples GROUP BY run_id)") == 16)
    }

    @Test func dryRunPrintsTheGridAndWritesNothing() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let r = fixture.main([
            "sweep", fixture.path("sweep.yaml"), "--db", fixture.path("lab.db"), "--dry-run", "--shard", "2/3",
        ])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "#   run key       machine.swap_pages  machine.laptop_mode  seed")
        #expect(lines.count == 2 + 4)
        #expect(lines[2].hasPrefix("2   "))
        #expect(lines[2].hasSuffix("0                   0                    2"))
        #expect(r.stderr.contains("4 runs (shard 2/3 of 12); dry run"))
        #expect(!FileManager.default.fileExists(atPath: fixture.path("lab.db")))
    }

    @Test func invalidAxesFailBeforeAnythingIsWritten() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let db = fixture.path("lab.db")
        let bad = fixture.main(["sweep", fixture.path("sweep.yaml"), "--db", db, "--jobs", "1", "--set", "machine.swappiness=0,150"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("machine.swappiness"))
        #expect(bad.stderr.contains("150 is out of range"))
        let unknown = fixture.main(["sweep", fixture.path("sweep.yaml"), "--db", db, "--jobs", "1", "--set", "machine.nosuch=1"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("machine.nosuch"))
        try "base: tiny.yaml\naxes: { seed: [] }\n".write(
            toFile: fixture.path("empty.yaml"), atomically: true, encoding: .utf8)
        let empty = fixture.main(["sweep", fixture.path("empty.yaml"), "--db", db, "--jobs", "1"])
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("axes.seed: no values"))
        try "base: tiny.yaml\nbogus: 1\n".write(toFile: fixture.path("bogus.yaml"), atomically: true, encoding: .utf8)
        let bogus = fixture.main(["sweep", fixture.path("bogus.yaml"), "--db", db, "--jobs", "1"])
        #expect(bogus.status == 64)
        #expect(bogus.stderr.contains("bogus: unknown key"))
        let shard = fixture.main(["sweep", fixture.path("sweep.yaml"), "--db", db, "--jobs", "1", "--shard", "0/3"])
        #expect(shard.status == 64)
        let jobs = fixture.main(["sweep", fixture.path("sweep.yaml"), "--db", db, "--jobs", "0"])
        #expect(jobs.status == 64)
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}
