import Foundation
import GRDB
import ReclaimRecords

#if canImport(GRDBSQLite)
    import GRDBSQLite
#elseif canImport(SQLite3)
    import SQLite3
#endif

/// One cell of a query result, as SQLite stores it (its storage class).
public enum QueryValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// Reads a command-line parameter value the way the `sqlite3` shell's `.param set` does
    /// for plain literals: `NULL` -> NULL, an integer -> INTEGER, a decimal or exponent
    /// number -> REAL, `'quoted'` -> the text inside the quotes, anything else -> TEXT.
    public init(parameter text: String) {
        if text.uppercased() == "NULL" {
            self = .null
        } else if let integer = Int64(text) {
            self = .integer(integer)
        } else if let real = Double(text), real.isFinite, text.contains(where: { ".eE".contains($0) }) {
            self = .real(real)
        } else if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") {
            self = .text(String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
        } else {
            self = .text(text)
        }
    }

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let i): self = .integer(i)
        case .double(let d): self = .real(d)
        case .string(let s): self = .text(s)
        case .blob(let b): self = .blob(Array(b))
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let i): i.databaseValue
        case .real(let d): d.databaseValue
        case .text(let s): s.databaseValue
        case .blob(let b): Data(b).databaseValue
        }
    }
}

/// The rows one SQL statement returned, with its column names in order.
public struct QueryResult: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[QueryValue]]

    public init(columns: [String], rows: [[QueryValue]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// Why a query could not be run, worded for the person at the terminal.
///
/// The CLI maps these to sysexits codes (64 usage, 65 bad SQL, 66 missing input).
public enum QueryError: Error, CustomStringConvertible, Sendable {
    /// The database file does not exist (or is empty): nothing was created.
    case missingDatabase(path: String, empty: Bool)
    /// `--param NAME` that the query does not use.
    case unknownParameters(query: String, unknown: [String], known: [String])
    /// SQLite refused the SQL (syntax error, unknown table, a write on the read-only
    /// connection); the message keeps the SQL.
    case sql(query: String, error: DatabaseError)

    public var description: String {
        switch self {
        case .missingDatabase(let path, let empty):
            let what = empty ? "is an empty file, not a reclaimlab database" : "does not exist"
            return "\(path): \(what). Nothing was created. "
                + "Record runs first (`reclaimlab run SCENARIO --db \(path)`) or pass --db an existing database."
        case .unknownParameters(let query, let unknown, let known):
            let names = unknown.map { ":" + $0 }.joined(separator: ", ")
            let takes =
                known.isEmpty
                ? "\(query) takes no parameters"
                : "\(query) takes \(known.map { ":" + $0 }.joined(separator: ", "))"
            return "unknown parameter\(unknown.count == 1 ? "" : "s") \(names): \(takes)"
        case .sql(let query, let error):
            return "\(query): \(error)"
        }
    }
}

/// A canned query: one `.sql` file of `queries/`, embedded in the binary.
///
/// Its header comment (the leading `--` lines) says what it answers, its parameters and
/// its columns; the first header line is `-- NAME: one-line description.`
public struct CannedQuery: Sendable, Hashable {
    /// The file name without `.sql`, e.g. `reclaim-efficiency` (`reclaimlab query NAME`).
    public let name: String
    /// The file name, e.g. `reclaim-efficiency.sql`.
    public let fileName: String
    /// The whole file.
    public let text: String

    public init(fileName: String, text: String) {
        self.fileName = fileName
        self.name = fileName.hasSuffix(".sql") ? String(fileName.dropLast(4)) : fileName
        self.text = text
    }

    /// The leading comment lines, without their `--` and one following space.
    public var header: [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("--") }
            .map { line in
                let body = line.dropFirst(2)
                return String(body.first == " " ? body.dropFirst() : body)
            }
    }

    /// The first header line without its `NAME:` prefix.
    public var summary: String {
        guard let first = header.first else { return "" }
        let prefix = name + ":"
        return first.hasPrefix(prefix)
            ? first.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) : first
    }

    /// The names listed under `Parameters:` (`:run_id` lines), without the `:`.
    public var documentedParameters: [String] { Self.names(in: section("Parameters:"), sigil: ":") }

    /// The names listed under `Columns:`, in order.
    public var documentedColumns: [String] { Self.names(in: section("Columns:"), sigil: nil) }

    /// The indented lines after `title` up to the next unindented line.
    func section(_ title: String) -> [String] {
        guard let start = header.firstIndex(where: { $0.hasPrefix(title) }) else { return [] }
        return Array(header[(start + 1)...].prefix { $0.hasPrefix(" ") })
    }

    static func names(in lines: [String], sigil: Character?) -> [String] {
        lines.compactMap { line in
            guard let word = line.split(separator: " ").first else { return nil }
            if let sigil {
                return word.first == sigil ? String(word.dropFirst()) : nil
            }
            return String(word)
        }
    }
}

extension StoreReader {
    /// The canned queries embedded in the binary, by name.
    public static var cannedQueries: [CannedQuery] {
        EmbeddedSQL.queries.map { CannedQuery(fileName: $0.name, text: $0.text) }
    }

    /// The canned query called `name` (with or without `.sql`), nil if there is none.
    public static func cannedQuery(named name: String) -> CannedQuery? {
        let bare = name.hasSuffix(".sql") ? String(name.dropLast(4)) : name
        return cannedQueries.first { $0.name == bare }
    }

    /// The named parameters of every statement in `sql`, in order of first use, without
    /// their `:`/`@`/`$` prefix.
    ///
    /// - Throws: ``QueryError/sql(query:error:)`` when `sql` does not prepare.
    public func parameterNames(of sql: String, query: String) throws -> [String] {
        try read { db in
            var names: [String] = []
            try Self.eachStatement(db, sql: sql, query: query) { statement in
                for name in Self.parameterNames(of: statement) where !names.contains(name) {
                    names.append(name)
                }
            }
            return names
        }
    }

    /// Runs every statement of `sql` on a read-only connection, binding the named
    /// parameters from `parameters` (keys without prefix) and NULL for the others — as the
    /// `sqlite3` shell does for parameters never set — and returns the rows of each
    /// statement that has columns.
    ///
    /// - Parameter query: how errors name the SQL (a query name or a file path).
    /// - Throws: ``QueryError/unknownParameters(query:unknown:known:)`` when `parameters`
    ///   names a parameter no statement uses (nothing is run), ``QueryError/sql(query:error:)``
    ///   when SQLite refuses a statement.
    public func run(sql: String, query: String, parameters: [String: QueryValue] = [:]) throws -> [QueryResult] {
        let known = try parameterNames(of: sql, query: query)
        let unknown = parameters.keys.filter { !known.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw QueryError.unknownParameters(query: query, unknown: unknown, known: known)
        }
        let arguments = StatementArguments(parameters.mapValues(\.databaseValue))
        return try read { db in
            var results: [QueryResult] = []
            try Self.eachStatement(db, sql: sql, query: query) { statement in
                statement.setUncheckedArguments(arguments)
                if statement.columnCount == 0 {
                    try statement.execute()
                    return
                }
                let cursor = try Row.fetchCursor(statement)
                var rows: [[QueryValue]] = []
                while let row = try cursor.next() {
                    rows.append(row.databaseValues.map(QueryValue.init))
                }
                results.append(QueryResult(columns: statement.columnNames, rows: rows))
            }
            return results
        }
    }

    /// Prepares and hands over each statement of `sql`, turning SQLite errors into
    /// ``QueryError/sql(query:error:)``.
    static func eachStatement(_ db: Database, sql: String, query: String, _ body: (Statement) throws -> Void) throws {
        do {
            let statements = try db.allStatements(sql: sql)
            while let statement = try statements.next() {
                try body(statement)
            }
        } catch let error as DatabaseError {
            throw QueryError.sql(query: query, error: error)
        }
    }

    /// The statement's named parameters without prefix; positional `?` ones are left out.
    static func parameterNames(of statement: Statement) -> [String] {
        let count = sqlite3_bind_parameter_count(statement.sqliteStatement)
        guard count > 0 else { return [] }
        return (1...count).compactMap { index in
            sqlite3_bind_parameter_name(statement.sqliteStatement, index).map {
                String(String(cString: $0).dropFirst())
            }
        }
    }
}
