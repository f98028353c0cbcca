/// What a task does with memory, as named in a scenario's `workload:` mapping.
///
/// Every parameter has a documented default so a scenario can name only the kind.
/// Sizes are pages of 4 KiB; rates are per simulated second; `refsPerTick` counts page
/// references per jiffy while the task runs.
public enum WorkloadSpec: Sendable, Hashable {
    /// A sleeping process with a fixed footprint: `rss` anonymous pages touched (written)
    /// once at start, inside a mapping of `totalVM` pages. Uses no CPU.
    case idle(totalVM: Int, rss: Int)
    /// A leak: allocates and writes `pagesPerSecond` new anonymous pages per second up to
    /// `maxPages` (0 = unbounded), and makes `refsPerTick` references to the pages it already
    /// has, drawn from `pattern`.
    case anonGrow(pagesPerSecond: Int, maxPages: Int, refsPerTick: Int, pattern: AccessPattern)
    /// A fixed anonymous heap of `pages`, first touched front to back, then referenced
    /// `refsPerTick` times per jiffy following `pattern`; a fraction `writeRatio` are writes.
    case anonWorkingSet(pages: Int, refsPerTick: Int, pattern: AccessPattern, writeRatio: Double)
    /// Reads a private file of `pages` once through a mapping, front to back, then sleeps.
    case fileStream(pages: Int, refsPerTick: Int)
    /// A hot set of `pages` mapped file pages, read following `pattern`.
    case fileWorkingSet(pages: Int, refsPerTick: Int, pattern: AccessPattern)
    /// Writes through a shared mapping of a file of `pages`; `writeRatio` of the
    /// references are writes (default 1).
    case fileDirty(pages: Int, refsPerTick: Int, pattern: AccessPattern, writeRatio: Double)
    /// First writes `pages` anonymous pages, then spawns `children` children one every
    /// `intervalJiffies`, the first once those pages are written (at the task's start when
    /// `pages` is 0). Each child shares the parent's pages copy-on-write, then writes its
    /// anonymous pages `0..<childPages` once (breaking COW on shared ones first, then new
    /// ones) and stays idle.
    case fork(children: Int, childPages: Int, intervalJiffies: Int, pages: Int = 0)

    /// The scenario name of the kind (`anon-grow`, ...).
    public var kindName: String {
        switch self {
        case .idle: "idle"
        case .anonGrow: "anon-grow"
        case .anonWorkingSet: "anon-working-set"
        case .fileStream: "file-stream"
        case .fileWorkingSet: "file-working-set"
        case .fileDirty: "file-dirty"
        case .fork: "fork"
        }
    }

    /// Default parameters, documented in the workload table of docs/scenarios.md.
    public enum Defaults {
        public static let refsPerTick = 64
        public static let streamRefsPerTick = 32
        public static let theta = 0.99
        public static let anonWriteRatio = 0.3
        public static let fileDirtyWriteRatio = 1.0
    }
}

/// How a workload picks the page of its next reference.
public enum AccessPattern: Sendable, Hashable {
    /// Every page equally likely.
    case uniform
    /// Zipf over page ranks (page 0 hottest) with exponent `theta` (default 0.99).
    case zipf(theta: Double)
    /// Front to back, wrapping around.
    case sequential

    public var name: String {
        switch self {
        case .uniform: "uniform"
        case .zipf: "zipf"
        case .sequential: "sequential"
        }
    }
}
