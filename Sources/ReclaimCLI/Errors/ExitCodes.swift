import ArgumentParser
import ReclaimLive
import ReclaimModel
import ReclaimReport
import ReclaimScenario
import ReclaimStore

/// sysexits(3) codes, and the ONE mapping from every error type to them (style habit 9):
/// library errors carry no exit codes; this file decides them.
public enum ExitCodes {
    public static let ok: Int32 = 0
    public static let usage: Int32 = 64
    public static let unavailable: Int32 = 69
    public static let osError: Int32 = 71
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let software: Int32 = 70
    public static let cantCreate: Int32 = 73
    public static let ioError: Int32 = 74
    /// Try again later (EX_TEMPFAIL): `run` found its run claimed by another live process.
    public static let tempFail: Int32 = 75
    /// Stopped by SIGINT (Ctrl-C): 128 + 2, as shells report a process killed by it.
    public static let interrupted: Int32 = 130

    /// The code for an error of ours, or `software` (70) for any error nobody recognises
    /// (a GRDB or encoding error that escaped); nil for ArgumentParser's own errors, which
    /// it reports itself.
    static func code(for error: any Error) -> Int32? {
        switch error {
        case let e as CLIFailure: e.exitCode
        case let e as ScenarioError: scenarioCode(e)
        case let e as StoreError: storeCode(e)
        case let e as QueryError: queryCode(e, canned: false)
        case is ModelError: software
        case let e as LiveError: liveCode(e)
        case is ReportError: usage  // --sweep or --run names nothing in the database
        default: nil
        }
    }

    /// Live runs: 69 the machine cannot run them (root, memory controller, tracefs, memory,
    /// another live run), 64 refused scenario, 71 a kernel interface failed, 128 + the signal
    /// when interrupted (130 for Ctrl-C, as for any command stopped by SIGINT).
    static func liveCode(_ error: LiveError) -> Int32 {
        switch error {
        case .unavailable: unavailable
        case .refused: usage
        case .system: osError
        case .interrupted(let signal): 128 + signal
        }
    }

    /// 66 unreadable file, 65 not YAML, 64 not a valid scenario or `--set`.
    static func scenarioCode(_ error: ScenarioError) -> Int32 {
        switch error {
        case .unreadable: noInput
        case .malformed: dataError
        case .invalid, .badOverride: usage
        }
    }

    /// 65 bad data (not SQLite or not ours, corrupt, newer or older schema), 66 a missing
    /// input, 73 cannot create output, 74 I/O error, 70 internal error (unknown runs,
    /// constraint violations).
    static func storeCode(_ error: StoreError) -> Int32 {
        switch error {
        case .notADatabase, .notAReclaimlabDatabase, .corrupt, .newerSchema, .olderSchema:
            return dataError
        case .cannotCreate:
            return cantCreate
        case .missingInput:
            return noInput
        case .io:
            return ioError
        case .unknownRun, .runNotRunning, .claimLost:
            return software
        case .database:
            switch error.databaseFailure {
            case .damaged: return dataError
            case .notPermitted: return cantCreate
            case .internalError: return software
            case .io, nil: return ioError
            }
        }
    }

    /// 66 missing database, 64 unknown parameters; a SQL error is 65 in a user's SQL (bad
    /// input) and 70 in a canned query (our bug).
    static func queryCode(_ error: QueryError, canned: Bool) -> Int32 {
        switch error {
        case .missingDatabase: noInput
        case .unknownParameters: usage
        case .sql: canned ? software : dataError
        }
    }

    /// ArgumentParser's code for its own errors: 0 (help, version), 64 for bad usage; its
    /// code 1 means an error it did not recognise (thrown from `run()`), which is ours and
    /// internal: 70.
    static func code(forParserCode code: Int32) -> Int32 {
        switch code {
        case 0: ok
        case 1: software
        case ExitCode.validationFailure.rawValue: usage
        default: code
        }
    }
}

/// A failure the CLI reports itself, with its exit code (one of ``ExitCodes``).
struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32
}
