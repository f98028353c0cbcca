import ArgumentParser
import Foundation
import ReclaimModel
import ReclaimRecords
import ReclaimStore

extension ReclaimLab {
    /// `reclaimlab export [--db FILE] [--out DIR]`
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every summary query as a CSV file, plus manifest.json.",
            discussion: """
                The summary queries are the canned queries without parameters (see \
                `reclaimlab query --list`); drill-downs into one run, such as oom-decision, \
                are left out. Each becomes DIR/NAME.csv (RFC 4180: a header row, CRLF line \
                ends, numbers unquoted, NULL as an empty field). DIR/manifest.json names the \
                database, the tool version, the export time and every file. Existing files of \
                the same names are replaced.
                """)

        @Option(name: .long, help: "The SQLite database (must exist; opened read-only).")
        var db: String = "reclaimlab.db"

        @Option(name: .long, help: "Directory to write into (created if missing).")
        var out: String = "export"

        func run() throws {
            let console = Console.current
            let store = try StoreReader(readingExisting: db)
            var exported: [ExportManifest.File] = []
            var skipped: [ExportManifest.Skipped] = []
            var outputs: [(String, Data)] = []
            for query in StoreReader.cannedQueries {
                let parameters = try Query.mapErrors(canned: true) {
                    try store.parameterNames(of: query.text, query: query.name)
                }
                guard parameters.isEmpty else {
                    skipped.append(.init(query: query.name, parameters: parameters))
                    continue
                }
                let results = try Query.mapErrors(canned: true) {
                    try store.run(sql: query.text, query: query.name)
                }
                guard let result = results.last else { continue }
                let file = query.name + ".csv"
                outputs.append((file, Data(try OutputFormat.csv(result).utf8)))
                exported.append(
                    .init(
                        query: query.name, file: file, description: query.summary,
                        columns: result.columns, rows: result.rows.count))
            }
            let manifest = ExportManifest(
                database: URL(fileURLWithPath: db).standardizedFileURL.path,
                schemaVersion: try store.schemaVersion.latest ?? "",
                toolVersion: ToolInfo.toolVersion,
                modelVersion: ModelInfo.modelVersion,
                exportedAt: Self.now(),
                runs: try Self.runCounts(store),
                files: exported,
                skipped: skipped)
            outputs.append(("manifest.json", try manifest.encoded()))

            let directory = URL(fileURLWithPath: out, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw CLIFailure(
                    description: "\(out): cannot create the directory: \(error.localizedDescription)",
                    exitCode: ExitCodes.cantCreate)
            }
            for (name, data) in outputs {
                let url = directory.appendingPathComponent(name)
                do {
                    try data.write(to: url, options: .atomic)
                } catch {
                    throw CLIFailure(
                        description: "\(url.path): cannot write: \(error.localizedDescription)",
                        exitCode: ExitCodes.cantCreate)
                }
            }
            let rows = Dictionary(uniqueKeysWithValues: exported.map { ($0.file, $0.rows) })
            for (name, _) in outputs {
                let path = directory.appendingPathComponent(name).relativePath(from: out)
                console.output(rows[name].map { "\(path)  \($0) row\($0 == 1 ? "" : "s")" } ?? path)
            }
            if !skipped.isEmpty {
                console.error("not exported (they take parameters): " + skipped.map(\.query).joined(separator: ", "))
            }
        }

        /// Wall-clock time, ISO-8601 UTC with milliseconds (provenance only).
        static func now() -> String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.string(from: Date())
        }

        static func runCounts(_ store: StoreReader) throws -> [String: Int] {
            var counts = ["done": 0, "failed": 0, "running": 0]
            for run in try store.runs() { counts[run.status.rawValue, default: 0] += 1 }
            return counts
        }
    }
}

/// `manifest.json` of an export: what was exported, from where, by which version, when.
struct ExportManifest: Encodable {
    struct File: Encodable {
        /// The canned query's name (`reclaimlab query NAME`).
        var query: String
        /// The CSV file, relative to the manifest.
        var file: String
        /// The query's one-line description.
        var description: String
        var columns: [String]
        /// Data rows (the header row not counted).
        var rows: Int
    }

    struct Skipped: Encodable {
        var query: String
        var parameters: [String]
    }

    /// Absolute path of the database.
    var database: String
    /// The last migration applied to it.
    var schemaVersion: String
    var toolVersion: String
    var modelVersion: String
    /// ISO-8601 UTC wall-clock time of the export.
    var exportedAt: String
    /// Runs in the database by status.
    var runs: [String: Int]
    var files: [File]
    /// Canned queries not exported because they take parameters (one-run drill-downs).
    var skipped: [Skipped]

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}

extension URL {
    /// `out/NAME` as the user wrote `out`, for messages.
    fileprivate func relativePath(from out: String) -> String {
        (out as NSString).appendingPathComponent(lastPathComponent)
    }
}
