import GRDB
import GRDBSQLite

/// Binds one row's values by position straight onto a cached GRDB statement's
/// `sqlite3_stmt` and steps it: the bulk-insert path of the recorder, without building a
/// `StatementArguments` array per row (issue 6: recording close to raw SQLite speed).
///
/// Every parameter of the statement must be bound for every row (the statement's
/// bindings are not cleared between rows). A failed `sqlite3_bind_*` is kept and thrown by
/// ``step(_:)`` before the row is written.
///
/// It bypasses GRDB's statement hooks (argument validation, transaction observers): the
/// store's writer installs no transaction observer, and must not while this path writes.
struct RowBinder {
    private let statement: Statement
    private let raw: OpaquePointer
    private var index: Int32 = 0
    /// The first `sqlite3_bind_*` result that was not `SQLITE_OK` since the last step.
    private var bindFailure: Int32 = SQLITE_OK

    init(_ statement: Statement) {
        self.statement = statement
        raw = statement.sqliteStatement
    }

    @inline(__always)
    mutating func int(_ value: Int64) {
        index += 1
        check(sqlite3_bind_int64(raw, index, value))
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
            check(sqlite3_bind_null(raw, index))
            return
        }
        // SQLITE_TRANSIENT: SQLite copies the bytes before the temporary buffer goes away.
        check(value.withCString { sqlite3_bind_text(raw, index, $0, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self)) })
    }

    @inline(__always)
    mutating func null() {
        index += 1
        check(sqlite3_bind_null(raw, index))
    }

    @inline(__always)
    private mutating func check(_ code: Int32) {
        if code != SQLITE_OK, bindFailure == SQLITE_OK { bindFailure = code }
    }

    /// Steps the statement for this row and readies it for the next.
    mutating func step(_ db: Database) throws {
        precondition(index == sqlite3_bind_parameter_count(raw), "bound \(index) of \(sqlite3_bind_parameter_count(raw)) parameters")
        guard bindFailure == SQLITE_OK else {
            let failure = bindFailure
            bindFailure = SQLITE_OK
            index = 0
            sqlite3_reset(raw)
            throw DatabaseError(
                resultCode: ResultCode(rawValue: failure), message: "binding a parameter failed: "
                    + String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
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
