import Foundation
import ReclaimModel
import ReclaimScenario
import ReclaimStore

/// Runs the points of a sweep on `jobs` threads, each simulation with its own
/// ``Simulator`` (the model is a value type), every write through one ``SweepRecorder``
/// (issue 4; style habit 7: parallelism at the run level, the store receives immutable
/// `Sendable` batches).
///
/// Results do not depend on `jobs`: a run's rows depend only on its scenario; only the
/// order in which runs commit, and so their `run_id`s, differ.
struct SweepRunner: Sendable {
    /// Simulates one run, streaming its events into the recorder; returns its summary, or
    /// throws (the run then fails).
    typealias Simulate = @Sendable (SimulationConfig, inout RunRecorder) throws -> RunSummary

    /// The points to run, in grid order; already-`done` ones are skipped up front.
    let points: [SweepPoint]
    let store: Store
    /// The `sweeps` row of this invocation; runs started here point at it.
    let sweepId: Int64
    /// Worker threads, at least 1.
    let jobs: Int
    /// Stop starting runs after the first failure.
    let failFast: Bool
    let progressMode: ProgressReporter.Mode
    let console: Console
    /// Axes of the grid, to label runs in progress lines.
    let axes: [SweepAxis]
    /// Which event tables the runs fill (`--record`).
    var recordLevel = RunRecorder.Level.passes
    /// The simulation; tests inject failures here.
    var simulate: Simulate = { try SweepRunner.simulate($0, into: &$1) }

    /// A fresh ``Simulator`` run to the end, its events streamed in bounded batches to the
    /// store's staging tables (issue 6: a run's memory does not grow with its length).
    static func simulate(_ config: SimulationConfig, into recorder: inout RunRecorder) throws -> RunSummary {
        var simulator = Simulator(config: config)
        return try simulator.run(sink: &recorder)
    }

    private struct Queue {
        var next = 0
        var stopped = false
    }

    /// Runs every point not yet `done` and returns what happened.
    ///
    /// - Throws: the first ``StoreError`` a write hit (the sweep stops; runs begun but not
    ///   finished stay `running` and are retried by the next invocation).
    func run() throws -> SweepTally {
        let before = try store.runs(keys: points.map(\.runKey))
        let todo = points.filter { before[$0.runKey]?.status != "done" }
        let retrying = Set(todo.compactMap { before[$0.runKey] == nil ? nil : $0.runKey })
        let progress = ProgressReporter(mode: progressMode, total: todo.count, console: console)
        let workers = max(1, min(jobs, todo.count))
        let recorder = SweepRecorder(store: store, progress: progress, pendingLimit: workers)
        let queue = SweepLock(Queue())

        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                work(todo, queue: queue, recorder: recorder, retrying: retrying)
                group.leave()
            }
            thread.name = "reclaimlab sweep worker"
            thread.start()
        }
        group.wait()
        let notStarted = queue.withLock { todo.count - $0.next }
        var tally = try recorder.drain()
        progress.end()
        tally.total = points.count
        tally.skipped += points.count - todo.count
        tally.notStarted = notStarted
        return tally
    }

    /// A run this worker has begun (its `runs` row is `running`).
    private struct Started {
        let point: SweepPoint
        let runId: Int64
        let label: String
        let config: SimulationConfig
    }

    /// One worker: takes the next point until none is left or the sweep stops.
    ///
    /// The next run is begun *before* the finished run's rows are handed to the writer:
    /// `beginRun` needs the store's one writer connection, and taken after the hand-over it
    /// would wait for that very commit, leaving this core idle while the writer works
    /// (issue 6: with `--jobs 1` the simulation and the writer then overlap fully).
    private func work(_ todo: [SweepPoint], queue: SweepLock<Queue>, recorder: SweepRecorder, retrying: Set<String>) {
        var current = begin(next: todo, queue: queue, recorder: recorder)
        while let run = current {
            let retried = retrying.contains(run.point.runKey)
            let clock = ContinuousClock()
            let started = clock.now
            var events = store.recorder(runId: run.runId, level: recordLevel)
            let outcome: Result<RunSummary, any Error> = Result { try simulate(run.config, &events) }
            let seconds = ProgressReporter.seconds(clock.now - started)
            let failed = (try? outcome.get()).map { $0.panic != nil } ?? true
            if failed, failFast { queue.withLock { $0.stopped = true } }
            current = begin(next: todo, queue: queue, recorder: recorder)
            switch outcome {
            case .success(let summary):
                recorder.finish(events, label: run.label, summary: summary, retried: retried, seconds: seconds)
            case .failure(let error):
                recorder.fail(events, label: run.label, error: "\(error)", retried: retried, seconds: seconds)
            }
        }
    }

    /// Takes points until one is begun (points found `done` meanwhile are skipped); nil
    /// when none is left, the sweep stops, or `beginRun` fails (the error is noted).
    private func begin(next todo: [SweepPoint], queue: SweepLock<Queue>, recorder: SweepRecorder) -> Started? {
        while true {
            let taken = queue.withLock { state -> Int? in
                guard !state.stopped, !recorder.hasFailed, state.next < todo.count else { return nil }
                state.next += 1
                return state.next - 1
            }
            guard let index = taken else { return nil }
            let point = todo[index]
            let label = "\(point.runKey.prefix(12))  \(SweepGrid.describe(point.values, axes: axes))"
            let config = point.scenario.simulationConfig()
            let descriptor = RunDescriptor(
                runKey: point.runKey, sweepId: sweepId, scenario: point.scenario.scenario.name, simulation: config,
                configJSON: point.scenario.canonicalJSON)
            do {
                guard case .started(let id) = try recorder.begin(descriptor, label: label) else { continue }
                return Started(point: point, runId: id, label: label, config: config)
            } catch {
                recorder.note(error)
                return nil
            }
        }
    }
}
