/// The charge-failure loop of the RSS controller (docs/model.md §8.2, v2 code, assumed for v1):
///
///     while charge(container, 1) fails:
///         if container_try_to_free_pages(container) succeeds: continue
///         container_out_of_memory(container)
///         if current has TIF_MEMDIE: the fault fails
///
/// No retry limit, no usage re-check before killing (the v1/v2 quirk fixed in v3).
/// The loop spins (docs/model.md §13.H): every round is a recorded reclaim call and OOM invocation,
/// until the victim has released its mm. [I] Simulated time: reclaim naps put the task to
/// sleep and resume the call later; after a kill, and after a `busy` or `none` answer to a
/// call that slept, the loop goes round at once (no sleep in the container OOM path,
/// §8.5); after an answer to a call that never slept the task yields until the next jiffy
/// (a loop that takes no simulated time would spin within the jiffy for ever; the victim's
/// exit lands at a jiffy boundary).
extension Kernel {
    /// Charges one page to task `t`'s container before a fault maps it.
    mutating func chargeLoop(task t: Int) -> AccessResult {
        guard let c = tasks[t].container else { return .done }
        while true {
            if containers[c].charge() { return .done }
            var call = beginContainerReclaim(container: c, task: t)
            if let result = reclaimAndMaybeKill(&call, task: t) { return result }
        }
    }

    /// Resumes the reclaim call task `t` slept in. Returns nil when the task should go on
    /// to retry its pending reference (which charges or allocates again).
    mutating func resumeReclaim(task t: Int) -> AccessResult? {
        guard var call = tasks[t].reclaim else { return nil }
        tasks[t].reclaim = nil
        if call.container == nil {
            switch runReclaimCall(&call) {
            case .sleep(let until):
                tasks[t].reclaim = call
                tasks[t].blockedUntil = until
                return .blocked
            case .done(let success):
                tasks[t].allocPhase = .afterReclaim(progress: success, callNo: call.callNo)
                return nil
            }
        }
        return reclaimAndMaybeKill(&call, task: t)
    }

    /// Runs a container reclaim call; on failure invokes the container OOM killer. nil = go
    /// round the loop again (retry the charge).
    mutating func reclaimAndMaybeKill(_ call: inout ReclaimCall, task t: Int) -> AccessResult? {
        switch runReclaimCall(&call) {
        case .sleep(let until):
            tasks[t].reclaim = call
            tasks[t].blockedUntil = until
            return .blocked
        case .done(success: true):
            return nil
        case .done(success: false):
            let outcome = containerOutOfMemory(container: call.container!, current: t, callNo: call.callNo)
            if tasks[t].memdie { return .died }
            if outcome == .killed || call.stallJiffies > 0 { return nil }
            tasks[t].blockedUntil = now + 1
            return .blocked
        }
    }
}
