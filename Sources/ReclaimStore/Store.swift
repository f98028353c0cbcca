import GRDB

/// The reclaimlab database: the one owner of persistence (style habit 11).
///
/// A `Store` wraps a GRDB writer, brings its schema up to date in `init` from the
/// migrations embedded in the binary, and exposes intent-named operations:
/// ``beginRun(_:)``, ``finishRun(runId:events:summary:)``, ``failRun(runId:error:)``,
/// ``runs(status:)``, ``recordSweep(name:spec:)``. Every operation is one transaction, so
/// a run's rows commit together with its final status or not at all.
///
/// Methods throw ``StoreError`` (except the ``read(_:)`` passthrough).
public struct Store: Sendable {
    /// The connection (a `DatabasePool` for files, any writer in tests).
    let writer: any DatabaseWriter
    /// The database file as named in error messages (`:memory:` for in-memory databases).
    public let path: String

    /// Wraps an open database, refusing one written by a newer reclaimlab, and migrates it.
    ///
    /// For tests: `try Store(writer: DatabaseQueue())`.
    /// - Throws: ``StoreError/newerSchema(path:unknownMigrations:)`` before touching the
    ///   database when it has migrations this binary does not know; any other
    ///   ``StoreError`` when SQLite fails.
    public init(writer: any DatabaseWriter) throws {
        let path = writer.path
        do {
            try writer.read { db in try Self.checkCompatible(db, path: path) }
            try Self.migrate(writer)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
        self.writer = writer
        self.path = path
    }

    /// The migrations applied to the database (after `init`, all registered ones).
    public var schemaVersion: SchemaVersion {
        get throws {
            try reading { db in SchemaVersion(applied: try Self.makeMigrator().appliedMigrations(db)) }
        }
    }

    /// Runs `block` on a read-only connection: the passthrough for canned and user queries.
    ///
    /// Errors from `block` and GRDB's `DatabaseError`s are rethrown as they are, so a
    /// query's SQL error keeps its SQL in the message.
    public func read<T>(_ block: (Database) throws -> T) throws -> T {
        try writer.read(block)
    }

    /// `read` with errors converted to ``StoreError``.
    func reading<T>(_ block: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(block)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// One IMMEDIATE transaction (GRDB's default for writes), errors converted to
    /// ``StoreError``; anything thrown by `block` rolls the whole transaction back.
    func writing<T>(_ block: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(block)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }
}
