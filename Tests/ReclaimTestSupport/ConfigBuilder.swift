import ReclaimKernelFunctions
import ReclaimModel
import ReclaimRecords
import ReclaimWorkloads

/// Small builders for `SimulationConfig`s in tests (pids from 100 in the given order).
public enum ConfigBuilder {
    /// A task spec with test-friendly defaults.
    public static func task(
        _ name: String, container: Int? = nil, pid: Int32? = nil, uid: Int = 1000, nice: Int = 0,
        caps: Capabilities = [], oomAdj: Int = 0, startJiffies: Int = 0, cpuJiffies: Int = 0,
        parent: Int? = nil, workload: WorkloadSpec
    ) -> TaskSpec {
        TaskSpec(
            pid: pid ?? 0, name: name, container: container, uid: uid, nice: nice, caps: caps,
            oomAdj: oomAdj, startJiffies: startJiffies, cpuJiffies: cpuJiffies, parent: parent,
            workload: workload)
    }

    /// A config; tasks without a pid (0) get 100, 101, ... in order.
    public static func config(
        seed: UInt64 = 1, seconds: Int = 10, hz: Int = 250, ram: Int = 65536, swap: Int = 0,
        swappiness: Int = 60, laptopMode: Int = 0, uptime: Int = 0, diskPagesPerSecond: Int = 12800,
        containers: [(String, Int)] = [], tasks: [TaskSpec], sampleIntervalJiffies: Int = 250
    ) -> SimulationConfig {
        var next: Int32 = 100
        let numbered = tasks.map { t -> TaskSpec in
            var t = t
            if t.pid == 0 {
                t.pid = next
                next += 1
            } else {
                next = t.pid + 1
            }
            return t
        }
        return SimulationConfig(
            seed: seed, durationJiffies: seconds * hz, hz: hz,
            machine: MachineSpec(
                ramPages: ram, swapPages: swap, swappiness: swappiness, laptopMode: laptopMode,
                uptimeSeconds: uptime, diskPagesPerSecond: diskPagesPerSecond),
            containers: containers.map { ContainerSpec(name: $0.0, limitPages: $0.1) },
            tasks: numbered, sampleIntervalJiffies: sampleIntervalJiffies)
    }

    /// Runs a config to the end, recording every event.
    public static func run(_ config: SimulationConfig) throws -> (RecordingSink, RunSummary) {
        var sim = Simulator(config: config)
        var sink = RecordingSink()
        let summary = try sim.run(sink: &sink)
        try sim.kernel.checkInvariants()
        return (sink, summary)
    }
}
