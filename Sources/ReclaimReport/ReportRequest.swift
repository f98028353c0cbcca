/// What `reclaimlab report` was asked for, and the provenance the page prints.
public struct ReportRequest: Sendable {
    /// Only this sweep (`--sweep`); nil: every sweep in the database.
    public var sweepId: Int64?
    /// Only this run's page (`--run`); nil: the sweep pages, with run pages for small sweeps.
    public var runId: Int64?
    /// The command line as typed, printed at the top of the page.
    public var commandLine: String
    /// The database as named on the command line.
    public var databasePath: String
    /// The reclaimlab that writes the report.
    public var toolVersion: String
    /// The model version this reclaimlab simulates (the runs carry their own, shown too).
    public var modelVersion: String
    /// Sweeps of at most this many runs get a page per run, linked from their table.
    public var runPagesUpTo: Int

    public init(
        sweepId: Int64? = nil, runId: Int64? = nil, commandLine: String, databasePath: String, toolVersion: String,
        modelVersion: String, runPagesUpTo: Int = 24
    ) {
        self.sweepId = sweepId
        self.runId = runId
        self.commandLine = commandLine
        self.databasePath = databasePath
        self.toolVersion = toolVersion
        self.modelVersion = modelVersion
        self.runPagesUpTo = runPagesUpTo
    }
}

/// Why a report could not be written, worded for the person at the terminal.
public enum ReportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// `--sweep ID` names no sweep of the database.
    case unknownSweep(path: String, sweepId: Int64, known: [Int64])
    /// `--run ID` names no run of the database.
    case unknownRun(path: String, runId: Int64)

    public var description: String {
        switch self {
        case .unknownSweep(let path, let id, let known):
            let list = known.isEmpty ? "it has no sweeps" : "its sweeps are " + known.map(String.init).joined(separator: ", ")
            return "\(path): no sweep with sweep_id \(id) (\(list)). Nothing was written."
        case .unknownRun(let path, let id):
            return "\(path): no run with run_id \(id). Nothing was written. `reclaimlab runs --db \(path)` lists the runs."
        }
    }
}
