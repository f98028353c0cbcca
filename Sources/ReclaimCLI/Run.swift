import ArgumentParser
import Foundation
import ReclaimModel
import ReclaimScenario
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
            if loaded.scenario.isLive {
                let store = try Store(path: database.db)
                if let runId = try LiveRunCommand.run(loaded, store: store, console: console) {
                    try RunReport(store: store, runId: runId).print(to: console)
                }
                return
            }
            let config = loaded.simulationConfig()
            let store = try Store(path: database.db)
            let descriptor = RunDescriptor(
                runKey: loaded.runKey, scenario: loaded.scenario.name, simulation: config,
                configJSON: loaded.canonicalJSON)
            let runId: Int64
            switch try store.beginRun(descriptor) {
            case .alreadyDone(let id):
                console.error("run \(id) (key \(loaded.runKey.prefix(12))) is already recorded as done; not run again")
                try RunReport(store: store, runId: id).print(to: console)
                return
            case .started(let id):
                runId = id
            }
            console.error("running \(loaded.scenario.name) (\(loaded.scenario.durationSeconds) s simulated, seed \(config.seed)) as run \(runId)")
            var simulator = Simulator(config: config)
            var recorder = store.recorder(runId: runId, level: record)
            let summary: RunSummary
            do {
                summary = try simulator.run(sink: &recorder)
                try store.finishRun(recorder, summary: summary)
            } catch let error as ModelError {
                try store.failRun(recorder, error: error.description)
                throw CLIFailure(description: "run \(runId) failed: \(error)", exitCode: ExitCodes.software)
            }
            try RunReport(store: store, runId: runId).print(to: console)
            if let panic = summary.panic {
                // Recorded with its rows up to the panic, but the run did not complete.
                throw CLIFailure(description: "run \(runId) failed: \(panic)", exitCode: ExitCodes.software)
            }
        }
    }
}
