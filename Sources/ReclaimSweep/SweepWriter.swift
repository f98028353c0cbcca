import Dispatch
import Foundation
import ReclaimRecords
import ReclaimStore

/// The commit queue of a sweep: a run's finish or failure (its rows, totals and status)
/// goes through one serial queue, so runs proceed side by side while commits happen one at
/// a time, each in its own short transaction (issue 4; docs/reliability.md, "Crash safety": a run's
/// rows commit together with its status or not at all).
///
/// `begin` is not queued: it runs synchronously on the worker's thread (the worker needs
/// the run id before it runs), serialized with the queued commits only by the store's one
/// writer connection. Batches a run stages while it runs (``RunRecorder``) are also
/// written from the worker's thread. `finish` and `fail` hand the finished, immutable
/// batch to the queue and return, so the worker starts its next run while the rows are
/// written. At most `pendingLimit` batches wait for the queue, which bounds memory when
/// writing is slower than running.
final class SweepWriter: Sendable {
    private struct State {
        var tally = SweepTally()
        var firstError: (any Error)?
    }

    /// CPU time of the calling thread, in seconds (`CLOCK_THREAD_CPUTIME_ID`).
    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    private let store: Store
    private let progress: ProgressReporter
    private let queue = DispatchQueue(label: "reclaimlab.sweep.writer")
    private let pending: DispatchSemaphore
    private let state = SweepLock(State())

    init(store: Store, progress: ProgressReporter, pendingLimit: Int) {
        self.store = store
        self.progress = progress
        self.pending = DispatchSemaphore(value: max(1, pendingLimit))
    }

    /// Whether a write has failed (the sweep stops starting runs).
    var hasFailed: Bool { state.withLock { $0.firstError != nil } }

    /// Claims a run (``Store/beginRun(_:)``); a run found `done`, or `running` in another
    /// live process, is counted (skipped, running elsewhere) and reported.
    ///
    /// Not queued behind the pending commits: the store's one writer connection serializes
    /// it with them anyway, and a worker should not wait for other runs' rows to be written
    /// before it can start simulating.
    func begin(_ descriptor: RunDescriptor, label: String) throws -> RunStart {
        let start = try store.beginRun(descriptor)
        switch start {
        case .started:
            break
        case .alreadyDone:
            state.withLock { $0.tally.skipped += 1 }
            progress.finished(label, outcome: .skipped, seconds: 0)
        case .runningElsewhere(_, let owner):
            state.withLock { $0.tally.runningElsewhere += 1 }
            progress.finished(label, outcome: .runningElsewhere("\(owner)"), seconds: 0)
        }
        return start
    }

    /// Commits a simulated run: its staged events, totals and status (`failed` if it panicked).
    func finish(_ events: RunRecorder, label: String, summary: RunSummary, retried: Bool, seconds: Double) {
        enqueue {
            try self.holdingClaim(label, seconds: seconds) {
                try self.store.finishRun(events, summary: summary)
                let outcome: ProgressReporter.Outcome = summary.panic.map { .failed($0) } ?? .done
                self.count(outcome, retried: retried)
                self.progress.finished(label, outcome: outcome, seconds: seconds)
            }
        }
    }

    /// Stores a run whose simulation threw as `failed` with the error's text.
    func fail(_ events: RunRecorder, label: String, error: String, retried: Bool, seconds: Double) {
        enqueue {
            try self.holdingClaim(label, seconds: seconds) {
                try self.store.failRun(events, error: error)
                self.count(.failed(error), retried: retried)
                self.progress.finished(label, outcome: .failed(error), seconds: seconds)
            }
        }
    }

    /// Runs a commit; a claim another process took over meanwhile is counted and reported,
    /// not an error of the sweep (that process records the run; nothing was written).
    private func holdingClaim(_ label: String, seconds: Double, _ commit: () throws -> Void) throws {
        do {
            try commit()
        } catch let error as StoreError {
            guard case .claimLost = error else { throw error }
            count(.claimLost("\(error)"), retried: false)
            progress.finished(label, outcome: .claimLost("\(error)"), seconds: seconds)
        }
    }

    /// Waits for every queued write; returns the tally, or throws the first write error.
    func drain() throws -> SweepTally {
        queue.sync {}
        return try state.withLock { state in
            if let error = state.firstError { throw error }
            return state.tally
        }
    }

    /// Records an error that happened outside the queue (e.g. `begin` failed); the sweep stops.
    func note(_ error: any Error) {
        state.withLock { if $0.firstError == nil { $0.firstError = error } }
    }

    private func count(_ outcome: ProgressReporter.Outcome, retried: Bool) {
        state.withLock { state in
            switch outcome {
            case .done: state.tally.done += 1
            case .failed: state.tally.failed += 1
            case .skipped: state.tally.skipped += 1
            case .runningElsewhere: state.tally.runningElsewhere += 1
            case .claimLost: state.tally.claimsLost += 1
            }
            if retried { state.tally.retried += 1 }
        }
    }

    /// Runs `write` on the writer queue, after waiting for a free slot; after a failed
    /// write the rest are dropped (their runs stay `running` and are retried on resume).
    private func enqueue(_ write: @escaping @Sendable () throws -> Void) {
        pending.wait()
        queue.async {
            defer { self.pending.signal() }
            guard !self.hasFailed else { return }
            let cpu = Self.threadCPUSeconds()
            defer {
                let spent = Self.threadCPUSeconds() - cpu
                self.state.withLock { $0.tally.writerCPUSeconds += spent }
            }
            do {
                try write()
            } catch {
                self.note(error)
            }
        }
    }
}
