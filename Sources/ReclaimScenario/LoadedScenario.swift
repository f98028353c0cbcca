import ReclaimRecords

/// A scenario file after decoding, validation and overrides, with its canonical form and run key.
public struct LoadedScenario: Sendable, Hashable {
    /// The validated scenario, every default filled in.
    public let scenario: Scenario
    /// ``Scenario/canonicalJSON`` of ``scenario``: what `runs.config` stores.
    public let canonicalJSON: String
    /// ``RunKey/make(canonicalJSON:modelVersion:)`` of ``canonicalJSON`` with the current model
    /// (``Scenario/modelVersion``: `linux-<release>` for `kernel: live`).
    public let runKey: String
    /// The file it came from as the user named it, or the `sourceName` given to
    /// ``ScenarioFile/load(yaml:sourceName:overrides:)``.
    public let sourcePath: String

    /// Wraps a validated scenario, computing its canonical JSON and run key.
    public init(scenario: Scenario, sourcePath: String) {
        self.scenario = scenario
        self.canonicalJSON = scenario.canonicalJSON
        self.runKey = RunKey.make(canonicalJSON: canonicalJSON, modelVersion: scenario.modelVersion)
        self.sourcePath = sourcePath
    }
}
