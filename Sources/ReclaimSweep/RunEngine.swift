import ReclaimRecords
import ReclaimScenario

/// What turns a scenario into recorded events: the 2.6.20 simulator now
/// (`SimulatorEngine`), a live-kernel runner later (issue 15). `reclaimlab run` and the
/// sweep drive every engine the same way, and the store never learns which one ran.
///
/// The driver, for each run:
/// 1. calls ``descriptor(for:sweepId:)`` — pure, no side effects — and records the run as
///    `running` under the descriptor's run key, claimed by this process (a key already
///    `done`, or claimed by another live process, is not run again);
/// 2. calls ``run(_:sink:)``, which reports every event to `sink` in time order (a reclaim
///    call's passes before its call row) and returns the ``RunSummary``;
/// 3. commits the events, summary and status in one transaction: `done`, or `failed` when
///    the summary has a `panic` (the run ended early; its rows up to then are kept).
///    When `run` throws, the run is stored `failed` with the error's description and its
///    events are dropped.
///
/// Requirements on an engine:
/// - Inputs are engine-neutral: the decoded ``Scenario``, its canonical JSON and seed (all
///   in ``LoadedScenario``). An engine maps them to its own configuration.
/// - `run` may be called from several threads at once, each call with its own sink (a sweep
///   runs `--jobs` runs side by side). An engine with one shared resource (one live
///   machine) serializes inside `run`, or is driven with `--jobs 1`.
/// - The run key identifies the rows: two runs with one key must record the same rows.
///   The simulator's rows depend only on the scenario, so its key is the scenario's
///   (``RunKey/make(canonicalJSON:modelVersion:)`` with its model version). An engine whose
///   rows are not reproducible puts what makes them unique (host, kernel release, time)
///   into its own `modelVersion` or key.
public protocol RunEngine: Sendable {
    /// What the store records about a run of `scenario` before it starts: run key, kernel,
    /// seed, knobs, canonical config, model version.
    func descriptor(for scenario: LoadedScenario, sweepId: Int64?) -> RunDescriptor

    /// Performs one run, reporting its events to `sink`; returns what the `runs`, `tasks`,
    /// `containers` and `zones` tables need beyond events.
    ///
    /// - Throws: when the run cannot complete; the driver stores it `failed` with the
    ///   error's description.
    func run<Sink: EventSink>(_ scenario: LoadedScenario, sink: inout Sink) throws -> RunSummary
}
