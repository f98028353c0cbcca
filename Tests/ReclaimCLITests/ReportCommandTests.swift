import Foundation
import ReclaimTestSupport
import GRDB
import Testing

/// `reclaimlab report`: the page from a database with a failed run, a run without kills
/// and a run without containers; read-only; errors.
@Suite struct ReportCommandTests {
    @Test func reportsEverySweepAndTheRunsOutsideOne() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        #expect(try SweepFixture.count(fixture.db, "SELECT count(*) FROM runs WHERE status = 'failed'") == 1)
        #expect(try SweepFixture.count(fixture.db, "SELECT count(*) FROM runs WHERE oom_kills = 0") >= 1)
        #expect(
            try SweepFixture.count(
                fixture.db, "SELECT count(*) FROM runs r WHERE status = 'done' AND NOT EXISTS (SELECT 1 FROM containers c WHERE c.run_id = r.run_id)") == 1)

        let (result, html) = fixture.report([])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try #require(html)
        #expect(result.stdout.hasPrefix(fixture.sweep.path("report.html") + "  "))
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("Sweep 1: report-sweep"))
        #expect(page.contains("Runs outside a sweep"))
        // 7 metric panels for the sweep (none for the one run outside it: one configuration is
        // no grid) and a usage chart for each of the 12 done runs; a page for each of the 13 runs.
        #expect(page.components(separatedBy: "class=\"chart line-chart\"").count - 1 == 7 + 12)
        #expect(page.contains("One configuration only"))
        #expect(page.components(separatedBy: "<section id=\"run-").count - 1 == 13)
        // The failed run: its error, escaped, and no charts.
        #expect(page.contains("panic: &lt;injected&gt; &amp; \"quoted\" for the report test"))
        #expect(page.contains("Its event rows were not kept"))
        #expect(page.contains("No OOM invocation in this run."))
        #expect(page.contains("Why was "))
        // The sweep's kills: a child dies for the parent select_bad_process chose.
        #expect(page.contains("◀ killed (child of the chosen)"))
        #expect(page.contains("class=\"chart bar-chart\""))
        // Provenance.
        #expect(page.contains("reclaimlab report --db \(fixture.db) --out \(fixture.sweep.path("report.html"))"))
        #expect(page.contains("2.6.20-rss/"))
        // Nothing to fetch.
        #expect(!page.contains("http:") && !page.contains("https:"))
        #expect(!page.contains("src=") && !page.contains("<script") && !page.contains("<link"))
    }

    @Test func oneRunOrOneSweep() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let (run, runPage) = fixture.report(["--run", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(runPage?.contains("<section id=\"run-2\"") == true)
        #expect(runPage?.contains("Sweep 1:") == false)
        let (sweep, sweepPage) = fixture.report(["--sweep", "1"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(sweepPage?.contains("Runs outside a sweep") == false)
        #expect(sweepPage?.contains("Sweep 1: report-sweep") == true)
    }

    @Test func moreThanOneKernelGetsARowOfPanelsEach() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let queue = try DatabaseQueue(path: fixture.db)
        try queue.write { db in
            try db.execute(sql: "UPDATE runs SET kernel = 'live', model_version = 'linux-6.1' WHERE sweep_id = 1 AND seed = 3")
        }
        try queue.close()
        let (result, html) = fixture.report(["--sweep", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try #require(html)
        #expect(page.contains("<h3>kernel 2.6.20-rss</h3>") && page.contains("<h3>kernel live</h3>"))
        #expect(page.components(separatedBy: "How many pages did reclaim scan?</h3>").count - 1 == 2)
        #expect(page.contains("2.6.20-rss/") && page.contains("linux-6.1"))
    }

    @Test func aSweepOf1000RunsRendersInSecondsAndStaysSmall() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        // 83 copies of the sweep's 12 runs with all their rows: 1008 runs in sweep 1.
        let queue = try DatabaseQueue(path: fixture.db)
        try queue.write { db in
            let runColumns = try db.columns(in: "runs").map(\.name).filter { !["run_id", "run_key", "seed"].contains($0) }
            let tables = ["reclaim_calls", "scan_passes", "oom_events", "oom_candidates", "tasks", "containers", "zones", "samples"]
            for copy in 1...83 {
                let offset = copy * 100
                let list = runColumns.joined(separator: ", ")
                try db.execute(
                    sql: """
                        INSERT INTO runs (run_id, run_key, seed, \(list))
                        SELECT run_id + \(offset), run_key || '-\(copy)', seed + \(offset), \(list) FROM runs WHERE sweep_id = 1 AND run_id < 100
                        """)
                for table in tables {
                    let columns = try db.columns(in: table).map(\.name).filter { $0 != "run_id" }.joined(separator: ", ")
                    try db.execute(
                        sql: """
                            INSERT INTO \(table) (run_id, \(columns))
                            SELECT run_id + \(offset), \(columns) FROM \(table) WHERE run_id IN (SELECT run_id FROM runs WHERE sweep_id = 1 AND run_id < 100)
                            """)
                }
            }
        }
        try queue.close()
        #expect(try SweepFixture.count(fixture.db, "SELECT count(*) FROM runs WHERE sweep_id = 1") == 1008)
        let clock = ContinuousClock()
        let start = clock.now
        let (result, html) = fixture.report(["--sweep", "1"])
        let elapsed = clock.now - start
        #expect(result.status == 0, "\(result.stderr)")
        // Measured 0.1 s in a debug build; the bound leaves room for a loaded CI machine.
        #expect(elapsed < .seconds(10), "report of 1008 runs took \(elapsed)")
        let page = try #require(html)
        #expect(page.utf8.count < 3_000_000, "\(page.utf8.count) bytes")
        #expect(page.contains("The first 200 of 1008 runs"))
        #expect(!page.contains("<section id=\"run-"))  // no page per run for a large sweep
    }

    @Test func unknownIdsAreUsageErrorsAndWriteNothing() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let (run, page) = fixture.report(["--run", "999"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("no run with run_id 999"))
        #expect(page == nil)
        let (sweep, _) = fixture.report(["--sweep", "7"])
        #expect(sweep.status == 64)
        #expect(sweep.stderr.contains("no sweep with sweep_id 7 (its sweeps are 1)"))
        let (both, _) = fixture.report(["--sweep", "1", "--run", "1"])
        #expect(both.status == 64)
    }

    @Test func aMissingDatabaseExits66AndCreatesNothing() throws {
        let sweep = try SweepFixture()
        defer { sweep.remove() }
        let result = sweep.main(["report", "--db", sweep.path("none.db"), "--out", sweep.path("r.html")])
        #expect(result.status == 66)
        #expect(result.stderr.contains("none.db: does not exist"))
        #expect(!FileManager.default.fileExists(atPath: sweep.path("none.db")))
        #expect(!FileManager.default.fileExists(atPath: sweep.path("r.html")))
    }

    @Test func anOlderDatabaseIsNotMigrated() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        // Pretend an older reclaimlab wrote it: the last migration is not recorded.
        let queue = try DatabaseQueue(path: fixture.db)
        let last = try queue.write { db -> String in
            let last = try String.fetchOne(db, sql: "SELECT max(identifier) FROM grdb_migrations")!
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [last])
            return last
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.db))
        let (result, page) = fixture.report([])
        #expect(result.status == 65)
        #expect(result.stderr.contains("missing migrations: \(last)") && result.stderr.contains("reclaimlab migrate --db"))
        #expect(page == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.db)) == before)
    }

    @Test func anUnwritableOutputExits73() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let (result, _) = fixture.report([], out: "no-such-dir/report.html")
        #expect(result.status == 73)
        #expect(result.stderr.contains("cannot write the report"))
    }
}
