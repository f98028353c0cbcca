import Foundation
import GRDB
import ReclaimLive
import ReclaimWorkloads
import ReclaimTestSupport
import Testing

/// `kernel: live` end to end on this machine's kernel: the built binary runs a scenario in
/// `reclaimlab-` cgroups with a tracing instance, and the rows land in the usual tables.
///
/// They need root, a memory cgroup controller and tracefs (mounted, or mountable by root);
/// where one is missing they print why and skip. Each run lasts about two seconds and uses
/// tens of MiB. Serialized: one live run per machine (a run of another process holding the
/// lock is waited for).
@Suite(.serialized) struct LiveRunTests {
    /// Why live runs cannot be tested here, or nil.
    static let missing: String? = {
        if geteuid() != 0 { return "not root" }
        if MemoryController.find() == nil { return "no memory cgroup controller" }
        if TracefsMount.mounted() == nil && !SysFile.exists(TracefsMount.defaultPath) { return "no tracefs" }
        return nil
    }()

    static func skipIfMissing(_ test: String) -> Bool {
        if let missing {
            print("LiveRunTests.\(test): skipped, live runs need root, a memory controller and tracefs: \(missing)")
            return true
        }
        return false
    }

    /// The scenario of the issue's first test: a container of 2000 pages (8 MB, 1000 pages of
    /// swap allowance) with a 4000-pages/s leak and an idle task, for 2 s.
    static let leak = """
        name: live-leak
        kernel: live
        seed: 1
        duration_s: 2
        sample_ms: 100
        machine: { ram_pages: 8192, swap_pages: 1000, swappiness: 60 }
        containers:
          - { name: web, limit_pages: 2000 }
        tasks:
          - name: leak
            container: web
            workload: { kind: anon-grow, pages_per_s: 4000, max_pages: 0 }
          - name: idle
            container: web
            workload: { kind: idle, rss: 300 }
        """

    /// An anonymous heap and a read(2) reader sharing a 2000-page container with swap.
    static let heapAndReader = """
        name: live-swappiness
        kernel: live
        seed: 1
        duration_s: 2
        sample_ms: 100
        machine: { ram_pages: 8192, swap_pages: 4096, swappiness: 0 }
        containers:
          - { name: web, limit_pages: 2000 }
        tasks:
          - name: heap
            container: web
            workload: { kind: anon-working-set, pages: 1200, refs_per_tick: 64 }
          - name: reader
            container: web
            workload: { kind: file-working-set, pages: 3000, refs_per_tick: 64, pattern: uniform }
        """

    /// Runs the binary; a live run of another process holding the machine's lock (69) is
    /// waited for, up to a minute.
    static func runLive(_ arguments: [String], in dir: URL) throws -> CommandResult {
        for _ in 0..<60 {
            let result = try BinaryTests.run(arguments, in: dir)
            if result.status == 69 && result.stderr.contains("another live run") {
                sleep(1)
                continue
            }
            return result
        }
        return try BinaryTests.run(arguments, in: dir)
    }

    /// What a live run may leave: names in the cgroup hierarchies, tracing instances, swap
    /// areas; and laptop_mode.
    struct Leftovers: Equatable {
        var names: [String]
        var laptopMode: Int
        var swaps: [String]

        static func now() -> Leftovers {
            var names: [String] = []
            for root in ["/sys/fs/cgroup/memory", "/sys/fs/cgroup/unified", "/sys/kernel/tracing/instances", "/var/tmp"] {
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
                names += entries.filter { $0.hasPrefix(LiveNames.prefix) }.map { root + "/" + $0 }
            }
            return Leftovers(
                names: names.sorted(), laptopMode: (try? Sysctl.laptopMode.read()) ?? -1,
                swaps: SwapFile.activeAreas().sorted())
        }
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test func leakIsKilledByTheKernelAndRecorded() throws {
        if Self.skipIfMissing("leakIsKilledByTheKernelAndRecorded") { return }
        let dir = try BinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(Self.leak, "leak.yaml", in: dir)
        let before = Leftovers.now()
        let result = try Self.runLive(["run", "leak.yaml", "--db", "live.db"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Leftovers.now() == before, "nothing of the run remains")
        let db = try DatabaseQueue(path: dir.appendingPathComponent("live.db").path)
        try db.read { db in
            let run = try #require(try Row.fetchOne(db, sql: "SELECT * FROM runs"))
            #expect(run["kernel"] as String == "live")
            #expect((run["model_version"] as String).hasPrefix("linux-"))
            #expect(run["status"] as String == "done")
            #expect(run["events_lost"] as Int == 0, "8 MiB buffers drained every 20 ms lose nothing")
            #expect(run["read_requests"] as Int? == nil && run["write_requests"] as Int? == nil, "no block-request figure on live")
            #expect(run["oom_kills"] as Int == 1)
            // The kernel's victim is the leak (scenario pid 100), recorded as killed.
            let event = try #require(try Row.fetchOne(db, sql: "SELECT * FROM oom_events"))
            #expect(event["victim_pid"] as Int == 100 && event["chosen_pid"] as Int == 100)
            #expect(event["scope"] as String == "container" && event["container"] as String == "web")
            // The failed reclaim call that led to it: the triggering task's last call before
            // the kill. The trigger is whichever task of the memcg charged when the limit was
            // hit (usually the leak; the idle task or a page of the binary faulting in can be
            // it too), so the call belongs to the trigger, not necessarily to the victim.
            let callNo = try #require(event["call_no"] as Int?)
            let triggerPid = try #require(event["trigger_pid"] as Int?)
            #expect([100, 101].contains(triggerPid), "the trigger is a task of the memcg: \(triggerPid)")
            #expect(try Int.fetchOne(db, sql: "SELECT pid FROM reclaim_calls WHERE call_no = ?", arguments: [callNo]) == triggerPid)
            #expect(try Int.fetchOne(db, sql: "SELECT oom_killed FROM tasks WHERE pid = 100") == 1)
            // Candidates: the kernel's task dump, both tasks, each scored by the modern
            // oom_badness: rss + swapents + pgtables_bytes / 4096 (oom_score_adj 0); the victim
            // has the highest score.
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM oom_candidates ORDER BY visit_no")
            #expect(Set(rows.map { $0["pid"] as Int }) == [100, 101])
            for row in rows {
                let expected = (row["rss"] as Int) + (row["swapents"] as Int) + (row["pgtables_bytes"] as Int) / 4096
                #expect(row["points"] as Int == expected, "oom_badness of pid \(row["pid"] as Int)")
                #expect(row["oom_score_adj"] as Int == 0)
            }
            let best = rows.max { ($0["points"] as Int) < ($1["points"] as Int) }!
            #expect(best["pid"] as Int == 100)
            #expect(event["chosen_points"] as Int == best["points"] as Int)
            // Reclaim calls with passes from priority 12 down to 0 before the OOM.
            let calls = try Int.fetchOne(db, sql: "SELECT count(*) FROM reclaim_calls") ?? 0
            #expect(calls > 0 && calls == run["reclaim_calls"] as Int)
            // The kernel traces a shrink event at a priority only when some list's share
            // (size >> priority) is non-zero, so the light priorities of a 2000-page memcg
            // come and go with its list sizes (runs here have shown 0...12 and 0...8); a
            // call that fails before the OOM goes down to priority 0, and the decoded
            // priority (a signed 4-byte field) stays in 0...12.
            let priorities = try Int.fetchAll(db, sql: "SELECT DISTINCT priority FROM scan_passes ORDER BY priority")
            #expect(priorities.first == 0, "a failing call reaches priority 0: \(priorities)")
            #expect(priorities.allSatisfy { (0...12).contains($0) }, "priorities \(priorities)")
            #expect(priorities.count >= 4, "passes at several priorities: \(priorities)")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM scan_passes WHERE call_no NOT IN (SELECT call_no FROM reclaim_calls)") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM samples") ?? 0 > 0)
        }
    }

    /// The probe's finding: with swap, swappiness 0 scans no anonymous page, 100 does.
    @Test func swappinessZeroScansNoAnonymousPage() throws {
        if Self.skipIfMissing("swappinessZeroScansNoAnonymousPage") { return }
        let dir = try BinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(Self.heapAndReader, "mix.yaml", in: dir)
        for swappiness in [0, 100] {
            let result = try Self.runLive(
                ["run", "mix.yaml", "--db", "live.db", "--set", "machine.swappiness=\(swappiness)"], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let db = try DatabaseQueue(path: dir.appendingPathComponent("live.db").path)
        try db.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT swappiness, anon_scanned, file_scanned FROM run_metrics ORDER BY swappiness")
            #expect(rows.count == 2)
            #expect(rows[0]["anon_scanned"] as Int == 0, "swappiness 0")
            #expect(rows[0]["file_scanned"] as Int > 0)
            #expect(rows[1]["anon_scanned"] as Int > 0, "swappiness 100")
        }
    }

    /// Every workload kind replays on the live kernel for 1.5 s: all tasks run to the end, and
    /// the container holds what they touched: idle 100 + anon-grow 400 (500/s, capped) +
    /// anon-working-set 300 + file-stream 500 + file-working-set 500 + file-dirty 300 + fork
    /// 3 x 100 = 2400 pages at least (each set is covered many times over by its references),
    /// with dirty pages from the write(2) writer.
    @Test func everyWorkloadKindReplays() throws {
        if Self.skipIfMissing("everyWorkloadKindReplays") { return }
        let dir = try BinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(
            """
            name: live-kinds
            kernel: live
            duration_s: 1.5
            sample_ms: 100
            machine: { ram_pages: 16384, swap_pages: 0 }
            containers:
              - { name: box, limit_pages: 4000 }
            tasks:
              - { name: idle, container: box, workload: { kind: idle, rss: 100 } }
              - { name: grow, container: box, workload: { kind: anon-grow, pages_per_s: 500, max_pages: 400 } }
              - { name: ws, container: box, workload: { kind: anon-working-set, pages: 300 } }
              - { name: stream, container: box, workload: { kind: file-stream, pages: 500 } }
              - { name: fws, container: box, workload: { kind: file-working-set, pages: 500 } }
              - { name: dirty, container: box, workload: { kind: file-dirty, pages: 300 } }
              - { name: forker, container: box, workload: { kind: fork, children: 3, child_pages: 100, interval_s: 0.2 } }
            """, "kinds.yaml", in: dir)
        let result = try Self.runLive(["run", "kinds.yaml", "--db", "live.db"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let db = try DatabaseQueue(path: dir.appendingPathComponent("live.db").path)
        try db.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM tasks WHERE exit_ms IS NULL") == 7, "all ran to the end")
            let peak = try Int.fetchOne(db, sql: "SELECT max(usage) FROM samples WHERE container = 'box'") ?? 0
            #expect(peak >= 2400, "peak usage \(peak)")
            #expect(try Int.fetchOne(db, sql: "SELECT max(dirty) FROM samples WHERE container = 'box'") ?? 0 > 0)
            // 1.5 s at hz 250 = 375 jiffies: idle 100 touches; anon-grow 2 new pages a jiffy
            // up to 400 plus 64 references every jiffy (24400); anon-working-set,
            // file-working-set and file-dirty 64 a jiffy (3 x 24000); file-stream its 500
            // pages once; fork none: 97000 references.
            #expect(try Int.fetchOne(db, sql: "SELECT page_refs FROM runs") == 97_000)
        }
    }

    /// A sweep with a `kernel` axis runs both engines through the same store path: one
    /// simulated and one live run recorded done, side by side in `kernels-side-by-side`.
    @Test func sweepOverTheKernelAxis() throws {
        if Self.skipIfMissing("sweepOverTheKernelAxis") { return }
        let dir = try BinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(Self.leak.replacingOccurrences(of: "duration_s: 2", with: "duration_s: 1"), "leak.yaml", in: dir)
        try Self.write("base: leak.yaml\naxes:\n  kernel: [2.6.20-rss, live]\n", "sweep.yaml", in: dir)
        let result = try Self.runLive(["sweep", "sweep.yaml", "--db", "live.db", "--jobs", "2"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let query = try BinaryTests.run(["query", "kernels-side-by-side", "--db", "live.db", "--format", "csv"], in: dir)
        let lines = query.stdout.split(separator: "\r\n")
        #expect(lines.count == 3, "header + one row per kernel: \(query.stdout)")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("1,live-leak,60,1,0,") }, "one configuration")
        #expect(lines[1].contains(",2.6.20-rss,") && lines[2].contains(",live,linux-"))
    }

    /// Normal end, Ctrl-C (SIGINT: 130) and SIGKILL followed by `live --cleanup`: no
    /// reclaimlab- cgroup, tracing instance or swap file remains; laptop_mode as before.
    @Test func everythingIsRemovedOnEveryPath() throws {
        if Self.skipIfMissing("everythingIsRemovedOnEveryPath") { return }
        let dir = try BinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Swap 2048 pages (a swap file unless the host has that much free) and laptop_mode 5.
        let scenario = Self.leak.replacingOccurrences(of: "swap_pages: 1000, swappiness: 60", with: "swap_pages: 2048, swappiness: 60, laptop_mode: 5")
            .replacingOccurrences(of: "duration_s: 2", with: "duration_s: 4")
            .replacingOccurrences(of: "pages_per_s: 4000", with: "pages_per_s: 200")
        try Self.write(scenario, "long.yaml", in: dir)
        let before = Leftovers.now()

        for signal in [SIGINT, SIGKILL] {
            let process = Process()
            process.executableURL = BinaryTests.binary
            process.arguments = ["run", "long.yaml", "--db", "live-\(signal).db"]
            process.currentDirectoryURL = dir
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until the run has made its cgroups, then interrupt it.
            var waited = 0
            while Leftovers.now().names.isEmpty && waited < 200 {
                usleep(50_000)
                waited += 1
            }
            usleep(500_000)
            #expect(Leftovers.now() != before, "the run made its cgroups and instance")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            if signal == SIGINT {
                #expect(process.terminationStatus == 130, "128 + SIGINT")
                #expect(Leftovers.now() == before, "after Ctrl-C")
            } else {
                let cleanup = try Self.runLive(["live", "--cleanup"], in: dir)
                #expect(cleanup.status == 0, "\(cleanup.stderr)")
                #expect(cleanup.stdout.contains("removed cgroup"))
                #expect(Leftovers.now() == before, "after SIGKILL and live --cleanup")
            }
        }
    }

    static func idlePlan(ramPages: Int = 8192) -> LivePlan {
        LivePlan(
            seed: 1, hz: 100, durationSeconds: 1, sampleMilliseconds: 100, ramPages: ramPages, swapPages: 1024,
            swappiness: 60, laptopMode: 5, containers: [LivePlan.Container(name: "box", limitPages: 1000)],
            tasks: [
                LivePlan.Task(
                    pid: 100, name: "idle", container: "box", uid: 0, nice: 0, oomAdj: 0, startSeconds: 0,
                    workload: LiveWorkload(.idle(totalVM: 10, rss: 10)), streamKey: "idle#1")
            ])
    }

    /// A worker that cannot be started (after the cgroups, swap file, laptop_mode and tracing
    /// instance were made): the error comes out and everything is undone.
    @Test func aFailedSpawnUndoesEverything() throws {
        if Self.skipIfMissing("aFailedSpawnUndoesEverything") { return }
        let before = Leftovers.now()
        let runner = LiveRunner(plan: Self.idlePlan(), workerExecutable: "/nonexistent/reclaimlab")
        #expect(throws: LiveError.self) { try runner.run() }
        #expect(Leftovers.now() == before)
        #expect(LiveState.load() == nil, "no state file left")
    }

    /// More RAM than the machine has available: refused (unavailable) before anything is made.
    @Test func tooLittleMemoryIsRefusedFirst() throws {
        if Self.skipIfMissing("tooLittleMemoryIsRefusedFirst") { return }
        let before = Leftovers.now()
        let runner = LiveRunner(plan: Self.idlePlan(ramPages: 1 << 40))
        let error = #expect(throws: LiveError.self) { try runner.run() }
        guard case .unavailable(let reason)? = error else {
            Issue.record("expected unavailable, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("MemAvailable"))
        #expect(Leftovers.now() == before)
    }
}
