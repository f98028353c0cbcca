import ReclaimModel
import ReclaimScenario
import ReclaimWorkloads

extension Scenario {
    /// The model's input: the scenario's ``ReclaimScenario/Scenario/replicas()`` as task
    /// specs, seconds in jiffies at `hz` (rounded half away from zero).
    ///
    /// - Complexity: O(number of replicas).
    public func simulationConfig() -> SimulationConfig {
        let specs = replicas().map { replica in
            TaskSpec(
                pid: replica.pid, name: replica.name, container: replica.container, uid: replica.uid,
                nice: replica.nice, caps: replica.caps, oomAdj: replica.oomAdj, startJiffies: replica.startJiffies,
                cpuJiffies: replica.cpuJiffies, parent: replica.parent, workload: replica.workload,
                streamKey: replica.streamKey, fileAccess: replica.fileAccess ?? .mmap, file: replica.file)
        }
        return SimulationConfig(
            kernel: kernel, seed: seed, durationJiffies: Self.jiffies(durationSeconds, hz: hz), hz: hz,
            machine: MachineSpec(
                ramPages: machine.ramPages, swapPages: machine.swapPages, swappiness: machine.swappiness,
                laptopMode: machine.laptopMode, uptimeSeconds: machine.uptimeSeconds,
                panicOnOOM: machine.panicOnOOM, diskPagesPerSecond: machine.diskPagesPerSecond,
                diskRequestMs: machine.diskRequestMs,
                dirtyRatio: machine.dirtyRatio, dirtyBackgroundRatio: machine.dirtyBackgroundRatio,
                dirtyWritebackCentisecs: machine.dirtyWritebackCentisecs,
                dirtyExpireCentisecs: machine.dirtyExpireCentisecs, kernelPages: machine.kernelPages),
            containers: containers.map { ContainerSpec(name: $0.name, limitPages: $0.limitPages) },
            tasks: specs,
            sampleIntervalJiffies: sampleMilliseconds == 0 ? 0 : max(1, sampleMilliseconds * hz / 1000))
    }
}

extension LoadedScenario {
    /// The model's input; see ``ReclaimScenario/Scenario/simulationConfig()``.
    public func simulationConfig() -> SimulationConfig {
        scenario.simulationConfig()
    }
}
