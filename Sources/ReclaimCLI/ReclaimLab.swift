import ArgumentParser
import Foundation
import ReclaimRecords

/// The `reclaimlab` command tree (README.md, "Commands").
public struct ReclaimLab: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reclaimlab",
        abstract: "Simulate Linux 2.6.20 page reclaim and the OOM killer (with the 2007 RSS-container patch) and record every scan pass and kill decision in SQLite.",
        version: ToolInfo.toolVersion,
        subcommands: [Run.self, Sweep.self, Runs.self, Query.self, Export.self, Merge.self, ImportOOM.self, Migrate.self, Bench.self, Report.self, Live.self, LiveWorkerCommand.self])

    public init() {}

    /// Parses `arguments`, runs the command with output to `console`, and returns the
    /// sysexits code. Errors are printed once, to the console's error stream.
    public static func main(arguments: [String], console: Console) -> Int32 {
        Console.$current.withValue(console) {
            do {
                var command = try parseAsRoot(arguments)
                try command.run()
                return 0
            } catch let error as CLIFailure {
                console.error("reclaimlab: \(error)")
                return error.exitCode
            } catch {
                if let code = ExitCodes.code(for: error) {
                    console.error("reclaimlab: \(error)")
                    return code
                }
                // ArgumentParser's own errors: help, version, bad usage.
                let message = fullMessage(for: error)
                let code = exitCode(for: error).rawValue
                if code == ExitCodes.ok {
                    if !message.isEmpty { console.output(message) }
                    return 0
                }
                if !message.isEmpty { console.error(message) }
                return ExitCodes.code(forParserCode: code)
            }
        }
    }
}
