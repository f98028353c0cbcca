import ReclaimStore

/// The short summary `run` prints, read back from the database (so it shows what landed).
struct RunReport {
    let store: StoreReader
    let runId: Int64

    /// A cell as a person reads it: text unquoted, NULL as "-".
    static func cell(_ value: QueryValue?) -> String {
        switch value ?? .null {
        case .null: "-"
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .text(let s): s
        case .blob(let b): "<\(b.count) bytes>"
        }
    }

    func print(to console: Console) throws {
        guard let overview = try store.runOverview(runId: runId) else {
            throw CLIFailure(description: "run \(runId) is not in the database", exitCode: ExitCodes.software)
        }
        let f = { (name: String) -> String in Self.cell(overview.run[name]) }
        console.output(
            "run \(runId)  \(f("scenario"))  seed \(f("seed"))  status \(f("status"))  key \(f("run_key").prefix(12))")
        if case .text(let error) = overview.run["error"] { console.output("  error: \(error)") }
        console.output("  faults \(f("faults")) (major \(f("major_faults")))  reclaim calls \(f("reclaim_calls"))  scanned \(f("pages_scanned"))  reclaimed \(f("pages_reclaimed"))")
        console.output("  swap-outs \(f("swap_outs"))  swap-ins \(f("swap_ins"))  written back \(f("pages_written_back"))  stall \(f("stall_ms")) ms  OOM kills \(f("oom_kills"))")
        console.output("  block requests: read \(f("read_requests"))  write \(f("write_requests"))")
        if !overview.containers.rows.isEmpty {
            console.output(Table.render(
                header: ["container", "limit", "max usage", "failcnt", "reclaim calls", "succeeded", "OOM kills"],
                rows: overview.containers.rows.map { $0.map(Self.cell) }))
        }
        if !overview.kills.rows.isEmpty {
            console.output(Table.render(
                header: ["t_ms", "scope", "container", "chosen", "points", "victim", "victim name", "victim container"],
                rows: overview.kills.rows.map { $0.map(Self.cell) }))
        }
    }
}
