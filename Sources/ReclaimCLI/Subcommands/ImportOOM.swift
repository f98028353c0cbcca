import ArgumentParser
import Foundation
import ReclaimKernelFunctions
import ReclaimOOMReports
import ReclaimStore

extension ReclaimLab {
    /// `reclaimlab import-oom FILE... [--db FILE]` (issue 8): real kernels' OOM-killer
    /// reports into `oom_reports`/`oom_report_tasks`, each scored with the modern
    /// `oom_badness` and replayed through 2.6.20's `badness()`.
    struct ImportOOM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-oom",
            abstract: "Import OOM-killer reports from kernel logs; score them with the modern and the 2.6.20 heuristics.",
            discussion: """
                Reads logs as dmesg (also -T, -x, -r), journalctl -k and kern.log print them: one or \
                many reports per file, with or without timestamps, among unrelated lines. Each report \
                is stored once (its key is a hash of its lines without timestamps, so the same OOM \
                from two captures is one report) with its task table, the modern kernel's pick \
                (oom_badness, ties to the later task) and the one 2.6.20 would have made (badness() \
                from total_vm, root /4, oom_adj from oom_score_adj). Reports cut off part-way are \
                skipped with a warning naming the file and line. All inputs are read before the \
                database is opened; the new reports are written in one transaction. Exit 0 when at \
                least one whole report was found (new or already stored), 65 when none was, 66 when \
                a file is missing. Compare with `reclaimlab query oom-report-agreement`.
                """)

        @Argument(help: "Kernel logs; - reads standard input.")
        var files: [String]

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one log file (or - for standard input)") }
        }

        func run() throws {
            let console = Console.current
            var reports: [ScoredOOMReport] = []
            var warnings = 0
            for (source, text) in try Self.readInputs(files) {
                let parse = OOMLogParser.parse(text, source: source)
                for warning in parse.warnings {
                    console.error("reclaimlab: warning: \(warning)")
                }
                warnings += parse.warnings.count
                reports += parse.reports.map(ScoredOOMReport.init)
            }
            guard !reports.isEmpty else {
                let skipped = warnings == 0 ? "no OOM-killer report found" : "no whole OOM-killer report found (\(warnings) skipped, see the warnings above)"
                throw CLIFailure(
                    description: "\(files.joined(separator: ", ")): \(skipped); nothing imported. "
                        + "Pass kernel logs holding 'invoked oom-killer' ... 'Killed process' reports (dmesg, journalctl -k).",
                    exitCode: ExitCodes.dataError)
            }
            let store = try Store(path: database.db)
            let outcomes = try store.importOOMReports(reports)
            console.output(Self.summary(reports, outcomes, warnings: warnings))
        }

        /// Every input's name and text, read before anything is written. `-` is standard
        /// input, named `(stdin)`.
        static func readInputs(_ files: [String]) throws -> [(String, String)] {
            try files.map { file in
                if file == "-" {
                    let data = FileHandle.standardInput.readDataToEndOfFile()
                    return ("(stdin)", String(decoding: data, as: UTF8.self))
                }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
                    throw CLIFailure(description: "\(file): no such file. Nothing was imported.", exitCode: ExitCodes.noInput)
                }
                guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: file) else {
                    throw CLIFailure(
                        description: "\(file): cannot read it (\(isDirectory.boolValue ? "a directory" : "permission?")). Nothing was imported.",
                        exitCode: isDirectory.boolValue ? ExitCodes.noInput : ExitCodes.ioError)
                }
                return (file, String(decoding: data, as: UTF8.self))
            }
        }

        /// One line per report found, then the totals.
        static func summary(_ reports: [ScoredOOMReport], _ outcomes: [OOMReportImport], warnings: Int) -> String {
            func pick(_ row: Int?, _ s: ScoredOOMReport) -> String {
                guard let row else { return "-" }
                return "\(s.report.tasks[row].pid)"
            }
            let rows = zip(reports, outcomes).map { s, o -> [String] in
                let r = s.report
                return [
                    String(o.reportId), "\(r.source):\(r.firstLine)", r.kernelVersion ?? "?", r.scope,
                    r.memcg ?? "-", "\(r.killed.pid) \(r.killed.comm)", pick(s.modernChosen, s),
                    pick(s.legacyChosen, s), o.isNew ? "new" : "already stored",
                ]
            }
            let modern = reports.filter { $0.modernChosen == $0.kernelKilled }.count
            let legacy = reports.filter { $0.legacyChosen == $0.kernelKilled }.count
            let new = outcomes.filter(\.isNew).count
            return Table.render(
                header: ["report_id", "source", "kernel", "scope", "memcg", "killed", "modern", "2.6.20", "stored"],
                rows: rows)
                + "\n\(reports.count) report\(reports.count == 1 ? "" : "s"): \(new) new, \(reports.count - new) already stored, \(warnings) skipped; "
                + "the modern heuristic picks the kernel's victim in \(modern)/\(reports.count), 2.6.20's in \(legacy)/\(reports.count)"
        }
    }
}
