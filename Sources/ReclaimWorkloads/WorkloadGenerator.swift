/// The running state of one task's workload: hands out the task's page references one at a
/// time, jiffy by jiffy, from its own seeded stream.
///
/// Pull-based so that a task that blocks (a charge that has to wait for reclaim) resumes
/// exactly where it stopped: `next()` advances only when a reference is taken.
/// Quotas: first-touch and allocation quotas carry over across jiffies until used;
/// the per-jiffy `refs_per_tick` budget is renewed by `beginTick()`.
///
/// The spec's parameters are flattened into stored properties at init so the per-reference
/// path switches on a one-byte kind and never copies enum payloads.
public struct WorkloadGenerator: Sendable {
    private enum Kind: UInt8 { case idle, anonGrow, anonWorkingSet, fileStream, fileWorkingSet, fileDirty, fork }
    private enum Pattern: UInt8 { case uniform, zipf, sequential }

    public let spec: WorkloadSpec
    private let kind: Kind
    private let pattern: Pattern
    private let theta: Double
    private var rng: SplitMix64
    /// Zipf over a fixed set (empty when unused), and rejection-inversion for a growing one.
    private let alias: ZipfAliasTable
    private var inversion: ZipfSampler?
    /// Pages of the anonymous mapping that exist so far (`total_vm` contribution).
    public private(set) var anonPages: Int
    /// Pages of the file mapping.
    public let filePages: Int
    /// Size of the set the random references go to (fixed kinds).
    private let setPages: Int
    private let refsPerTick: Int
    private let pagesPerSecond: Int
    private let maxPages: Int
    /// First-touch references still owed (idle footprint, working-set warm-up, new leak pages).
    private var touchQuota = 0
    /// Next page index of the first-touch sweep.
    private var touchCursor = 0
    /// Allocation credit of `anon-grow`, in 1/hz pages.
    private var growCredit = 0
    /// Random references left in this jiffy.
    private var refsLeft = 0
    /// Cursor of the sequential pattern (and of `file-stream`).
    private var seqCursor = 0
    /// Jiffies this workload has run (ticks seen by `beginTick`).
    public private(set) var ticks = 0
    /// Children spawned so far (`fork`).
    public private(set) var spawned = 0
    private let hz: Int
    /// `write_ratio` as a threshold on a 64-bit draw (a write iff draw < threshold), so the
    /// hot loop compares integers; `UInt64.max` = always.
    private let writeThreshold: UInt64

    public init(spec: WorkloadSpec, rng: SplitMix64, hz: Int) {
        self.spec = spec
        self.rng = rng
        self.hz = hz
        var kind = Kind.idle
        var pattern = AccessPattern.uniform
        var anon = 0
        var file = 0
        var set = 0
        var refs = 0
        var pps = 0
        var maxPages = 0
        var touch = 0
        var writeRatio = 0.0
        switch spec {
        case .idle(let totalVM, let rss):
            anon = totalVM
            touch = rss
        case .anonGrow(let p, let m, let r, let pat):
            kind = .anonGrow
            (pps, maxPages, refs, pattern) = (p, m, r, pat)
        case .anonWorkingSet(let pages, let r, let pat, let w):
            kind = .anonWorkingSet
            (anon, set, touch, refs, pattern, writeRatio) = (pages, pages, pages, r, pat, w)
        case .fileStream(let pages, let r):
            kind = .fileStream
            (file, set, refs) = (pages, pages, r)
        case .fileWorkingSet(let pages, let r, let pat):
            kind = .fileWorkingSet
            (file, set, refs, pattern) = (pages, pages, r, pat)
        case .fileDirty(let pages, let r, let pat, let w):
            kind = .fileDirty
            (file, set, refs, pattern, writeRatio) = (pages, pages, r, pat, w)
        case .fork(_, _, _, let pages):
            kind = .fork
            (anon, touch) = (pages, pages)
        }
        self.kind = kind
        anonPages = anon
        filePages = file
        setPages = set
        refsPerTick = refs
        pagesPerSecond = pps
        self.maxPages = maxPages
        touchQuota = touch
        switch pattern {
        case .uniform:
            self.pattern = .uniform
            theta = 0
        case .sequential:
            self.pattern = .sequential
            theta = 0
        case .zipf(let t):
            self.pattern = .zipf
            theta = t
        }
        let fixedZipf = self.pattern == .zipf && kind != .anonGrow && set > 0 && set <= ZipfDraw.aliasLimit
        alias = fixedZipf ? ZipfAliasTable(n: set, theta: theta) : ZipfAliasTable.empty
        if self.pattern == .zipf && kind != .anonGrow && !fixedZipf && set > 0 {
            inversion = ZipfSampler(n: set, theta: theta)
        }
        writeThreshold = writeRatio >= 1 ? UInt64.max : UInt64(writeRatio * 18_446_744_073_709_551_616.0)
    }

    /// Whether the task burns a jiffy of CPU per tick: `idle` and `fork` parents do not, a
    /// finished `file-stream` does not (docs/scenarios.md: `idle` tasks use none).
    public var usesCPU: Bool {
        switch kind {
        case .idle, .fork: false
        case .fileStream: seqCursor < setPages
        default: true
        }
    }

    /// Starts a new jiffy of running: renews the per-jiffy budget and accrues allocation credit.
    public mutating func beginTick() {
        ticks += 1
        refsLeft = refsPerTick
        if kind == .anonGrow {
            growCredit += pagesPerSecond
            var fresh = growCredit / hz
            growCredit %= hz
            if maxPages > 0 { fresh = min(fresh, maxPages - anonPages - touchQuota) }
            touchQuota += max(0, fresh)
        }
    }

    /// The next reference of this jiffy, or nil when the jiffy's work is done.
    @inline(__always)
    public mutating func next() -> PageRef? {
        switch kind {
        case .idle:
            return nextTouch()
        case .anonGrow:
            if touchQuota > 0 {
                touchQuota -= 1
                anonPages += 1
                return PageRef(area: .anon, index: Int32(anonPages - 1), write: true)
            }
            guard refsLeft > 0, anonPages > 0 else { return nil }
            refsLeft -= 1
            return PageRef(area: .anon, index: pick(anonPages), write: false)
        case .anonWorkingSet:
            guard refsLeft > 0 else { return nil }
            refsLeft -= 1
            if touchQuota > 0 { return nextTouch() }
            return PageRef(area: .anon, index: pick(setPages), write: drawWrite())
        case .fileStream:
            guard refsLeft > 0, seqCursor < setPages else { return nil }
            refsLeft -= 1
            seqCursor += 1
            return PageRef(area: .file, index: Int32(seqCursor - 1), write: false)
        case .fileWorkingSet:
            guard refsLeft > 0 else { return nil }
            refsLeft -= 1
            return PageRef(area: .file, index: pick(setPages), write: false)
        case .fileDirty:
            guard refsLeft > 0 else { return nil }
            refsLeft -= 1
            return PageRef(area: .file, index: pick(setPages), write: drawWrite())
        case .fork:
            return nextTouch()
        }
    }

    /// Whether the next reference writes (`write_ratio`); no draw when it is 0 or 1.
    @inline(__always)
    private mutating func drawWrite() -> Bool {
        if writeThreshold == 0 { return false }
        if writeThreshold == UInt64.max { return true }
        return rng.next() < writeThreshold
    }

    /// First touch, front to back: a write (a fresh heap page is written when first used).
    private mutating func nextTouch() -> PageRef? {
        guard touchQuota > 0 else { return nil }
        touchQuota -= 1
        touchCursor += 1
        return PageRef(area: .anon, index: Int32(touchCursor - 1), write: true)
    }

    /// A page of a set of `n` pages by the pattern.
    @inline(__always)
    private mutating func pick(_ n: Int) -> Int32 {
        switch pattern {
        case .uniform:
            return Int32(rng.below(n))
        case .sequential:
            let i = seqCursor % n
            seqCursor = i + 1
            return Int32(i)
        case .zipf:
            if alias.n == n { return Int32(alias.sampleIndex(rng.next())) }
            // A growing set (`anon-grow`) or one too large for a table.
            if inversion?.n != n { inversion = ZipfSampler(n: n, theta: theta) }
            return Int32(inversion!.sample(using: &rng) - 1)
        }
    }

    /// Children due by now for a `fork` workload, given jiffies elapsed since the task started
    /// (the first at the start, then one every `interval`); marks them spawned.
    public mutating func dueSpawns(elapsedJiffies: Int) -> Int {
        guard case .fork(let children, _, let interval, _) = spec, touchQuota == 0 else { return 0 }
        let due = interval <= 0 ? children : min(children, elapsedJiffies / interval + 1)
        let n = max(0, due - spawned)
        spawned += n
        return n
    }
}
