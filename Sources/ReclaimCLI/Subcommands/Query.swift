import ArgumentParser
import Foundation
import ReclaimStore

extension ReclaimLab {
    /// `reclaimlab query NAME|FILE.sql [--db FILE] [--param NAME=VALUE]... [--format table|csv|tsv|json]`
    /// and `reclaimlab query --list`.
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a canned query (see --list) or a .sql file against the database.",
            discussion: """
                Canned queries are carried inside the binary, so NAME works from any directory; \
                an argument ending in .sql is read from that file instead. The database is opened \
                read-only, never created and never upgraded (an older file: run `reclaimlab migrate` \
                first). Parameters are SQLite named parameters (:run_id); \
                one that is not set binds NULL, which the canned queries replace by their \
                documented defaults, as in the sqlite3 shell.
                """)

        @Argument(help: "A canned query name (see --list) or a path ending in .sql.")
        var query: String?

        @Option(name: .long, help: "The SQLite database (must exist; opened read-only).")
        var db: String = "reclaimlab.db"

        @Option(
            name: .customLong("param"),
            help: "Set a named parameter, e.g. run_id=3 (repeatable; NULL, numbers, 'text' or text).")
        var parameters: [String] = []

        @Option(help: "Output format: table, csv, tsv or json.")
        var format: OutputFormat = .table

        @Flag(help: "List the canned queries with their one-line descriptions and parameters.")
        var list = false

        func validate() throws {
            if list, query != nil {
                throw ValidationError("give either --list or a query, not both")
            }
            if !list, query == nil {
                throw ValidationError("missing query: give a canned query name, a .sql file, or --list")
            }
            _ = try Self.parse(parameters)
        }

        func run() throws {
            let console = Console.current
            if list {
                console.write(Self.listing())
                return
            }
            let (label, sql) = try Self.resolve(query ?? "")
            let values = try Self.parse(parameters)
            let store = try StoreReader(readingExisting: db)
            let results = try Self.mapErrors(canned: !label.hasSuffix(".sql")) {
                try store.run(sql: sql, query: label, parameters: values)
            }
            for (index, result) in results.enumerated() {
                if index > 0, format == .table { console.write("\n") }
                console.write(try format.render(result))
            }
        }

        /// The `--list` text: one line per canned query, name padded, then its summary and
        /// its parameters.
        static func listing() -> String {
            let queries = StoreReader.cannedQueries
            let width = queries.map(\.name.count).max() ?? 0
            return queries.map { query in
                let parameters = query.documentedParameters
                let takes = parameters.isEmpty ? "" : "  [" + parameters.map { ":" + $0 }.joined(separator: " ") + "]"
                return query.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + query.summary + takes
                    + "\n"
            }.joined()
        }

        /// The label errors use and the SQL to run: a file's path and text, or a canned
        /// query's name and embedded text.
        static func resolve(_ argument: String) throws -> (String, String) {
            if argument.hasSuffix(".sql") {
                guard FileManager.default.fileExists(atPath: argument) else {
                    throw CLIFailure(description: "\(argument): no such file", exitCode: ExitCodes.noInput)
                }
                do {
                    return (argument, try String(contentsOfFile: argument, encoding: .utf8))
                } catch {
                    throw CLIFailure(
                        description: "\(argument): cannot read the file: \(error.localizedDescription)",
                        exitCode: ExitCodes.noInput)
                }
            }
            guard let canned = StoreReader.cannedQuery(named: argument) else {
                throw CLIFailure(
                    description: "no canned query named \"\(argument)\" (a file must end in .sql). Canned queries:\n"
                        + listing(),
                    exitCode: ExitCodes.usage)
            }
            return (canned.name, canned.text)
        }

        /// `NAME=VALUE` pairs; NAME may carry SQLite's `:`, `@` or `$` prefix.
        static func parse(_ pairs: [String]) throws -> [String: QueryValue] {
            var values: [String: QueryValue] = [:]
            for pair in pairs {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    throw ValidationError("--param \(pair): expected NAME=VALUE, e.g. --param run_id=3")
                }
                var name = String(pair[..<equals])
                if let first = name.first, ":@$".contains(first) { name.removeFirst() }
                guard !name.isEmpty else {
                    throw ValidationError("--param \(pair): expected NAME=VALUE, e.g. --param run_id=3")
                }
                values[name] = QueryValue(parameter: String(pair[pair.index(after: equals)...]))
            }
            return values
        }

        /// Runs `body`; a ``QueryError`` it throws gets its exit code here, where it is
        /// known whether the SQL was a canned query (an SQL error is then our bug, 70) or
        /// the user's (65); see ``ExitCodes/queryCode(_:canned:)``.
        static func mapErrors<T>(canned: Bool, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch let error as QueryError {
                throw CLIFailure(description: error.description, exitCode: ExitCodes.queryCode(error, canned: canned))
            }
        }
    }
}
