import GRDB
import Testing

@testable import ReclaimStore

/// The report's aggregating queries on hand-written rows; every expected value is worked
/// out by hand from the rows below.
@Suite struct StoreReportTests {
    /// Sweep 1: three runs of one configuration (swappiness 60, no swap), one of them
    /// failed, plus one run of swappiness 100; one run outside any sweep.
    static func store() throws -> (Store, DatabaseQueue) {
        let queue = try DatabaseQueue()
        let store = try Store(writer: queue)
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sweeps VALUES (1, 'grid', 'axes: {}', '2026-11-30T00:00:00Z', 't');
                    INSERT INTO runs (run_id, run_key, sweep_id, scenario, kernel, model_version, seed, swappiness, swap_pages,
                        laptop_mode, config, hz, duration_ms, status, started_at, tool_version,
                        pages_scanned, pages_reclaimed, swap_outs, stall_ms, oom_kills, reclaim_calls)
                    VALUES
                        (1, 'a', 1, 's', '2.6.20-rss', 'm/2', 1, 60, 0, 0, '{}', 250, 1000, 'done', 'x', 't', 100, 50, 0, 10, 1, 4),
                        (2, 'b', 1, 's', '2.6.20-rss', 'm/2', 2, 60, 0, 0, '{}', 250, 1000, 'done', 'x', 't', 300, 30, 6, 30, 0, 4),
                        (3, 'c', 1, 's', '2.6.20-rss', 'm/2', 3, 60, 0, 0, '{}', 250, 1000, 'failed', 'x', 't', NULL, NULL, NULL, NULL, NULL, NULL),
                        (4, 'd', 1, 's', '2.6.20-rss', 'm/2', 1, 100, 0, 0, '{}', 250, 1000, 'done', 'x', 't', 0, 0, 0, 0, 0, 0),
                        (5, 'e', NULL, 's', 'live', 'linux-6.1', 1, 60, 0, 0, '{}', 250, 1000, 'done', 'x', 't2', 8, 8, 0, 0, 0, 1);
                    INSERT INTO oom_events (run_id, oom_no, t_ms, scope, container, outcome, chosen_pid, victim_pid)
                    VALUES (1, 1, 400, 'container', 'box', 'busy', NULL, NULL),
                           (1, 2, 700, 'container', 'box', 'killed', 7, 8),
                           (1, 3, 900, 'container', 'box', 'killed', 9, 9);
                    INSERT INTO samples (run_id, t_ms, container, usage, active, inactive, dirty, writeback, swap_used, free)
                    VALUES (1, 0, NULL, 5, 0, 0, 0, 0, 1, 0), (1, 10, NULL, 9, 0, 0, 0, 0, 0, 0),
                           (1, 20, NULL, 3, 0, 0, 0, 0, 4, 0), (1, 30, NULL, 7, 0, 0, 0, 0, 2, 0),
                           (1, 10, 'box', 2, 0, 0, 0, 0, 0, 0);
                    INSERT INTO reclaim_calls (run_id, call_no, t_ms, origin, container, pid, result, nr_reclaimed, total_scanned,
                        last_priority, pdflush_woken, stall_ms)
                    VALUES (1, 1, 5, 'container', 'box', 7, 1, 1, 1, 12, 0, 0), (1, 2, 15, 'container', 'box', 7, 0, 0, 1, 0, 0, 0),
                           (1, 3, 25, 'container', 'box', 7, 0, 0, 1, 0, 0, 0), (1, 4, 26, 'kswapd', NULL, NULL, 1, 0, 1, 0, 0, 0);
                    INSERT INTO scan_passes (run_id, call_no, priority, nr_scanned, nr_reclaimed) VALUES
                        (1, 1, 12, 32, 1), (1, 2, 12, 10, 0), (1, 2, 11, 20, 0), (1, 4, 12, 5, 0);
                    INSERT INTO oom_candidates (run_id, oom_no, round, visit_no, pid, name, container, points, total_vm, rss, eligible,
                        skip_reason, base_points, cpu_divisor, run_divisor, nice_doubled, cap_divisor, adj_shift)
                    VALUES (1, 2, 1, 1, 7, 'parent', 'box', 900, 800, 10, 1, NULL, 900, 1, 1, 0, 1, 0),
                           (1, 2, 2, 1, 7, 'parent', 'box', 900, 800, 10, 1, NULL, 900, 1, 1, 0, 1, 0),
                           (1, 2, 2, 2, 8, 'child', 'box', 10, 10, 10, 1, NULL, 10, 1, 1, 0, 1, 0),
                           (1, 2, 2, 3, 9, 'big', 'box', 500, 1000, 500, 1, NULL, 1000, 2, 1, 0, 1, 0),
                           (1, 2, 2, 4, 1, 'init', NULL, NULL, 100, 100, 0, 'init', NULL, NULL, NULL, NULL, NULL, NULL);
                    """)
        }
        return (store, queue)
    }

    @Test func sweepsCountRunsByStatusAndTheRunsOutsideASweepComeLast() throws {
        let (store, _) = try Self.store()
        let sweeps = try store.reader.reportSweeps()
        #expect(sweeps.map(\.sweepId) == [1, nil])
        #expect(sweeps.map(\.done) == [3, 1] && sweeps.map(\.failed) == [1, 0])
        #expect(try store.reader.reportSweeps(sweepId: 1).count == 1)
        #expect(try store.reader.reportSweeps(sweepId: 9).isEmpty)
    }

    @Test func configPointsSpreadTheDoneRunsOnly() throws {
        let (store, _) = try Self.store()
        let points = try store.reader.reportConfigPoints(sweepId: 1)
        #expect(points.map(\.swappiness) == [60, 100])
        let p = try #require(points.first)
        #expect(p.done == 2 && p.failed == 1)
        // scanned 100 and 300: min 100, mean 200, max 300 (the failed run's NULL is no sample).
        #expect(p.metrics[.pagesScanned] == ReportData.Spread(count: 2, min: 100, mean: 200, max: 300))
        // efficiency 50/100 = 0.5 and 30/300 = 0.1: mean 0.3.
        let efficiency = try #require(p.metrics[.reclaimEfficiency])
        #expect(efficiency.min == 0.1 && efficiency.max == 0.5 && abs(efficiency.mean - 0.3) < 1e-12)
        // First kill of run 1 at 700 ms (the busy answer at 400 ms is no kill); run 2 killed nothing.
        #expect(p.metrics[.firstKillMs] == ReportData.Spread(count: 1, min: 700, mean: 700, max: 700))
        // Run 4 scanned nothing: no efficiency at all.
        #expect(points[1].metrics[.reclaimEfficiency] == nil)
        #expect(points[1].metrics[.pagesScanned] == ReportData.Spread(count: 1, min: 0, mean: 0, max: 0))
        // Outside a sweep: the live run.
        #expect(try store.reader.reportConfigPoints(sweepId: nil).map(\.kernel) == ["live"])
    }

    @Test func usageIsThePeakPerBucket() throws {
        let (store, _) = try Self.store()
        // 40 ms in 2 buckets: 20 ms each; machine 0..19 -> max(5, 9) = 9, swap max(1, 0) = 1;
        // 20..39 -> max(3, 7) = 7, swap max(4, 2) = 4; the container's one sample after the machine's.
        #expect(StoreReader.reportBucketWidth(durationMs: 40, buckets: 2) == 20)
        #expect(StoreReader.reportBucketWidth(durationMs: 41, buckets: 2) == 21)
        let usage = try store.reader.reportUsage(runId: 1, durationMs: 40, buckets: 2)
        #expect(usage.map(\.container) == [nil, nil, "box"])
        #expect(usage.map(\.tMs) == [0, 20, 0])
        #expect(usage.map(\.usage) == [9, 7, 2])
        #expect(usage.map(\.swapUsed) == [1, 4, 0])
    }

    @Test func callsAndPassesAreCountedNotListed() throws {
        let (store, _) = try Self.store()
        // Calls at 5, 15, 25, 26 ms in 20 ms buckets: [0: container ok], [0: container failed], [20: container failed, kswapd ok].
        let calls = try store.reader.reportCallBuckets(runId: 1, durationMs: 40, buckets: 2)
        #expect(calls.map(\.tMs) == [0, 0, 20, 20])
        #expect(calls.map(\.origin) == ["container", "container", "container", "kswapd"])
        #expect(calls.map(\.result) == [0, 1, 0, 1])
        #expect(calls.map(\.calls) == [1, 1, 1, 1])
        // Priority 12: calls 1 and 2 (container, 32 + 10 scanned) and call 4 (kswapd, 5); priority 11: call 2.
        let passes = try store.reader.reportPassBuckets(runId: 1)
        #expect(passes == [
            ReportData.PassBucket(priority: 12, origin: "container", passes: 2, scanned: 42),
            ReportData.PassBucket(priority: 12, origin: "kswapd", passes: 1, scanned: 5),
            ReportData.PassBucket(priority: 11, origin: "container", passes: 1, scanned: 20),
        ])
    }

    @Test func candidatesOfTheDecidingRoundRankedWithTheMarkedOnesKept() throws {
        let (store, _) = try Self.store()
        // Round 2 decided (4 visited). With room for 2, the chosen (7) and the victim (8) stay
        // although 9 outscores 8; then ranked by points: 900, 10.
        let two = try store.reader.reportCandidates(runId: 1, oomNo: 2, limit: 2, including: [7, 8])
        #expect(two.round == 2 && two.visited == 4)
        #expect(two.candidates.map(\.pid) == [7, 8])
        let all = try store.reader.reportCandidates(runId: 1, oomNo: 2, limit: 10, including: [7, 8])
        // Skipped init (NULL points) last.
        #expect(all.candidates.map(\.pid) == [7, 9, 8, 1])
        #expect(all.candidates[1].cpuDivisor == 2 && all.candidates[3].skipReason == "init")
    }

    @Test func oomEventsAndProvenance() throws {
        let (store, _) = try Self.store()
        let (events, total) = try store.reader.reportOOMEvents(runId: 1, limit: 2)
        #expect(total == 3 && events.map(\.oomNo) == [1, 2])
        #expect(events[1].chosenPid == 7 && events[1].victimPid == 8)
        let provenance = try store.reader.reportProvenance()
        #expect(provenance.modelVersions == ["linux-6.1", "m/2"])
        #expect(provenance.kernels == ["2.6.20-rss", "live"])
        #expect(try store.reader.reportRun(runId: 99) == nil)
        #expect(try store.reader.reportRuns(sweepId: 1, limit: 2).runs.map(\.runId) == [3, 1])  // failed first
        #expect(try store.reader.reportLimits(runId: 1) == ReportData.Limits(ramPages: nil, containers: []))
    }
}
