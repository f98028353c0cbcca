import Foundation
import GRDB

/// A reclaimlab database for reading only: what `runs`, `query`, `export` and `inspect`
/// hold, so they can neither migrate nor write (GRDB's AppDatabase `reader`).
///
/// ``init(readingExisting:)`` opens a file on a read-only connection; ``Store/reader``
/// reads the database a ``Store`` writes.
public struct StoreReader: Sendable {
    /// The connection: read-only for a file opened here, the store's writer otherwise.
    let dbReader: any DatabaseReader
    /// The database file as named in error messages (`:memory:` for in-memory databases).
    public let path: String

    init(reader: any DatabaseReader, path: String) {
        self.dbReader = reader
        self.path = path
    }

    /// Opens an EXISTING database on a read-only connection; nothing is created, migrated
    /// or written.
    ///
    /// The same checks as ``Store/init(path:)`` apply — a file that is not SQLite, belongs
    /// to another application or was written by a newer reclaimlab is refused — and a
    /// missing or empty file is an error rather than a new database. A database written by
    /// an older reclaimlab is refused too, with how to upgrade it
    /// (`reclaimlab migrate --db FILE`): its tables and views are not those the readers
    /// expect, and a command that promises to read must not change the file.
    /// - Throws: ``QueryError/missingDatabase(path:empty:)``,
    ///   ``StoreError/olderSchema(path:missingMigrations:)``, any other ``StoreError``.
    public init(readingExisting path: String) throws {
        guard try Store.hasContent(path) else {
            throw QueryError.missingDatabase(path: path, empty: FileManager.default.fileExists(atPath: path))
        }
        try Store.checkHeader(path)
        try Store.inspect(path)
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        let queue: DatabaseQueue
        let missing: [String]
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            missing = try queue.read { db in
                let applied = try Store.makeMigrator().appliedIdentifiers(db)
                return Store.migrationIdentifiers.filter { !applied.contains($0) }
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
        guard missing.isEmpty else {
            try? queue.close()
            throw StoreError.olderSchema(path: path, missingMigrations: missing)
        }
        self.init(reader: queue, path: path)
    }

    /// The migrations applied to the database.
    public var schemaVersion: SchemaVersion {
        get throws {
            try reading { db in SchemaVersion(applied: try Store.makeMigrator().appliedMigrations(db)) }
        }
    }

    /// Runs `block` on a read-only connection: the passthrough for canned and user queries.
    ///
    /// Errors from `block` and GRDB's `DatabaseError`s are rethrown as they are, so a
    /// query's SQL error keeps its SQL in the message.
    public func read<T>(_ block: (Database) throws -> T) throws -> T {
        try dbReader.read(block)
    }

    /// `read` with errors converted to ``StoreError``.
    func reading<T>(_ block: (Database) throws -> T) throws -> T {
        do {
            return try dbReader.read(block)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }
}
