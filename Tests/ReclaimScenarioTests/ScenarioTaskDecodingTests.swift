import Testing

@testable import ReclaimScenario

@Suite struct ScenarioTaskDecodingTests {
    private static let idle = "workload: {kind: idle}"

    @Test func everyTaskKeyIsRead() throws {
        let yaml = scenario(
            machine: "{uptime_s: 100}", containers: "[{name: web, limit_pages: 10}]",
            taskLines: [
                "name: a", "container: web", "count: 2", "pid: 500", "uid: 0", "nice: -5", "caps: [sys_rawio]",
                "oom_adj: -17", "start_s: -100", "cpu_s: 1.5", "parent: null", Self.idle,
            ])
        let task = try load(yaml).scenario.tasks[0]
        #expect(
            task
                == Scenario.Task(
                    name: "a", container: "web", count: 2, pid: 500, uid: 0, nice: -5, caps: [.sysRawio], oomAdj: -17,
                    startSeconds: -100, cpuSeconds: 1.5, parent: nil, workload: .idle(totalVM: 0, rss: 0)))
    }

    @Test(arguments: [
        (
            ["name: a", "colour: red", idle],
            "t.yaml: tasks[0].colour: unknown key (expected one of name, container, count, pid, uid, nice, caps, oom_adj, start_s, cpu_s, parent, workload)"
        ),
        (["name: a"], "t.yaml: tasks[0].workload: missing required key (a mapping with a kind)"),
        ([idle], "t.yaml: tasks[0].name: missing required key (the task's name)"),
        (["name: ~", idle], "t.yaml: tasks[0].name: expected a string, got null"),
        (
            ["name: a#2", idle],
            "t.yaml: tasks[0].name: \"a#2\" contains \"#\" (names may not contain . [ ] # = or whitespace)"
        ),
        (
            ["name: a b", idle],
            "t.yaml: tasks[0].name: \"a b\" contains \" \" (names may not contain . [ ] # = or whitespace)"
        ),
        (
            ["name: a", "container: db", idle],
            "t.yaml: tasks[0].container: no container named \"db\" (containers: web)"
        ),
        (["name: a", "count: 0", idle], "t.yaml: tasks[0].count: 0 is out of range 1...10000"),
        (["name: a", "count: 10001", idle], "t.yaml: tasks[0].count: 10001 is out of range 1...10000"),
        (["name: a", "pid: 0", idle], "t.yaml: tasks[0].pid: 0 is out of range 1...4000000"),
        (["name: a", "uid: 65536", idle], "t.yaml: tasks[0].uid: 65536 is out of range 0...65535"),
        (["name: a", "nice: 20", idle], "t.yaml: tasks[0].nice: 20 is out of range -20...19"),
        (["name: a", "nice: -21", idle], "t.yaml: tasks[0].nice: -21 is out of range -20...19"),
        (
            ["name: a", "caps: [sys_nice]", idle],
            "t.yaml: tasks[0].caps[0]: unknown capability \"sys_nice\" (expected one of sys_admin, sys_rawio)"
        ),
        (["name: a", "caps: [sys_admin, sys_admin]", idle], "t.yaml: tasks[0].caps[1]: \"sys_admin\" is listed twice"),
        (["name: a", "caps: sys_admin", idle], "t.yaml: tasks[0].caps: expected a list, got the string \"sys_admin\""),
        (["name: a", "oom_adj: -18", idle], "t.yaml: tasks[0].oom_adj: -18 is out of range -17...15"),
        (["name: a", "oom_adj: 16", idle], "t.yaml: tasks[0].oom_adj: 16 is out of range -17...15"),
        (
            ["name: a", "start_s: -1", idle],
            "t.yaml: tasks[0].start_s: -1 is before boot (machine.uptime_s is 0, so start_s >= 0)"
        ),
        (["name: a", "start_s: 1e300", idle], "t.yaml: tasks[0].start_s: 1e300 is out of range -1000000000...604800"),
        (["name: a", "cpu_s: -0.5", idle], "t.yaml: tasks[0].cpu_s: -0.5 is out of range 0...1000000000"),
        (["name: a", "cpu_s: fast", idle], "t.yaml: tasks[0].cpu_s: expected a number, got the string \"fast\""),
        (["name: a", "parent: [x]", idle], "t.yaml: tasks[0].parent: expected a string, got a list"),
        (["name: a", "workload: idle"], "t.yaml: tasks[0].workload: expected a mapping, got the string \"idle\""),
    ])
    func invalidTaskKeysAreUsageErrors(lines: [String], message: String) {
        let error = loadError(scenario(containers: "[{name: web, limit_pages: 10}]", taskLines: lines))
        #expect(error?.description == message)
        #expect(error?.exitCode == 64)
    }

    @Test func aContainerReferenceWithoutContainersSaysSo() {
        let error = loadError(scenario(taskLines: ["name: a", "container: db", Self.idle]))
        #expect(
            error?.description == "t.yaml: tasks[0].container: no container named \"db\" (no containers are defined)")
    }

    @Test func negativeStartWithinUptimeIsAllowed() throws {
        let task = try load(scenario(machine: "{uptime_s: 60}", taskLines: ["name: a", "start_s: -60", Self.idle]))
            .scenario.tasks[0]
        #expect(task.startSeconds == -60)
    }

    @Test func duplicateTaskNamesAreRejected() {
        let yaml = "name: t\ntasks: [{name: a, workload: {kind: idle}}, {name: a, workload: {kind: idle}}]"
        #expect(loadError(yaml)?.description == "t.yaml: tasks[1].name: duplicate task name \"a\" (also tasks[0])")
    }
}
