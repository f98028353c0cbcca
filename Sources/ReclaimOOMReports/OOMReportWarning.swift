/// A report the parser found but could not use, with where and why.
public struct OOMReportWarning: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as given (or `(stdin)`).
    public var source: String
    /// 1-based line the warning is about (where the report was cut off or damaged).
    public var line: Int
    /// 1-based line where the report started (its `invoked oom-killer` line), if seen.
    public var reportStart: Int?
    /// What is wrong, e.g. "cut off: the file ends before its 'Killed process' line".
    public var reason: String

    public init(source: String, line: Int, reportStart: Int?, reason: String) {
        self.source = source
        self.line = line
        self.reportStart = reportStart
        self.reason = reason
    }

    /// `FILE:LINE: OOM report from line N skipped: REASON`.
    public var description: String {
        let what = reportStart.map { "OOM report starting at line \($0)" } ?? "OOM report"
        return "\(source):\(line): \(what) skipped: \(reason)"
    }
}

/// What parsing one log found: the whole reports and a warning per report it skipped.
public struct OOMLogParse: Sendable, Hashable {
    public var reports: [OOMReport]
    public var warnings: [OOMReportWarning]

    public init(reports: [OOMReport], warnings: [OOMReportWarning]) {
        self.reports = reports
        self.warnings = warnings
    }
}
