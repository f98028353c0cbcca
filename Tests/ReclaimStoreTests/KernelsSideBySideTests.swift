import Foundation
import GRDB
import ReclaimRecords
import ReclaimStore
import Testing

/// `kernels-side-by-side` (issue 15): a configuration run on the simulated kernel (seeds 1
/// and 2) and on the live kernel (seed 1) gives one row per kernel with means per run, and a
/// configuration run on one kernel only stands alone. Every number is summed by hand from
/// the hand-made rows below.
@Suite struct KernelsSideBySideTests {
    static func config(kernel: String, seed: UInt64, swappiness: Int) -> String {
        #"{"kernel":"\#(kernel)","machine":{"swap_pages":1000,"swappiness":\#(swappiness)},"name":"pair","seed":\#(seed)}"#
    }

    /// One run: `calls` as (scanned, reclaimed, anon, file); a kill of `leak` (pid 100) if `kill`.
    static func record(
        _ store: Store, kernel: String, model: String, seed: UInt64, swappiness: Int = 60,
        calls: [(Int, Int, Int, Int)], kill: Bool, swapOuts: Int
    ) throws {
        let id = try store.beginRun(
            RunDescriptor(
                runKey: "\(kernel)-\(seed)-\(swappiness)", scenario: "pair", kernel: kernel, seed: seed,
                swappiness: swappiness, swapPages: 1000, laptopMode: 0,
                config: config(kernel: kernel, seed: seed, swappiness: swappiness), hz: 250, durationMs: 2000,
                toolVersion: "test", modelVersion: model)
        ).runId
        var events = RecordingSink()
        var totals = RunTotals()
        for (i, c) in calls.enumerated() {
            events.scanPass(
                ScanPassRecord(
                    callNo: i + 1, priority: 12, nrScanned: c.0, nrReclaimed: c.1, mayWritepage: true,
                    reclaimMapped: true, anonScanned: c.2, fileScanned: c.3))
            events.reclaimCall(
                ReclaimCallRecord(
                    callNo: i + 1, tMs: Int64(i), origin: .container, container: "web", pid: 100, result: c.1 > 0 ? 1 : 0,
                    nrReclaimed: c.1, totalScanned: c.0, lastPriority: 12, pdflushWoken: false, stallMs: 0))
            totals.pagesScanned += c.0
            totals.pagesReclaimed += c.1
        }
        totals.reclaimCalls = calls.count
        totals.swapOuts = swapOuts
        if kill {
            events.oomEvent(
                OOMEventRecord(
                    oomNo: 1, tMs: 500, scope: .container, container: "web", triggerPid: 100, outcome: .killed,
                    chosenPid: 100, chosenPoints: 10, victimPid: 100, victimContainer: "web"))
            totals.oomKills = 1
            totals.oomEvents = 1
        }
        let leak = TaskRecord(
            pid: 100, name: "leak", container: "web", parentPid: nil, uid: 0, nice: 0, oomAdj: 0, workload: "anon-grow",
            startMs: 0, exitMs: kill ? 500 : nil, oomKilled: kill, maxRSS: 1, totalVM: 1, cpuJiffies: 0, faults: 0,
            majorFaults: 0)
        try store.finishRun(runId: id, events: events, summary: RunSummary(totals: totals, tasks: [leak], containers: []))
    }

    @Test func simulatedAndLiveSideBySide() throws {
        let store = try Store(writer: DatabaseQueue())
        try Self.record(store, kernel: "2.6.20-rss", model: "2.6.20-rss/3", seed: 1, calls: [(40, 30, 10, 30), (20, 10, 0, 20)], kill: true, swapOuts: 4)
        try Self.record(store, kernel: "2.6.20-rss", model: "2.6.20-rss/3", seed: 2, calls: [(60, 50, 20, 40)], kill: false, swapOuts: 0)
        try Self.record(store, kernel: "live", model: "linux-test", seed: 1, calls: [(10, 0, 0, 10), (10, 0, 0, 10), (10, 0, 0, 10)], kill: true, swapOuts: 0)
        try Self.record(store, kernel: "2.6.20-rss", model: "2.6.20-rss/3", seed: 1, swappiness: 100, calls: [], kill: false, swapOuts: 0)
        let query = try #require(StoreReader.cannedQuery(named: "kernels-side-by-side"))
        let result = try #require(try store.reader.run(sql: query.text, query: "kernels-side-by-side").first)
        let rows = result.rows.map { Dictionary(uniqueKeysWithValues: zip(result.columns, $0)) }
        #expect(rows.count == 3)
        let sim = rows[0]
        #expect(sim["pair_no"] == .integer(1) && sim["kernel"] == .text("2.6.20-rss") && sim["kernels"] == .integer(2))
        #expect(sim["runs"] == .integer(2))
        #expect(sim["reclaim_calls"] == .real(1.5), "(2 + 1) / 2")
        #expect(sim["pages_scanned"] == .real(60), "(40 + 20 + 60) / 2")
        #expect(sim["anon_scanned"] == .real(15), "(10 + 0 + 20) / 2")
        #expect(sim["file_scanned"] == .real(45), "(30 + 20 + 40) / 2")
        #expect(sim["pages_reclaimed"] == .real(45), "(30 + 10 + 50) / 2")
        #expect(sim["swap_outs"] == .real(2), "(4 + 0) / 2")
        #expect(sim["oom_kills"] == .real(0.5))
        #expect(sim["victims"] == .text("leak:1"))
        let live = rows[1]
        #expect(live["pair_no"] == .integer(1) && live["kernel"] == .text("live") && live["model_version"] == .text("linux-test"))
        #expect(live["runs"] == .integer(1) && live["reclaim_calls"] == .real(3) && live["pages_scanned"] == .real(30))
        #expect(live["anon_scanned"] == .real(0) && live["file_scanned"] == .real(30) && live["pages_reclaimed"] == .real(0))
        #expect(live["oom_kills"] == .real(1) && live["victims"] == .text("leak:1"))
        let alone = rows[2]
        #expect(alone["pair_no"] == .integer(2) && alone["swappiness"] == .integer(100) && alone["kernels"] == .integer(1))
        #expect(alone["victims"] == .null && alone["anon_scanned"] == .null, "no pass: no anon figure")
    }
}
