import Foundation
import ReclaimLive
import ReclaimScenario

/// Runs a `kernel: live` scenario on the machine's kernel (``LiveRunner``).
enum LiveRunCommand {
    /// The worker binary: this executable.
    static var workerExecutable: String {
        ProcessInfo.processInfo.environment["RECLAIMLAB_WORKER"] ?? "/proc/self/exe"
    }

    static func execute(_ loaded: LoadedScenario, console: Console) throws -> LiveRunResult {
        let runner = LiveRunner(
            plan: loaded.scenario.livePlan(), workerExecutable: workerExecutable,
            log: { console.error("live: " + $0) })
        do {
            return try runner.run()
        } catch let error as LiveError {
            throw CLIFailure(description: error.description, exitCode: error.exitCode)
        }
    }
}
