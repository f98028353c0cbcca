import Foundation

/// Sweep progress on stderr (docs/sweeps.md, "Progress": a live line on a terminal, one
/// line per run otherwise).
///
/// - `live` (stderr is a terminal): one line redrawn with `\r`: done/total, failures,
///   runs per second and the estimated time left; failures are printed above it.
/// - `lines`: one plain line per finished run, for logs and batch systems.
/// - `quiet` (`--quiet`): nothing.
///
/// Called from the sweep's commit queue after a run's rows commit, and from a worker's
/// thread when a run it begins turns out to be done already; each report is counted and
/// printed under one lock, so lines and counters appear in order.
public final class ProgressReporter: Sendable {
    /// How progress is shown.
    public enum Mode: Sendable {
        /// One line redrawn with `\r` (stderr is a terminal).
        case live
        /// One plain line per finished run.
        case lines
        /// Nothing.
        case quiet
    }

    /// How a run ended.
    enum Outcome: Sendable {
        case done
        case failed(String)
        case skipped
        /// Another live process holds the run's claim (its owner, e.g. `pid 4242 on build-3`).
        case runningElsewhere(String)
        /// Simulated here, but another process took the claim over; not written.
        case claimLost(String)
    }

    private struct State {
        var finished = 0
        var failed = 0
        var lastDraw: ContinuousClock.Instant?
    }

    /// Live redraws at most this often.
    static let redrawInterval = Duration.milliseconds(100)

    let mode: Mode
    let total: Int
    private let write: @Sendable (String) -> Void
    private let started = ContinuousClock.now
    private let state = SweepLock(State())

    /// `live` when stderr is a terminal, else `lines`; `quiet` wins.
    public static func mode(quiet: Bool) -> Mode {
        quiet ? .quiet : (isatty(STDERR_FILENO) == 1 ? .live : .lines)
    }

    init(mode: Mode, total: Int, write: @escaping @Sendable (String) -> Void) {
        self.mode = mode
        self.total = total
        self.write = write
    }

    /// Reports a run that ended; `label` says which (`3fa9c2d1e0b7 machine.swappiness=60 seed=1`).
    func finished(_ label: String, outcome: Outcome, seconds: Double) {
        let now = ContinuousClock.now
        // Counted and printed under one lock: two reports cannot print their counters out of order.
        state.withLock { state in
            state.finished += 1
            if case .failed = outcome { state.failed += 1 }
            let due = state.lastDraw.map { now - $0 >= Self.redrawInterval } ?? true
            let draw = due || state.finished == total
            if draw { state.lastDraw = now }
            if let text = render(label, outcome: outcome, seconds: seconds, state: state, draw: draw, now: now) {
                write(text)
            }
        }
    }

    /// The text one report prints, nil for none.
    private func render(
        _ label: String, outcome: Outcome, seconds: Double, state: State, draw: Bool, now: ContinuousClock.Instant
    ) -> String? {
        let width = String(total).count
        let counter = "[\(String(repeating: " ", count: max(0, width - String(state.finished).count)))\(state.finished)/\(total)]"
        switch mode {
        case .quiet:
            return nil
        case .lines:
            switch outcome {
            case .done: return "\(counter) done    \(label)  \(Self.format(seconds)) s\n"
            case .skipped: return "\(counter) skipped \(label) (already done)\n"
            case .runningElsewhere(let owner): return "\(counter) elsewhere \(label) (running in \(owner))\n"
            case .failed(let error): return "\(counter) FAILED  \(label): \(error)\n"
            case .claimLost(let error): return "\(counter) TAKEN OVER \(label): \(error)\n"
            }
        case .live:
            var text = ""
            if case .failed(let error) = outcome {
                text += "\r\u{1B}[K\(counter) FAILED \(label): \(error)\n"
            }
            if case .claimLost(let error) = outcome {
                text += "\r\u{1B}[K\(counter) TAKEN OVER \(label): \(error)\n"
            }
            if draw || !text.isEmpty {
                text += "\r\u{1B}[K" + bar(counter: counter, finished: state.finished, failed: state.failed, now: now)
            }
            return text.isEmpty ? nil : text
        }
    }

    /// Ends the live line (a newline), so what follows starts on its own line.
    func end() {
        if mode == .live, state.withLock({ $0.finished }) > 0 { write("\n") }
    }

    /// `[ 12/36] 1 failed  3.4 runs/s  ETA 0:07`.
    private func bar(counter: String, finished: Int, failed: Int, now: ContinuousClock.Instant) -> String {
        let elapsed = Self.seconds(now - started)
        let rate = elapsed > 0 ? Double(finished) / elapsed : 0
        var text = "\(counter) \(failed) failed  \(Self.format(rate)) runs/s"
        if rate > 0, finished < total {
            text += "  ETA \(Self.clock(Double(total - finished) / rate))"
        }
        return text
    }

    /// A duration in seconds.
    public static func seconds(_ duration: Duration) -> Double {
        let (s, attoseconds) = duration.components
        return Double(s) + Double(attoseconds) / 1e18
    }

    /// `0.84`, `12.3`.
    static func format(_ value: Double) -> String {
        String(format: value < 10 ? "%.2f" : "%.1f", value)
    }

    /// `0:07`, `12:30`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, sec) : String(format: "%d:%02d", m, sec)
    }
}
