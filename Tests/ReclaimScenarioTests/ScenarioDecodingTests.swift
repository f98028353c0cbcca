import ReclaimWorkloads
import Testing

@testable import ReclaimScenario

@Suite struct ScenarioDecodingTests {
    @Test func omittedKeysTakeTheirDefaults() throws {
        let scenario = try load(minimalYAML).scenario
        #expect(scenario.name == "t")
        #expect(scenario.kernel == "2.6.20-rss")
        #expect(scenario.seed == 1)
        #expect(scenario.durationSeconds == 30)
        #expect(scenario.hz == 250)
        #expect(scenario.sampleMilliseconds == 1000)
        #expect(
            scenario.machine
                == Scenario.Machine(
                    ramPages: 65536, swapPages: 0, swappiness: 60, laptopMode: 0, uptimeSeconds: 0,
                    panicOnOOM: 0, diskPagesPerSecond: 12800, diskRequestMs: 1, dirtyRatio: 40, dirtyBackgroundRatio: 10,
                    dirtyWritebackCentisecs: 500, dirtyExpireCentisecs: 3000,
                    // 65536/128 mem_map + min(1024, 65536/16) text and data + 65536/64 slab.
                    kernelPages: 512 + 1024 + 1024))
        #expect(scenario.containers.isEmpty)
        let task = try #require(scenario.tasks.first)
        #expect(task.name == "a")
        #expect(task.container == nil)
        #expect(task.count == 1)
        #expect(task.pid == 100)
        #expect(task.uid == 1000)
        #expect(task.nice == 0)
        #expect(task.caps.isEmpty)
        #expect(task.oomAdj == 0)
        #expect(task.startSeconds == 0)
        #expect(task.cpuSeconds == 0)
        #expect(task.parent == nil)
        #expect(task.workload == .idle(totalVM: 0, rss: 0))
    }

    @Test func nullMachineAndContainersMeanDefaults() throws {
        let scenario = try load("name: t\nmachine:\ncontainers:\ntasks: [{name: a, workload: {kind: idle}}]").scenario
        #expect(scenario.machine.ramPages == 65536)
        #expect(scenario.containers.isEmpty)
    }

    @Test func theDesignExampleDecodes() throws {
        let scenario = try ScenarioFile.load(path: fixturePath("two-tenants.yaml")).scenario
        #expect(scenario.containers.map(\.name) == ["web", "db"])
        #expect(scenario.tasks.map(\.name) == ["nginx", "worker", "postgres"])
        #expect(
            scenario.tasks[1].workload
                == .anonWorkingSet(pages: 512, refsPerTick: 64, pattern: .zipf(theta: 1.2), writeRatio: 0.3))
        #expect(scenario.tasks[2].caps == [.sysAdmin, .sysRawio])
    }

    /// One broken key each, with the exact message and exit code 64.
    @Test(arguments: [
        ("tasks: [{name: a, workload: {kind: idle}}]", "t.yaml: name: missing required key (the scenario's name)"),
        ("name: ''\ntasks: [{name: a, workload: {kind: idle}}]", "t.yaml: name: must not be empty"),
        ("name: t", "t.yaml: tasks: missing required key (a non-empty list of tasks)"),
        ("name: t\ntasks: []", "t.yaml: tasks: must not be empty (list at least one task)"),
        ("name: t\ntasks: {a: 1}", "t.yaml: tasks: expected a list, got a mapping"),
        ("- 1\n- 2", "t.yaml: expected a mapping, got a list"),
        ("just text", "t.yaml: expected a mapping, got the string \"just text\""),
        (
            "name: t\nswappiness: 3\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: swappiness: unknown key (expected one of name, kernel, seed, duration_s, hz, sample_ms, machine, containers, tasks)"
        ),
        (
            "name: t\nkernel: 6.x-memcg\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: kernel: unknown kernel \"6.x-memcg\" (expected one of 2.6.20-rss, live)"
        ),
        (
            "name: t\nseed: -1\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: seed: -1 is out of range 0...9223372036854775807"
        ),
        (
            "name: t\nseed: 9223372036854775808\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: seed: 9223372036854775808 is out of range 0...9223372036854775807"
        ),
        (
            "name: t\nseed: 1.5\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: seed: expected an integer, got 1.5"
        ),
        (
            "name: t\nseed: \"7\"\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: seed: expected an integer, got the string \"7\""
        ),
        (
            "name: t\nhz: 200\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: hz: 200 is not allowed (expected one of 100, 250, 300, 1000)"
        ),
        (
            "name: t\nduration_s: 0\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: duration_s: 0 is out of range > 0 and <= 604800"
        ),
        (
            "name: t\nduration_s: 604801\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: duration_s: 604801 is out of range > 0 and <= 604800"
        ),
        (
            "name: t\nduration_s: .inf\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: duration_s: expected a finite number, got .inf"
        ),
        (
            "name: t\nduration_s: 1e999\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: duration_s: expected a finite number, got 1e999"
        ),
        (
            "name: t\nduration_s: 0.001\nhz: 100\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: duration_s: 0.001 is shorter than one jiffy at hz 100 (at least 0.005)"
        ),
        (
            "name: t\nsample_ms: -1\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: sample_ms: -1 is out of range 0...604800000"
        ),
        (
            "name: t\nmachine: 3\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine: expected a mapping, got 3"
        ),
        (
            "name: t\nmachine: {swapiness: 3}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.swapiness: unknown key (expected one of ram_pages, swap_pages, swappiness, laptop_mode, uptime_s, panic_on_oom, disk_pages_per_s, disk_request_ms, dirty_ratio, dirty_background_ratio, dirty_writeback_centisecs, dirty_expire_centisecs, kernel_pages)"
        ),
        (
            "name: t\nmachine: {swappiness: 150}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.swappiness: 150 is out of range 0...100"
        ),
        (
            "name: t\nmachine: {ram_pages: 1000000000000}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.ram_pages: 1000000000000 is out of range 1...16777216"
        ),
        (
            "name: t\nmachine: {ram_pages: 100000000000000000000000000000}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.ram_pages: 100000000000000000000000000000 is out of range 1...16777216"
        ),
        (
            "name: t\nmachine: {ram_pages: 1e12}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.ram_pages: expected an integer, got 1e12"
        ),
        (
            "name: t\nmachine: {ram_pages: 0}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.ram_pages: 0 is out of range 1...16777216"
        ),
        (
            "name: t\nmachine: {swap_pages: 16777217}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.swap_pages: 16777217 is out of range 0...16777216"
        ),
        (
            "name: t\nmachine: {laptop_mode: 3601}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.laptop_mode: 3601 is out of range 0...3600"
        ),
        (
            "name: t\nmachine: {uptime_s: -1}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.uptime_s: -1 is out of range 0...1000000000"
        ),
        (
            "name: t\nmachine: {panic_on_oom: 3}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.panic_on_oom: 3 is out of range 0...2"
        ),
        (
            "name: t\nmachine: {disk_pages_per_s: 0}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.disk_pages_per_s: 0 is out of range 1...100000000"
        ),
        (
            "name: t\nmachine: {swappiness: yes}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.swappiness: expected an integer, got yes"
        ),
        (
            "name: t\nmachine: {swappiness: 1:30}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.swappiness: 1:30 is not a supported integer (sexagesimal numbers are not supported; write a decimal number)"
        ),
        (
            "name: t\nmachine: {swappiness: 010}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.swappiness: 010 is not a supported integer (leading zeros are ambiguous; write it without them, or with 0o for octal)"
        ),
        (
            "name: t\ncontainers: [{name: web}]\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: containers[0].limit_pages: missing required key (the limit in pages, 1...16777216)"
        ),
        (
            "name: t\ncontainers: [{limit_pages: 5}]\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: containers[0].name: missing required key (the container's name)"
        ),
        (
            "name: t\ncontainers: [{name: web, limit_pages: 5}, {name: web, limit_pages: 6}]\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: containers[1].name: duplicate container name \"web\" (also containers[0])"
        ),
        (
            "name: t\ncontainers: [{name: w.b, limit_pages: 5}]\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: containers[0].name: \"w.b\" contains \".\" (names may not contain . [ ] # = or whitespace)"
        ),
        (
            "name: t\ncontainers: [{name: web, limit_pages: 16777217}]\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: containers[0].limit_pages: 16777217 is out of range 1...16777216"
        ),
    ])
    func invalidValuesAreUsageErrors(yaml: String, message: String) {
        let error = loadError(yaml)
        #expect(error?.description == message)
        #expect(error?.exitCode == 64)
    }

    @Test func integersMayUseYAMLNotations() throws {
        let scenario = try load(
            "name: t\nseed: 0x10\nmachine: {ram_pages: 65_536, swap_pages: 0o10, swappiness: +7}\ntasks: [{name: a, workload: {kind: idle}}]"
        ).scenario
        #expect(scenario.seed == 16)
        #expect(
            scenario.machine.ramPages == 65536 && scenario.machine.swapPages == 8 && scenario.machine.swappiness == 7)
    }

    @Test func namesMayBeAnyScalar() throws {
        let scenario = try load("name: 2007\ntasks: [{name: 42, workload: {kind: idle}}]").scenario
        #expect(scenario.name == "2007")
        #expect(scenario.tasks[0].name == "42")
    }

    @Test func theFirstProblemInReadingOrderIsReported() {
        let yaml = "name: t\nhz: 7\nmachine: {swappiness: 900}\ntasks: [{name: a, workload: {kind: idle}}]"
        #expect(loadError(yaml)?.description == "t.yaml: hz: 7 is not allowed (expected one of 100, 250, 300, 1000)")
    }
}
