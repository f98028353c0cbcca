import ReclaimRecords

/// Runs one simulation: `config.durationJiffies` ticks of the kernel model, streaming the
/// events to a sink after every jiffy (bounded memory), and returns the run summary.
///
/// Generic over the sink so that recording costs no existential dispatch.
public struct Simulator: Sendable {
    public private(set) var kernel: Kernel

    public init(config: SimulationConfig) {
        kernel = Kernel(config: config)
    }

    /// Runs to the end, then checks the model's invariants. Throws `ModelError` when the run
    /// cannot go on or ends in a state that breaks an invariant (events already sent to the
    /// sink stay there; the caller decides what a failed run keeps).
    public mutating func run<S: EventSink>(sink: inout S) throws -> RunSummary {
        while kernel.now < kernel.config.durationJiffies && kernel.panicMessage == nil {
            try step(sink: &sink)
        }
        // In every build, release too: a violated invariant fails the run instead of
        // recording wrong rows (``ModelError``). One O(RAM + swap) pass per run.
        try kernel.checkInvariants()
        return kernel.summary(panic: kernel.panicMessage)
    }

    /// Advances one jiffy.
    public mutating func step<S: EventSink>(sink: inout S) throws {
        try kernel.tick()
        kernel.events.drain(into: &sink)
        kernel.now += 1
    }
}
