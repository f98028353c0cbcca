import ReclaimModel
import ReclaimRecords
import Testing

@testable import ReclaimOOMReports

/// Both heuristics on imported task tables: the modern selection must name the kernel's
/// own victim in every real report; the 2.6.20 replay is pinned by hand.
@Suite struct OOMReportScoringTests {
    static func scored(_ name: String) throws -> [ScoredOOMReport] {
        OOMLogParser.parse(try OOMReportFixtures.log(name), source: name).reports.map(ScoredOOMReport.init)
    }

    /// Every fixture report: the modern prediction is the process the kernel killed.
    @Test func modernPredictionIsTheKernelsVictimInEveryReport() throws {
        var count = 0
        for (name, text) in try OOMReportFixtures.logs() {
            for s in OOMLogParser.parse(text, source: name).reports.map(ScoredOOMReport.init) {
                count += 1
                let chosen = try #require(s.modernChosen, "\(name):\(s.report.firstLine)")
                #expect(s.report.tasks[chosen].pid == s.report.killed.pid, "\(name):\(s.report.firstLine)")
                #expect(chosen == s.kernelKilled)
            }
        }
        #expect(count >= 3, "adj_protect_big.log has one report, sizes4.log two")
    }

    /// adj_protect_big: memcg limit 65536 kB = 16384 pages, no swap -> totalpages 16384.
    /// Modern: 7460 = 11032 + 143360/4096 (35) = 11067; 7462 = 3321 + 18 + 300 * 16 = 8139;
    /// 7461 = 6808 + 27 = 6835 -> 7460, as the kernel did. 2.6.20: root quarters total_vm and
    /// oom_score_adj 300 is oom_adj 5 (300 * 17 / 1000): 7460 = 11826/4 = 2956;
    /// 7462 = (4143/4) << 5 = 1035 << 5 = 33120; 7461 = 9264/4 = 2316 -> 7462.
    @Test func adjProtectBigByHand() throws {
        let s = try #require(try Self.scored("adj_protect_big.log").first)
        #expect(s.pageSize == 4096)
        #expect(s.totalPages == 16384)
        #expect(s.totalPagesBasis == .memcgLimitNoSwapAssumed)
        #expect(s.scores.map(\.modernPoints) == [11067, 8139, 6835])
        #expect(s.scores.map(\.legacyOOMAdj) == [0, 5, 0])
        #expect(s.scores.map(\.legacyPoints) == [2956, 33120, 2316])
        #expect(s.modernChosen == 0)
        #expect(s.legacyChosen == 1)
        #expect(s.kernelKilled == 0)
    }

    /// sizes4: no adj, so modern = rss + page tables and 2.6.20 = total_vm / 4 (root).
    /// Report 1: modern 6417, 8475, 4510, 3346 -> 7120 (killed); 2.6.20 1804, 2316, 2828,
    /// 1035 -> 7121. Report 2 (7120 gone): 6417, 4510, 3346 -> 7119 (killed); 2.6.20 -> 7121.
    @Test func sizes4ByHand() throws {
        let s = try Self.scored("sizes4.log")
        #expect(s.count == 2)
        #expect(s[0].scores.map(\.modernPoints) == [6417, 8475, 4510, 3346])
        #expect(s[0].scores.map(\.legacyPoints) == [1804, 2316, 2828, 1035])
        #expect(s[0].report.tasks[s[0].modernChosen!].pid == 7120)
        #expect(s[0].report.tasks[s[0].legacyChosen!].pid == 7121)
        #expect(s[1].scores.map(\.modernPoints) == [6417, 4510, 3346])
        #expect(s[1].report.tasks[s[1].modernChosen!].pid == 7119)
        #expect(s[1].report.tasks[s[1].legacyChosen!].pid == 7121)
    }

    static func report(_ rows: [OOMReportTask], killed: Int, memoryLimitKB: Int64? = 65536, memswLimitKB: Int64? = nil, totalSwapKB: Int? = nil) -> OOMReport {
        OOMReport(
            source: "t", firstLine: 1, lastLine: 2, timestamp: LogTimestamp(), kernelVersion: nil,
            trigger: Trigger(comm: "x"), constraint: "CONSTRAINT_MEMCG", memcg: "/a", taskMemcg: nil,
            memory: memoryLimitKB.map { MemcgCounter(usageKB: $0, limitKB: $0, failcnt: 0) },
            memorySwap: memswLimitKB.map { MemcgCounter(usageKB: 0, limitKB: $0, failcnt: 0) }, swap: nil, kmem: nil,
            memcgStats: [], ramPages: nil, totalSwapKB: totalSwapKB, tasks: rows,
            killed: KilledProcess(pid: killed, comm: "x", memcgOOM: true), lines: [])
    }

    /// Ties: modern takes the later row, 2.6.20 keeps the earlier one.
    @Test func tiesSplitTheHeuristics() {
        let rows = [
            OOMReportTask(pid: 10, uid: 1000, totalVM: 5000, rss: 500, name: "a"),
            OOMReportTask(pid: 11, uid: 1000, totalVM: 5000, rss: 500, name: "b"),
        ]
        let s = ScoredOOMReport(Self.report(rows, killed: 11))
        #expect(s.modernChosen == 1)
        #expect(s.legacyChosen == 0)
    }

    /// -1000 is excluded by both (2.6.20: oom_adj -17, OOM_DISABLE); pid 1 by both; a
    /// negative modern score is still chosen when it is the only one.
    @Test func exclusions() {
        let rows = [
            OOMReportTask(pid: 1, uid: 0, totalVM: 90000, rss: 9000, oomScoreAdj: 0, name: "init"),
            OOMReportTask(pid: 20, uid: 1000, totalVM: 90000, rss: 9000, oomScoreAdj: -1000, name: "sshd"),
            OOMReportTask(pid: 21, uid: 1000, totalVM: 100, rss: 10, oomScoreAdj: -999, name: "low"),
        ]
        let s = ScoredOOMReport(Self.report(rows, killed: 21))
        #expect(s.scores.map(\.modernSkip) == ["unkillable", "oom_score_adj_min", nil])
        #expect(s.scores.map(\.legacySkip) == ["init", "oom_disable", nil])
        #expect(s.scores[2].modernPoints == 10 - 999 * 16)
        #expect(s.scores[2].legacyOOMAdj == -16)
        #expect(s.scores[2].legacyPoints == 0)
        #expect(s.modernChosen == 2)
        #expect(s.legacyChosen == 2)
    }

    /// totalpages: memcg limit plus min(memsw - limit, swap total) when the report shows a
    /// swap total; unknown without a memcg limit (then no modern prediction if an adj matters).
    @Test func totalPagesBasis() {
        let rows = [OOMReportTask(pid: 10, totalVM: 10, rss: 10, oomScoreAdj: 100, name: "a")]
        var s = ScoredOOMReport(Self.report(rows, killed: 10, memswLimitKB: 65536 + 8192, totalSwapKB: 1_048_576))
        #expect(s.totalPages == 16384 + 2048)
        #expect(s.totalPagesBasis == .memcgLimitPlusSwap)
        s = ScoredOOMReport(Self.report(rows, killed: 10, memswLimitKB: 9_007_199_254_740_988, totalSwapKB: 4096))
        #expect(s.totalPages == 16384 + 1024)
        s = ScoredOOMReport(Self.report(rows, killed: 10, memoryLimitKB: 0))
        #expect(s.totalPages == 1)
        s = ScoredOOMReport(Self.report(rows, killed: 10, memoryLimitKB: nil))
        #expect(s.totalPages == nil)
        #expect(s.totalPagesBasis == .unknown)
        #expect(s.modernChosen == nil)
        #expect(s.scores[0].modernPoints == nil)
        #expect(s.legacyChosen == 0)
        let noAdj = [OOMReportTask(pid: 10, totalVM: 10, rss: 10, oomScoreAdj: 0, name: "a")]
        s = ScoredOOMReport(Self.report(noAdj, killed: 10, memoryLimitKB: nil))
        #expect(s.modernChosen == 0, "totalpages does not matter without adj")
        #expect(s.scores[0].modernPoints == 10, "totalpages does not matter without adj")
    }
}
