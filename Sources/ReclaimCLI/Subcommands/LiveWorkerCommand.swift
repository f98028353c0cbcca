import ArgumentParser
import Foundation
import ReclaimLive

extension ReclaimLab {
    /// `reclaimlab live-worker PLAN` (hidden): one task of a live run, re-executed by the
    /// runner; replays the task's workload in real time (see ``LiveWorker``).
    struct LiveWorkerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: LiveWorkerPlan.subcommand,
            abstract: "Run one task of a live run (started by `reclaimlab run` on kernel: live).",
            shouldDisplay: false)

        @Argument(help: "The task's plan, JSON.")
        var plan: String

        func run() throws {
            let plan = try LiveWorkerPlan.decode(self.plan)
            Foundation.exit(LiveWorker.run(plan))
        }
    }
}
