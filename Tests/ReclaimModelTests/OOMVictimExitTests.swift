import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// What an OOM victim does between its SIGKILL and its exit (docs/model.md §5, §7.3, §8.2):
/// reclaim does not check for signals, and the allocator serves TIF_MEMDIE from reserves.
@Suite struct OOMVictimExitTests {
    static func idle(_ name: String, container: Int? = 0) -> TaskSpec {
        ConfigBuilder.task(name, container: container, workload: .idle(totalVM: 4096, rss: 0))
    }

    /// A victim asleep in a container reclaim call finishes the call — its `reclaim_calls`
    /// row is written and every one of its scan passes has that row — and the fault that
    /// entered it, and exits one jiffy after that, not one jiffy after the SIGKILL.
    /// 2000 aged anonymous pages with swap: passes scan from priority 6,
    /// `(2000 >> 6) + 1 = 32`, start swap-outs (not freed until the writes end) and nap HZ/10.
    @Test func aVictimAsleepInReclaimFinishesTheCallBeforeExiting() throws {
        var k = Kernel.fixture(limit: 2000, swap: 4096, tasks: [Self.idle("a"), Self.idle("b")])
        k.age(k.faultAnon(task: 1, 0..<2000))
        var call = k.beginContainerReclaim(container: 0, task: 1)
        let step = k.runReclaimCall(&call)
        guard case .sleep(let until) = step else {
            Issue.record("the call should nap at priority 6: \(step)")
            return
        }
        #expect(call.priority == 5, "the nap follows the priority-6 pass")
        k.tasks[1].reclaim = call
        k.tasks[1].blockedUntil = until
        k.tasks[1].pendingRef = PageRef(area: .anon, index: 2000, write: true)
        let killedAt = k.now
        k.signalKill(1)
        #expect(k.tasks[1].state == .dying)
        #expect(k.tasks[1].exitJiffy == nil)

        var exitedAt: Int?
        while exitedAt == nil && k.now < killedAt + 5000 {
            try k.tick()
            if k.tasks[1].state == .exited { exitedAt = k.now }
            k.now += 1
        }
        let row = try #require(k.events.reclaimCalls.first { $0.callNo == call.callNo }, "the victim's call is recorded")
        #expect(row.pid == k.tasks[1].pid)
        #expect(row.origin == .container)
        let calls = Set(k.events.reclaimCalls.map(\.callNo))
        #expect(k.events.scanPasses.allSatisfy { calls.contains($0.callNo) }, "no scan pass without its call")
        let passes = k.events.scanPasses.filter { $0.callNo == call.callNo }.map(\.priority)
        #expect(passes.first == 12)
        #expect(passes.last == row.lastPriority)
        #expect(passes.count == 13 - row.lastPriority)
        let exited = try #require(exitedAt, "the victim exits")
        // The nap ends at the swap-out's completion (§13.B), before HZ/10, then the call and
        // the fault finish: the exit comes after all that, not one jiffy after the SIGKILL.
        #expect(exited > killedAt + Kernel.oomExitLatencyJiffies && exited <= until + 1, "killed at \(killedAt), exited at \(exited)")
        #expect(k.tasks[1].exitJiffy == exited)
        try k.checkInvariants()
    }

    /// A victim that is not inside reclaim exits one jiffy after the SIGKILL, as before.
    @Test func aVictimOutsideReclaimExitsAfterOneJiffy() throws {
        var k = Kernel.fixture(limit: 1000, tasks: [Self.idle("a"), Self.idle("b")])
        k.faultAnon(task: 1, 0..<10)
        k.signalKill(1)
        #expect(k.tasks[1].exitJiffy == k.now + Kernel.oomExitLatencyJiffies)
        try k.tick()
        k.now += 1
        try k.tick()
        #expect(k.tasks[1].state == .exited)
    }

    /// Global OOM that chooses the faulting task itself: `goto restart` meets TIF_MEMDIE and
    /// takes a page below every watermark (free 400 < pages_min 512 of 65536 pages): the
    /// fault completes (+1 fault, free 399), then the task returns to user space and dies.
    @Test func aCurrentKilledByTheGlobalOOMTakesAReservePage() throws {
        var k = Kernel.fixture(tasks: [Self.idle("only", container: nil)])
        #expect(k.zone.watermarks.min == 512)
        while k.frames.freeCount > 400 { _ = k.frames.allocate() }
        k.tasks[0].allocPhase = .afterReclaim(progress: false)
        k.current = 0
        let result = k.access(PageRef(area: .anon, index: 0, write: true), task: 0)
        #expect(result == .died, "the task dies on the way back to user space")
        #expect(k.tasks[0].memdie)
        #expect(k.tasks[0].oomKilled)
        #expect(k.events.oomEvents.last?.victimPid == k.tasks[0].pid)
        #expect(k.frames.freeCount == 399, "one page from the reserves")
        #expect(k.tasks[0].faults == 1)
        #expect(k.tasks[0].mm!.rss == 1)
        #expect(k.tasks[0].exitJiffy == k.now + Kernel.oomExitLatencyJiffies)
    }

    /// With no free page at all even the reserves fail: the fault fails, no page is mapped.
    @Test func aCurrentKilledWithNoFreePageFailsTheFault() throws {
        var k = Kernel.fixture(tasks: [Self.idle("only", container: nil)])
        while k.frames.freeCount > 0 { _ = k.frames.allocate() }
        k.tasks[0].allocPhase = .afterReclaim(progress: false)
        k.current = 0
        #expect(k.access(PageRef(area: .anon, index: 0, write: true), task: 0) == .died)
        #expect(k.tasks[0].faults == 0)
        #expect(k.tasks[0].memdie)
    }
}
