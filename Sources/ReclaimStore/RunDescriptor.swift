import ReclaimModel

/// What the store records about a run before it runs: its identity and key configuration
/// (the leading columns of `runs`).
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
    /// The kernel model version (part of the run key).
    public var modelVersion: String

    public init(
        runKey: String, sweepId: Int64? = nil, scenario: String, kernel: String, seed: UInt64,
        swappiness: Int, swapPages: Int, laptopMode: Int, config: String, hz: Int,
        durationMs: Int64, toolVersion: String = ModelInfo.toolVersion,
        modelVersion: String = ModelInfo.modelVersion
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

    /// Takes the kernel, seed, knobs, `hz` and duration from a validated simulation config.
    ///
    /// - Parameter configJSON: the canonical JSON of the scenario the config came from.
    public init(
        runKey: String, sweepId: Int64? = nil, scenario: String, simulation: SimulationConfig,
        configJSON: String
    ) {
        self.init(
            runKey: runKey, sweepId: sweepId, scenario: scenario, kernel: simulation.kernel,
            seed: simulation.seed, swappiness: simulation.machine.swappiness,
            swapPages: simulation.machine.swapPages, laptopMode: simulation.machine.laptopMode,
            config: configJSON, hz: simulation.hz,
            durationMs: Int64(simulation.durationJiffies) * 1000 / Int64(max(simulation.hz, 1)))
    }
}

/// The answer of ``Store/beginRun(_:)``.
public enum RunStart: Sendable, Hashable {
    /// The run is recorded as `running` under this id: simulate it, then `finishRun`.
    /// A retry of a `failed` or interrupted run reuses its id with its old rows deleted.
    case started(Int64)
    /// A run with this key is already `done`: skip it.
    case alreadyDone(Int64)

    /// The run's `run_id` either way.
    public var runId: Int64 {
        switch self {
        case .started(let id), .alreadyDone(let id): return id
        }
    }
}
