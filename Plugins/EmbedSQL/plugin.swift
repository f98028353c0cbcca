import Foundation
import PackagePlugin

/// Embeds the `migrations/` and `queries/` folders (reached through symlinks in the target
/// directory) as Swift string constants, so the binary works from any directory.
@main
struct EmbedSQL: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let folders = ["migrations", "queries"]
        var inputs: [URL] = []
        var specs: [String] = []
        for folder in folders {
            let dir = target.directoryURL.appending(path: folder).resolvingSymlinksInPath()
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path())) ?? []
            inputs += names.filter { $0.hasSuffix(".sql") }.sorted().map { dir.appending(path: $0) }
            inputs.append(dir)
            specs.append("\(folder)=\(dir.path())")
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        return [
            .buildCommand(
                displayName: "Embedding SQL files into \(target.name)",
                executable: try context.tool(named: "embed-sql").url,
                arguments: [output.path()] + specs,
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
