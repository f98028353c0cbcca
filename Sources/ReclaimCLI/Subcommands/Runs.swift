import ArgumentParser
import ReclaimRecords
import ReclaimStore

extension ReclaimLab {
    /// `reclaimlab runs [--db FILE] [--status done|failed|running]`
    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the recorded runs.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Only runs with this status: done, failed or running.")
        var status: RunStatus?

        func run() throws {
            let store = try StoreReader(readingExisting: database.db)
            let rows = try store.runs(status: status)
            Console.current.output(Table.render(
                header: ["run_id", "scenario", "seed", "swappiness", "swap_pages", "laptop_mode", "status", "oom_kills", "scanned", "reclaimed", "run_key", "error"],
                rows: rows.map { r in
                    [String(r.runId), r.scenario, String(r.seed), String(r.swappiness), String(r.swapPages), String(r.laptopMode), r.status.rawValue,
                     r.oomKills.map(String.init) ?? "", r.pagesScanned.map(String.init) ?? "", r.pagesReclaimed.map(String.init) ?? "",
                     String(r.runKey.prefix(12)), r.error ?? ""]
                }))
        }
    }
}
