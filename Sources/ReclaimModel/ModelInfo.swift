/// Identity of the kernel model, part of every run key.
public enum ModelInfo {
    /// The only kernel model so far: Linux 2.6.20 with the March 2007 RSS-container patch.
    public static let kernel = "2.6.20-rss"
    /// Bumped whenever a change to the model can change recorded rows; part of the run key.
    public static let modelVersion = "2.6.20-rss/3"
    /// The tool version recorded in `runs.tool_version` and `sweeps.tool_version`.
    public static let toolVersion = "0.1.0"
}
