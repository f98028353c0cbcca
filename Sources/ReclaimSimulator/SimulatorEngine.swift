import ReclaimModel
import ReclaimRecords
import ReclaimScenario
import ReclaimSweep

/// The 2.6.20 simulator as a ``RunEngine``: each run is a fresh ``Simulator`` (a value type,
/// so runs on different threads share nothing) fed the scenario's ``SimulationConfig``.
///
/// Deterministic: a run's rows depend only on the scenario (seed included) and
/// ``ModelInfo/modelVersion``, which is why the scenario's run key identifies them.
public struct SimulatorEngine: RunEngine {
    public init() {}

    /// The run key of the scenario (canonical JSON and ``ModelInfo/modelVersion``), its
    /// kernel, seed, knobs, `hz` and simulated duration.
    public func descriptor(for scenario: LoadedScenario, sweepId: Int64?) -> RunDescriptor {
        Self.descriptor(
            runKey: scenario.runKey, sweepId: sweepId, scenario: scenario.scenario.name,
            config: scenario.simulationConfig(), configJSON: scenario.canonicalJSON)
    }

    /// The descriptor of a run of `config` (for configs built without a scenario file,
    /// e.g. benchmarks): kernel, seed, knobs, `hz` and duration from the config.
    ///
    /// - Parameter configJSON: the canonical JSON of the scenario the config came from.
    public static func descriptor(
        runKey: String, sweepId: Int64? = nil, scenario: String, config: SimulationConfig, configJSON: String
    ) -> RunDescriptor {
        RunDescriptor(
            runKey: runKey, sweepId: sweepId, scenario: scenario, kernel: config.kernel,
            seed: config.seed, swappiness: config.machine.swappiness, swapPages: config.machine.swapPages,
            laptopMode: config.machine.laptopMode, config: configJSON, hz: config.hz,
            durationMs: Int64(config.durationJiffies) * 1000 / Int64(max(config.hz, 1)),
            modelVersion: ModelInfo.modelVersion)
    }

    /// Simulates the scenario to its end, streaming events into `sink`.
    ///
    /// - Throws: ``ModelError`` when a model invariant is violated (the run then fails
    ///   instead of recording wrong rows).
    public func run<Sink: EventSink>(_ scenario: LoadedScenario, sink: inout Sink) throws -> RunSummary {
        var simulator = Simulator(config: scenario.simulationConfig())
        return try simulator.run(sink: &sink)
    }
}
