import Foundation
import ReclaimLive
import ReclaimModel
import ReclaimScenario
import ReclaimStore

/// Runs a `kernel: live` scenario on the machine's kernel (``LiveRunner``) and records it
/// through the same store path as a simulated run: `beginRun`, then every row with the
/// totals and status in one transaction (`finishRun`), or `failRun` with the reason.
enum LiveRunCommand {
    /// The worker binary: this executable (tests may point `RECLAIMLAB_WORKER` at a build).
    static var workerExecutable: String {
        ProcessInfo.processInfo.environment["RECLAIMLAB_WORKER"] ?? "/proc/self/exe"
    }

    /// What the store records before the run: the live kernel's release is the model version.
    static func descriptor(_ loaded: LoadedScenario, sweepId: Int64? = nil) -> RunDescriptor {
        let s = loaded.scenario
        return RunDescriptor(
            runKey: loaded.runKey, sweepId: sweepId, scenario: s.name, kernel: s.kernel, seed: s.seed,
            swappiness: s.machine.swappiness, swapPages: s.machine.swapPages, laptopMode: s.machine.laptopMode,
            config: loaded.canonicalJSON, hz: s.hz, durationMs: Int64((s.durationSeconds * 1000).rounded()),
            modelVersion: s.modelVersion)
    }

    /// Runs the scenario on the live kernel and returns its events and summary.
    static func perform(_ loaded: LoadedScenario, console: Console) throws -> (events: RecordingSink, summary: RunSummary, result: LiveRunResult) {
        let plan = loaded.scenario.livePlan()
        let runner = LiveRunner(
            plan: plan, workerExecutable: workerExecutable, log: { console.error("live: " + $0) })
        let result = try runner.run()
        let (events, summary) = LiveRecordBuilder(plan: plan, ignoredKeys: loaded.scenario.liveIgnoredKeys).build(result)
        console.error(
            "live: \(result.eventCount) trace events in \(result.durationMs) ms (\(result.durationMs > 0 ? result.eventCount * 1000 / Int(result.durationMs) : 0)/s), \(result.eventsLost) lost; \(result.calls.count) reclaim calls, \(summary.totals.oomKills) OOM kills; /dev/kmsg clock - monotonic = \(result.kmsgOffsetMicroseconds) us")
        return (events, summary, result)
    }

    /// `reclaimlab run` of a live scenario.
    static func run(_ loaded: LoadedScenario, store: Store, console: Console) throws -> Int64? {
        let runId: Int64
        switch try store.beginRun(descriptor(loaded)) {
        case .alreadyDone(let id):
            console.error("run \(id) (key \(loaded.runKey.prefix(12))) is already recorded as done; not run again")
            return id
        case .started(let id):
            runId = id
        }
        console.error("running \(loaded.scenario.name) on the live kernel (\(loaded.scenario.modelVersion), \(loaded.scenario.durationSeconds) s) as run \(runId)")
        do {
            let (events, summary, _) = try perform(loaded, console: console)
            try store.finishRun(runId: runId, events: events, summary: summary)
            return runId
        } catch let error as LiveError {
            try store.failRun(runId: runId, error: error.description)
            throw CLIFailure(description: "run \(runId) failed: \(error)", exitCode: error.exitCode)
        }
    }
}
