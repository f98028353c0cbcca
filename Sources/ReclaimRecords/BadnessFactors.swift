/// Why `badness()` gave the points it gave: its factors in the order it applies them
/// (docs/model.md §7.1; the `oom_candidates` factor columns, docs/database.md).
///
/// ``apply()`` replays the steps on ``basePoints`` with unsigned 64-bit arithmetic, so the
/// points of a scored task always equal its factors applied in order.
public struct BadnessFactors: Sendable, Hashable {
    /// `total_vm` plus `total_vm / 2 + 1` per child with its own mm, pages.
    public var basePoints: UInt64
    /// `int_sqrt(cpu_time)`, 1 when that is 0 (no division).
    public var cpuDivisor: UInt64
    /// `int_sqrt(int_sqrt(run_time))`, 1 when that is 0 (no division).
    public var runDivisor: UInt64
    /// nice > 0 doubled the points.
    public var niceDoubled: Bool
    /// 1, 4 (root or CAP_SYS_ADMIN; or CAP_SYS_RAWIO) or 16 (both): the two quarterings.
    public var capDivisor: Int
    /// The `oomkilladj` shift, signed: +n shifts left by n, -n right by n.
    public var adjShift: Int

    public init(
        basePoints: UInt64, cpuDivisor: UInt64 = 1, runDivisor: UInt64 = 1, niceDoubled: Bool = false,
        capDivisor: Int = 1, adjShift: Int = 0
    ) {
        self.basePoints = basePoints
        self.cpuDivisor = cpuDivisor
        self.runDivisor = runDivisor
        self.niceDoubled = niceDoubled
        self.capDivisor = capDivisor
        self.adjShift = adjShift
    }

    /// The points: `basePoints / cpuDivisor / runDivisor`, doubled when `niceDoubled`, the
    /// quarterings of `capDivisor` one after the other, then the shift — in this order, each
    /// step floored as the kernel's integer code does.
    public func apply() -> UInt64 {
        var points = basePoints
        points /= cpuDivisor
        points /= runDivisor
        if niceDoubled { points &*= 2 }
        var cap = capDivisor
        while cap > 1 {
            points /= 4
            cap /= 4
        }
        if adjShift > 0 {
            points = points &<< UInt64(adjShift)
        } else if adjShift < 0 {
            points >>= UInt64(-adjShift)
        }
        return points
    }
}
