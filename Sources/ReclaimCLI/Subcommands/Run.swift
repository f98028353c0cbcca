import ArgumentParser
import Foundation
import ReclaimRecords
import ReclaimScenario
import ReclaimSimulator
import ReclaimStore

extension ReclaimLab {
    /// `reclaimlab run SCENARIO [--db FILE] [--set KEY=VALUE]...`
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate one scenario and record it in the database.",
            discussion: """
                The scenario is validated before the database is touched: a bad file writes \
                nothing. A scenario whose run key is already recorded as done is not run again.
                """)

        @Argument(help: "Scenario file (YAML or JSON).")
        var scenario: String

        @OptionGroup var database: DatabaseOptions

        @Option(name: .customLong("set"), help: "Override a scenario key, e.g. machine.swappiness=0 (repeatable).")
        var overrides: [String] = []

        @Option(help: "What to record: passes (everything), calls (no scan_passes), oom (no reclaim rows).")
        var record: RunRecorder.Level = .passes

        func run() throws {
            let console = Console.current
            let parsed = try overrides.map { try Override.parse($0) }
            let loaded = try ScenarioFile.load(path: scenario, overrides: parsed)
            let engine = KernelEngine(console: console)
            let descriptor = engine.descriptor(for: loaded, sweepId: nil)
            let store = try Store(path: database.db)
            let runId: Int64
            switch try store.beginRun(descriptor) {
            case .alreadyDone(let id):
                console.error("run \(id) (key \(loaded.runKey.prefix(12))) is already recorded as done; not run again")
                try RunReport(store: store.reader, runId: id).print(to: console)
                return
            case .runningElsewhere(let id, let owner):
                throw CLIFailure(
                    description: "run \(id) (key \(loaded.runKey.prefix(12))) is being run by \(owner); not run twice. "
                        + "Retry when it is done (`reclaimlab runs --db \(database.db)` shows its status)",
                    exitCode: ExitCodes.tempFail)
            case .started(let id):
                runId = id
            }
            let how = loaded.scenario.isLive ? "on the live kernel, \(descriptor.modelVersion)" : "simulated"
            console.error("running \(loaded.scenario.name) (\(loaded.scenario.durationSeconds) s \(how), seed \(descriptor.seed)) as run \(runId)")
            var recorder = store.recorder(runId: runId, level: record)
            let summary: RunSummary
            do {
                summary = try engine.run(loaded, sink: &recorder)
            } catch {
                try store.failRun(recorder, error: "\(error)")
                throw CLIFailure(
                    description: "run \(runId) failed: \(error)", exitCode: ExitCodes.code(for: error) ?? ExitCodes.software)
            }
            try store.finishRun(recorder, summary: summary)
            try RunReport(store: store.reader, runId: runId).print(to: console)
            if let panic = summary.panic {
                // Recorded with its rows up to the panic, but the run did not complete.
                throw CLIFailure(description: "run \(runId) failed: \(panic)", exitCode: ExitCodes.software)
            }
        }
    }
}
