import ReclaimLive
import ReclaimModel
import ReclaimReport
import ReclaimScenario
import ReclaimStore

/// sysexits(3) codes, mapped from every error type in one place (style habit 9).
public enum ExitCodes {
    public static let ok: Int32 = 0
    public static let usage: Int32 = 64
    public static let unavailable: Int32 = 69
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let software: Int32 = 70
    public static let cantCreate: Int32 = 73
    public static let ioError: Int32 = 74

    /// The code for an error of ours; nil for errors ArgumentParser handles itself.
    static func code(for error: any Error) -> Int32? {
        switch error {
        case let e as ScenarioError: e.exitCode
        case let e as StoreError: e.exitCode
        case is ModelError: software
        case let e as LiveError: e.exitCode
        case is ReportError: usage  // --sweep or --run names nothing in the database
        case is ReportStoreError: dataError  // an older database: `migrate` it first
        case let e as CLIFailure: e.exitCode
        default: nil
        }
    }
}

/// A failure the CLI reports itself, with its exit code.
struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32
}
