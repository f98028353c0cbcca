/// What one `sweep` invocation did with the runs of its grid (or shard).
public struct SweepTally: Sendable, Hashable {
    /// Runs in the grid (or the shard).
    public var total = 0
    /// Runs already `done` before the sweep started, or found `done` when it began them
    /// (another process finished them): not simulated.
    public var skipped = 0
    /// Runs another live process had claimed (`running` with a live owner, or one on another
    /// host) when this one came to them: not simulated here; that process records them.
    public var runningElsewhere = 0
    /// Runs simulated and committed `done`.
    public var done = 0
    /// Runs simulated whose simulation failed (stored `failed` with the error).
    public var failed = 0
    /// Runs simulated here whose claim another process took over meanwhile: their results
    /// were not written (that process records them).
    public var claimsLost = 0
    /// Of the runs simulated, those that were `failed` or interrupted (`running`) before.
    public var retried = 0
    /// Runs never started because `--fail-fast` or an interrupt (Ctrl-C) stopped the sweep.
    public var notStarted = 0
    /// Whether an interrupt (SIGINT) stopped the sweep.
    public var interrupted = false
    /// CPU seconds the writer thread spent committing runs (begins, made on the workers'
    /// threads, are not counted): what `--jobs` cannot spread over cores (issue 6).
    public var writerCPUSeconds = 0.0

    /// Runs simulated by this invocation.
    public var ran: Int { done + failed + claimsLost }

    /// `48 runs: ran 16 (16 done, 0 failed), skipped 20 already done, retried 0 failed or
    /// interrupted, 12 running elsewhere`.
    public var description: String {
        var text =
            "\(total) run\(total == 1 ? "" : "s"): ran \(ran) (\(done) done, \(failed) failed"
            + (claimsLost > 0 ? ", \(claimsLost) taken over by another process, not written" : "") + "), "
            + "skipped \(skipped) already done, retried \(retried) failed or interrupted, "
            + "\(runningElsewhere) running elsewhere"
        if notStarted > 0 {
            text += ", \(notStarted) not started (\(interrupted ? "interrupted" : "--fail-fast"))"
        }
        return text
    }
}
