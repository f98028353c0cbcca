import ReclaimLiveEngine
import ReclaimRecords
import ReclaimScenario
import ReclaimSimulator
import ReclaimSweep

/// The engine a scenario's `kernel` names: the 2.6.20 simulator, or the machine's own
/// kernel for `kernel: live` — so `run` and a sweep with a `kernel` axis drive both alike.
struct KernelEngine: RunEngine {
    let simulator = SimulatorEngine()
    let live: LiveEngine

    init(console: Console) {
        live = LiveEngine(log: { console.error("live: " + $0) })
    }

    func descriptor(for scenario: LoadedScenario, sweepId: Int64?) -> RunDescriptor {
        scenario.scenario.isLive
            ? live.descriptor(for: scenario, sweepId: sweepId) : simulator.descriptor(for: scenario, sweepId: sweepId)
    }

    func run<Sink: EventSink>(_ scenario: LoadedScenario, sink: inout Sink) throws -> RunSummary {
        scenario.scenario.isLive ? try live.run(scenario, sink: &sink) : try simulator.run(scenario, sink: &sink)
    }
}
