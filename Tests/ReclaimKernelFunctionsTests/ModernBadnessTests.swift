import Testing

@testable import ReclaimKernelFunctions

/// docs/model.md §9 and golden fact G16: the modern `oom_badness` and its selection.
@Suite struct ModernBadnessTests {
    /// G16: rss 100000 + swap 20000 + page tables 200 pages = 120200.
    static let g16 = ModernBadnessInput(rss: 100_000, swapEntries: 20_000, pgtablesBytes: 200 * 4096)

    /// G16: totalpages 1000000; adj 0 -> 120200, +500 -> 620200, -500 -> -379800, -1000 -> excluded.
    @Test func g16Points() {
        var p = Self.g16
        #expect(oomBadness(p, totalPages: 1_000_000) == 120_200)
        p.oomScoreAdj = 500
        #expect(oomBadness(p, totalPages: 1_000_000) == 620_200)
        p.oomScoreAdj = -500
        #expect(oomBadness(p, totalPages: 1_000_000) == -379_800)
        p.oomScoreAdj = -1000
        #expect(oomBadness(p, totalPages: 1_000_000) == nil)
        #expect(modernExclusion(p) == .scoreAdjMin)
    }

    /// G16: a task at -500 (negative points) is still selectable; -1000 never is.
    @Test func g16NegativeStillSelectableMinusThousandExcluded() {
        var low = Self.g16
        low.oomScoreAdj = -500
        var never = Self.g16
        never.oomScoreAdj = -1000
        let s = selectModernVictim([never, low, never], totalPages: 1_000_000)
        #expect(s.chosen == 1)
        #expect(s.chosenPoints == -379_800)
        #expect(s.points == [nil, -379_800, nil])
        #expect(selectModernVictim([never, never], totalPages: 1_000_000).chosen == nil)
        #expect(selectModernVictim([], totalPages: 1_000_000).chosen == nil)
    }

    /// Ties go to the later task (`points < chosen_points` skips, equal replaces) — the
    /// opposite of 2.6.20 (G13).
    @Test func tiesGoToTheLaterTask() {
        let a = ModernBadnessInput(rss: 500)
        let bigger = ModernBadnessInput(rss: 501)
        #expect(selectModernVictim([a, a], totalPages: 1000).chosen == 1)
        #expect(selectModernVictim([a, a, a], totalPages: 1000).chosen == 2)
        #expect(selectModernVictim([bigger, a, a], totalPages: 1000).chosen == 0)
        #expect(selectModernVictim([a, bigger, a], totalPages: 1000).chosen == 1)
        // Equal after the adj term: 600 + 0 vs 100 + 500 * (1000/1000).
        let adjusted = ModernBadnessInput(rss: 100, oomScoreAdj: 500)
        #expect(selectModernVictim([ModernBadnessInput(rss: 600), adjusted], totalPages: 1000).chosen == 1)
    }

    /// The division comes first: with totalpages under 1000 the adj term is 0; 1999 -> 1.
    @Test func divisionBeforeMultiplication() {
        let p = ModernBadnessInput(rss: 10, oomScoreAdj: 1000)
        #expect(oomBadness(p, totalPages: 999) == 10)
        #expect(oomBadness(p, totalPages: 1999) == 1010)
        #expect(oomBadness(ModernBadnessInput(rss: 10, oomScoreAdj: -999), totalPages: 1999) == -989)
    }

    /// Page tables count in whole pages (`pgtables_bytes / PAGE_SIZE`, floored).
    @Test func pageTablesInWholePages() {
        #expect(oomBadness(ModernBadnessInput(rss: 0, pgtablesBytes: 4095), totalPages: 1) == 0)
        #expect(oomBadness(ModernBadnessInput(rss: 0, pgtablesBytes: 143_360), totalPages: 1) == 35)
        #expect(oomBadness(ModernBadnessInput(rss: 0, pgtablesBytes: 143_360), totalPages: 1, pageSize: 16384) == 8)
    }

    @Test func exclusions() {
        #expect(modernExclusion(ModernBadnessInput(rss: 1, unkillable: true)) == .unkillable)
        #expect(modernExclusion(ModernBadnessInput(rss: 1, oomSkip: true)) == .oomSkip)
        #expect(modernExclusion(ModernBadnessInput(rss: 1, inVfork: true)) == .inVfork)
        #expect(modernExclusion(ModernBadnessInput(rss: 1, oomScoreAdj: -999)) == nil)
        #expect(ModernOOM.Exclusion.scoreAdjMin.rawValue == "oom_score_adj_min")
    }

    /// totalpages: memcg limit plus swap allowance, or 1 when 0; global RAM + swap.
    @Test func totalPages() {
        #expect(ModernOOM.memcgTotalPages(memoryLimitPages: 16384, swapAllowancePages: 0) == 16384)
        #expect(ModernOOM.memcgTotalPages(memoryLimitPages: 16384, swapAllowancePages: 4096) == 20480)
        #expect(ModernOOM.memcgTotalPages(memoryLimitPages: 0, swapAllowancePages: 0) == 1)
        #expect(ModernOOM.memcgTotalPages(memoryLimitPages: Int.max, swapAllowancePages: 5) == Int.max)
        #expect(ModernOOM.globalTotalPages(ramPages: 1_000_000, swapPages: 262_144) == 1_262_144)
    }

    /// `oom_adj_read()`: x * 17 / 1000 toward zero, 1000 -> 15, capped at 15, -1000 -> -17.
    @Test(arguments: [
        (0, 0), (58, 0), (59, 1), (300, 5), (500, 8), (882, 14), (883, 15), (999, 15), (1000, 15),
        (-58, 0), (-59, -1), (-300, -5), (-941, -15), (-999, -16), (-1000, -17),
    ])
    func legacyOOMAdjMapping(scoreAdj: Int, oomAdj: Int) {
        #expect(ModernOOM.legacyOOMAdj(fromScoreAdj: scoreAdj) == oomAdj)
    }

    /// The mapping lands in 2.6.20's range: -17 (OOM_DISABLE) only for -1000, else -16...15.
    @Test func legacyOOMAdjRange() {
        for adj in -1000...1000 {
            let legacy = ModernOOM.legacyOOMAdj(fromScoreAdj: adj)
            #expect(adj == -1000 ? legacy == KernelConstants.oomDisable : (-16...15).contains(legacy), "\(adj) -> \(legacy)")
        }
    }
}
