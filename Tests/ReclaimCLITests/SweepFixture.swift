import Foundation
import GRDB
import ReclaimCLI
import ReclaimTestSupport

/// A temporary directory holding a tiny scenario (1 s simulated, well under a tenth of a
/// second per run in a debug build) and a 12-run sweep over it, plus helpers to run the
/// CLI in-process and to compare databases row for row.
struct SweepFixture {
    let dir: URL

    static let base = """
        name: tiny
        duration_s: 1
        machine: { ram_pages: 16384, swap_pages: 0, uptime_s: 100 }
        containers:
          - { name: box, limit_pages: 800 }
        tasks:
          - { name: heap, container: box, workload: { kind: anon-working-set, pages: 300, refs_per_tick: 16 } }
          - { name: log, container: box, workload: { kind: file-dirty, pages: 300, refs_per_tick: 8 } }
          - { name: leak, container: box, workload: { kind: anon-grow, pages_per_s: 800, refs_per_tick: 8 } }
        """

    /// 2 x 2 x 3 = 12 runs.
    static let sweep = """
        name: tiny-sweep
        base: tiny.yaml
        axes:
          machine.swap_pages: [0, 2048]
          machine.laptop_mode: [0, 5]
          seed: 1..3
        """

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("reclaimlab-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Self.base.write(to: dir.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
        try Self.sweep.write(to: dir.appendingPathComponent("sweep.yaml"), atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Runs `reclaimlab ARGUMENTS` in-process, capturing both streams.
    func main(_ arguments: [String]) -> CommandResult {
        let out = Buffer()
        let err = Buffer()
        let status = ReclaimLab.main(
            arguments: arguments, console: Console(write: { out.append($0) }, writeError: { err.append($0) }))
        return CommandResult(status: status, stdout: out.text, stderr: err.text)
    }

    /// A sweep of this fixture's sweep file into `db` (progress and totals on stderr), on one worker unless `extra` says
    /// `--jobs` (the default, one thread per core, inside a test runner that already runs
    /// tests side by side would oversubscribe the machine).
    func sweep(db: String, _ extra: [String] = []) -> CommandResult {
        let jobs = extra.contains("--jobs") ? [] : ["--jobs", "1"]
        return main(["sweep", path("sweep.yaml"), "--db", path(db)] + jobs + extra)
    }

    /// Everything a database holds, minus run ids, sweep ids, wall-clock and owner columns:
    /// `runs` by run key, and every table with a `run_id` column as rows tagged with their
    /// run's key, sorted. Two databases with equal contents hold the same results.
    static func contents(_ path: String) throws -> [String: [String]] {
        let queue = try readOnly(path)
        defer { try? queue.close() }
        return try queue.read { db in
            var out: [String: [String]] = [:]
            // Provenance, not results: ids, wall-clock times, and the process that claimed the run.
            let ignoredRunColumns: Set = [
                "run_id", "sweep_id", "started_at", "finished_at", "owner_host", "owner_pid", "owner_start",
            ]
            out["runs"] = try Row.fetchAll(db, sql: "SELECT * FROM runs").map { row in
                row.columnNames.filter { !ignoredRunColumns.contains($0) }.map { "\($0)=\(row[$0] as DatabaseValue)" }
                    .joined(separator: " ")
            }.sorted()
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('runs', 'grdb_migrations')")
            for table in tables where try db.columns(in: table).contains(where: { $0.name == "run_id" }) {
                out[table] = try Row.fetchAll(
                    db, sql: "SELECT r.run_key AS k, e.* FROM \(table) e JOIN runs r USING (run_id)"
                )
                .map { row in
                    row.columnNames.filter { $0 != "run_id" }.map { "\(row[$0] as DatabaseValue)" }.joined(
                        separator: "|")
                }.sorted()
            }
            return out
        }
    }

    /// One value of a query on the database at `path`.
    /// A read-only connection that waits up to 10 s for a lock, like any reader beside a
    /// writer: a sweep's pool may still be checkpointing its WAL as it closes (seen once in
    /// CI as "database is locked" while GRDB opened this connection).
    static func readOnly(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    static func value(_ path: String, _ sql: String) throws -> String {
        let queue = try readOnly(path)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchOne(db, sql: sql) ?? "" }
    }

    static func count(_ path: String, _ sql: String) throws -> Int {
        let queue = try readOnly(path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }
}

/// Text written from several threads.
final class Buffer: @unchecked Sendable {
    private let lock = NSLock()
    private var storage = ""

    func append(_ text: String) {
        lock.lock()
        storage += text
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
