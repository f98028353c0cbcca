import Foundation
import GRDB
import ReclaimModel
import ReclaimRecords
import Testing

@testable import ReclaimStore

/// `beginRun`, `failRun`, `runs(status:)`, `recordSweep`: the life cycle of a run row.
@Suite struct StoreRunsTests {
    @Test func beginRunInsertsARunningRow() throws {
        let store = try Store(writer: DatabaseQueue())
        let start = try store.beginRun(Fixtures.descriptor())
        guard case .started(let runId) = start else {
            Issue.record("expected .started, got \(start)")
            return
        }
        let runs = try store.reader.runs()
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run.runId == runId)
        #expect(run.runKey == "key-1")
        #expect(run.status == .running)
        #expect(run.laptopMode == 5)
        #expect(run.pagesScanned == nil)
        #expect(run.finishedAt == nil)
        // ISO-8601 UTC, e.g. 2025-11-28T04:49:12.345Z
        #expect(run.startedAt.count == 24)
        #expect(run.startedAt.hasSuffix("Z"))
        #expect(run.startedAt.contains("T"))
        let row = try #require(try store.reader.read { db throws in try Row.fetchOne(db, sql: "SELECT * FROM runs") })
        #expect(row["tool_version"] as String? == ToolInfo.toolVersion)
        #expect(row["model_version"] as String? == ModelInfo.modelVersion)
        #expect(row["hz"] as Int? == 250)
        #expect(row["duration_ms"] as Int? == 30_000)
    }

    @Test func beginRunOnADoneKeyReturnsAlreadyDoneAndChangesNothing() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        try store.finishRun(runId: runId, events: Fixtures.events(), summary: Fixtures.summary())
        let before = try store.reader.runs()
        #expect(try store.beginRun(Fixtures.descriptor()) == .alreadyDone(runId))
        #expect(try store.reader.runs() == before)
        #expect(try Fixtures.eventCounts(store, runId: runId)["scan_passes"] == 3)
    }

    @Test func beginRunOnAFailedKeyResetsTheRow() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        // A panicked run keeps its rows and is `failed`.
        try store.finishRun(runId: runId, events: Fixtures.events(), summary: Fixtures.summary(panic: "Kernel panic"))
        #expect(try Fixtures.status(store, runId: runId) == "failed")
        #expect(try Fixtures.eventCounts(store, runId: runId)["reclaim_calls"] == 2)

        #expect(try store.beginRun(Fixtures.descriptor()) == .started(runId))
        let run = try #require(try store.reader.runs().first)
        #expect(run.status == .running)
        #expect(run.error == nil)
        #expect(run.finishedAt == nil)
        #expect(run.oomKills == nil)
        #expect(try Fixtures.eventCounts(store, runId: runId).values.allSatisfy { $0 == 0 })
        // The retry can finish normally.
        try store.finishRun(runId: runId, events: Fixtures.events(), summary: Fixtures.summary())
        #expect(try Fixtures.status(store, runId: runId) == "done")
    }

    @Test func beginRunRecordsThisProcessAsTheOwner() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        #expect(try Self.owner(store, runId: runId) == RunOwner.current)
    }

    /// A live owner's claim (this very process counts) is left alone: no run is begun twice.
    @Test func aRunClaimedByALiveOwnerIsRunningElsewhere() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        let before = try store.reader.runs()
        #expect(try store.beginRun(Fixtures.descriptor()) == .runningElsewhere(runId, owner: .current))
        #expect(try store.reader.runs() == before)
    }

    /// An owner on another host cannot be checked from here: taken as alive.
    @Test func aRunClaimedOnAnotherHostIsRunningElsewhere() throws {
        let store = try Store(writer: DatabaseQueue())
        var remote = RunOwner.current
        remote.host += "-other"
        let runId = try store.claiming(as: remote).beginRun(Fixtures.descriptor()).runId
        #expect(try store.beginRun(Fixtures.descriptor()) == .runningElsewhere(runId, owner: remote))
        #expect(try Self.owner(store, runId: runId) == remote)
    }

    /// A `running` run whose owner exited (interrupted) is taken over: same row, this owner.
    @Test func aRunOfADeadOwnerIsTakenOver() throws {
        let store = try Store(writer: DatabaseQueue())
        let dead = try Self.deadOwner()
        let runId = try store.claiming(as: dead).beginRun(Fixtures.descriptor()).runId
        #expect(try store.beginRun(Fixtures.descriptor()) == .started(runId))
        #expect(try store.reader.runs().count == 1)
        #expect(try Self.owner(store, runId: runId) == RunOwner.current)
    }

    /// A `running` run recorded before migration m0007 has no owner: taken over.
    @Test func aRunWithoutOwnerIsTakenOver() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        try store.writer.write { db in
            try db.execute(sql: "UPDATE runs SET owner_host = NULL, owner_pid = NULL, owner_start = NULL")
        }
        #expect(try store.beginRun(Fixtures.descriptor()) == .started(runId))
        #expect(try Self.owner(store, runId: runId) == RunOwner.current)
    }

    /// The process that lost its claim writes nothing; the one holding it finishes the run.
    @Test func finishAndFailRunRefuseAClaimTakenOver() throws {
        let store = try Store(writer: DatabaseQueue())
        let dead = try Self.deadOwner()
        let loser = store.claiming(as: dead)
        let runId = try loser.beginRun(Fixtures.descriptor()).runId
        #expect(try store.beginRun(Fixtures.descriptor()) == .started(runId))

        let finish = #expect(throws: StoreError.self) {
            try loser.finishRun(runId: runId, events: Fixtures.events(), summary: Fixtures.summary())
        }
        guard case .claimLost(_, runId, .running, RunOwner.current) = finish else {
            Issue.record("expected claimLost, got \(String(describing: finish))")
            return
        }
        #expect(finish?.exitCode == 70)
        #expect(#expect(throws: StoreError.self) { try loser.failRun(runId: runId, error: "late") } != nil)
        #expect(try Fixtures.status(store, runId: runId) == "running")
        #expect(try Fixtures.eventCounts(store, runId: runId).values.allSatisfy { $0 == 0 })

        try store.finishRun(runId: runId, events: Fixtures.events(), summary: Fixtures.summary())
        #expect(try Fixtures.status(store, runId: runId) == "done")
        #expect(try Fixtures.eventCounts(store, runId: runId)["scan_passes"] == 3)
    }

    /// An owner on this host whose process has exited: `/bin/true`, waited for.
    static func deadOwner() throws -> RunOwner {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        return RunOwner(host: RunOwner.current.host, pid: child.processIdentifier, start: 1)
    }

    /// The owner columns of a run.
    static func owner(_ store: Store, runId: Int64) throws -> RunOwner? {
        try store.reader.read { db throws in
            let row = try Row.fetchOne(
                db, sql: "SELECT owner_host, owner_pid, owner_start FROM runs WHERE run_id = ?", arguments: [runId])
            guard let row, let host: String = row["owner_host"] else { return nil }
            return RunOwner(host: host, pid: row["owner_pid"], start: row["owner_start"])
        }
    }

    @Test func failRunRecordsTheErrorAndDropsRows() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        try store.failRun(runId: runId, error: "scenario.yaml: tasks[0].workload.kind: unknown kind 'x'")
        let run = try #require(try store.reader.runs(status: .failed).first)
        #expect(run.error == "scenario.yaml: tasks[0].workload.kind: unknown kind 'x'")
        #expect(run.finishedAt != nil)
        #expect(try store.reader.runs(status: .running).isEmpty)
        #expect(try store.reader.runs(status: .done).isEmpty)
    }

    @Test func failRunRefusesDoneAndUnknownRuns() throws {
        let store = try Store(writer: DatabaseQueue())
        let runId = try store.beginRun(Fixtures.descriptor()).runId
        try store.finishRun(runId: runId, events: Fixtures.events(), summary: Fixtures.summary())
        let error = #expect(throws: StoreError.self) { try store.failRun(runId: runId, error: "late") }
        #expect(error?.exitCode == 70)
        #expect(try Fixtures.status(store, runId: runId) == "done")
        let unknown = #expect(throws: StoreError.self) { try store.failRun(runId: 999, error: "x") }
        #expect(unknown.map { "\($0)" }?.contains("999") == true)
    }

    @Test func seedsKeepTheirBitPattern() throws {
        let store = try Store(writer: DatabaseQueue())
        _ = try store.beginRun(Fixtures.descriptor(seed: UInt64.max))
        let seed = try #require(try store.reader.runs().first).seed
        #expect(UInt64(bitPattern: seed) == UInt64.max)
    }

    @Test func recordSweepLinksRuns() throws {
        let store = try Store(writer: DatabaseQueue())
        let sweepId = try store.recordSweep(name: "knobs", spec: "base: two-tenants.yaml\naxes: {}\n")
        _ = try store.beginRun(Fixtures.descriptor(sweepId: sweepId))
        let row = try #require(try store.reader.read { db throws in
            try Row.fetchOne(db, sql: "SELECT s.name, s.tool_version, s.created_at FROM runs JOIN sweeps s USING (sweep_id)")
        })
        #expect(row["name"] as String? == "knobs")
        #expect(row["tool_version"] as String? == ToolInfo.toolVersion)
        #expect((row["created_at"] as String?)?.hasSuffix("Z") == true)
    }

    @Test func invalidConfigJSONIsRefused() throws {
        let store = try Store(writer: DatabaseQueue())
        var run = Fixtures.descriptor()
        run.config = "{not json"
        let error = #expect(throws: StoreError.self) { try store.beginRun(run) }
        #expect(error?.exitCode == 70)
        #expect(try store.reader.runs().isEmpty)
    }
}
