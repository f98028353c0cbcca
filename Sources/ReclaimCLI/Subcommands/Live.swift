import ArgumentParser
import ReclaimLive

extension ReclaimLab {
    /// `reclaimlab live --cleanup`: undoes what a dead live run left (from its state file).
    struct Live: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Live-run housekeeping: --cleanup removes what a killed live run left behind.",
            discussion: """
                A live run (kernel: live) records every cgroup, tracing instance, swap file and \
                setting it makes in \(LiveNames.statePath) before making it. After SIGKILL \
                those remain until the next live run starts or this command runs. It refuses \
                (69) while a live run is in progress.
                """)

        @Flag(help: "Remove the reclaimlab- cgroups, tracing instance and swap file of a dead live run; restore laptop_mode.")
        var cleanup = false

        func run() throws {
            guard cleanup else {
                throw CLIFailure(description: "live: nothing to do (run a scenario with kernel: live through `reclaimlab run`; --cleanup undoes a dead run)", exitCode: ExitCodes.usage)
            }
            do {
                let lock = try LiveLock()
                let lines = LiveCleanup.undoLeftovers()
                withExtendedLifetime(lock) {}
                let console = Console.current
                if lines.isEmpty { console.error("live: nothing to clean up") }
                for line in lines { console.output(line) }
            } catch let error as LiveError {
                throw CLIFailure(description: error.description, exitCode: ExitCodes.liveCode(error))
            }
        }
    }
}
