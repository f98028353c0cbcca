import Foundation
import ReclaimLive
import ReclaimRecords
import ReclaimScenario
import ReclaimSweep

/// The machine's own kernel as a ``RunEngine`` (`kernel: live`, docs/live.md): each run is
/// a ``LiveRunner`` on the real kernel, its observations turned into the same records as a
/// simulated run by ``LiveRecordBuilder``.
///
/// Not deterministic: the run key carries the kernel release (`linux-` + `uname -r`, the
/// scenario's ``Scenario/modelVersion``), the seed fixes only the workers' streams. One live
/// run at a time: runs of one process wait for each other here, and another process's run
/// holds the machine's lock (the run then fails with ``LiveError/unavailable(_:)``).
public struct LiveEngine: RunEngine {
    /// The binary re-executed as the workers (`/proc/self/exe`: this one).
    public var workerExecutable: String
    /// Progress and clean-up lines.
    public var log: @Sendable (String) -> Void

    public init(workerExecutable: String = "/proc/self/exe", log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.workerExecutable = workerExecutable
        self.log = log
    }

    /// One live run per process at a time (a sweep's other jobs wait here).
    private static let oneAtATime = NSLock()

    /// The scenario's run key (with the kernel release), kernel `live`, seed, knobs, `hz`
    /// and duration.
    public func descriptor(for scenario: LoadedScenario, sweepId: Int64?) -> RunDescriptor {
        let s = scenario.scenario
        return RunDescriptor(
            runKey: scenario.runKey, sweepId: sweepId, scenario: s.name, kernel: s.kernel, seed: s.seed,
            swappiness: s.machine.swappiness, swapPages: s.machine.swapPages, laptopMode: s.machine.laptopMode,
            config: scenario.canonicalJSON, hz: s.hz, durationMs: Int64((s.durationSeconds * 1000).rounded()),
            modelVersion: s.modelVersion)
    }

    /// Runs the scenario on this machine's kernel and reports its rows to `sink`.
    ///
    /// - Throws: ``LiveError`` when the machine cannot run it, a kernel interface fails, or
    ///   a signal interrupts it (everything the run made is removed first).
    public func run<Sink: EventSink>(_ scenario: LoadedScenario, sink: inout Sink) throws -> RunSummary {
        Self.oneAtATime.lock()
        defer { Self.oneAtATime.unlock() }
        let plan = scenario.scenario.livePlan()
        let result = try LiveRunner(plan: plan, workerExecutable: workerExecutable, log: log).run()
        let rate = result.durationMs > 0 ? Int64(result.eventCount) * 1000 / result.durationMs : 0
        log(
            "\(result.eventCount) trace events in \(result.durationMs) ms (\(rate)/s), \(result.eventsLost) lost; "
                + "\(result.calls.count) reclaim calls (\(result.unfinishedCalls) unfinished, \(result.eventsOutsideCalls) shrink "
                + "events outside a call); /dev/kmsg clock - monotonic = \(result.kmsgOffsetMicroseconds) us")
        return LiveRecordBuilder(plan: plan, ignoredKeys: scenario.scenario.liveIgnoredKeys).build(result, into: &sink)
    }
}
