import Foundation
import GRDB
import ReclaimModel
import ReclaimRecords
import ReclaimStore
import Testing

/// `Store.merge(from:)`: runs by run key, event rows re-mapped, sweeps deduplicated,
/// idempotent, refusing inputs it must not read.
@Suite struct StoreMergeTests {
    /// A database at `path` with a sweep and runs `done-*` (with events), `failed-*` and
    /// `running-*` for each key given.
    private func makeInput(_ path: String, done: [String] = [], failed: [String] = [], running: [String] = []) throws
        -> Store
    {
        let store = try Store(path: path)
        let sweep = try store.recordSweep(name: "s", spec: "base: x.yaml\n")
        for key in done {
            let id = try store.beginRun(Fixtures.descriptor(key: key, sweepId: sweep)).runId
            try store.finishRun(runId: id, events: Fixtures.events(), summary: Fixtures.summary())
        }
        for key in failed {
            let id = try store.beginRun(Fixtures.descriptor(key: key, sweepId: sweep)).runId
            try store.failRun(runId: id, error: "machine RAM exhausted")
        }
        for key in running {
            _ = try store.beginRun(Fixtures.descriptor(key: key, sweepId: sweep))
        }
        return store
    }

    /// Every row of every table but the id and wall-clock columns, by run key, sorted.
    private func content(_ store: Store) throws -> [String: [String]] {
        try store.reader.read { db throws in
            var out: [String: [String]] = [:]
            out["runs"] = try Row.fetchAll(db, sql: "SELECT * FROM runs").map { row in
                row.columnNames.filter { !["run_id", "sweep_id", "started_at", "finished_at"].contains($0) }
                    .map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " ")
            }.sorted()
            for table in [
                "reclaim_calls", "scan_passes", "oom_events", "oom_candidates", "samples", "tasks", "containers",
            ] {
                out[table] = try Row.fetchAll(
                    db, sql: "SELECT r.run_key, e.* FROM \(table) e JOIN runs r USING (run_id)"
                ).map { row in
                    row.columnNames.filter { $0 != "run_id" }.map { "\(row[$0] as DatabaseValue)" }.joined(
                        separator: "|")
                }.sorted()
            }
            out["sweeps"] = try Row.fetchAll(db, sql: "SELECT name, spec, created_at FROM sweeps").map { "\($0)" }
                .sorted()
            return out
        }
    }

    @Test func copiesDoneRunsWithTheirEventsAndIsIdempotent() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = try makeInput(dir.path("in.db"), done: ["a", "b", "c"], failed: ["f"], running: ["r"])
        // OUT already has a done, b failed, c interrupted, and an unrelated done run.
        let out = try makeInput(dir.path("out.db"), done: ["a", "z"], failed: ["b"], running: ["c"])

        let report = try out.merge(from: dir.path("in.db"))
        #expect(report.runsAdded == 1, "f (failed, absent in OUT)")
        #expect(report.runsReplaced == 2, "b and c")
        #expect(report.runsAlreadyDone == 1, "a")
        #expect(report.runsNotCopied == 1, "r (interrupted)")
        #expect(report.sweepsAdded == 1)
        #expect(report.eventRows == 2 * 13)

        let statuses = Dictionary(uniqueKeysWithValues: try out.reader.runs().map { ($0.runKey, $0.status) })
        #expect(statuses == ["a": .done, "b": .done, "c": .done, "f": .failed, "z": .done])
        // Each done run has the fixture's rows, under its own new run_id.
        for row in try out.reader.runs(status: .done) {
            #expect(
                try Fixtures.eventCounts(out, runId: row.runId) == [
                    "reclaim_calls": 2, "scan_passes": 3, "oom_events": 1, "oom_candidates": 2, "samples": 2,
                    "tasks": 2,
                    "containers": 1,
                ])
        }
        // Copied runs point at the copied sweep.
        let sweepOfB = try out.reader.read { db in
            try String.fetchOne(
                db, sql: "SELECT s.spec FROM runs r JOIN sweeps s USING (sweep_id) WHERE r.run_key = 'b'")
        }
        #expect(sweepOfB == "base: x.yaml\n")
        let expected = try content(input).filter { $0.key != "sweeps" }
        let merged = try content(out)

        // Merging the same input again adds nothing.
        let again = try out.merge(from: dir.path("in.db"))
        #expect(again.runsAdded == 0)
        #expect(again.runsReplaced == 0)
        #expect(again.sweepsAdded == 0)
        #expect(again.eventRows == 0)
        #expect(again.runsAlreadyDone == 3)
        #expect(try content(out) == merged)
        // The input's done runs are in OUT row for row.
        for (table, rows) in expected where table != "runs" {
            #expect(Set(rows).isSubset(of: Set(merged[table] ?? [])), "\(table)")
        }
    }

    @Test func mergingIntoAnEmptyDatabaseReproducesTheInput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = try makeInput(dir.path("in.db"), done: ["a", "b"], failed: ["f"])
        let out = try Store(path: dir.path("out.db"))
        _ = try out.merge(from: dir.path("in.db"))
        #expect(try content(out) == content(input))
    }

    @Test func refusesMissingForeignAndNewerInputs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = try Store(path: dir.path("out.db"))
        #expect(throws: StoreError.self) { try out.merge(from: dir.path("missing.db")) }
        do {
            _ = try out.merge(from: dir.path("missing.db"))
        } catch let error as StoreError {
            #expect(error.exitCode == 66)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("missing.db")), "ATTACH must not create it")

        try Data("not a database".utf8).write(to: URL(fileURLWithPath: dir.path("text.db")))
        let newer = dir.path("newer.db")
        _ = try makeInput(newer, done: ["a"])
        let queue = try DatabaseQueue(path: newer)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('m9999_future')")
        }
        try queue.close()
        for (path, code) in [(dir.path("text.db"), Int32(65)), (newer, 65)] {
            do {
                _ = try out.merge(from: path)
                Issue.record("\(path) should be refused")
            } catch let error as StoreError {
                #expect(error.exitCode == code, "\(error)")
            }
        }
        #expect(try out.reader.runs().isEmpty)
    }

    @Test func runsByKeyFindsRecordedRuns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try makeInput(dir.path("a.db"), done: ["a"], failed: ["f"])
        let keys = ["a", "f", "nope"] + (0..<1200).map { "k\($0)" }
        let found = try store.reader.runs(keys: keys)
        #expect(found.mapValues(\.status) == ["a": .done, "f": .failed])
    }
}
