import Foundation
import GRDB
import ReclaimRecords
import Testing

@testable import ReclaimStore

/// Issue 12 §3: every kill explains itself — `oom_candidates`' badness() factors,
/// `oom_events.call_no`, and the `scan-before-first-kill` query, on a hand-built run whose
/// expected results are worked out below.
@Suite struct KillExplanationTests {
    /// Calls 1-4 then a kill led by call 4's failure, then call 5 and a second kill:
    ///
    ///     call 1 container  p12 scanned 10 reclaimed 2 (success)
    ///     call 2 kswapd     p12 scanned 40 reclaimed 0; p11 scanned 50 reclaimed 32
    ///     call 3 container  p12 scanned 20 reclaimed 0; p11 scanned 30 reclaimed 2
    ///     call 4 container  p12 scanned 5; p11 scanned 7; p0 scanned 9 (failure) -> OOM 1 (busy, call 4)
    ///                       -> OOM 2 (killed, call 4)
    ///     call 5 container  p12 scanned 1000 (after the kill) -> OOM 3 (killed, call 5)
    ///
    /// Calls 1-4 are before the first kill. Hand sums: container p12 = 10 + 20 + 5 = 35 over
    /// 3 calls (1..4), p11 = 30 + 7 = 37 over calls 3..4, p0 = 9 (call 4); kswapd p12 = 40,
    /// p11 = 50 (call 2). Call 5's 1000 must not appear.
    static func events() -> RecordingSink {
        var sink = RecordingSink()
        func pass(_ call: Int, _ prio: Int, _ scanned: Int, _ reclaimed: Int = 0) {
            sink.scanPass(ScanPassRecord(callNo: call, priority: prio, nrScanned: scanned, nrReclaimed: reclaimed, mayWritepage: true, reclaimMapped: true))
        }
        func call(_ no: Int, _ origin: ReclaimOrigin, t: Int64, result: Int) {
            sink.reclaimCall(ReclaimCallRecord(
                callNo: no, tMs: t, origin: origin, container: origin == .kswapd ? nil : "web", pid: origin == .kswapd ? nil : 300,
                result: result, nrReclaimed: 0, totalScanned: 0, lastPriority: 0, pdflushWoken: false, stallMs: 0))
        }
        pass(1, 12, 10, 2); call(1, .container, t: 100, result: 1)
        pass(3, 12, 20); pass(3, 11, 30, 2); call(3, .container, t: 100, result: 1)
        pass(2, 12, 40); pass(2, 11, 50, 32); call(2, .kswapd, t: 100, result: 1)
        pass(4, 12, 5); pass(4, 11, 7); pass(4, 0, 9); call(4, .container, t: 100, result: 0)
        pass(5, 12, 1000); call(5, .container, t: 90, result: 0)
        let factors = BadnessFactors(basePoints: 14002, cpuDivisor: 3, runDivisor: 2, niceDoubled: true, capDivisor: 16, adjShift: -1)
        sink.oomCandidate(OOMCandidateRecord(
            oomNo: 2, round: 1, pid: 300, name: "nginx", container: "web", points: factors.apply(),
            totalVM: 10_000, rss: 4_096, eligible: true, skipReason: nil, visitNo: 1, factors: factors))
        sink.oomCandidate(OOMCandidateRecord(
            oomNo: 2, round: 1, pid: 1, name: "init", container: nil, points: nil, totalVM: 10,
            rss: 2, eligible: false, skipReason: .initTask, visitNo: 2))
        for (no, outcome, callNo, t) in [(1, OOMOutcome.busy, 4, Int64(100)), (2, .killed, 4, 100), (3, .killed, 5, 90)] {
            sink.oomEvent(OOMEventRecord(
                oomNo: no, tMs: t, scope: .container, container: "web", triggerPid: 300, outcome: outcome,
                chosenPid: outcome == .killed ? 300 : nil, chosenPoints: nil, victimPid: outcome == .killed ? 300 : nil,
                victimContainer: nil, callNo: callNo))
        }
        return sink
    }

    static func store() throws -> Store {
        let store = try Store(writer: DatabaseQueue())
        let id = try store.beginRun(Fixtures.descriptor()).runId
        let events = Self.events()
        try store.finishRun(runId: id, events: events, summary: RunSummary(totals: RunTotals(), tasks: [], containers: []))
        return store
    }

    private func rows(_ store: Store, _ name: String) throws -> [[String: QueryValue]] {
        let query = try #require(StoreReader.cannedQuery(named: name))
        let result = try #require(try store.reader.run(sql: query.text, query: name).first)
        return result.rows.map { Dictionary(uniqueKeysWithValues: zip(result.columns, $0)) }
    }

    /// 14002 / 3 = 4667, / 2 = 2333, * 2 = 4666, / 4 / 4 = 291, >> 1 = 145.
    @Test func factorsAreStoredAndShown() throws {
        #expect(BadnessFactors(basePoints: 14002, cpuDivisor: 3, runDivisor: 2, niceDoubled: true, capDivisor: 16, adjShift: -1).apply() == 145)
        let store = try Self.store()
        let decision = try rows(store, "oom-decision")
        // The default OOM is oom_no 1 (busy, no candidates); ask for 2.
        #expect(decision.isEmpty)
        let query = try #require(StoreReader.cannedQuery(named: "oom-decision"))
        let result = try #require(try store.reader.run(sql: query.text, query: "oom-decision", parameters: ["oom_no": .integer(2)]).first)
        let r = result.rows.map { Dictionary(uniqueKeysWithValues: zip(result.columns, $0)) }
        #expect(r.count == 2)
        #expect(r[0]["points"] == .integer(145))
        #expect(r[0]["base_points"] == .integer(14002))
        #expect(r[0]["cpu_divisor"] == .integer(3))
        #expect(r[0]["run_divisor"] == .integer(2))
        #expect(r[0]["nice_doubled"] == .integer(1))
        #expect(r[0]["cap_divisor"] == .integer(16))
        #expect(r[0]["adj_shift"] == .integer(-1))
        #expect(r[1]["base_points"] == .null && r[1]["cap_divisor"] == .null, "skipped: no factors")
        let callNos = try store.reader.read { db in try Int?.fetchAll(db, sql: "SELECT call_no FROM oom_events ORDER BY oom_no") }
        #expect(callNos == [4, 4, 5])
    }

    @Test func scanBeforeFirstKill() throws {
        let store = try Self.store()
        let r = try rows(store, "scan-before-first-kill")
        func row(_ origin: String, _ prio: Int) -> [String: QueryValue]? {
            r.first { $0["origin"] == .text(origin) && $0["priority"] == .integer(Int64(prio)) }
        }
        #expect(r.count == 5, "container p12, p11, p0; kswapd p12, p11")
        #expect(r.allSatisfy { $0["first_kill_oom"] == .integer(2) && $0["failed_call_no"] == .integer(4) })
        #expect(row("container", 12)?["nr_scanned"] == .integer(35), "10 + 20 + 5")
        #expect(row("container", 12)?["calls"] == .integer(3))
        #expect(row("container", 12)?["first_call_no"] == .integer(1))
        #expect(row("container", 12)?["last_call_no"] == .integer(4))
        #expect(row("container", 11)?["nr_scanned"] == .integer(37), "30 + 7")
        #expect(row("container", 11)?["nr_reclaimed"] == .integer(2))
        #expect(row("container", 0)?["nr_scanned"] == .integer(9))
        #expect(row("kswapd", 12)?["nr_scanned"] == .integer(40))
        #expect(row("kswapd", 11)?["nr_reclaimed"] == .integer(32))
        #expect(r.map { $0["priority"] } == [12, 11, 0, 12, 11].map { .integer($0) }, "origin, then priority 12 down to 0")
    }
}
