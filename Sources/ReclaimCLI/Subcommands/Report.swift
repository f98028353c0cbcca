import ArgumentParser
import Foundation
import ReclaimModel
import ReclaimRecords
import ReclaimReport
import ReclaimStore

extension ReclaimLab {
    /// `reclaimlab report [--db FILE] [--out FILE.html] [--sweep ID] [--run ID]`
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the results as one self-contained HTML page with charts.",
            discussion: """
                The page loads nothing (inline CSS and SVG, no script, no web font, no URL): \
                per sweep, the headline metrics over swappiness x swap x laptop_mode (one row \
                of panels per kernel); per run (--run, or every run of a sweep of at most 24), \
                usage against the limits over time with reclaim calls and kills marked, scan \
                passes by priority, and each kill's candidates with their badness() factors. \
                The database is opened read-only: never created, never migrated.
                """)

        @Option(name: .long, help: "The SQLite database (must exist; opened read-only).")
        var db: String = "reclaimlab.db"

        @Option(name: .long, help: "The HTML file to write (replaced if it exists).")
        var out: String = "report.html"

        @Option(name: .customLong("sweep"), help: "Only this sweep (sweeps.sweep_id).")
        var sweepId: Int64?

        @Option(name: .customLong("run"), help: "Only this run's page (runs.run_id).")
        var runId: Int64?

        func validate() throws {
            if sweepId != nil, runId != nil {
                throw ValidationError("give --sweep or --run, not both")
            }
        }

        func run() throws {
            let store = try StoreReader(readingExisting: db)
            let request = ReportRequest(
                sweepId: sweepId, runId: runId, commandLine: commandLine, databasePath: db,
                toolVersion: ToolInfo.toolVersion, modelVersion: ModelInfo.modelVersion)
            let html = try ReclaimReport.Report.html(store: store, request: request)
            do {
                try Data(html.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw CLIFailure(
                    description: "\(out): cannot write the report: \(error.localizedDescription)", exitCode: ExitCodes.cantCreate)
            }
            Console.current.output("\(out)  \(html.utf8.count) bytes")
        }

        /// The command as parsed, every option spelled out (quoted where it has a space):
        /// the same text whether the command came from a shell or a test.
        var commandLine: String {
            var words = ["reclaimlab", "report", "--db", db, "--out", out]
            if let sweepId { words += ["--sweep", String(sweepId)] }
            if let runId { words += ["--run", String(runId)] }
            return words.map { word in
                word.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" })
                    ? "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" : word
            }.joined(separator: " ")
        }
    }
}
