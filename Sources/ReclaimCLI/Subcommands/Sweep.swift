import ArgumentParser
import Foundation
import ReclaimScenario
import ReclaimSimulator
import ReclaimStore
import ReclaimSweep

extension ReclaimLab {
    /// `reclaimlab sweep SWEEP [--db FILE] [--jobs N] [--shard K/N] [--dry-run] [--set KEY=V1,V2,...]...`
    /// (docs/sweeps.md; issue 4).
    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every point of a sweep's grid and record it in the database.",
            discussion: """
                The grid is the product of the sweep's axes (axes in file order, the last varying \
                fastest) and is validated as a whole before the database is touched: an invalid \
                axis writes nothing. Runs already done (by run key) are skipped; failed and \
                interrupted ones are run again. --shard K/N runs the grid points whose 0-based \
                index i has i % N == K-1, so N machines can each run a slice into their own \
                database and `reclaimlab merge` joins them.

                Several processes may sweep into one database at once: each run is claimed by \
                one process (its host, pid and start time are recorded); the others skip it as \
                running elsewhere. A run whose owner died is taken over by the next sweep that \
                reaches it. Each process reports how many runs it ran, skipped as done, and \
                found running elsewhere.

                Ctrl-C starts no more runs, lets the ones in flight finish and commit, and \
                prints the command that resumes the sweep; a second Ctrl-C quits at once (its \
                unfinished runs are retried on resume).

                Exit status: 0 when every run this process ran is done (runs found running in \
                another process included), 70 when any run failed (it is stored 'failed' with \
                its error), 64 for an invalid sweep, 130 when interrupted by Ctrl-C.
                """)

        @Argument(help: "Sweep file (YAML or JSON): a base scenario and axes.")
        var sweep: String

        @OptionGroup var database: DatabaseOptions

        @Option(
            name: .customLong("set"),
            help: "Add or replace an axis: KEY=V1,V2,... or KEY=[V1, V2] or KEY=A..B (repeatable).")
        var axes: [String] = []

        @Option(help: "Simulations run side by side (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "Run only slice K of N (1-based): grid points with index % N == K-1.")
        var shard: String?

        @Flag(help: "Print the expanded runs (run key and varied values) and exit; no database.")
        var dryRun = false

        @Flag(help: "Stop starting new runs after the first failure.")
        var failFast = false

        @Flag(help: "Nothing on stderr unless something fails: no progress, no totals.")
        var quiet = false

        @Option(help: "What to record: passes (everything), calls (no scan_passes), oom (no reclaim rows).")
        var record: RunRecorder.Level = .passes

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
            if let shard, SweepShard(parsing: shard) == nil {
                throw ValidationError("--shard must be K/N with 1 <= K <= N, like 2/3 (got \"\(shard)\")")
            }
        }

        func run() throws {
            let console = Console.current
            let file = try SweepFile.load(path: sweep).applying(setArguments: axes)
            let grid = try SweepGrid(sweep: file)
            let slice = shard.flatMap(SweepShard.init(parsing:)) ?? .all
            let points = grid.points(in: slice)
            let scope = slice == .all ? "" : " (shard \(slice) of \(grid.points.count))"
            if dryRun {
                console.output(
                    Table.render(
                        header: ["#", "run key"] + grid.axes.map(\.keyPath.description),
                        rows: points.map { point in
                            [String(point.index + 1), String(point.runKey.prefix(12))] + point.values.map(\.flowText)
                        }))
                console.error(
                    "\(file.name): \(points.count) run\(points.count == 1 ? "" : "s")\(scope); dry run: nothing simulated or written"
                )
                return
            }
            let store = try Store(path: database.db)
            let sweepId = try store.recordSweep(name: file.name, spec: spec(file))
            if !quiet {
                console.error(
                    "sweep \(file.name) (sweep_id \(sweepId)): \(points.count) runs\(scope), \(min(jobs, max(points.count, 1))) at a time"
                )
            }
            let stop = SweepStop()
            let resume = resumeCommand
            let interrupts = InterruptHandler { count in
                if count == 1 {
                    stop.request()
                    console.error(
                        "interrupted: starting no more runs; the runs in flight finish and are written "
                            + "(Ctrl-C again to quit now: they are then retried on resume)")
                } else {
                    console.error("reclaimlab: interrupted again: quitting; resume with: \(resume)")
                    Foundation.exit(ExitCodes.interrupted)
                }
            }
            defer { interrupts.uninstall() }
            let runner = SweepRunner(
                points: points, engine: KernelEngine(console: console), store: store, sweepId: sweepId, jobs: jobs,
                failFast: failFast, progressMode: ProgressReporter.mode(quiet: quiet), progressOutput: console.writeError,
                axes: grid.axes, recordLevel: record, stop: stop)
            let tally = try runner.run()
            let clean = tally.failed == 0 && tally.claimsLost == 0 && !tally.interrupted
            if !quiet || !clean { console.error("\(file.name): \(tally.description)") }
            if !points.isEmpty {
                console.output(try SweepSummary.render(points: points, axes: grid.axes, store: store))
            }
            if tally.interrupted {
                throw CLIFailure(
                    description: "interrupted: \(tally.notStarted) run\(tally.notStarted == 1 ? "" : "s") not started; "
                        + "resume with: \(resume)",
                    exitCode: ExitCodes.interrupted)
            }
            if tally.failed > 0 {
                throw CLIFailure(
                    description: "\(tally.failed) run\(tally.failed == 1 ? "" : "s") failed "
                        + "(see `reclaimlab runs --status failed --db \(database.db)`; a re-run of the sweep retries them)",
                    exitCode: ExitCodes.software)
            }
        }

        /// The command line that runs this sweep again (and so resumes it): the same sweep
        /// file, database, axes, shard and options, quoted for a POSIX shell.
        var resumeCommand: String {
            var words = ["reclaimlab", "sweep", sweep, "--db", database.db, "--jobs", String(jobs)]
            for axis in axes { words += ["--set", axis] }
            if let shard { words += ["--shard", shard] }
            if record != .passes { words += ["--record", record.rawValue] }
            if failFast { words.append("--fail-fast") }
            if quiet { words.append("--quiet") }
            return words.map(Self.shellQuoted).joined(separator: " ")
        }

        /// `word` as a POSIX shell reads it back: unchanged when it has only safe
        /// characters, else in single quotes (a `'` inside becomes `'\''`).
        static func shellQuoted(_ word: String) -> String {
            let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%")
            if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
            return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }

        /// `sweeps.spec`: the sweep file verbatim, then the invocation's `--set` and
        /// `--shard` as YAML comments (so the spec still reads as the same sweep file).
        func spec(_ file: SweepFile) -> String {
            var text = file.text
            let extra = axes.map { "--set \($0)" } + (shard.map { ["--shard \($0)"] } ?? [])
            if !extra.isEmpty {
                if !text.hasSuffix("\n") { text += "\n" }
                text += "# reclaimlab sweep " + extra.joined(separator: " ") + "\n"
            }
            return text
        }
    }
}
