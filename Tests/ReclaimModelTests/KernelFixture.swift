import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads

@testable import ReclaimModel

/// Builds kernel states by hand for rule-level tests: tasks are forked at once and pages
/// faulted in directly, with I/O completed on demand.
extension Kernel {
    static func fixture(
        limit: Int = 100_000, swap: Int = 0, laptopMode: Int = 0, ram: Int = 65536, hz: Int = 250,
        tasks: [TaskSpec]? = nil
    ) -> Kernel {
        let specs = tasks ?? [ConfigBuilder.task("t", container: 0, workload: .idle(totalVM: 4096, rss: 0))]
        var k = Kernel(
            config: ConfigBuilder.config(
                hz: hz, ram: ram, swap: swap, laptopMode: laptopMode, containers: [("c", limit)], tasks: specs))
        for t in k.tasks.indices { k.startTask(t) }
        // Rule-level tests place pages one by one: their files are MADV_RANDOM, so a fault
        // reads its own page without the read-around window (§13.D).
        for f in k.files.indices { k.files[f].randomReadHint = true }
        return k
    }

    /// Writes anonymous pages `range` of task `t` (minor faults onto the active list).
    @discardableResult
    mutating func faultAnon(task t: Int = 0, _ range: Range<Int>) -> [Int32] {
        var pfns: [Int32] = []
        for i in range {
            let r = access(PageRef(area: .anon, index: Int32(i), write: true), task: t)
            precondition(r == .done, "fault \(i) did not complete: \(r)")
            pfns.append(tasks[t].mm!.anonPTE[i] - 1)
        }
        return pfns
    }

    /// Reads file pages `range` of task `t` (major faults onto the inactive list), then lets
    /// the reads finish.
    @discardableResult
    mutating func faultFile(task t: Int = 0, _ range: Range<Int>, write: Bool = false) -> [Int32] {
        var pfns: [Int32] = []
        let file = Int(tasks[t].mm!.file)
        for i in range {
            _ = access(PageRef(area: .file, index: Int32(i), write: write), task: t)
            tasks[t].blockedUntil = 0
            pfns.append(files[file].pages[i])
        }
        settleIO()
        return pfns
    }

    /// Moves the clock far enough for every queued I/O to complete.
    mutating func settleIO() {
        now += 100_000
        completeIO()
    }

    /// Faults file pages 0-3 (dirty, unmapped, aged: for a test to scan) and 113 more at
    /// odd indexes 5, 7, ... 229, whose writes start: no two are contiguous, so they take 113
    /// requests and the write queue is congested (§13.A). Returns pages 0-3.
    mutating func congestedByScatteredWrites(task t: Int = 0) -> [Int32] {
        let first = faultFile(task: t, 0..<4, write: true)
        for p in first { unmapEveryPTE(p) }
        var scattered: [Int32] = []
        for i in stride(from: 5, to: 5 + 2 * 113, by: 2) { scattered += faultFile(task: t, i..<(i + 1), write: true) }
        for p in scattered {
            unmapEveryPTE(p)
            startWrite(p, forReclaim: false)
        }
        age(first)
        return first
    }

    /// Takes pages off their lists, as isolation does.
    mutating func isolate(_ pfns: [Int32]) { for p in pfns { lruRemove(p) } }

    /// Moves listed pages to the inactive list (as a deactivation would), oldest first.
    mutating func deactivate(_ pfns: [Int32]) {
        for p in pfns {
            lruRemove(p)
            frames.clear(p, .active)
            lruAddHead(p)
        }
    }

    /// Clears referenced and young bits of every pte (as an earlier scan would have).
    mutating func age(_ pfns: [Int32]) {
        for p in pfns {
            frames.clear(p, .referenced)
            clearFilePTEYoung(p)
        }
    }

    /// Whether any pte mapping `pfn` is young.
    func anyPTEYoung(_ pfn: Int32) -> Bool {
        let idx = Int(frames.index[Int(pfn)])
        if frames.has(pfn, .anon) {
            return anonMappers(pfn).contains { tasks[$0].mm!.anonBits[idx] & AnonPTE.young != 0 }
        }
        return files[Int(frames.space[Int(pfn)])].mappers.contains { tasks[$0].mm!.filePTE[idx] & FilePTE.young != 0 }
    }

    /// Clears the young bit of every pte mapping `pfn`.
    mutating func clearFilePTEYoung(_ pfn: Int32) {
        guard frames.space[Int(pfn)] >= 0 else { return }
        if frames.has(pfn, .anon) {
            let idx = Int(frames.index[Int(pfn)])
            for m in anonMappers(pfn) { tasks[m].mm!.anonBits[idx] &= ~AnonPTE.young }
            return
        }
        let f = Int(frames.space[Int(pfn)])
        let idx = Int(frames.index[Int(pfn)])
        for m in files[f].mappers where tasks[m].mm!.filePTE[idx] != 0 {
            tasks[m].mm!.filePTE[idx] = FilePTE.present
        }
    }

    /// Unmaps every pte of `pfn` (young bits cleared first, so `try_to_unmap` cannot refuse).
    mutating func unmapEveryPTE(_ pfn: Int32) {
        clearFilePTEYoung(pfn)
        let done = tryToUnmap(pfn)
        precondition(done && !frames.has(pfn, .mapped))
    }

    /// A container reclaim call run to its end, sleeping through its naps.
    mutating func reclaimToEnd(container c: Int = 0, task t: Int = 0) -> Bool {
        var call = beginContainerReclaim(container: c, task: t)
        return runToEnd(&call)
    }

    /// A direct reclaim call (`try_to_free_pages`) run to its end.
    mutating func directReclaimToEnd(task t: Int = 0) -> Bool {
        var call = beginDirectReclaim(task: t)
        return runToEnd(&call)
    }

    /// Runs a reclaim call to its end, sleeping through its naps (I/O completes on the way).
    mutating func runToEnd(_ call: inout ReclaimCall) -> Bool {
        while true {
            switch runReclaimCall(&call) {
            case .sleep(let until):
                now = until
                completeIO()
            case .done(let success):
                return success
            }
        }
    }
}

extension TaskSpec {
    /// A file task of `pages` pages in container 0.
    static func fileTask(_ name: String = "f", pages: Int, container: Int? = 0) -> TaskSpec {
        ConfigBuilder.task(name, container: container, workload: .fileWorkingSet(pages: pages, refsPerTick: 0, pattern: .uniform))
    }
}
