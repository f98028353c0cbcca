import Testing

@testable import ReclaimKernelFunctions

/// docs/model.md §7.1 and golden facts G8-G11 (bit-exact `badness()`).
@Suite struct BadnessTests {
    @Test func intSqrtIsFloorSqrt() {
        for x in UInt64(0)...200_000 {
            let r = intSqrt(x)
            #expect(r * r <= x, "int_sqrt(\(x)) = \(r)")
            #expect((r + 1) * (r + 1) > x, "int_sqrt(\(x)) = \(r)")
        }
        #expect(intSqrt(UInt64.max) == 4_294_967_295)
    }

    @Test func shiftHZ() {
        #expect(KernelConstants.shiftHZ(100) == 7)
        #expect(KernelConstants.shiftHZ(250) == 8)
        #expect(KernelConstants.shiftHZ(300) == 8)
        #expect(KernelConstants.shiftHZ(1000) == 10)
    }

    /// G8: total_vm 10000, 100 s CPU, 10000 s old -> 3333 at HZ 1000, 250 and 100.
    @Test(arguments: [1000, 250, 100])
    func g8CpuAndAgeGive3333(hz: Int) {
        let p = BadnessInput(totalVM: 10000, cpuJiffies: 100 * hz, startSeconds: 0)
        #expect(badness(p, uptimeSeconds: 10000, hz: hz) == 3333)
    }

    /// G9: no CPU, just started -> 10000; nice 5 + root -> 5000; root + RAWIO -> 625;
    /// oomkilladj +3 -> 80000, -3 -> 1250, +15 -> 327680000.
    @Test func g9Multipliers() {
        let base = BadnessInput(totalVM: 10000)
        #expect(badness(base, uptimeSeconds: 0, hz: 1000) == 10000)
        var p = base
        p.nice = 5
        p.uid = 0
        p.euid = 0
        #expect(badness(p, uptimeSeconds: 0, hz: 1000) == 5000)
        p = base
        p.uid = 0
        p.euid = 0
        p.caps = [.sysRawio]
        #expect(badness(p, uptimeSeconds: 0, hz: 1000) == 625)
        p = base
        p.caps = [.sysAdmin]
        #expect(badness(p, uptimeSeconds: 0, hz: 1000) == 2500, "CAP_SYS_ADMIN alone quarters")
        for (adj, expected) in [(3, UInt64(80000)), (-3, 1250), (15, 327_680_000), (-16, 0)] {
            p = base
            p.oomAdj = adj
            #expect(badness(p, uptimeSeconds: 0, hz: 1000) == expected, "oomkilladj \(adj)")
        }
    }

    /// G10: children with their own mm add total_vm/2 + 1 each: 10000 + 2001 + 2001 = 14002.
    @Test func g10ChildrenTerm() {
        let p = BadnessInput(totalVM: 10000, childrenTotalVM: [4000, 4000])
        #expect(badness(p, uptimeSeconds: 0, hz: 250) == 14002)
    }

    /// G11: age and CPU divisors.
    @Test func g11AgeAndCpu() {
        func age(_ seconds: Int) -> UInt64 {
            badness(BadnessInput(totalVM: 10000, startSeconds: 0), uptimeSeconds: seconds, hz: 1000)
        }
        #expect(age(86400) == 3333, "1 day")
        #expect(age(1_000_000) == 2000, "10^6 s")
        #expect(age(16383) == 10000, "16383 s: run_time 15, divisor 1")
        #expect(age(16384) == 5000, "16384 s: run_time 16, divisor 2")
        func cpu(_ jiffies: Int, age: Int = 0) -> UInt64 {
            badness(BadnessInput(totalVM: 10000, cpuJiffies: jiffies), uptimeSeconds: age, hz: 1000)
        }
        #expect(cpu(3_600_000) == 500, "1 h CPU at HZ=1000")
        #expect(cpu(8000) == 10000, "8 s CPU: cpu_time 0")
        #expect(cpu(9000) == 10000, "9 s CPU: cpu_time 1, isqrt 1")
        #expect(cpu(3_600_000, age: 86400) == 166, "1 h CPU and 1 day")
    }

    /// docs/model.md §8.5: foreign container -> 0 (before everything else but the mm test);
    /// PF_SWAPOFF -> ULONG_MAX only inside the filter.
    @Test func containerFilterAndSwapoff() {
        var p = BadnessInput(totalVM: 10000, swapoff: true)
        #expect(badness(p, uptimeSeconds: 0, hz: 250) == UInt64.max)
        p.inFilter = false
        #expect(badness(p, uptimeSeconds: 0, hz: 250) == 0)
        #expect(badness(BadnessInput(hasMM: false, totalVM: 10000), uptimeSeconds: 0, hz: 250) == 0)
        #expect(badness(BadnessInput(totalVM: 100, oomAdj: -16), uptimeSeconds: 0, hz: 250) == 0)
    }

    /// A task that started after "uptime" (clock skew guard): no run_time division.
    @Test func startAfterUptimeHasNoAgeDivision() {
        let p = BadnessInput(totalVM: 10000, startSeconds: 100_000)
        #expect(badness(p, uptimeSeconds: 50, hz: 250) == 10000)
    }
}
