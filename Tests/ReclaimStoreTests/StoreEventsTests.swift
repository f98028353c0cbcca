import GRDB
import ReclaimModel
import ReclaimRecords
import ReclaimStore
import Testing

/// `finishRun`: every row type in one transaction, all or nothing.
@Suite struct StoreEventsTests {
    @Test func finishRunWritesEveryRowType() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        try store.finishRun(runId: runId, events: Fixtures.events(), summary: Fixtures.summary())

        #expect(try Fixtures.eventCounts(store, runId: runId) == [
            "reclaim_calls": 2, "scan_passes": 3, "oom_events": 1, "oom_candidates": 2,
            "samples": 2, "tasks": 2, "containers": 1,
        ])
        let run = try #require(try store.reader.runs(status: .done).first)
        #expect(run.runId == runId)
        #expect(run.error == nil)
        #expect(run.pagesScanned == 72)
        #expect(run.pagesReclaimed == 7)
        #expect(run.oomKills == 1)
        #expect(run.finishedAt != nil)

        try store.reader.read { db throws in
            let totals = try #require(try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE run_id = ?", arguments: [runId]))
            #expect(totals["faults"] as Int? == 12_000)
            #expect(totals["stall_ms"] as Int? == 100)
            #expect(totals["reclaim_calls"] as Int? == 2)
            #expect(totals["oom_events"] as Int? == 1)

            let call = try #require(try Row.fetchOne(db, sql: "SELECT * FROM reclaim_calls WHERE call_no = 1"))
            #expect(call["origin"] as String? == "container")
            #expect(call["container"] as String? == "web")
            #expect(call["pdflush_woken"] as Int? == 1)
            #expect(call["total_scanned"] as Int? == 70)
            let kswapdLike = try #require(try Row.fetchOne(db, sql: "SELECT * FROM reclaim_calls WHERE call_no = 2"))
            #expect(kswapdLike["container"] as String? == nil)

            let containerPass = try #require(try Row.fetchOne(db, sql: "SELECT * FROM scan_passes WHERE call_no = 1 AND priority = 11"))
            #expect(containerPass["may_writepage"] as Int? == 1)
            #expect(containerPass["swap_tendency"] as Int? == nil)
            #expect(containerPass["mapped_ratio"] as Int? == nil)
            #expect(containerPass["congestion_wait"] as Int? == 100)
            let directPass = try #require(try Row.fetchOne(db, sql: "SELECT * FROM scan_passes WHERE call_no = 2"))
            #expect(directPass["swap_tendency"] as Int? == 85)
            #expect(directPass["distress"] as Int? == 0)
            #expect(directPass["mapped_ratio"] as Int? == 50)
            #expect(directPass["reclaim_mapped"] as Int? == 0)

            let oom = try #require(try Row.fetchOne(db, sql: "SELECT * FROM oom_events"))
            #expect(oom["scope"] as String? == "container")
            #expect(oom["outcome"] as String? == "killed")
            #expect(oom["chosen_points"] as Int64? == Int64.max, "ULONG_MAX saturates")
            let skipped = try #require(try Row.fetchOne(db, sql: "SELECT * FROM oom_candidates WHERE pid = 1"))
            #expect(skipped["points"] as Int64? == nil)
            #expect(skipped["eligible"] as Int? == 0)
            #expect(skipped["skip_reason"] as String? == "init")
            #expect(try Int64.fetchOne(db, sql: "SELECT points FROM oom_candidates WHERE pid = 300") == Int64.max)

            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM samples WHERE container IS NULL") == 1)
            let task = try #require(try Row.fetchOne(db, sql: "SELECT * FROM tasks WHERE pid = 300"))
            #expect(task["oom_killed"] as Int? == 1)
            #expect(task["parent_pid"] as Int? == 1)
            #expect(task["exit_ms"] as Int? == 2_500)
            #expect(try Int.fetchOne(db, sql: "SELECT start_ms FROM tasks WHERE pid = 1") == -1_000)
            #expect(try Int.fetchOne(db, sql: "SELECT failcnt FROM containers WHERE name = 'web'") == 12)
        }
    }

    @Test func aFailedWriteLeavesNothing() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        // The duplicate is in the last table written, so every other table had rows first.
        let web = ContainerRecord(name: "web", limitPages: 1, failcnt: 0, maxUsage: 0, finalUsage: 0)
        let error = #expect(throws: StoreError.self) {
            try store.finishRun(runId: runId, events: Fixtures.events(), summary: Fixtures.summary(containers: [web, web]))
        }
        guard case .database(_, let underlying) = error else {
            Issue.record("expected a database error, got \(String(describing: error))")
            return
        }
        #expect(underlying.resultCode == .SQLITE_CONSTRAINT)
        #expect(error?.exitCode == 70)
        #expect(error.map { "\($0)" }?.contains("INSERT INTO containers") == true, "the message keeps the SQL")
        #expect(try Fixtures.eventCounts(store, runId: runId).values.allSatisfy { $0 == 0 })
        let run = try #require(try store.reader.runs().first)
        #expect(run.status == .running)
        #expect(run.pagesScanned == nil)
        #expect(run.finishedAt == nil)
    }

    @Test func aPanicStoresRowsAsFailed() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        let panic = "Kernel panic - not syncing: out of memory. panic_on_oom is selected"
        try store.finishRun(runId: runId, events: Fixtures.events(), summary: Fixtures.summary(panic: panic))
        let run = try #require(try store.reader.runs(status: .failed).first)
        #expect(run.error == panic)
        #expect(run.oomKills == 1)
        #expect(try Fixtures.eventCounts(store, runId: runId)["oom_candidates"] == 2)
    }

    @Test func finishRunRefusesRunsThatAreNotRunning() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        try store.finishRun(runId: runId, events: RecordingSink(), summary: Fixtures.summary())
        let twice = #expect(throws: StoreError.self) {
            try store.finishRun(runId: runId, events: RecordingSink(), summary: Fixtures.summary())
        }
        guard case .runNotRunning(_, runId, .done) = twice else {
            Issue.record("expected runNotRunning, got \(String(describing: twice))")
            return
        }
        let unknown = #expect(throws: StoreError.self) {
            try store.finishRun(runId: runId + 1, events: RecordingSink(), summary: Fixtures.summary())
        }
        #expect(unknown?.exitCode == 70)
    }

    @Test func runsAreKeptApart() throws {
        let store = try Store(writer: DatabaseQueue())
        let a = try store.beginRun(Fixtures.descriptor(key: "a")).runId
        let b = try store.beginRun(Fixtures.descriptor(key: "b")).runId
        try store.finishRun(runId: a, events: Fixtures.events(), summary: Fixtures.summary(panic: "panic"))
        try store.finishRun(runId: b, events: Fixtures.events(), summary: Fixtures.summary())
        try store.failRun(runId: a, error: "x")
        #expect(try Fixtures.eventCounts(store, runId: a).values.allSatisfy { $0 == 0 })
        #expect(try Fixtures.eventCounts(store, runId: b)["samples"] == 2)
    }
}

/// Event rows go in 32 per statement, the remainder one by one: every count around the
/// statement boundary stores exactly the rows given, each with its own values.
@Suite struct BulkInsertTests {
    @Test(arguments: [0, 1, 31, 32, 33, 64, 65, 100])
    func everyRowIsStoredOnceWithItsValues(rows: Int) throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        var events = RecorderBenchmark.syntheticPasses(rows)
        events.samples = (0..<rows).map { i in
            SampleRecord(tMs: Int64(i * 250), container: i % 2 == 0 ? "web" : nil, usage: i, active: 2 * i, inactive: 3 * i, dirty: 0, writeback: 0, swapUsed: 0, free: 7)
        }
        try store.finishRun(runId: runId, events: events, summary: Fixtures.summary())
        try store.reader.read { db throws in
            let stored = try Row.fetchAll(
                db, sql: "SELECT call_no, priority, nr_scanned, deactivated, swap_tendency FROM scan_passes WHERE run_id = ? ORDER BY call_no, priority DESC",
                arguments: [runId])
            #expect(stored.count == rows)
            for (row, pass) in zip(stored, events.scanPasses) {
                #expect(row["call_no"] as Int? == pass.callNo && row["priority"] as Int? == pass.priority)
                #expect(row["nr_scanned"] as Int? == pass.nrScanned && row["deactivated"] as Int? == pass.deactivated)
                #expect(row["swap_tendency"] as Int? == pass.swapTendency)
            }
            let samples = try Row.fetchAll(
                db, sql: "SELECT t_ms, container, usage, inactive FROM samples WHERE run_id = ? ORDER BY t_ms", arguments: [runId])
            #expect(samples.count == rows)
            for (row, sample) in zip(samples, events.samples) {
                #expect(row["t_ms"] as Int64? == sample.tMs && row["container"] as String? == sample.container)
                #expect(row["usage"] as Int? == sample.usage && row["inactive"] as Int? == sample.inactive)
            }
        }
    }
}
