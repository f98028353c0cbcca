@testable import ReclaimStore
import Testing

@testable import ReclaimReport

@Suite struct RunSectionTests {
    static func candidate(
        eligible: Bool = true, skip: String? = nil, base: Int64? = nil, cpu: Int64? = nil, run: Int64? = nil,
        nice: Bool? = nil, cap: Int64? = nil, adj: Int64? = nil, swapents: Int64? = nil, pgtables: Int64? = nil,
        scoreAdj: Int64? = nil
    ) -> ReportData.Candidate {
        ReportData.Candidate(
            round: 1, pid: 7, name: "t", container: nil, points: nil, totalVm: 3000, rss: 1000, eligible: eligible,
            skipReason: skip, basePoints: base, cpuDivisor: cpu, runDivisor: run, niceDoubled: nice, capDivisor: cap,
            adjShift: adj, swapents: swapents, pgtablesBytes: pgtables, oomScoreAdj: scoreAdj)
    }

    @Test func factorsInBadnessOrderWithoutTheTrivialOnes() {
        // cpu 2, nice doubled, CAP_SYS_ADMIN (/4), oom_adj -2; run divisor 1 is no division and is left out.
        let c = Self.candidate(base: 2049, cpu: 2, run: 1, nice: true, cap: 4, adj: -2)
        #expect(RunSection.factors(c) == "base 2\u{2009}049 ÷ cpu 2 × 2 nice ÷ 4 caps >> 2 oom_adj")
        #expect(RunSection.factors(Self.candidate(base: 10, cpu: 1, run: 3, nice: false, cap: 1, adj: 1)) == "base 10 ÷ run 3 << 1 oom_adj")
    }

    @Test func skippedLiveAndUnrecordedCandidates() {
        #expect(RunSection.factors(Self.candidate(eligible: false, skip: "init")) == "skipped: init")
        // Live: rss + swap entries + page tables (8192 bytes = 2 pages), then oom_score_adj.
        #expect(
            RunSection.factors(Self.candidate(swapents: 24, pgtables: 8192, scoreAdj: -500))
                == "rss 1\u{2009}000 + swap 24 + page tables 2 oom_score_adj -500")
        // Rows recorded before the factor columns were filled.
        #expect(RunSection.factors(Self.candidate()) == "total_vm 3\u{2009}000, rss 1\u{2009}000")
    }

    @Test func numbers() {
        #expect(Numbers.int(Int64(1_234_567)) == "1\u{2009}234\u{2009}567")
        #expect(Numbers.int(Int64(-1000)) == "-1\u{2009}000")
        #expect(Numbers.int(Int64?.none) == "–")
        // 16384 pages x 4 KiB = 65536 KiB = 64 MiB; 100 pages = 400 KiB.
        #expect(Numbers.pages(16384) == "16\u{2009}384 pages (64 MiB)")
        #expect(Numbers.pages(100) == "100 pages (400 KiB)")
        #expect(Numbers.seconds(4260) == "4.3 s")
        #expect(Numbers.swapLaptop(swapPages: 0, laptopMode: 5) == "no swap, laptop_mode 5 s")
    }
}
