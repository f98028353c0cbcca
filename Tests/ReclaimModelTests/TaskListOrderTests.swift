import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// docs/model.md §7.2 "task-list (creation) order" and §7.3 "walk p.children oldest first": the
/// task list follows creation (start time), not the order of the scenario file.
@Suite struct TaskListOrderTests {
    static func idle(_ name: String, _ totalVM: Int, start: Int = 0, container: Int? = 0, parent: Int? = nil) -> TaskSpec {
        ConfigBuilder.task(name, container: container, startJiffies: start, parent: parent, workload: .idle(totalVM: totalVM, rss: 0))
    }

    /// Ticks the kernel through jiffy `last`.
    static func ticks(_ k: inout Kernel, through last: Int) throws {
        while k.now <= last {
            try k.tick()
            k.now += 1
        }
    }

    /// `late` is listed first but starts at 1 s; `early` starts at 0. Both score 500, so the
    /// tie goes to the task visited first: `early`, created first (G13 with creation order).
    @Test func tieGoesToTheTaskCreatedFirstNotListedFirst() throws {
        var k = Kernel(config: ConfigBuilder.config(containers: [("c", 100_000)], tasks: [
            Self.idle("late", 500, start: 250), Self.idle("early", 500),
        ]))
        try Self.ticks(&k, through: 250)
        #expect(k.taskList == [1, 0])
        k.containerOutOfMemory(container: 0, current: 0)
        #expect(k.events.oomCandidates.map(\.name) == ["early", "late"])
        #expect(k.events.oomCandidates.map(\.visitNo) == [1, 2], "oom_candidates.visit_no records the walk")
        let e = try #require(k.events.oomEvents.last)
        #expect(e.chosenPid == k.tasks[1].pid)
        #expect(e.chosenPoints == 500)
    }

    /// The seed's foreign-victim quirk (G14) depends on who is visited first: an outsider
    /// listed first but started after the container's tasks is not the first eligible task.
    @Test func foreignVictimFollowsCreationOrder() throws {
        var k = Kernel(config: ConfigBuilder.config(containers: [("c", 100_000)], tasks: [
            Self.idle("outsider", 5000, start: 250, container: nil), Self.idle("worker", 0),
        ]))
        try Self.ticks(&k, through: 250)
        k.containerOutOfMemory(container: 0, current: 1)
        let e = try #require(k.events.oomEvents.last)
        #expect(e.chosenPid == k.tasks[1].pid, "worker, created first, at 0 points")
        #expect(e.chosenPoints == 0, "worker, created first, at 0 points")
        #expect(e.victimContainer == "c")
    }

    /// Tasks that started before the run (`start_s < 0`) were created earlier the earlier
    /// they started; equal starts keep file order; a parent listed after its child (same
    /// start) is still created first.
    @Test func startsBeforeTheRunAreOrderedByStart() throws {
        var k = Kernel(config: ConfigBuilder.config(containers: [("c", 100_000)], tasks: [
            Self.idle("a", 10), Self.idle("b", 10, start: -2500), Self.idle("child", 10, start: -250, parent: 3),
            Self.idle("parent", 10, start: -250), Self.idle("c", 10, start: -2500),
        ]))
        try Self.ticks(&k, through: 0)
        #expect(k.taskList.map { k.tasks[$0].name } == ["b", "c", "parent", "child", "a"])
        #expect(k.tasks[3].children == [2])
    }

    /// `p->children` is in creation order: C (listed second, started at 0) is older than B
    /// (listed first, started at 20 jiffies), so the child-first kill takes C.
    @Test func childFirstKillTakesTheOldestChildByCreation() throws {
        var k = Kernel(config: ConfigBuilder.config(containers: [("c", 100_000)], tasks: [
            Self.idle("P", 10000), Self.idle("B", 4000, start: 20, parent: 0), Self.idle("C", 4000, parent: 0),
        ]))
        try Self.ticks(&k, through: 20)
        #expect(k.tasks[0].children == [2, 1])
        k.containerOutOfMemory(container: 0, current: 0)
        let e = try #require(k.events.oomEvents.last)
        #expect(e.chosenPid == k.tasks[0].pid)
        #expect(e.victimPid == k.tasks[2].pid)
    }

    /// Forked children join the list when forked, after scenario tasks already started and
    /// before those that start later.
    @Test func forkedChildrenJoinWhenForked() throws {
        var k = Kernel(config: ConfigBuilder.config(containers: [("c", 100_000)], tasks: [
            ConfigBuilder.task("forker", container: 0, workload: .fork(children: 2, childPages: 10, intervalJiffies: 25)),
            Self.idle("late", 10, start: 100),
        ]))
        try Self.ticks(&k, through: 100)
        let names = k.taskList.map { k.tasks[$0].name }
        #expect(names.first == "forker", "\(names)")
        #expect(names.last == "late", "\(names)")
        #expect(names.filter { $0.hasPrefix("forker/child") }.count == 2, "\(names)")
    }
}
