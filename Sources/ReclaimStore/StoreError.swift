import GRDB
import ReclaimRecords

/// Why the store could not do what was asked, worded for the person at the terminal.
///
/// Every case names the database file and says what to do next; the CLI maps each case to
/// an exit code. A GRDB
/// ``DatabaseError`` is kept whole so its message still shows the failing SQL.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The file exists but is not a SQLite database (wrong header). Nothing was written.
    case notADatabase(path: String)
    /// The file is a SQLite database of another application (tables but no reclaimlab
    /// migrations). Nothing was written.
    case notAReclaimlabDatabase(path: String, tables: [String])
    /// The file is a SQLite database whose content SQLite reports as damaged.
    case corrupt(path: String, detail: String)
    /// The database has applied migrations this binary does not know: a newer reclaimlab
    /// wrote it. Refused before any migration, so the file is untouched.
    case newerSchema(path: String, unknownMigrations: [String])
    /// A reading command met a database written by an older reclaimlab (migrations
    /// missing). Reading commands never migrate, so the file was not modified.
    case olderSchema(path: String, missingMigrations: [String])
    /// The database file cannot be created or written: missing directory, read-only
    /// file or location.
    case cannotCreate(path: String, reason: String)
    /// SQLite failed while reading or writing (disk full, I/O error, lock held too long,
    /// or a constraint the recorded rows violate).
    case database(path: String, error: DatabaseError)
    /// Any other failure while reaching the file.
    case io(path: String, detail: String)
    /// A run id that this database does not hold (a programming error in the caller).
    case unknownRun(path: String, runId: Int64)
    /// The run is not in a state that allows the operation (e.g. finishing a `done` run).
    case runNotRunning(path: String, runId: Int64, status: RunStatus)
    /// Another process took the run over (it found this process's claim dead, e.g. after a
    /// pid was reused) and now holds it: this process's result for it was not written.
    case claimLost(path: String, runId: Int64, status: RunStatus, holder: RunOwner)
    /// An input database (of `merge`) that does not exist; nothing was written.
    case missingInput(path: String)

    /// What a SQLite failure (``database(path:error:)``) means, for callers that map errors
    /// to outcomes (the CLI's exit codes); nil for the other cases.
    public var databaseFailure: DatabaseFailure? {
        guard case .database(_, let error) = self else { return nil }
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .damaged
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .notPermitted
        case .SQLITE_CONSTRAINT, .SQLITE_ERROR, .SQLITE_MISUSE, .SQLITE_RANGE, .SQLITE_MISMATCH: return .internalError
        default: return .io
        }
    }

    /// Kinds of SQLite failure (see ``databaseFailure``).
    public enum DatabaseFailure: Sendable, Hashable {
        /// The file's content is damaged or not a database (`SQLITE_CORRUPT`, `SQLITE_NOTADB`).
        case damaged
        /// The file or its directory cannot be opened or written (`SQLITE_READONLY`,
        /// `SQLITE_CANTOPEN`, `SQLITE_PERM`, `SQLITE_AUTH`).
        case notPermitted
        /// Our SQL or rows are wrong (`SQLITE_CONSTRAINT`, `SQLITE_ERROR`, `SQLITE_MISUSE`,
        /// `SQLITE_RANGE`, `SQLITE_MISMATCH`): a bug to report.
        case internalError
        /// Anything else: disk full, I/O error, lock held too long.
        case io
    }

    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "\(path): not a SQLite database (its first bytes are not 'SQLite format 3'). "
                + "The file was not modified. Pass --db a reclaimlab database, or a new file name to create one."
        case .notAReclaimlabDatabase(let path, let tables):
            let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", ..." : "")
            return "\(path): a SQLite database of another application (tables: \(shown)), not a reclaimlab database. "
                + "The file was not modified. Pass --db a reclaimlab database, or a new file name to create one."
        case .corrupt(let path, let detail):
            return "\(path): the database is damaged (\(detail)). "
                + "Restore it from a copy or use a new --db file; `sqlite3 \(path) .recover` may salvage its rows."
        case .newerSchema(let path, let unknown):
            return "\(path): written by a newer reclaimlab (unknown migrations: \(unknown.joined(separator: ", "))). "
                + "The file was not modified. Use a newer reclaimlab, or a new --db file."
        case .olderSchema(let path, let missing):
            return "\(path): written by an older reclaimlab (missing migrations: \(missing.joined(separator: ", "))). "
                + "The file was not modified: reading commands never upgrade a database. "
                + "Upgrade it with `reclaimlab migrate --db \(path)`, then retry."
        case .cannotCreate(let path, let reason):
            return "\(path): cannot create or write the database: \(reason). "
                + "Create the directory or choose a writable --db path."
        case .database(let path, let error):
            return "\(path): \(error)" + Self.hint(for: error.resultCode)
        case .io(let path, let detail):
            return "\(path): \(detail)"
        case .unknownRun(let path, let runId):
            return "\(path): no run with run_id \(runId) (internal error: please report it)."
        case .runNotRunning(let path, let runId, let status):
            return "\(path): run \(runId) is '\(status)', not 'running' (internal error: please report it)."
        case .claimLost(let path, let runId, let status, let holder):
            return "\(path): run \(runId) was taken over by \(holder) and is now '\(status)'; "
                + "this process's result for it was not written (that process records it)."
        case .missingInput(let path):
            return "\(path): no such database file. Nothing was written. Pass existing reclaimlab databases to merge."
        }
    }

    private static func hint(for code: ResultCode) -> String {
        switch code {
        case .SQLITE_FULL:
            return ". The disk is full: free space and re-run; unfinished runs are re-run on resume."
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return ". Another process held the database for over \(Int(Store.busyTimeout)) s: retry when it is done."
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return ". Check the file's and its directory's permissions, or choose another --db path."
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return ". Restore the database from a copy or use a new --db file."
        case .SQLITE_CONSTRAINT:
            return ". The recorded rows violate the schema (internal error: please report it with the scenario)."
        default:
            return ""
        }
    }
}

extension StoreError {
    /// Converts whatever an operation on `path` threw into a `StoreError`.
    static func wrapping(_ error: any Error, path: String) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_NOTADB:
                return .notADatabase(path: path)
            case .SQLITE_CORRUPT:
                return .corrupt(path: path, detail: error.message ?? "SQLITE_CORRUPT")
            default:
                return .database(path: path, error: error)
            }
        default:
            return .io(path: path, detail: String(describing: error))
        }
    }
}
