import Foundation
import ReclaimTestSupport
import GRDB

/// A database for report tests: a 12-run sweep (2 s simulated each; container OOM kills
/// with a child dying for its parent, and global reclaim by kswapd and direct reclaim),
/// one of its runs turned `failed` as ``Store/failRun`` leaves it (no event rows, no
/// totals), and a single run outside the sweep with no container and no kill.
struct ReportFixture {
    let sweep: SweepFixture
    let db: String

    static let base = """
        name: pressure
        duration_s: 2
        machine: { ram_pages: 4096, swap_pages: 0, uptime_s: 3600 }
        containers:
          - { name: box, limit_pages: 1200 }
        tasks:
          - { name: spawner, container: box, workload: { kind: fork, children: 6, child_pages: 150, interval_s: 0.1 } }
          - { name: leak, container: box, start_s: 0.5, workload: { kind: anon-grow, pages_per_s: 600, max_pages: 500 } }
          - { name: cache, workload: { kind: file-working-set, pages: 3600, refs_per_tick: 32 } }
          - { name: heap, workload: { kind: anon-grow, pages_per_s: 400, refs_per_tick: 8 } }
        """

    /// 2 x 2 x 3 = 12 runs.
    static let grid = """
        name: report-sweep
        base: pressure.yaml
        axes:
          machine.swappiness: [0, 100]
          machine.swap_pages: [0, 1024]
          seed: 1..3
        """

    static let bare = """
        name: bare
        duration_s: 1
        machine: { ram_pages: 16384, swap_pages: 0, uptime_s: 100 }
        tasks:
          - { name: heap, workload: { kind: anon-working-set, pages: 300, refs_per_tick: 16 } }
        """

    init() throws {
        sweep = try SweepFixture()
        db = sweep.path("report.db")
        try Self.base.write(to: sweep.dir.appendingPathComponent("pressure.yaml"), atomically: true, encoding: .utf8)
        try Self.grid.write(to: sweep.dir.appendingPathComponent("report-sweep.yaml"), atomically: true, encoding: .utf8)
        let swept = sweep.main(["sweep", sweep.path("report-sweep.yaml"), "--db", db, "--quiet"])
        guard swept.status == 0 else { throw FixtureError(message: "sweep failed: \(swept.stderr)") }
        try Self.bare.write(to: sweep.dir.appendingPathComponent("bare.yaml"), atomically: true, encoding: .utf8)
        let ran = sweep.main(["run", sweep.path("bare.yaml"), "--db", db])
        guard ran.status == 0 else { throw FixtureError(message: "run failed: \(ran.stderr)") }
        let queue = try DatabaseQueue(path: db)
        defer { try? queue.close() }
        try queue.write { db in
            guard let failed = try Int64.fetchOne(db, sql: "SELECT min(run_id) FROM runs WHERE sweep_id IS NOT NULL AND oom_kills > 0")
            else { throw FixtureError(message: "the report sweep killed nothing") }
            for table in ["reclaim_calls", "scan_passes", "oom_events", "oom_candidates", "tasks", "containers", "zones", "samples"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [failed])
            }
            try db.execute(
                sql: """
                    UPDATE runs SET status = 'failed', error = 'panic: <injected> & "quoted" for the report test',
                        faults = NULL, major_faults = NULL, pages_scanned = NULL, pages_reclaimed = NULL, oom_kills = NULL,
                        stall_ms = NULL, pages_written_back = NULL, swap_outs = NULL, swap_ins = NULL, reclaim_calls = NULL,
                        oom_events = NULL, page_refs = NULL
                    WHERE run_id = ?
                    """, arguments: [failed])
        }
    }

    func remove() { sweep.remove() }

    /// `reclaimlab report --db DB ARGUMENTS...`, writing into the fixture's directory.
    func report(_ arguments: [String], out: String = "report.html") -> (CommandResult, String?) {
        let path = sweep.path(out)
        let result = sweep.main(["report", "--db", db, "--out", path] + arguments)
        return (result, try? String(contentsOfFile: path, encoding: .utf8))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
