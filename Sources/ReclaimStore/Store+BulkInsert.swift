import GRDB
import GRDBSQLite

extension Store {
    /// Rows per multi-row `INSERT` of the event tables: 32 rows of up to 18 columns stay far
    /// below SQLite's parameter limit (32766 since 3.32).
    static let rowsPerInsert = 32

    /// `INSERT INTO table (columns) VALUES (?, ...), ...` with `rows` rows of placeholders.
    static func insertSQL(_ table: String, _ columns: [String], rows: Int = 1) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Inserts `records` into `table`, ``rowsPerInsert`` rows per `sqlite3_step` through a
    /// cached multi-row statement, the remainder one row at a time; `bind` binds one
    /// record's values in column order.
    ///
    /// One step per 32 rows spares SQLite the per-statement work (reset, statement
    /// journal, cursor open) of 31 steps: about a quarter of the instructions per row of
    /// single-row inserts into `scan_passes` (issue 6; measured with callgrind).
    ///
    /// Binds through ``RowBinder`` on the raw `sqlite3_stmt`, bypassing GRDB's statement
    /// hooks (argument checks, transaction observers): correct only because no transaction
    /// observer is ever installed on the store's writer. Install one and these rows would
    /// not be reported to it.
    @inline(__always)
    static func insertRows<R>(
        _ db: Database, _ table: String, _ columns: [String], _ records: [R], bind: (inout RowBinder, R) -> Void
    ) throws {
        var next = records.startIndex
        let k = rowsPerInsert
        if records.count >= k {
            var row = RowBinder(try db.cachedStatement(sql: insertSQL(table, columns, rows: k)))
            while records.endIndex - next >= k {
                for r in records[next..<(next + k)] { bind(&row, r) }
                try row.step(db)
                next += k
            }
        }
        guard next < records.endIndex else { return }
        var row = RowBinder(try db.cachedStatement(sql: insertSQL(table, columns, rows: 1)))
        for r in records[next...] {
            bind(&row, r)
            try row.step(db)
        }
    }
}
