import GRDB
import GRDBSQLite

/// Binds one row's values by position straight onto a cached GRDB statement's
/// `sqlite3_stmt` and steps it: the bulk-insert path of the recorder, without building a
/// `StatementArguments` array per row (issue 6: recording close to raw SQLite speed).
///
/// Every parameter of the statement must be bound for every row (the statement's
/// bindings are not cleared between rows).
struct RowBinder {
    private let statement: Statement
    private let raw: OpaquePointer
    private var index: Int32 = 0

    init(_ statement: Statement) {
        self.statement = statement
        raw = statement.sqliteStatement
    }

    @inline(__always)
    mutating func int(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(raw, index, value)
    }

    @inline(__always)
    mutating func int(_ value: Int) { int(Int64(value)) }

    @inline(__always)
    mutating func int(_ value: Int32) { int(Int64(value)) }

    @inline(__always)
    mutating func int(_ value: Bool) { int(Int64(value ? 1 : 0)) }

    @inline(__always)
    mutating func int<I: BinaryInteger>(_ value: I?) {
        if let value { int(Int64(value)) } else { null() }
    }

    @inline(__always)
    mutating func text(_ value: String?) {
        index += 1
        guard let value else {
            sqlite3_bind_null(raw, index)
            return
        }
        // SQLITE_TRANSIENT: SQLite copies the bytes before the temporary buffer goes away.
        _ = value.withCString { sqlite3_bind_text(raw, index, $0, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self)) }
    }

    @inline(__always)
    mutating func null() {
        index += 1
        sqlite3_bind_null(raw, index)
    }

    /// Steps the statement for this row and readies it for the next.
    mutating func step(_ db: Database) throws {
        precondition(index == sqlite3_bind_parameter_count(raw), "bound \(index) of \(sqlite3_bind_parameter_count(raw)) parameters")
        let code = sqlite3_step(raw)
        sqlite3_reset(raw)
        index = 0
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                sql: statement.sql)
        }
    }
}
