import ReclaimModel
import ReclaimRecords
import ReclaimWorkloads
import Testing

@testable import ReclaimScenario

@Suite struct ScenarioSimulationConfigTests {
    @Test func theDesignExampleBecomesAConfig() throws {
        let config = try ScenarioFile.load(path: fixturePath("two-tenants.yaml")).simulationConfig()
        #expect(config.kernel == "2.6.20-rss")
        #expect(config.seed == 1)
        #expect(config.hz == 250)
        #expect(config.durationJiffies == 7500)
        #expect(config.sampleIntervalJiffies == 250)
        #expect(config.machine == MachineSpec(ramPages: 65536, uptimeSeconds: 7200, kernelPages: 2560))
        #expect(
            config.containers == [
                ContainerSpec(name: "web", limitPages: 4096), ContainerSpec(name: "db", limitPages: 8192),
            ])
        #expect(config.tasks.map(\.name) == ["nginx", "worker", "worker#2", "worker#3", "postgres"])
        #expect(config.tasks.map(\.pid) == [100, 101, 102, 103, 104])
        #expect(config.tasks.map(\.streamKey) == ["nginx#1", "worker#1", "worker#2", "worker#3", "postgres#1"])
        #expect(config.tasks.map(\.container) == [0, 0, 0, 0, 1])
        #expect(config.tasks.map(\.parent) == [nil, 0, 0, 0, nil])
        let postgres = config.tasks[4]
        #expect(postgres.uid == 0)
        #expect(postgres.caps == [.sysAdmin, .sysRawio])
        #expect(postgres.startJiffies == -900_000)
        #expect(postgres.cpuJiffies == 3125)
        #expect(postgres.workload == .fileDirty(pages: 2048, refsPerTick: 64, pattern: .uniform, writeRatio: 0.5))
        #expect(
            config.tasks[1].workload
                == .anonWorkingSet(pages: 512, refsPerTick: 64, pattern: .zipf(theta: 1.2), writeRatio: 0.3))
    }

    @Test func aParentWithReplicasIsItsFirstReplica() throws {
        let yaml =
            "name: t\ntasks: [{name: kid, parent: boss, workload: {kind: idle}}, {name: boss, count: 3, workload: {kind: idle}}]"
        let config = try load(yaml).simulationConfig()
        #expect(config.tasks.map(\.name) == ["kid", "boss", "boss#2", "boss#3"])
        #expect(config.tasks[0].parent == 1)
    }

    @Test(arguments: [
        (100, 0.1, 10), (250, 0.1, 25), (300, 0.1, 30), (1000, 0.001, 1), (250, 0.002, 1), (250, 0.006, 2),
        (100, 604800, 60_480_000),
    ])
    func secondsBecomeRoundedJiffies(hz: Int, seconds: Double, jiffies: Int) throws {
        let yaml =
            "name: t\nhz: \(hz)\nduration_s: \(seconds)\ntasks: [{name: a, cpu_s: \(seconds), start_s: \(seconds), workload: {kind: fork, interval_s: \(seconds)}}]"
        let config = try load(yaml).simulationConfig()
        #expect(config.durationJiffies == jiffies)
        #expect(config.tasks[0].cpuJiffies == jiffies)
        #expect(config.tasks[0].startJiffies == jiffies)
        #expect(config.tasks[0].workload == .fork(children: 1, childPages: 256, intervalJiffies: jiffies))
    }

    @Test(arguments: [(1000, 250, 250), (0, 250, 0), (1, 250, 1), (10, 250, 2), (1000, 300, 300), (5, 100, 1)])
    func sampleInterval(sampleMs: Int, hz: Int, jiffies: Int) throws {
        let yaml = "name: t\nhz: \(hz)\nsample_ms: \(sampleMs)\ntasks: [{name: a, workload: {kind: idle}}]"
        #expect(try load(yaml).simulationConfig().sampleIntervalJiffies == jiffies)
    }

    @Test func seedAndMachineCarryOver() throws {
        let yaml = """
            name: t
            seed: 9223372036854775807
            machine: {ram_pages: 1, swap_pages: 2, swappiness: 3, laptop_mode: 4, uptime_s: 5, panic_on_oom: 2, disk_pages_per_s: 7}
            tasks: [{name: a, workload: {kind: idle, rss: 3, total_vm: 9}}]
            """
        let config = try load(yaml).simulationConfig()
        #expect(config.seed == UInt64(Int64.max))
        #expect(
            config.machine
                == MachineSpec(
                    ramPages: 1, swapPages: 2, swappiness: 3, laptopMode: 4, uptimeSeconds: 5, panicOnOOM: 2,
                    diskPagesPerSecond: 7))
        #expect(config.tasks[0].workload == .idle(totalVM: 9, rss: 3))
    }
}
