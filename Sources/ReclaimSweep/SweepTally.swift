/// What one `sweep` invocation did with the runs of its grid (or shard).
public struct SweepTally: Sendable, Hashable {
    /// Runs in the grid (or the shard).
    public var total = 0
    /// Runs already `done` before the sweep started, or found `done` when it began them
    /// (another process finished them): not simulated.
    public var skipped = 0
    /// Runs simulated and committed `done`.
    public var done = 0
    /// Runs simulated whose simulation failed (stored `failed` with the error).
    public var failed = 0
    /// Of the runs simulated, those that were `failed` or interrupted (`running`) before.
    public var retried = 0
    /// Runs never started because `--fail-fast` stopped the sweep.
    public var notStarted = 0
    /// CPU seconds the writer thread spent committing runs (begins, made on the workers'
    /// threads, are not counted): what `--jobs` cannot spread over cores (issue 6).
    public var writerCPUSeconds = 0.0

    /// Runs simulated by this invocation.
    public var ran: Int { done + failed }

    /// `24 runs: ran 20 (19 done, 1 failed), skipped 4 already done, retried 2`.
    public var description: String {
        var text =
            "\(total) run\(total == 1 ? "" : "s"): ran \(ran) (\(done) done, \(failed) failed), "
            + "skipped \(skipped) already done, retried \(retried) failed or interrupted"
        if notStarted > 0 { text += ", \(notStarted) not started (--fail-fast)" }
        return text
    }
}
