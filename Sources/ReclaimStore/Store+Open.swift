import Foundation
import GRDB

extension Store {
    /// Opens (creating if needed) the database file at `path` and migrates it.
    ///
    /// The file is a `DatabasePool` in WAL mode with foreign keys on,
    /// `synchronous = NORMAL` and a 60 s busy timeout (``busyTimeout``), so several readers and one writer
    /// (possibly in other processes) can share it.
    ///
    /// Before anything is written, the location and the file are checked: a missing or
    /// read-only directory creates nothing; a file that is not SQLite, belongs to another
    /// application or was written by a newer reclaimlab is refused and left unchanged.
    /// An empty (zero-byte) file is initialised like a new one.
    /// - Throws: ``StoreError`` (cannot create, not ours, newer schema, I/O).
    public init(path: String) throws {
        try Self.checkLocation(path)
        if try Self.hasContent(path) {
            try Self.checkHeader(path)
            try Self.inspect(path)
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.fileConfiguration())
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
        try self.init(writer: pool)
    }

    /// How long a connection waits for another's lock (SQLite's busy timeout), seconds.
    /// Several processes sweeping into one database wait for each other's commits; a
    /// commit of a large run holds the write lock for seconds, so the wait is generous.
    static let busyTimeout: TimeInterval = 60

    /// WAL (implied by `DatabasePool`), foreign keys, `synchronous = NORMAL`, ``busyTimeout``.
    static func fileConfiguration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    /// The directory must exist and be writable; an existing file must be a writable
    /// regular file. Checked first so that a bad path creates nothing.
    static func checkLocation(_ path: String) throws {
        let fileManager = FileManager.default
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw StoreError.cannotCreate(path: path, reason: "directory \(directory) does not exist")
        }
        guard isDirectory.boolValue else {
            throw StoreError.cannotCreate(path: path, reason: "\(directory) is not a directory")
        }
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else {
                throw StoreError.cannotCreate(path: path, reason: "it is a directory")
            }
            guard fileManager.isReadableFile(atPath: path) else {
                throw StoreError.cannotCreate(path: path, reason: "the file is not readable")
            }
            guard fileManager.isWritableFile(atPath: path) else {
                throw StoreError.cannotCreate(path: path, reason: "the file is read-only")
            }
        } else {
            guard fileManager.isWritableFile(atPath: directory) else {
                throw StoreError.cannotCreate(path: path, reason: "directory \(directory) is not writable")
            }
        }
    }

    /// Whether a file exists at `path` with at least one byte.
    static func hasContent(_ path: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return ((attributes[.size] as? NSNumber)?.int64Value ?? 0) > 0
        } catch {
            throw StoreError.io(path: path, detail: "cannot read the file's size: \(error)")
        }
    }

    /// The 16-byte magic string every SQLite 3 database file starts with.
    static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// Refuses a non-empty file that does not start with the SQLite header, without
    /// letting SQLite open it.
    static func checkHeader(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.io(path: path, detail: "cannot open the file for reading")
        }
        defer { try? handle.close() }
        let prefix: Data
        do {
            prefix = try handle.read(upToCount: sqliteHeader.count) ?? Data()
        } catch {
            throw StoreError.io(path: path, detail: "cannot read the file: \(error)")
        }
        guard Array(prefix) == sqliteHeader else {
            throw StoreError.notADatabase(path: path)
        }
    }

    /// Reads the existing file through a read-only connection (no journal-mode change, no
    /// write) and refuses it if this binary must not migrate it.
    static func inspect(_ path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            try queue.read { db in
                // Reading the schema makes SQLite validate the header and first page.
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                try checkCompatible(db, path: path)
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }
}
