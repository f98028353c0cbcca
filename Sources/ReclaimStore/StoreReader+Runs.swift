import GRDB
import ReclaimRecords

extension StoreReader {
    /// The most run keys one `IN (...)` lookup binds (SQLite allows 32766 variables).
    static let keysPerLookup = 500

    /// The recorded runs among `keys`, by run key (keys with no row are absent).
    ///
    /// A sweep reads this before it starts, to skip `done` runs and count retries, and after
    /// it ends, for its summary table (design.md, "Command line": a re-run skips runs
    /// already `done` and re-runs `failed` and interrupted ones).
    ///
    /// - Complexity: O(keys), in lookups of ``keysPerLookup`` keys through the unique index
    ///   on `run_key`.
    public func runs(keys: [String]) throws -> [String: RunRow] {
        try reading { db in
            var found: [String: RunRow] = [:]
            var start = keys.startIndex
            while start < keys.endIndex {
                let end = min(start + Self.keysPerLookup, keys.endIndex)
                let chunk = Array(keys[start..<end])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let rows = try RunRow.fetchAll(
                    db, sql: "SELECT \(RunRow.columns) FROM runs WHERE run_key IN (\(marks))",
                    arguments: StatementArguments(chunk))
                for row in rows { found[row.runKey] = row }
                start = end
            }
            return found
        }
    }

    /// The runs, oldest first, optionally only those with `status`.
    public func runs(status: RunStatus? = nil) throws -> [RunRow] {
        try reading { db in
            if let status {
                return try RunRow.fetchAll(
                    db, sql: "SELECT \(RunRow.columns) FROM runs WHERE status = ? ORDER BY run_id",
                    arguments: [status])
            }
            return try RunRow.fetchAll(db, sql: "SELECT \(RunRow.columns) FROM runs ORDER BY run_id")
        }
    }
}
