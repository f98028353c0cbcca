import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// docs/model.md §7.2, §7.3, §8.5 and golden facts G12-G14.
@Suite struct OOMKillerTests {
    private static func idle(_ name: String, _ totalVM: Int, container: Int? = 0, parent: Int? = nil, oomAdj: Int = 0, pid: Int32? = nil) -> TaskSpec {
        ConfigBuilder.task(name, container: container, pid: pid, oomAdj: oomAdj, parent: parent, workload: .idle(totalVM: totalVM, rss: 0))
    }

    /// G12: A (10000) with children B (4000, forked first) and C (20000): badness(A) =
    /// 22002 > C's 20000 > B's 4000; A is chosen but its oldest child B is killed.
    @Test func g12ChildFirstKill() {
        var k = Kernel.fixture(tasks: [Self.idle("A", 10000), Self.idle("B", 4000, parent: 0), Self.idle("C", 20000, parent: 0)])
        let outcome = k.containerOutOfMemory(container: 0, current: 2)
        #expect(outcome == .killed)
        let e = k.events.oomEvents.last!
        #expect(e.chosenPid == k.tasks[0].pid)
        #expect(e.chosenPoints == 22002)
        #expect(e.victimPid == k.tasks[1].pid, "B, the oldest child with its own mm")
        let points = Dictionary(uniqueKeysWithValues: k.events.oomCandidates.map { ($0.name, $0.points) })
        #expect(points["A"] == 22002)
        #expect(points["B"] == 4000)
        #expect(points["C"] == 20000)
        #expect(k.tasks[1].memdie)
        #expect(!k.tasks[0].memdie)
        #expect(!k.tasks[2].memdie)
    }

    /// G13: a tie keeps the task visited first; the first eligible task is chosen even at 0.
    @Test func g13TiesKeepTheFirst() {
        var k = Kernel.fixture(tasks: [Self.idle("x", 500), Self.idle("y", 500)])
        k.containerOutOfMemory(container: 0, current: 1)
        #expect(k.events.oomEvents.last!.chosenPid == k.tasks[0].pid)
        var z = Kernel.fixture(tasks: [Self.idle("zero", 0), Self.idle("also-zero", 0)])
        z.containerOutOfMemory(container: 0, current: 1)
        let e = z.events.oomEvents.last!
        #expect(e.chosenPid == z.tasks[0].pid)
        #expect(e.chosenPoints == 0)
        #expect(e.outcome == .killed)
    }

    /// G14 (the seed's quirk): every container task scores 0 and the first visited eligible
    /// task is outside the container -> the outside process is killed.
    @Test func g14ForeignVictim() {
        var k = Kernel.fixture(tasks: [
            Self.idle("outsider", 5000, container: nil),
            Self.idle("tiny1", 100, oomAdj: -16), Self.idle("tiny2", 100, oomAdj: -16),
        ])
        k.containerOutOfMemory(container: 0, current: 1)
        let e = k.events.oomEvents.last!
        #expect(e.scope == .container)
        #expect(e.container == "c")
        #expect(e.chosenPid == k.tasks[0].pid)
        #expect(e.victimPid == k.tasks[0].pid)
        #expect(e.victimContainer == nil)
        #expect(k.events.oomCandidates.first { $0.name == "outsider" }?.points == 0, "filtered out: scores 0")
    }

    /// A dying task anywhere (TIF_MEMDIE) makes even a container OOM answer busy.
    @Test func memdieAnywhereIsBusy() {
        var k = Kernel.fixture(tasks: [Self.idle("victim", 10, container: nil), Self.idle("a", 5000)])
        k.signalKill(0)
        #expect(k.containerOutOfMemory(container: 0, current: 1) == .busy)
        #expect(k.events.oomEvents.last!.outcome == .busy)
        #expect(k.events.oomCandidates.last!.skipReason == .memdie)
    }

    /// PF_EXITING: a foreign exiting task answers busy; current exiting is chosen at ULONG_MAX.
    @Test func exitingTasks() {
        var k = Kernel.fixture(tasks: [Self.idle("a", 100), Self.idle("b", 5000)])
        k.tasks[0].exiting = true
        #expect(k.containerOutOfMemory(container: 0, current: 1) == .busy)
        var k2 = Kernel.fixture(tasks: [Self.idle("a", 100), Self.idle("b", 5000)])
        k2.tasks[0].exiting = true
        #expect(k2.containerOutOfMemory(container: 0, current: 0) == .killed)
        #expect(k2.events.oomEvents.last!.chosenPid == k2.tasks[0].pid)
        #expect(k2.events.oomEvents.last!.chosenPoints == UInt64.max)
    }

    /// pid 1 and OOM_DISABLE are skipped; an unkillable current with nobody chosen is `none`.
    @Test func skippedTasksAndNone() {
        var k = Kernel.fixture(tasks: [Self.idle("init", 9999, pid: 1), Self.idle("off", 9999, oomAdj: -17), Self.idle("a", 10)])
        k.containerOutOfMemory(container: 0, current: 2)
        let reasons = k.events.oomCandidates.map(\.skipReason)
        #expect(reasons == [.initTask, .oomDisable, nil])
        #expect(k.events.oomEvents.last!.victimPid == k.tasks[2].pid)
        var n = Kernel.fixture(tasks: [Self.idle("off", 9999, oomAdj: -17)])
        #expect(n.containerOutOfMemory(container: 0, current: 0) == .none, "nobody -> current, who is OOM_DISABLE")
        #expect(n.events.oomCandidates.count == 2, "selected twice (round 1 and 2)")
    }

    /// PF_SWAPOFF wins only inside its own container (docs/model.md §8.5 quirk 3).
    @Test func swapoffOnlyInsideItsContainer() {
        var k = Kernel.fixture(tasks: [Self.idle("swapoff", 10, container: nil), Self.idle("big", 9000)])
        k.tasks[0].swapoff = true
        k.containerOutOfMemory(container: 0, current: 1)
        #expect(k.events.oomEvents.last!.chosenPid == k.tasks[1].pid)
        #expect(k.events.oomCandidates.first!.points == 0)
    }

    /// The children term counts children in any container (docs/model.md §8.5).
    @Test func childrenTermIgnoresContainers() {
        var k = Kernel.fixture(tasks: [Self.idle("parent", 1000), Self.idle("kid", 4000, container: nil, parent: 0)])
        k.containerOutOfMemory(container: 0, current: 0)
        #expect(k.events.oomCandidates.first!.points == 1000 + 2001)
        #expect(k.events.oomEvents.last!.victimPid == k.tasks[1].pid, "the outside child dies instead")
    }

    /// A killed task exits one jiffy later, releasing and uncharging its pages.
    @Test func victimExitReleasesPages() throws {
        var k = Kernel.fixture(swap: 0)
        k.faultAnon(0..<100)
        #expect(k.containers[0].usage == 100)
        k.signalKill(0)
        k.now += Kernel.oomExitLatencyJiffies
        try k.tick()
        #expect(k.tasks[0].state == .exited)
        #expect(k.containers[0].usage == 0)
        #expect(k.frames.freeCount == k.frames.count)
        try k.checkInvariants()
    }
}
