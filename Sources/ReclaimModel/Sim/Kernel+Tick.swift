import ReclaimRecords
import ReclaimWorkloads

/// One jiffy of the machine. Order inside a jiffy (documented in docs/model.md §0):
/// 1. finished disk I/O completes (writeback end, read unlock); pdflush, kupdate and the
///    laptop-mode timer queue writes while the disk is not congested; kswapd runs if awake;
/// 2. OOM victims whose exit is due release their mm;
/// 3. tasks whose start time has come are forked;
/// 4. a sample is taken when the interval divides the jiffy;
/// 5. every running task that is not asleep runs, in task-list order: it resumes the reclaim
///    call it slept in, spawns due children, then makes its references for the jiffy.
extension Kernel {
    public mutating func tick() throws {
        completeIO()
        runPdflush()
        runKupdate()
        runLaptopTimer()
        runKswapd()
        for t in tasks.indices where tasks[t].state == .dying {
            if let exit = tasks[t].exitJiffy, exit <= now { exitTask(t) }
        }
        startDueTasks()
        if config.sampleIntervalJiffies > 0 && now % config.sampleIntervalJiffies == 0 {
            recordSamples()
        }
        // Children forked during the loop join the list but run from the next jiffy.
        let list = taskList
        for t in list where tasks[t].blockedUntil <= now {
            current = t
            defer { current = nil }
            switch tasks[t].state {
            case .running: runTask(t)
            case .dying where tasks[t].exitJiffy == nil: finishKernelWork(t)
            default: continue
            }
            if panicMessage != nil { return }
        }
    }

    /// Forks the scenario tasks whose start time has come, in creation order: earlier start
    /// first (a task that started before the run, `start_s < 0`, was created before one
    /// starting at 0), file order among equal starts, and never a child before its parent
    /// (scenario validation keeps a child's start at or after its parent's).
    private mutating func startDueTasks() {
        var due = tasks.indices.filter { tasks[$0].state == .unborn && tasks[$0].startJiffies <= now }
        guard !due.isEmpty else { return }
        due.sort { (tasks[$0].startJiffies, $0) < (tasks[$1].startJiffies, $1) }
        while !due.isEmpty {
            let next = due.firstIndex { t in tasks[t].parent.map { tasks[$0].state != .unborn } ?? true } ?? 0
            startTask(due.remove(at: next))
        }
    }

    /// One jiffy of a victim that was killed while asleep in the kernel (a reclaim call, a
    /// read, `balance_dirty_pages`, a full request queue): in the kernel these paths have no
    /// signal checks (docs/model.md §13.H), so the call runs to its end and the fault that
    /// entered it finishes (a charge retry, an OOM answered "busy" by its own TIF_MEMDIE,
    /// an allocation from the reserves); only then does the task return to user space and
    /// exit, `oomExitLatencyJiffies` later. No new page references.
    private mutating func finishKernelWork(_ t: Int) {
        tasks[t].cpuJiffies += 1
        if tasks[t].reclaim != nil, let result = resumeReclaim(task: t) {
            // Asleep again in the call, or the call failed and the fault with it (its own
            // TIF_MEMDIE: container_out_of_memory answered "busy", the charge gives up).
            if result == .blocked { return }
            tasks[t].pendingRef = nil
        }
        // balance_dirty_pages has no signal checks either: its whole loop runs first.
        if tasks[t].dirtyBalance != nil, balanceDirtyPages(task: t) != .done { return }
        if let pending = tasks[t].pendingRef {
            switch access(pending, task: t) {
            case .blocked: return
            case .done, .died: tasks[t].pendingRef = nil
            }
        }
        beginExit(t)
    }

    /// One jiffy of task `t`.
    private mutating func runTask(_ t: Int) {
        if tasks[t].workload.usesCPU || tasks[t].reclaim != nil { tasks[t].cpuJiffies += 1 }
        if tasks[t].reclaim != nil {
            if let result = resumeReclaim(task: t), result != .done { return }
        }
        if tasks[t].dirtyBalance != nil, balanceDirtyPages(task: t) != .done { return }
        // The parent forks once its own pages are written (none pending).
        if case .fork(_, let childPages, _, _) = tasks[t].workload.spec, tasks[t].pendingRef == nil {
            let due = tasks[t].workload.dueSpawns(elapsedJiffies: now - max(0, tasks[t].startJiffies))
            for _ in 0..<due { forkChild(of: t, pages: childPages) }
        }
        // The workload leaves the task for the jiffy's loop, so the hot path mutates a local
        // value instead of an element of the task array (access() never touches it).
        var workload = tasks[t].workload
        workload.beginTick()
        var refs = 0
        defer {
            tasks[t].workload = workload
            totals.pageRefs += refs
        }
        if let pending = tasks[t].pendingRef {
            tasks[t].pendingRef = nil
            switch access(pending, task: t) {
            case .done: refs += 1
            case .blocked:
                if tasks[t].state == .running { tasks[t].pendingRef = pending }
                return
            case .died: return
            }
        }
        while let ref = workload.next() {
            switch access(ref, task: t) {
            case .done:
                refs += 1
            case .blocked:
                if tasks[t].state == .running { tasks[t].pendingRef = ref }
                return
            case .died:
                return
            }
        }
    }

    /// One `samples` row for the machine and one per container.
    mutating func recordSamples() {
        let t = nowMs
        events.samples.append(
            SampleRecord(
                tMs: t, container: nil, usage: frames.count - frames.freeCount, active: zone.active.count,
                inactive: zone.inactive.count, dirty: nrFileDirty, writeback: nrWriteback,
                swapUsed: swap.used, free: frames.freeCount))
        for c in containers.indices {
            var dirty = 0
            var writeback = 0
            for list in [containers[c].active, containers[c].inactive] {
                var p = list.head
                while p >= 0 {
                    let f = frames.flags[Int(p)]
                    if f.contains(.dirty) || (f.contains(.anon) && anonPteDirty(p)) { dirty += 1 }
                    if f.contains(.writeback) { writeback += 1 }
                    p = frames.containerLinks.next[Int(p)]
                }
            }
            var swapUsed = 0
            for task in tasks where task.container == c { swapUsed += task.mm?.swapEntries ?? 0 }
            let cont = containers[c]
            events.samples.append(
                SampleRecord(
                    tMs: t, container: cont.name, usage: cont.usage, active: cont.active.count,
                    inactive: cont.inactive.count, dirty: dirty, writeback: writeback,
                    swapUsed: swapUsed, free: cont.limit - cont.usage))
        }
    }

    /// The `tasks` and `containers` rows for the end of the run.
    public func summary(panic: String? = nil) -> RunSummary {
        let taskRecords = tasks.filter { $0.state != .unborn }.map { task in
            TaskRecord(
                pid: task.pid, name: task.name, container: containerName(task.container),
                parentPid: task.parent.map { tasks[$0].pid }, uid: task.uid, nice: task.nice,
                oomAdj: task.oomAdj, workload: task.workloadName, startMs: ms(task.startJiffies),
                exitMs: task.exitJiffy.map { ms($0) }, oomKilled: task.oomKilled, maxRSS: task.maxRSS,
                totalVM: task.mm?.totalVM
                    ?? task.workload.anonPages + (task.fileAccess == .mmap ? task.workload.filePages : 0),
                cpuJiffies: task.cpuJiffies, faults: task.faults, majorFaults: task.majorFaults)
        }
        let containerRecords = containers.map {
            ContainerRecord(
                name: $0.name, limitPages: $0.limit, failcnt: $0.failcnt, maxUsage: $0.maxUsage,
                finalUsage: $0.usage)
        }
        let w = zone.watermarks
        let zones = [ZoneRecord(name: "Normal", presentPages: frames.count, pagesMin: w.min, pagesLow: w.low, pagesHigh: w.high)]
        var totals = totals
        totals.readRequests = disk.allocated[BlockQueue.Direction.read.rawValue]
        totals.writeRequests = disk.allocated[BlockQueue.Direction.write.rawValue]
        return RunSummary(totals: totals, tasks: taskRecords, containers: containerRecords, zones: zones, panic: panic)
    }
}
