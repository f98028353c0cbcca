import GRDB
import ReclaimRecords

extension StoreReader {
    /// The most run keys one `IN (...)` lookup binds (SQLite allows 32766 variables).
    static let keysPerLookup = 500

    /// The recorded runs among `keys`, by run key (keys with no row are absent).
    ///
    /// A sweep reads this before it starts, to skip `done` runs and count retries, and after
    /// it ends, for its summary table (docs/sweeps.md, "Resume": a re-run skips runs
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
                let rows = try RunRow.filter(chunk.contains(Column("run_key"))).fetchAll(db)
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
                return try RunRow.filter(Column("status") == status).order(Column("run_id")).fetchAll(db)
            }
            return try RunRow.order(Column("run_id")).fetchAll(db)
        }
    }
}
