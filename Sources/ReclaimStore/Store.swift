import GRDB

/// The reclaimlab database: the one owner of persistence (style habit 11).
///
/// A `Store` wraps a GRDB writer, brings its schema up to date in `init` from the
/// migrations embedded in the binary, and exposes intent-named operations:
/// ``beginRun(_:)``, ``finishRun(runId:events:summary:)``, ``failRun(runId:error:)``,
/// ``recordSweep(name:spec:)``. A run's rows commit together with its final status in one
/// transaction (a long run's batches are staged in short transactions of their own first,
/// see ``RunRecorder``), so a run is recorded whole or not at all.
///
/// Reading goes through ``reader`` (a ``StoreReader``); commands that only read open a
/// ``StoreReader`` alone, which can neither migrate nor write.
///
/// Methods throw ``StoreError``.
public struct Store: Sendable {
    /// The connection (a `DatabasePool` for files, any writer in tests).
    let writer: any DatabaseWriter
    /// The database file as named in error messages (`:memory:` for in-memory databases).
    public let path: String
    /// The process whose claims ``beginRun(_:)`` takes and ``finishRun(runId:events:summary:)``
    /// and ``failRun(runId:error:)`` require: this process, unless ``claiming(as:)`` says otherwise.
    public private(set) var owner: RunOwner = .current

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

    /// The same database, taking and holding run claims as `owner` (tests play other
    /// processes with it).
    public func claiming(as owner: RunOwner) -> Store {
        var store = self
        store.owner = owner
        return store
    }

    /// The same database for reading (GRDB's AppDatabase `reader`): runs, queries, export.
    public var reader: StoreReader { StoreReader(reader: writer, path: path) }

    /// `reader.read` with errors converted to ``StoreError``, for the write operations'
    /// own look-ups.
    func reading<T>(_ block: (Database) throws -> T) throws -> T {
        try reader.reading(block)
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
