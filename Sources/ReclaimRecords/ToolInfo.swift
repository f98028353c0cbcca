/// Identity of the reclaimlab tool itself, whichever engine ran.
public enum ToolInfo {
    /// The tool version recorded in `runs.tool_version`, `sweeps.tool_version` and
    /// `oom_reports.tool_version`.
    public static let toolVersion = "0.1.0"
}
