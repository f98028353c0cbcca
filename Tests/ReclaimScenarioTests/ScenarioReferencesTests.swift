import Testing

@testable import ReclaimScenario

@Suite struct ScenarioReferencesTests {
    private func tasks(_ items: [String]) -> String {
        "name: t\ntasks:\n" + items.map { "  - {\($0), workload: {kind: idle}}\n" }.joined()
    }

    @Test func pidsStartAt100AndFollowThePreviousTask() throws {
        let scenario = try load(tasks(["name: a, count: 3", "name: b", "name: c, pid: 1000, count: 2", "name: d"]))
            .scenario
        #expect(scenario.tasks.map(\.pid) == [100, 103, 1000, 1002])
    }

    @Test func anExplicitPidMayComeBeforeTheAutomaticOnes() throws {
        let scenario = try load(tasks(["name: a, pid: 5", "name: b"])).scenario
        #expect(scenario.tasks.map(\.pid) == [5, 6])
    }

    @Test func aPidCollisionIsAnError() {
        #expect(
            loadError(tasks(["name: a, count: 3", "name: b, pid: 102"]))?.description
                == "t.yaml: tasks[1].pid: pid 102 of \"b\" is already used by \"a#3\" (tasks[0])")
        #expect(
            loadError(tasks(["name: a, pid: 101", "name: b, pid: 99, count: 2", "name: c"]))?.description
                == "t.yaml: tasks[2].pid: pid 101 of \"c\" is already used by \"a\" (tasks[0]) (assigned after the previous task's pids; set pid explicitly)"
        )
    }

    @Test func replicasMayNotRunPastTheLargestPid() {
        let error = loadError(tasks(["name: a, pid: 3999999, count: 3"]))
        #expect(error?.description == "t.yaml: tasks[0].pid: pids 3999999...4000001 go past the largest pid 4000000")
        #expect(error?.exitCode == 64)
    }

    @Test func parentsResolveByName() throws {
        let scenario = try load(tasks(["name: child, parent: boss", "name: boss, count: 2"])).scenario
        #expect(scenario.tasks[0].parent == "boss")
    }

    @Test(arguments: [
        (["name: a, parent: a"], "t.yaml: tasks[0].parent: a task cannot be its own parent"),
        (["name: a, parent: zz", "name: b"], "t.yaml: tasks[0].parent: no task named \"zz\" (tasks: a, b)"),
        (
            ["name: a, parent: b", "name: b, parent: a"],
            "t.yaml: tasks[0].parent: parent cycle a -> b -> a (parents must form a tree)"
        ),
        (
            ["name: x, parent: b", "name: a, parent: c", "name: b, parent: a", "name: c, parent: b"],
            "t.yaml: tasks[1].parent: parent cycle a -> c -> b -> a (parents must form a tree)"
        ),
        (
            ["name: p, start_s: 5", "name: kid, parent: p, start_s: 2.5"],
            "t.yaml: tasks[1].start_s: 2.5 is before its parent \"p\" starts (start_s 5); a child starts at or after its parent"
        ),
        (
            ["name: kid, parent: p", "name: p, start_s: 10"],
            "t.yaml: tasks[0].start_s: 0 is before its parent \"p\" starts (start_s 10); a child starts at or after its parent"
        ),
    ])
    func badParentsAreUsageErrors(items: [String], message: String) {
        let error = loadError(tasks(items))
        #expect(error?.description == message)
        #expect(error?.exitCode == 64)
    }

    @Test func replicaNames() {
        #expect((0..<3).map { Scenario.replicaName("web", replica: $0) } == ["web", "web#2", "web#3"])
    }
}
