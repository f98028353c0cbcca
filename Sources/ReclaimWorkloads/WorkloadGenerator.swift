/// The running state of one task's workload: hands out the task's page references one at a
/// time, jiffy by jiffy, from its own seeded stream.
///
/// Pull-based so that a task that blocks (a charge that has to wait for reclaim) resumes
/// exactly where it stopped: `next()` advances only when a reference is taken.
/// Quotas: first-touch and allocation quotas carry over across jiffies until used;
/// the per-jiffy `refs_per_tick` budget is renewed by `beginTick()`.
public struct WorkloadGenerator: Sendable {
    public let spec: WorkloadSpec
    private var rng: SplitMix64
    private var zipf: ZipfSampler?
    /// Pages of the anonymous mapping that exist so far (`total_vm` contribution).
    public private(set) var anonPages: Int
    /// Pages of the file mapping.
    public let filePages: Int
    /// First-touch references still owed (idle footprint, working-set warm-up, new leak pages).
    private var touchQuota = 0
    /// Next page index of the first-touch sweep.
    private var touchCursor = 0
    /// Allocation credit of `anon-grow`, in 1/hz pages.
    private var growCredit = 0
    /// Random references left in this jiffy.
    private var refsLeft = 0
    /// Cursor of the sequential pattern.
    private var seqCursor = 0
    /// Jiffies this workload has run (ticks seen by `beginTick`).
    public private(set) var ticks = 0
    /// Children spawned so far (`fork`).
    public private(set) var spawned = 0
    private let hz: Int

    public init(spec: WorkloadSpec, rng: SplitMix64, hz: Int) {
        self.spec = spec
        self.rng = rng
        self.hz = hz
        switch spec {
        case .idle(let totalVM, let rss):
            anonPages = totalVM
            filePages = 0
            touchQuota = rss
        case .anonGrow:
            anonPages = 0
            filePages = 0
        case .anonWorkingSet(let pages, _, let pattern, _):
            anonPages = pages
            filePages = 0
            touchQuota = pages
            zipf = Self.sampler(pattern, pages)
        case .fileStream(let pages, _):
            anonPages = 0
            filePages = pages
        case .fileWorkingSet(let pages, _, let pattern), .fileDirty(let pages, _, let pattern, _):
            anonPages = 0
            filePages = pages
            zipf = Self.sampler(pattern, pages)
        case .fork:
            anonPages = 0
            filePages = 0
        }
    }

    private static func sampler(_ pattern: AccessPattern, _ n: Int) -> ZipfSampler? {
        if case .zipf(let theta) = pattern, n > 0 { return ZipfSampler(n: n, theta: theta) }
        return nil
    }

    /// Whether the task burns a jiffy of CPU per tick: `idle` and `fork` parents do not, a
    /// finished `file-stream` does not (design.md: "idle tasks use none").
    public var usesCPU: Bool {
        switch spec {
        case .idle, .fork: false
        case .fileStream(let pages, _): seqCursor < pages
        default: true
        }
    }

    /// Starts a new jiffy of running: renews the per-jiffy budget and accrues allocation credit.
    public mutating func beginTick() {
        ticks += 1
        switch spec {
        case .idle:
            refsLeft = 0
        case .anonGrow(let pps, let maxPages, let refs, _):
            growCredit += pps
            var fresh = growCredit / hz
            growCredit %= hz
            if maxPages > 0 { fresh = min(fresh, maxPages - anonPages - touchQuota) }
            touchQuota += max(0, fresh)
            refsLeft = refs
        case .anonWorkingSet(_, let refs, _, _), .fileWorkingSet(_, let refs, _), .fileDirty(_, let refs, _, _):
            refsLeft = refs
        case .fileStream(_, let refs):
            refsLeft = refs
        case .fork:
            refsLeft = 0
        }
    }

    /// The next reference of this jiffy, or nil when the jiffy's work is done.
    public mutating func next() -> PageRef? {
        switch spec {
        case .idle:
            return nextTouch()
        case .anonGrow(_, _, _, let pattern):
            if touchQuota > 0 {
                touchQuota -= 1
                anonPages += 1
                return PageRef(area: .anon, index: Int32(anonPages - 1), write: true)
            }
            guard refsLeft > 0, anonPages > 0 else { return nil }
            refsLeft -= 1
            return PageRef(area: .anon, index: pick(pattern, anonPages), write: false)
        case .anonWorkingSet(let pages, _, let pattern, let writeRatio):
            guard refsLeft > 0 else { return nil }
            refsLeft -= 1
            if touchQuota > 0 { return nextTouch() }
            let write = writeRatio > 0 && rng.unit() < writeRatio
            return PageRef(area: .anon, index: pick(pattern, pages), write: write)
        case .fileStream(let pages, _):
            guard refsLeft > 0, seqCursor < pages else { return nil }
            refsLeft -= 1
            seqCursor += 1
            return PageRef(area: .file, index: Int32(seqCursor - 1), write: false)
        case .fileWorkingSet(let pages, _, let pattern):
            guard refsLeft > 0 else { return nil }
            refsLeft -= 1
            return PageRef(area: .file, index: pick(pattern, pages), write: false)
        case .fileDirty(let pages, _, let pattern, let writeRatio):
            guard refsLeft > 0 else { return nil }
            refsLeft -= 1
            let write = writeRatio >= 1 || rng.unit() < writeRatio
            return PageRef(area: .file, index: pick(pattern, pages), write: write)
        case .fork:
            return nil
        }
    }

    /// First touch, front to back: a write (a fresh heap page is written when first used).
    private mutating func nextTouch() -> PageRef? {
        guard touchQuota > 0 else { return nil }
        touchQuota -= 1
        touchCursor += 1
        return PageRef(area: .anon, index: Int32(touchCursor - 1), write: true)
    }

    private mutating func pick(_ pattern: AccessPattern, _ n: Int) -> Int32 {
        switch pattern {
        case .uniform:
            return Int32(rng.below(n))
        case .sequential:
            let i = seqCursor % n
            seqCursor = i + 1
            return Int32(i)
        case .zipf(let theta):
            if zipf == nil || zipf!.n != n { zipf = ZipfSampler(n: n, theta: theta) }
            return Int32(zipf!.sample(using: &rng) - 1)
        }
    }

    /// Children due by now for a `fork` workload, given jiffies elapsed since the task started
    /// (the first at the start, then one every `interval`); marks them spawned.
    public mutating func dueSpawns(elapsedJiffies: Int) -> Int {
        guard case .fork(let children, _, let interval) = spec else { return 0 }
        let due = interval <= 0 ? children : min(children, elapsedJiffies / interval + 1)
        let n = max(0, due - spawned)
        spawned += n
        return n
    }
}
