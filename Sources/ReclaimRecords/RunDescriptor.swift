/// What the store records about a run before it runs: its identity and key configuration
/// (the leading columns of `runs`), as plain values any engine can fill in.
public struct RunDescriptor: Sendable, Hashable {
    /// Hash of the canonical config, seed and model version (`runs.run_key`, unique).
    public var runKey: String
    /// The sweep this run belongs to (`recordSweep(name:spec:)`), nil for a single run.
    public var sweepId: Int64?
    /// Scenario name.
    public var scenario: String
    /// Kernel model, e.g. `"2.6.20-rss"`.
    public var kernel: String
    /// The run's seed; stored as its `Int64` bit pattern (seeds above 2^63-1 read back negative).
    public var seed: UInt64
    /// `vm_swappiness`, 0...100.
    public var swappiness: Int
    /// Swap size in pages; 0 = no swap.
    public var swapPages: Int
    /// `laptop_mode` in seconds; 0 = off.
    public var laptopMode: Int
    /// Canonical JSON of the whole scenario (`runs.config`); must be valid JSON.
    public var config: String
    /// Timer frequency of the simulated kernel.
    public var hz: Int
    /// Simulated duration, milliseconds.
    public var durationMs: Int64
    /// The reclaimlab version recording the run.
    public var toolVersion: String
    /// The engine's model version (part of the run key), e.g. `ModelInfo.modelVersion`.
    public var modelVersion: String

    public init(
        runKey: String, sweepId: Int64? = nil, scenario: String, kernel: String, seed: UInt64,
        swappiness: Int, swapPages: Int, laptopMode: Int, config: String, hz: Int,
        durationMs: Int64, toolVersion: String = ToolInfo.toolVersion,
        modelVersion: String
    ) {
        self.runKey = runKey
        self.sweepId = sweepId
        self.scenario = scenario
        self.kernel = kernel
        self.seed = seed
        self.swappiness = swappiness
        self.swapPages = swapPages
        self.laptopMode = laptopMode
        self.config = config
        self.hz = hz
        self.durationMs = durationMs
        self.toolVersion = toolVersion
        self.modelVersion = modelVersion
    }
}
