import ReclaimLive
import ReclaimScenario

extension Scenario {
    /// The live runner's input: the same ``replicas()`` (pids, stream keys, workloads) the
    /// simulator gets, so each worker replays the simulated task's exact reference stream.
    public func livePlan() -> LivePlan {
        var tasks: [LivePlan.Task] = []
        for spec in replicas() {
            tasks.append(
                LivePlan.Task(
                    pid: spec.pid, name: spec.name, container: spec.container.map { containers[$0].name },
                    uid: spec.uid, nice: spec.nice, oomAdj: spec.oomAdj,
                    startSeconds: Double(spec.startJiffies) / Double(hz), workload: LiveWorkload(
                        spec.workload, access: spec.fileAccess.flatMap { LiveWorkload.Access(rawValue: $0.rawValue) }),
                    streamKey: spec.streamKey))
        }
        return LivePlan(
            seed: seed, hz: hz, durationSeconds: durationSeconds, sampleMilliseconds: sampleMilliseconds,
            ramPages: machine.ramPages, swapPages: machine.swapPages, swappiness: machine.swappiness,
            laptopMode: machine.laptopMode,
            containers: containers.map { LivePlan.Container(name: $0.name, limitPages: $0.limitPages) }, tasks: tasks)
    }
}
