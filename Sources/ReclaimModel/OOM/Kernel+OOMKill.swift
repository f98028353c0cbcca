import ReclaimKernelFunctions
import ReclaimRecords

/// `oom_kill_process`, `oom_kill_task` (docs/model.md §7.3) and `container_out_of_memory` (§8.6 item 5).
extension Kernel {
    /// Jiffies between an OOM victim's return to user space and its exit (`exit_mm`
    /// releasing its pages): the victim gets a full timeslice and runs at the next tick. [I]
    /// A victim that is running or waiting outside reclaim returns at once, so it exits this
    /// long after the SIGKILL; one asleep inside a reclaim call first finishes the call and
    /// its fault (reclaim does not check for signals), then exits this long after that.
    public static let oomExitLatencyJiffies = 1

    /// `oom_kill_task(t)`: fails when `t` has no mm or is OOM_DISABLE (2.6.20 re-tests `t`
    /// itself for every thread sharing the mm). Init is never signalled. Otherwise sets
    /// TIF_MEMDIE and SIGKILL: the task exits after `oomExitLatencyJiffies`.
    /// Returns the task signalled, nil on failure; `.some(nil)` for init (success, no kill).
    mutating func oomKillTask(_ t: Int) -> Int?? {
        guard tasks[t].mm != nil else { return nil }
        if tasks[t].oomAdj == KernelConstants.oomDisable { return nil }
        if tasks[t].pid == 1 { return .some(nil) }
        signalKill(t)
        return .some(t)
    }

    /// TIF_MEMDIE + SIGKILL, which wakes only interruptible sleepers (docs/model.md §13.H). The
    /// running task (`current`, killed from its own fault) goes on with that fault — the
    /// allocator restarts and may take a page from the reserves — and exits after
    /// `oomExitLatencyJiffies`. A victim asleep in the kernel — inside a reclaim call, a
    /// read, `balance_dirty_pages`, a full request queue, the allocator's or the charge
    /// loop's wait — keeps that work and the fault around it, and exits once they are done
    /// (`finishKernelWork`). A victim between references exits after
    /// `oomExitLatencyJiffies`.
    mutating func signalKill(_ t: Int) {
        guard !tasks[t].memdie else { return }
        tasks[t].memdie = true
        tasks[t].oomKilled = true
        tasks[t].state = .dying
        totals.oomKills += 1
        if t == current {
            beginExit(t)
            return
        }
        if tasks[t].reclaim != nil || tasks[t].blockedUntil > now || tasks[t].dirtyBalance != nil {
            tasks[t].exitJiffy = nil
            return
        }
        beginExit(t)
        abandonPendingWork(t)
    }

    /// The victim is back in user space with SIGKILL pending and heads for `do_exit`:
    /// PF_EXITING is set ([I] from now, so selection sees it during the exit window; docs/model.md
    /// §13.H), and `exit_mm` releases its pages `oomExitLatencyJiffies` later.
    mutating func beginExit(_ t: Int) {
        tasks[t].exitJiffy = now + Self.oomExitLatencyJiffies
        tasks[t].exiting = true
    }

    /// `oom_kill_process(p, points)`: an exiting `p` just gets TIF_MEMDIE; otherwise the
    /// first child (oldest first) with its own mm that `oom_kill_task` accepts dies instead
    /// of `p`; failing that, `p` itself. Returns nil when nothing was killed (the caller
    /// selects again); `.some(nil)` when the kill "succeeded" without a victim (init).
    mutating func oomKillProcess(_ p: Int) -> Int?? {
        if tasks[p].exiting {
            signalKill(p)
            return .some(p)
        }
        for c in tasks[p].children where tasks[c].isAlive {
            if let victim = oomKillTask(c) { return victim }
        }
        return oomKillTask(p)
    }

    /// Ends the run: the machine panicked.
    mutating func panic(_ message: String) {
        if panicMessage == nil { panicMessage = "\(message) (at t=\(nowMs) ms)" }
    }

    /// `container_out_of_memory(rss)` for task `current` charging container `c`:
    /// select with the container filter; busy -> stop; nobody -> current; kill (children
    /// first); if the kill failed, select again. [I] The kernel would loop forever when the
    /// same kill keeps failing; the model stops after a second failed round with outcome
    /// `none`.
    @discardableResult
    mutating func containerOutOfMemory(container c: Int, current: Int, callNo: Int? = nil) -> OOMOutcome {
        outOfMemory(scope: .container, filter: c, current: current, callNo: callNo)
    }

    /// The selection-and-kill loop shared by the container OOM killer and the global
    /// `out_of_memory` (docs/model.md §7.4: no notifier chain and no cpuset/mempolicy constraint on
    /// this UMA machine; `panic_on_oom` panics first; nobody selectable panics). Records one
    /// `oom_events` row, with `callNo` the failed reclaim call that led here.
    mutating func outOfMemory(scope: OOMScope, filter: Int?, current: Int?, callNo: Int? = nil) -> OOMOutcome {
        let oomNo = nextOOMNo
        nextOOMNo += 1
        totals.oomEvents += 1
        var record = OOMEventRecord(
            oomNo: oomNo, tMs: nowMs, scope: scope, container: containerName(filter),
            triggerPid: current.map { tasks[$0].pid }, outcome: .none, chosenPid: nil,
            chosenPoints: nil, victimPid: nil, victimContainer: nil, callNo: callNo)
        defer { events.oomEvents.append(record) }
        if scope == .global && config.machine.panicOnOOM != 0 {
            panic("Kernel panic - not syncing: out of memory. panic_on_oom is selected")
            return .none
        }
        for round in 1...2 {
            switch selectBadProcess(filter: filter, current: current, oomNo: oomNo, round: round) {
            case .busy:
                record.outcome = .busy
                return .busy
            case .chosen(let task, let points):
                if scope == .global && task == nil {
                    panic("Kernel panic - not syncing: Out of memory and no killable processes...")
                    return .none
                }
                guard let p = task ?? current else { return .none }
                record.chosenPid = tasks[p].pid
                record.chosenPoints = task == nil ? 0 : points
                if let victim = oomKillProcess(p) {
                    guard let v = victim else { return .none }
                    record.outcome = .killed
                    record.victimPid = tasks[v].pid
                    record.victimContainer = containerName(tasks[v].container)
                    return .killed
                }
            }
        }
        return .none
    }
}
