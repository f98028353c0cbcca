import Foundation
import ReclaimRecords
import ReclaimScenario
import ReclaimStore

/// Runs the points of a sweep on `jobs` threads through any ``RunEngine`` (each run with
/// its own sink), every write through one ``SweepWriter`` (issue 4; style habit 7:
/// parallelism at the run level, the store receives immutable `Sendable` batches).
///
/// For a deterministic engine (the simulator) results do not depend on `jobs`: a run's rows
/// depend only on its scenario; only the order in which runs commit, and so their
/// `run_id`s, differ.
public struct SweepRunner: Sendable {
    /// The points to run, in grid order; already-`done` ones are skipped up front.
    let points: [SweepPoint]
    /// What performs each run.
    let engine: any RunEngine
    let store: Store
    /// The `sweeps` row of this invocation; runs started here point at it.
    let sweepId: Int64
    /// Worker threads, at least 1.
    let jobs: Int
    /// Stop starting runs after the first failure.
    let failFast: Bool
    let progressMode: ProgressReporter.Mode
    /// Where progress text goes (standard error).
    let progressOutput: @Sendable (String) -> Void
    /// Axes of the grid, to label runs in progress lines.
    let axes: [SweepAxis]
    /// Which event tables the runs fill (`--record`).
    let recordLevel: RunRecorder.Level
    /// Asked to stop (Ctrl-C): no more runs start; the ones in flight finish and commit.
    let stop: SweepStop

    /// - Parameters:
    ///   - points: the grid points to run, in grid order.
    ///   - engine: what performs each run (e.g. the simulator's engine).
    ///   - sweepId: the `sweeps` row of this invocation (``Store/recordSweep(name:spec:)``).
    ///   - jobs: runs side by side, at least 1.
    ///   - failFast: stop starting runs after the first failure.
    ///   - progressOutput: receives progress text (whole lines, or `\r` redraws in `live` mode).
    ///   - recordLevel: which event tables the runs fill.
    ///   - stop: set it (from a SIGINT handler) to stop starting runs.
    public init(
        points: [SweepPoint], engine: any RunEngine, store: Store, sweepId: Int64, jobs: Int, failFast: Bool,
        progressMode: ProgressReporter.Mode, progressOutput: @escaping @Sendable (String) -> Void,
        axes: [SweepAxis], recordLevel: RunRecorder.Level = .passes, stop: SweepStop = SweepStop()
    ) {
        self.stop = stop
        self.points = points
        self.engine = engine
        self.store = store
        self.sweepId = sweepId
        self.jobs = jobs
        self.failFast = failFast
        self.progressMode = progressMode
        self.progressOutput = progressOutput
        self.axes = axes
        self.recordLevel = recordLevel
    }

    private struct Queue {
        var next = 0
        var stopped = false
    }

    /// A grid point and what the engine records it under.
    private struct Planned: Sendable {
        let point: SweepPoint
        let descriptor: RunDescriptor
    }

    /// Runs every point not yet `done` (nor claimed by another live process) and returns
    /// what happened. Several processes may run the same grid into one database at once:
    /// each point is claimed by one of them (``Store/beginRun(_:)``), the others count it
    /// as running elsewhere.
    ///
    /// - Throws: the first ``StoreError`` a write hit (the sweep stops; runs begun but not
    ///   finished stay `running`, owned by this process, and are retried by the next
    ///   invocation once it has exited).
    public func run() throws -> SweepTally {
        let planned = points.map { Planned(point: $0, descriptor: engine.descriptor(for: $0.scenario, sweepId: sweepId)) }
        let before = try store.reader.runs(keys: planned.map(\.descriptor.runKey))
        let todo = planned.filter { before[$0.descriptor.runKey]?.status != .done }
        let retrying = Set(todo.compactMap { before[$0.descriptor.runKey] == nil ? nil : $0.descriptor.runKey })
        let progress = ProgressReporter(mode: progressMode, total: todo.count, write: progressOutput)
        let workers = max(1, min(jobs, todo.count))
        let writer = SweepWriter(store: store, progress: progress, pendingLimit: workers)
        let queue = SweepLock(Queue())

        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                work(todo, queue: queue, writer: writer, retrying: retrying)
                group.leave()
            }
            thread.name = "reclaimlab sweep worker"
            thread.start()
        }
        group.wait()
        let notStarted = queue.withLock { todo.count - $0.next }
        var tally = try writer.drain()
        progress.end()
        tally.total = points.count
        tally.skipped += points.count - todo.count
        tally.notStarted = notStarted
        tally.interrupted = stop.isRequested
        return tally
    }

    /// A run this worker has begun (its `runs` row is `running`).
    private struct Started {
        let point: SweepPoint
        let runKey: String
        let runId: Int64
        let label: String
    }

    /// One worker: takes the next point until none is left or the sweep stops.
    ///
    /// The next run is begun *before* the finished run's rows are handed to the writer:
    /// `beginRun` needs the store's one writer connection, and taken after the hand-over it
    /// would wait for that very commit, leaving this core idle while the writer works
    /// (issue 6: with `--jobs 1` the run and the writer then overlap fully).
    private func work(_ todo: [Planned], queue: SweepLock<Queue>, writer: SweepWriter, retrying: Set<String>) {
        var current = begin(next: todo, queue: queue, writer: writer)
        while let run = current {
            let retried = retrying.contains(run.runKey)
            let clock = ContinuousClock()
            let started = clock.now
            var events = store.recorder(runId: run.runId, level: recordLevel)
            let outcome: Result<RunSummary, any Error> = Result { try engine.run(run.point.scenario, sink: &events) }
            let seconds = ProgressReporter.seconds(clock.now - started)
            let failed = (try? outcome.get()).map { $0.panic != nil } ?? true
            if failed, failFast { queue.withLock { $0.stopped = true } }
            current = begin(next: todo, queue: queue, writer: writer)
            switch outcome {
            case .success(let summary):
                writer.finish(events, label: run.label, summary: summary, retried: retried, seconds: seconds)
            case .failure(let error):
                writer.fail(events, label: run.label, error: "\(error)", retried: retried, seconds: seconds)
            }
        }
    }

    /// Takes points until one is begun (points found `done` or running elsewhere meanwhile
    /// are skipped); nil when none is left, the sweep stops, or `beginRun` fails (the error
    /// is noted).
    private func begin(next todo: [Planned], queue: SweepLock<Queue>, writer: SweepWriter) -> Started? {
        while true {
            let taken = queue.withLock { state -> Int? in
                guard !state.stopped, !stop.isRequested, !writer.hasFailed, state.next < todo.count else { return nil }
                state.next += 1
                return state.next - 1
            }
            guard let index = taken else { return nil }
            let (point, descriptor) = (todo[index].point, todo[index].descriptor)
            let label = "\(descriptor.runKey.prefix(12))  \(SweepGrid.describe(point.values, axes: axes))"
            do {
                guard case .started(let id) = try writer.begin(descriptor, label: label) else { continue }
                return Started(point: point, runKey: descriptor.runKey, runId: id, label: label)
            } catch {
                writer.note(error)
                return nil
            }
        }
    }
}
