/// The charge-failure loop of the RSS controller (spec §8.2, v2 code, assumed for v1):
///
///     while charge(container, 1) fails:
///         if container_try_to_free_pages(container) succeeds: continue
///         container_out_of_memory(container)
///         if current has TIF_MEMDIE: the fault fails
///
/// No retry limit, no usage re-check before killing (the v1/v2 quirk fixed in v3).
/// [I] Simulated time: reclaim naps put the task to sleep and resume the call later; after
/// an OOM kill the loop goes round at once (the kernel spins), and after a `busy` or `none`
/// answer the task yields until the next jiffy, which is when a victim's exit lands.
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
    private mutating func reclaimAndMaybeKill(_ call: inout ReclaimCall, task t: Int) -> AccessResult? {
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
            if outcome == .killed { return nil }
            tasks[t].blockedUntil = now + 1
            return .blocked
        }
    }
}
