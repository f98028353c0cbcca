import GRDB
import ReclaimRecords
import ReclaimStore
import Testing

/// Rows read back by column name into the records they came from, compared with `==`: a
/// binder that swapped two columns of the same type would fail here (every field of the
/// generated records has a value no other field has).
@Suite struct EventRoundTripTests {
    /// `n` records of every event kind; field `f` of record `i` is `1000 * f + i` (distinct
    /// across fields and rows), optional fields alternate with nil.
    static func distinctEvents(_ n: Int) -> RecordingSink {
        var sink = RecordingSink()
        for i in 0..<n {
            func v(_ field: Int) -> Int { 1000 * field + i }
            let odd = i % 2 == 1
            sink.scanPass(
                ScanPassRecord(
                    callNo: v(1), priority: v(2), nrScanned: v(3), nrReclaimed: v(4), activeScanned: v(5),
                    deactivated: v(6), inactiveScanned: v(7), activated: v(8), keptDirty: v(9),
                    writebackStarted: v(10), mayWritepage: odd, reclaimMapped: !odd,
                    swapTendency: odd ? v(11) : nil, distress: odd ? v(12) : nil, mappedRatio: odd ? v(13) : nil,
                    prevPriority: odd ? v(14) : nil, congestionWaitMs: Int64(v(15))))
            sink.reclaimCall(
                ReclaimCallRecord(
                    callNo: v(1), tMs: Int64(v(2)), origin: odd ? .direct : .container, container: odd ? nil : "c\(i)",
                    pid: odd ? nil : Int32(v(3)), result: i % 2, nrReclaimed: v(4), totalScanned: v(5),
                    lastPriority: v(6), pdflushWoken: odd, stallMs: Int64(v(7))))
            sink.oomEvent(
                OOMEventRecord(
                    oomNo: v(1), tMs: Int64(v(2)), scope: odd ? .global : .container, container: odd ? nil : "c\(i)",
                    triggerPid: Int32(v(3)), outcome: odd ? .none : .killed, chosenPid: odd ? nil : Int32(v(4)),
                    chosenPoints: odd ? nil : UInt64(v(5)), victimPid: odd ? nil : Int32(v(6)),
                    victimContainer: odd ? nil : "v\(i)"))
            sink.oomCandidate(
                OOMCandidateRecord(
                    oomNo: v(1), round: v(2), pid: Int32(v(3)), name: "t\(i)", container: odd ? nil : "c\(i)",
                    points: odd ? nil : UInt64(v(4)), totalVM: v(5), rss: v(6), eligible: !odd,
                    skipReason: odd ? .oomDisable : nil, visitNo: v(7)))
            sink.sample(
                SampleRecord(
                    tMs: Int64(v(1)), container: odd ? nil : "c\(i)", usage: v(2), active: v(3), inactive: v(4),
                    dirty: v(5), writeback: v(6), swapUsed: v(7), free: v(8)))
        }
        return sink
    }

    /// The run's event rows, decoded by column name (ordered by their first key column).
    static func readBack(_ store: Store, runId: Int64) throws -> RecordingSink {
        try store.reader.read { db in
            func rows(_ table: String, _ order: String) throws -> [Row] {
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE run_id = ? ORDER BY \(order)", arguments: [runId])
            }
            var sink = RecordingSink()
            sink.scanPasses = try rows("scan_passes", "call_no").map { r in
                ScanPassRecord(
                    callNo: r["call_no"], priority: r["priority"], nrScanned: r["nr_scanned"],
                    nrReclaimed: r["nr_reclaimed"], activeScanned: r["active_scanned"], deactivated: r["deactivated"],
                    inactiveScanned: r["inactive_scanned"], activated: r["activated"], keptDirty: r["kept_dirty"],
                    writebackStarted: r["writeback_started"], mayWritepage: r["may_writepage"],
                    reclaimMapped: r["reclaim_mapped"], swapTendency: r["swap_tendency"], distress: r["distress"],
                    mappedRatio: r["mapped_ratio"], prevPriority: r["prev_priority"], congestionWaitMs: r["congestion_wait"])
            }
            sink.reclaimCalls = try rows("reclaim_calls", "call_no").map { r in
                ReclaimCallRecord(
                    callNo: r["call_no"], tMs: r["t_ms"], origin: ReclaimOrigin(rawValue: r["origin"])!,
                    container: r["container"], pid: r["pid"], result: r["result"], nrReclaimed: r["nr_reclaimed"],
                    totalScanned: r["total_scanned"], lastPriority: r["last_priority"],
                    pdflushWoken: r["pdflush_woken"], stallMs: r["stall_ms"])
            }
            sink.oomEvents = try rows("oom_events", "oom_no").map { r in
                OOMEventRecord(
                    oomNo: r["oom_no"], tMs: r["t_ms"], scope: OOMScope(rawValue: r["scope"])!, container: r["container"],
                    triggerPid: r["trigger_pid"], outcome: OOMOutcome(rawValue: r["outcome"])!,
                    chosenPid: r["chosen_pid"], chosenPoints: (r["chosen_points"] as Int64?).map(UInt64.init),
                    victimPid: r["victim_pid"], victimContainer: r["victim_container"])
            }
            sink.oomCandidates = try rows("oom_candidates", "oom_no").map { r in
                OOMCandidateRecord(
                    oomNo: r["oom_no"], round: r["round"], pid: r["pid"], name: r["name"], container: r["container"],
                    points: (r["points"] as Int64?).map(UInt64.init), totalVM: r["total_vm"], rss: r["rss"],
                    eligible: r["eligible"], skipReason: (r["skip_reason"] as String?).flatMap(OOMSkipReason.init),
                    visitNo: r["visit_no"])
            }
            sink.samples = try rows("samples", "t_ms").map { r in
                SampleRecord(
                    tMs: r["t_ms"], container: r["container"], usage: r["usage"], active: r["active"],
                    inactive: r["inactive"], dirty: r["dirty"], writeback: r["writeback"], swapUsed: r["swap_used"],
                    free: r["free"])
            }
            return sink
        }
    }

    static func assertEqual(_ got: RecordingSink, _ want: RecordingSink) {
        #expect(got.scanPasses == want.scanPasses)
        #expect(got.reclaimCalls == want.reclaimCalls)
        #expect(got.oomEvents == want.oomEvents)
        #expect(got.oomCandidates == want.oomCandidates)
        #expect(got.samples == want.samples)
    }

    /// 45 records per table: one 32-row multi-row INSERT and 13 single-row ones.
    @Test func finishRunWritesEveryFieldInItsColumn() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        let events = Self.distinctEvents(45)
        try store.finishRun(runId: runId, events: events, summary: Fixtures.summary())
        Self.assertEqual(try Self.readBack(store, runId: runId), events)
    }

    /// The streamed path: batches staged in TEMP tables, then moved into the real ones.
    @Test func stagedBatchesKeepEveryFieldInItsColumn() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        let events = Self.distinctEvents(45)
        var recorder = store.recorder(runId: runId, batchLimit: 7)
        for r in events.scanPasses { recorder.scanPass(r) }
        for r in events.reclaimCalls { recorder.reclaimCall(r) }
        for r in events.oomEvents { recorder.oomEvent(r) }
        for r in events.oomCandidates { recorder.oomCandidate(r) }
        for r in events.samples { recorder.sample(r) }
        try store.finishRun(recorder, summary: Fixtures.summary())
        Self.assertEqual(try Self.readBack(store, runId: runId), events)
    }
}
