import ArgumentParser
import Foundation
import ReclaimStore

extension ReclaimLab {
    /// `reclaimlab merge OUT.db IN.db...` (docs/sweeps.md; issue 4).
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge the runs of other databases (e.g. sweep shards) into one.",
            discussion: """
                Runs are matched by run key: a done input run is copied when OUT lacks the key or \
                has it failed or running; a key already done in OUT is skipped; a failed input run \
                is copied only when OUT lacks the key; interrupted input runs are not copied. Event \
                rows follow their runs (with new run ids). Sweeps are matched by name, spec and \
                creation time. Each input is merged in one transaction, so merging the same input \
                twice adds nothing. OUT is created if needed; every input is checked first \
                (missing: 66; not a reclaimlab database or from a newer reclaimlab: 65).
                """)

        @Argument(help: "The database to merge into (created if missing).")
        var output: String

        @Argument(help: "Databases to merge from (not modified).")
        var inputs: [String]

        func validate() throws {
            guard !inputs.isEmpty else { throw ValidationError("give at least one input database after OUT.db") }
        }

        func run() throws {
            let console = Console.current
            let outPath = Self.canonical(output)
            for input in inputs {
                guard Self.canonical(input) != outPath else {
                    throw CLIFailure(
                        description: "\(input): is the output database itself; pass it only as OUT",
                        exitCode: ExitCodes.usage)
                }
                try Store.checkMergeInput(input)
            }
            let store = try Store(path: output)
            for input in inputs {
                console.output(try store.merge(from: input).description)
            }
        }

        /// The path with symlinks resolved, to refuse merging a file into itself.
        static func canonical(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
    }
}
