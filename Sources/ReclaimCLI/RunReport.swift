import GRDB
import ReclaimStore

/// The short summary `run` prints, read back from the database (so it shows what landed).
struct RunReport {
    let store: Store
    let runId: Int64

    /// A cell as a person reads it: text unquoted, NULL as "-".
    static func cell(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "-"
        case .int64(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): s
        case .blob(let b): "<\(b.count) bytes>"
        }
    }

    func print(to console: Console) throws {
        try store.read { db in
            guard let run = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE run_id = ?", arguments: [runId]) else {
                throw CLIFailure(description: "run \(runId) is not in the database", exitCode: ExitCodes.software)
            }
            let key: String = run["run_key"]
            let status: String = run["status"]
            console.output("run \(runId)  \(run["scenario"] as String)  seed \(run["seed"] as Int64)  status \(status)  key \(key.prefix(12))")
            if let error: String = run["error"] { console.output("  error: \(error)") }
            let f = { (name: String) -> String in (run[name] as Int64?).map(String.init) ?? "-" }
            console.output("  faults \(f("faults")) (major \(f("major_faults")))  reclaim calls \(f("reclaim_calls"))  scanned \(f("pages_scanned"))  reclaimed \(f("pages_reclaimed"))")
            console.output("  swap-outs \(f("swap_outs"))  swap-ins \(f("swap_ins"))  written back \(f("pages_written_back"))  stall \(f("stall_ms")) ms  OOM kills \(f("oom_kills"))")
            let containers = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.name, c.limit_pages, c.max_usage, c.failcnt,
                      (SELECT COUNT(*) FROM reclaim_calls r WHERE r.run_id = c.run_id AND r.container = c.name) AS calls,
                      (SELECT COUNT(*) FROM reclaim_calls r WHERE r.run_id = c.run_id AND r.container = c.name AND r.result = 1) AS ok,
                      (SELECT COUNT(*) FROM oom_events o WHERE o.run_id = c.run_id AND o.container = c.name AND o.outcome = 'killed') AS kills
                    FROM containers c WHERE c.run_id = ? ORDER BY c.name
                    """, arguments: [runId])
            if !containers.isEmpty {
                console.output(Table.render(
                    header: ["container", "limit", "max usage", "failcnt", "reclaim calls", "succeeded", "OOM kills"],
                    rows: containers.map { r in
                        [r["name"], r["limit_pages"], r["max_usage"], r["failcnt"], r["calls"], r["ok"], r["kills"]].map(Self.cell)
                    }))
            }
            let kills = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.t_ms, e.scope, e.container, e.chosen_pid, e.chosen_points, e.victim_pid, t.name AS victim, e.victim_container
                    FROM oom_events e LEFT JOIN tasks t ON t.run_id = e.run_id AND t.pid = e.victim_pid
                    WHERE e.run_id = ? AND e.outcome = 'killed' ORDER BY e.oom_no LIMIT 10
                    """, arguments: [runId])
            if !kills.isEmpty {
                console.output(Table.render(
                    header: ["t_ms", "scope", "container", "chosen", "points", "victim", "victim name", "victim container"],
                    rows: kills.map { r in
                        ["t_ms", "scope", "container", "chosen_pid", "chosen_points", "victim_pid", "victim", "victim_container"].map { Self.cell(r[$0]) }
                    }))
            }
        }
    }
}
