/// How a modern kernel's `get_scan_count()` balances the anon and file lists (docs/model.md §9).
public enum ModernScanBalance: String, Sendable, Hashable, CaseIterable {
    /// Each list scans `size >> priority`.
    case equal = "SCAN_EQUAL"
    /// Lists scan in proportion to swappiness and the recent reclaim cost of each type.
    case fract = "SCAN_FRACT"
    /// Only the anon lists are scanned.
    case anon = "SCAN_ANON"
    /// Only the file lists are scanned.
    case file = "SCAN_FILE"
}

/// What `get_scan_count()` reads of one lruvec and its `scan_control` (docs/model.md §9), for
/// contrast with 2.6.20's single `swap_tendency` switch (§3): the simulator models
/// 2.6.20, and this value lets a user or a test put a modern kernel's answer beside it.
///
/// Sizes are pages; list sizes are per list (`lruvec_lru_size`), as the kernel shifts
/// each list's size by the priority.
public struct ModernScanInput: Sendable, Hashable {
    /// What the `SCAN_FRACT` fractions are computed from.
    public enum Costs: Sendable, Hashable {
        /// Linux 5.8 and later: `sc->anon_cost` and `sc->file_cost` (pages' worth of
        /// reclaim and refault cost recently paid by each type).
        case cost(anon: Int, file: Int)
        /// Before 5.8: `reclaim_stat->recent_scanned[]` and `recent_rotated[]` of each type.
        case recent(scannedAnon: Int, rotatedAnon: Int, scannedFile: Int, rotatedFile: Int)
    }

    public var inactiveAnon: Int
    public var activeAnon: Int
    public var inactiveFile: Int
    public var activeFile: Int
    /// `sc->priority`, 12 (DEF_PRIORITY) down to 0.
    public var priority: Int
    /// The effective swappiness: 0 ... 200 from 5.8 (`MAX_SWAPPINESS`), 0 ... 100 before.
    public var swappiness: Int
    public var costs: Costs
    /// `sc->may_swap` and `can_reclaim_anon_pages()`: swap exists and may be used.
    public var swapUsable: Bool
    /// `cgroup_reclaim(sc)`: reclaim on behalf of a memory cgroup's limit.
    public var cgroupReclaim: Bool
    /// Rule 4, decided by the caller: the file pages are too few for the zone's high
    /// watermarks (`sc->file_is_tiny`), so anon must be scanned.
    public var fileIsTiny: Bool
    /// Rule 5, decided by the caller: plenty of inactive file cache (`sc->cache_trim_mode`).
    public var cacheTrimMode: Bool

    public init(
        inactiveAnon: Int, activeAnon: Int, inactiveFile: Int, activeFile: Int, priority: Int,
        swappiness: Int, costs: Costs = .cost(anon: 0, file: 0), swapUsable: Bool = true,
        cgroupReclaim: Bool = false, fileIsTiny: Bool = false, cacheTrimMode: Bool = false
    ) {
        self.inactiveAnon = inactiveAnon
        self.activeAnon = activeAnon
        self.inactiveFile = inactiveFile
        self.activeFile = activeFile
        self.priority = priority
        self.swappiness = swappiness
        self.costs = costs
        self.swapUsable = swapUsable
        self.cgroupReclaim = cgroupReclaim
        self.fileIsTiny = fileIsTiny
        self.cacheTrimMode = cacheTrimMode
    }
}

/// `get_scan_count()`'s answer: the balance chosen, the fractions, and how many pages each
/// list is asked to scan (`nr[lru]`).
public struct ModernScanCount: Sendable, Hashable {
    public var balance: ModernScanBalance
    /// `fraction[0]` (anon, `ap`) and `fraction[1]` (file, `fp`); zero unless `SCAN_FRACT`.
    public var anonFraction: Int
    public var fileFraction: Int
    public var inactiveAnon: Int
    public var activeAnon: Int
    public var inactiveFile: Int
    public var activeFile: Int
}

/// `MAX_SWAPPINESS` (Linux 5.8 onwards): `vm.swappiness` may go up to 200.
public let modernMaxSwappiness = 200

/// Modern `get_scan_count()` (docs/model.md §9; G17), first matching rule:
/// 1. no usable swap -> `SCAN_FILE`; 2. cgroup reclaim at swappiness 0 -> `SCAN_FILE`;
/// 3. priority 0 and swappiness > 0 -> `SCAN_EQUAL`; 4. file tiny -> `SCAN_ANON`;
/// 5. cache trim mode -> `SCAN_FILE`; 6. else `SCAN_FRACT` with
/// `T = anon_cost + file_cost; a = T + anon_cost; f = T + file_cost; T2 = a + f`,
/// `ap = swappiness * (T2 + 1) / (a + 1)`, `fp = (200 - swappiness) * (T2 + 1) / (f + 1)`,
/// each list scanning `(size >> priority) * fraction / (ap + fp)` (C unsigned division).
/// Before 5.8 (``ModernScanInput/Costs/recent(scannedAnon:rotatedAnon:scannedFile:rotatedFile:)``)
/// `ap = swappiness * (scanned_anon + 1) / (rotated_anon + 1)` and
/// `fp = (200 - swappiness) * (scanned_file + 1) / (rotated_file + 1)`.
///
/// Memory-cgroup protection (`memory.min`/`low`) and offline cgroups are not modelled:
/// every list starts from its full size, and fractions round down as for an online group.
public func getScanCount(_ input: ModernScanInput) -> ModernScanCount {
    let balance: ModernScanBalance
    if !input.swapUsable {
        balance = .file
    } else if input.cgroupReclaim && input.swappiness == 0 {
        balance = .file
    } else if input.priority == 0 && input.swappiness > 0 {
        balance = .equal
    } else if input.fileIsTiny {
        balance = .anon
    } else if input.cacheTrimMode {
        balance = .file
    } else {
        balance = .fract
    }

    var ap = 0
    var fp = 0
    if balance == .fract {
        let swappiness = input.swappiness
        switch input.costs {
        case .cost(let anonCost, let fileCost):
            let total = anonCost + fileCost
            let a = total + anonCost
            let f = total + fileCost
            let t2 = a + f
            ap = swappiness * (t2 + 1) / (a + 1)
            fp = (modernMaxSwappiness - swappiness) * (t2 + 1) / (f + 1)
        case .recent(let scannedAnon, let rotatedAnon, let scannedFile, let rotatedFile):
            ap = swappiness * (scannedAnon + 1) / (rotatedAnon + 1)
            fp = (modernMaxSwappiness - swappiness) * (scannedFile + 1) / (rotatedFile + 1)
        }
    }

    func scan(_ size: Int, file: Bool) -> Int {
        let base = size >> input.priority
        switch balance {
        case .equal:
            return base
        case .fract:
            let denominator = ap + fp
            return denominator == 0 ? 0 : base * (file ? fp : ap) / denominator
        case .anon:
            return file ? 0 : base
        case .file:
            return file ? base : 0
        }
    }
    return ModernScanCount(
        balance: balance, anonFraction: ap, fileFraction: fp,
        inactiveAnon: scan(input.inactiveAnon, file: false), activeAnon: scan(input.activeAnon, file: false),
        inactiveFile: scan(input.inactiveFile, file: true), activeFile: scan(input.activeFile, file: true))
}
