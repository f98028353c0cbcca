import ReclaimKernelFunctions
import ReclaimModel
import ReclaimWorkloads

extension Scenario {
    /// The model's input: seconds become jiffies at `hz` (rounded half away from zero),
    /// replicas are expanded in file order (`web`, `web#2`, ... with consecutive pids and
    /// stream keys `web#1`, `web#2`, ...), container and parent names become indices (a
    /// parent with replicas means its first replica), caps become ``Capabilities``.
    ///
    /// - Complexity: O(number of replicas).
    public func simulationConfig() -> SimulationConfig {
        let containerIndex = Dictionary(uniqueKeysWithValues: containers.enumerated().map { ($1.name, $0) })
        var firstReplica: [String: Int] = [:]
        var expandedCount = 0
        for task in tasks {
            firstReplica[task.name] = expandedCount
            expandedCount += task.count
        }
        var specs: [TaskSpec] = []
        specs.reserveCapacity(expandedCount)
        for task in tasks {
            let workload = task.workload.spec(hz: hz)
            var caps: Capabilities = []
            for cap in task.caps {
                caps.insert(cap == .sysAdmin ? .sysAdmin : .sysRawio)
            }
            for replica in 0..<task.count {
                specs.append(
                    TaskSpec(
                        pid: Int32(task.pid + replica), name: Self.replicaName(task.name, replica: replica),
                        container: task.container.map { containerIndex[$0]! }, uid: task.uid, nice: task.nice,
                        caps: caps, oomAdj: task.oomAdj, startJiffies: Self.jiffies(task.startSeconds, hz: hz),
                        cpuJiffies: Self.jiffies(task.cpuSeconds, hz: hz),
                        parent: task.parent.map { firstReplica[$0]! }, workload: workload,
                        streamKey: "\(task.name)#\(replica + 1)"))
            }
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
                dirtyExpireCentisecs: machine.dirtyExpireCentisecs),
            containers: containers.map { ContainerSpec(name: $0.name, limitPages: $0.limitPages) },
            tasks: specs,
            sampleIntervalJiffies: sampleMilliseconds == 0 ? 0 : max(1, sampleMilliseconds * hz / 1000))
    }
}

extension Scenario.Workload {
    /// The model's workload, with `interval_s` in jiffies at `hz`.
    func spec(hz: Int) -> WorkloadSpec {
        switch self {
        case .idle(let totalVM, let rss):
            .idle(totalVM: totalVM, rss: rss)
        case .anonGrow(let pagesPerSecond, let maxPages, let refsPerTick, let pattern):
            .anonGrow(pagesPerSecond: pagesPerSecond, maxPages: maxPages, refsPerTick: refsPerTick, pattern: pattern)
        case .anonWorkingSet(let pages, let refsPerTick, let pattern, let writeRatio):
            .anonWorkingSet(pages: pages, refsPerTick: refsPerTick, pattern: pattern, writeRatio: writeRatio)
        case .fileStream(let pages, let refsPerTick):
            .fileStream(pages: pages, refsPerTick: refsPerTick)
        case .fileWorkingSet(let pages, let refsPerTick, let pattern):
            .fileWorkingSet(pages: pages, refsPerTick: refsPerTick, pattern: pattern)
        case .fileDirty(let pages, let refsPerTick, let pattern, let writeRatio):
            .fileDirty(pages: pages, refsPerTick: refsPerTick, pattern: pattern, writeRatio: writeRatio)
        case .fork(let children, let childPages, let intervalSeconds):
            .fork(
                children: children, childPages: childPages, intervalJiffies: Scenario.jiffies(intervalSeconds, hz: hz))
        }
    }
}
