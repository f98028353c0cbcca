import ReclaimKernelFunctions
import ReclaimRecords

/// `select_bad_process` (docs/model.md §7.2) with the container filter (docs/model.md §8.5).
extension Kernel {
    /// What a selection found.
    enum Selection: Equatable {
        /// An earlier victim (TIF_MEMDIE) or a foreign exiting task: stop, nothing killed.
        case busy
        /// The chosen task and its points, or nil when nothing was eligible.
        case chosen(task: Int?, points: UInt64)
    }

    /// The badness inputs of task `t`, for a filter container (nil = global).
    func badnessInput(_ t: Int, filter: Int?) -> BadnessInput {
        let task = tasks[t]
        let children = task.children.compactMap { c -> Int? in
            // Children sharing the parent's mm would be skipped; every child has its own here.
            tasks[c].mm?.totalVM
        }
        return BadnessInput(
            hasMM: task.mm != nil, totalVM: task.mm?.totalVM ?? 0, swapoff: task.swapoff,
            childrenTotalVM: children, cpuJiffies: task.cpuJiffies,
            startSeconds: task.startJiffiesSinceBoot / hz, nice: task.nice, uid: task.uid,
            caps: task.caps, oomAdj: task.oomAdj, inFilter: filter == nil || task.container == filter)
    }

    /// Monotonic uptime in whole seconds.
    var uptimeSeconds: Int { (config.machine.uptimeSeconds * hz + now) / hz }

    /// Walks every task in task-list order. Skips: no mm, pid 1, OOM_DISABLE. Aborts
    /// ("busy") on TIF_MEMDIE, and on PF_EXITING unless it is `current` (then current is
    /// chosen with ULONG_MAX). Otherwise a task replaces the choice iff its points are
    /// strictly greater or nothing is chosen yet (the first eligible task is taken even at 0).
    /// Each visited task is recorded as a candidate.
    mutating func selectBadProcess(filter: Int?, current: Int?, oomNo: Int, round: Int) -> Selection {
        var chosen: Int?
        var best: UInt64 = 0
        let uptime = uptimeSeconds
        var visitNo = 0
        for t in taskList where tasks[t].isAlive {
            let task = tasks[t]
            visitNo += 1
            func candidate(_ points: UInt64?, _ eligible: Bool, _ skip: OOMSkipReason?, _ factors: BadnessFactors? = nil) {
                events.oomCandidates.append(
                    OOMCandidateRecord(
                        oomNo: oomNo, round: round, pid: task.pid, name: task.name,
                        container: containerName(task.container), points: points,
                        totalVM: task.mm?.totalVM ?? 0, rss: task.mm?.rss ?? 0,
                        eligible: eligible, skipReason: skip, visitNo: visitNo, factors: factors))
            }
            guard task.mm != nil else { candidate(nil, false, .noMM); continue }
            if task.pid == 1 { candidate(nil, false, .initTask); continue }
            if task.memdie { candidate(nil, false, .memdie); return .busy }
            if task.exiting {
                if t != current { candidate(nil, false, .exiting); return .busy }
                candidate(UInt64.max, true, .exiting)
                chosen = t
                best = UInt64.max
                continue
            }
            if task.oomAdj == KernelConstants.oomDisable { candidate(nil, false, .oomDisable); continue }
            let input = badnessInput(t, filter: filter)
            let factors = badnessFactors(input, uptimeSeconds: uptime, hz: hz)
            let points = factors?.apply() ?? badness(input, uptimeSeconds: uptime, hz: hz)
            candidate(points, true, nil, factors)
            if points > best || chosen == nil {
                chosen = t
                best = points
            }
        }
        return .chosen(task: chosen, points: best)
    }
}
