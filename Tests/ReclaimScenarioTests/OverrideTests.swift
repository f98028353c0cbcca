import Testing

@testable import ReclaimScenario

@Suite struct OverrideTests {
    private static let base = """
        name: t
        containers:
          - { name: web, limit_pages: 4096 }
          - { name: db, limit_pages: 100 }
        tasks:
          - { name: nginx, container: web, workload: { kind: anon-grow } }
          - { name: leak, workload: { kind: anon-grow, pattern: uniform } }
        """

    @Test func parsesKeyAndYAMLValue() throws {
        let override = try Override.parse("machine.swappiness=0")
        #expect(override.keyPath.description == "machine.swappiness")
        #expect(override.value == .scalar(.init(text: "0", kind: .int)))
        #expect(try Override.parse("name=a=b").value == .scalar(.init(text: "a=b", kind: .string)))
        #expect(try Override.parse("tasks[0].parent=").value.isNull)
        #expect(
            try Override.parse("tasks[0].caps=[sys_admin]").value
                == .sequence([.scalar(.init(text: "sys_admin", kind: .string))]))
    }

    @Test func malformedArgumentsAreUsageErrors() {
        #expect(
            throws: ScenarioError.badOverride(
                argument: "seed", problem: "missing \"=\" (expected KEY=VALUE, like machine.swappiness=0)")
        ) {
            try Override.parse("seed")
        }
        do {
            _ = try Override.parse("tasks[x].nice=1")
            Issue.record("expected an error")
        } catch let error as ScenarioError {
            #expect(error.exitCode == 64)
            #expect(error.description.hasPrefix("--set tasks[x].nice=1: \"tasks[x].nice\" is not a key path"))
        } catch { Issue.record("\(error)") }
        do {
            _ = try Override.parse("seed=[1,")
            Issue.record("expected an error")
        } catch let error as ScenarioError {
            #expect(error.exitCode == 64)
            #expect(error.description.hasPrefix("--set seed=[1,: the value is not valid YAML"))
        } catch { Issue.record("\(error)") }
    }

    @Test func everyPathForm() throws {
        let loaded = try load(
            Self.base,
            set: [
                "seed=7", "machine.swappiness=0", "containers.web.limit_pages=2048", "tasks[0].nice=5",
                "tasks.leak.workload.pattern=zipf", "tasks.leak.workload.theta=1.5", "containers[1].limit_pages=9",
            ])
        let scenario = loaded.scenario
        #expect(scenario.seed == 7)
        #expect(scenario.machine.swappiness == 0)
        #expect(scenario.containers.map(\.limitPages) == [2048, 9])
        #expect(scenario.tasks[0].nice == 5)
        #expect(
            scenario.tasks[1].workload
                == .anonGrow(pagesPerSecond: 100, maxPages: 0, refsPerTick: 64, pattern: .zipf(theta: 1.5)))
    }

    @Test func anOverrideEqualsWritingTheValueInTheFile() throws {
        let overridden = try load(Self.base, set: ["machine.swappiness=0", "tasks.nginx.container="])
        let written = try load(
            Self.base.replacingOccurrences(of: "container: web, ", with: "") + "\nmachine: {swappiness: 0}")
        #expect(overridden.runKey == written.runKey)
    }

    @Test func sweepOverridesNameTheirOrigin() throws {
        let path = try #require(ScenarioKeyPath(parsing: "machine.swappiness"))
        let value = ScenarioNode.scalar(.init(text: "500", kind: .int))
        #expect(Override(keyPath: path, value: value).description == "machine.swappiness=500")
        let axis = Override(keyPath: path, value: value, description: "axis machine.swappiness=500")
        let node = try #require(try ScenarioNode.parse(yaml: minimalYAML, sourceName: "s.yaml"))
        #expect(
            throws: ScenarioError.invalid(
                file: "s.yaml", keyPath: "machine.swappiness",
                problem: "500 is out of range 0...100 (from axis machine.swappiness=500)")
        ) {
            try ScenarioFile.load(node: node, sourceName: "s.yaml", overrides: [axis])
        }
    }

    @Test func laterOverridesWin() throws {
        #expect(try load(Self.base, set: ["seed=2", "seed=3"]).scenario.seed == 3)
    }

    @Test(arguments: [
        (
            "containers.cache.limit_pages=5",
            "t.yaml: containers.cache.limit_pages: no item named \"cache\" in containers (names: web, db) (from --set containers.cache.limit_pages=5)"
        ),
        (
            "tasks[2].nice=1",
            "t.yaml: tasks[2].nice: index 2 is out of range (tasks has 2 items) (from --set tasks[2].nice=1)"
        ),
        (
            "name.low=1",
            "t.yaml: name.low: name is the string \"t\", which has no keys or items (from --set name.low=1)"
        ),
        ("seed.low=1", "t.yaml: seed: expected an integer, got a mapping (from --set seed.low=1)"),
        ("machine[0]=1", "t.yaml: machine[0]: index 0 is out of range (machine is empty) (from --set machine[0]=1)"),
        (
            "tasks[0].workload[0]=1",
            "t.yaml: tasks[0].workload[0]: tasks[0].workload is a mapping, not a list, so [0] does not apply (from --set tasks[0].workload[0]=1)"
        ),
        (
            "machine.swapiness=3",
            "t.yaml: machine.swapiness: unknown key (expected one of ram_pages, swap_pages, swappiness, laptop_mode, uptime_s, panic_on_oom, disk_pages_per_s, disk_request_ms, dirty_ratio, dirty_background_ratio, dirty_writeback_centisecs, dirty_expire_centisecs, kernel_pages) (from --set machine.swapiness=3)"
        ),
        (
            "machine.swappiness=150",
            "t.yaml: machine.swappiness: 150 is out of range 0...100 (from --set machine.swappiness=150)"
        ),
        (
            "containers.web.limit_pages=lots",
            "t.yaml: containers[0].limit_pages: expected an integer, got the string \"lots\" (from --set containers.web.limit_pages=lots)"
        ),
        (
            "tasks.leak.workload.kind=anon-grw",
            "t.yaml: tasks[1].workload.kind: unknown workload kind \"anon-grw\" (expected one of idle, anon-grow, anon-working-set, file-stream, file-working-set, file-dirty, fork) (from --set tasks.leak.workload.kind=anon-grw)"
        ),
        (
            "tasks.leak.workload.theta=1",
            "t.yaml: tasks[1].workload.theta: only allowed with pattern zipf (pattern is uniform) (from --set tasks.leak.workload.theta=1)"
        ),
    ])
    func badOverridesAreUsageErrorsNamingThePath(argument: String, message: String) {
        let error = loadError(Self.base, set: [argument])
        #expect(error?.description == message)
        #expect(error?.exitCode == 64)
    }

    @Test func anErrorElsewhereIsNotBlamedOnAnOverride() {
        let yaml = Self.base + "\nmachine: {swappiness: 500}"
        #expect(
            loadError(yaml, set: ["seed=2"])?.description == "t.yaml: machine.swappiness: 500 is out of range 0...100")
    }

    @Test func aPathIntoAnAbsentListIsAnError() {
        let error = loadError(minimalYAML, set: ["containers.web.limit_pages=1"])
        #expect(
            error?.description
                == "t.yaml: containers.web.limit_pages: no item named \"web\" in containers (containers is empty) (from --set containers.web.limit_pages=1)"
        )
    }

    @Test func nodeLevelApplyingForSweeps() throws {
        let node = try #require(try ScenarioNode.parse(yaml: Self.base, sourceName: "t.yaml"))
        let changed = try node.applying([
            (keyPath: "machine.laptop_mode", value: "5"), (keyPath: "tasks[1].count", value: "2"),
        ])
        #expect(changed["machine"]?["laptop_mode"] == .scalar(.init(text: "5", kind: .int)))
        let loaded = try ScenarioFile.load(node: changed, sourceName: "t.yaml")
        #expect(loaded.scenario.machine.laptopMode == 5)
        #expect(loaded.scenario.tasks[1].count == 2)
        let whole = Override(
            keyPath: try #require(ScenarioKeyPath(parsing: "tasks[1].workload")),
            value: try #require(try ScenarioNode.parse(yaml: "{kind: idle, rss: 4}", sourceName: "axis")))
        #expect(
            try ScenarioFile.load(node: node, sourceName: "t.yaml", overrides: [whole]).scenario.tasks[1].workload
                == .idle(totalVM: 4, rss: 4))
    }
}
