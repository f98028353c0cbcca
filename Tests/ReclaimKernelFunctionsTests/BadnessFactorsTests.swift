import ReclaimRecords
import Testing

@testable import ReclaimKernelFunctions

/// The factors of `badness()` (docs/model.md §7.1) that `oom_candidates` records: each golden fact
/// G8-G11 with the factors worked out by hand, and the points equal to them applied in
/// badness()'s order.
@Suite struct BadnessFactorsTests {
    private func check(
        _ p: BadnessInput, uptime: Int, hz: Int, _ expected: BadnessFactors, points: UInt64,
        _ why: Comment
    ) {
        let f = badnessFactors(p, uptimeSeconds: uptime, hz: hz)
        #expect(f == expected, why)
        #expect(f?.apply() == points, why)
        #expect(badness(p, uptimeSeconds: uptime, hz: hz) == points, why)
    }

    /// G8 at HZ=1000: cpu_time = 100000 >> 13 = 12, isqrt 3; run_time = 10000 >> 10 = 9,
    /// isqrt(isqrt(9)) = isqrt(3) = 1 -> 10000 / 3 / 1 = 3333.
    @Test func g8Factors() {
        check(
            BadnessInput(totalVM: 10000, cpuJiffies: 100_000), uptime: 10000, hz: 1000,
            BadnessFactors(basePoints: 10000, cpuDivisor: 3, runDivisor: 1), points: 3333,
            "G8: 10000 / 3 = 3333")
    }

    /// G9: nice 5 and root: 10000 * 2 / 4 = 5000; root and CAP_SYS_RAWIO: 10000 / 4 / 4 =
    /// 625 (cap_divisor 16); oomkilladj +3: 10000 << 3 = 80000, -3: 10000 >> 3 = 1250.
    @Test func g9Factors() {
        check(
            BadnessInput(totalVM: 10000, nice: 5, uid: 0), uptime: 0, hz: 1000,
            BadnessFactors(basePoints: 10000, niceDoubled: true, capDivisor: 4), points: 5000,
            "G9: nice 5 + root = 5000")
        check(
            BadnessInput(totalVM: 10000, uid: 0, caps: [.sysRawio]), uptime: 0, hz: 1000,
            BadnessFactors(basePoints: 10000, capDivisor: 16), points: 625, "G9: root + RAWIO = 625")
        check(
            BadnessInput(totalVM: 10000, oomAdj: 3), uptime: 0, hz: 1000,
            BadnessFactors(basePoints: 10000, adjShift: 3), points: 80000, "G9: adj +3 = 80000")
        check(
            BadnessInput(totalVM: 10000, oomAdj: -3), uptime: 0, hz: 1000,
            BadnessFactors(basePoints: 10000, adjShift: -3), points: 1250, "G9: adj -3 = 1250")
    }

    /// G10: base_points 10000 + (4000/2 + 1) * 2 = 14002, no divisor.
    @Test func g10Factors() {
        check(
            BadnessInput(totalVM: 10000, childrenTotalVM: [4000, 4000]), uptime: 0, hz: 250,
            BadnessFactors(basePoints: 14002), points: 14002, "G10: 14002")
    }

    /// G11 at HZ=1000: 1 h CPU = 3600000 >> 13 = 439, isqrt 20; 1 day = 86400 >> 10 = 84,
    /// isqrt 9, isqrt 3 -> 10000 / 20 / 3 = 166; 16384 s: run_time 16 -> divisor 2 = 5000.
    @Test func g11Factors() {
        check(
            BadnessInput(totalVM: 10000, cpuJiffies: 3_600_000), uptime: 86400, hz: 1000,
            BadnessFactors(basePoints: 10000, cpuDivisor: 20, runDivisor: 3), points: 166,
            "G11: 1 h CPU and 1 day = 166")
        check(
            BadnessInput(totalVM: 10000), uptime: 16384, hz: 1000,
            BadnessFactors(basePoints: 10000, runDivisor: 2), points: 5000, "G11: 16384 s = 5000")
    }

    /// No factors where badness returns first: no mm, foreign container, PF_SWAPOFF.
    @Test func noFactorsForEarlyReturns() {
        #expect(badnessFactors(BadnessInput(hasMM: false, totalVM: 1), uptimeSeconds: 0, hz: 250) == nil)
        #expect(badnessFactors(BadnessInput(totalVM: 1, inFilter: false), uptimeSeconds: 0, hz: 250) == nil)
        #expect(badnessFactors(BadnessInput(totalVM: 1, swapoff: true), uptimeSeconds: 0, hz: 250) == nil)
    }
}
