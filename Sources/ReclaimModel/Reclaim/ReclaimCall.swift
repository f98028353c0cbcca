import ReclaimKernelFunctions
import ReclaimRecords

/// One call of a reclaim entry point with a priority loop — `container_try_to_free_pages`
/// (docs/model.md §8.6 item 4) or `try_to_free_pages` (docs/model.md §1) — as a resumable state: the call
/// sleeps in `congestion_wait` and `throttle_vm_writeout`, and the world (other tasks, the
/// disk, kswapd) moves on while it sleeps, so the call resumes jiffy-exact.
struct ReclaimCall: Sendable {
    enum Phase: Sendable {
        /// Run the shrink step at `priority`.
        case shrink
        /// Inside `throttle_vm_writeout` after the shrink.
        case throttle
    }

    /// `container` for container reclaim, nil for direct reclaim.
    let container: Int?
    let task: Int
    let callNo: Int
    let startJiffy: Int
    var sc: ScanControl
    var priority = KernelConstants.defPriority
    var phase = Phase.shrink
    /// Cumulative over the priority loop.
    var nrReclaimed = 0
    var totalScanned = 0
    var pdflushWoken = false
    var stallJiffies = 0
    /// `sc.all_unreclaimable` of the last `shrink_zones` (direct reclaim).
    var allUnreclaimable = false
    /// Whether this pass shrank anything (a skipped zone is not throttled).
    var shrank = false
    /// The pass in progress.
    var pass = PassStats()
    var passMayWritepage = false
    var passStallJiffies = 0
    var passPrevPriority: Int?
    /// The sleep in progress was counted as a full HZ/10 when it began (so a pass recorded
    /// before its nap shows it); the real length replaces it when the call resumes.
    var provisionalNap = 0
    /// That nap follows a pass already held in ``passes`` (its wait is corrected there).
    var napAfterRecordedPass = false
    /// The `scan_passes` rows of the passes run so far: recorded together with the call's
    /// row when it returns, so a call still in progress when the run ends leaves neither.
    var passes: [ScanPassRecord] = []

    var origin: ReclaimOrigin { container == nil ? .direct : .container }
}

/// How a reclaim call left its caller.
enum ReclaimStep: Sendable {
    /// Asleep until the given jiffy; resume the call then.
    case sleep(until: Int)
    /// Returned: 1 = success, 0 = failure.
    case done(success: Bool)
}

extension Kernel {
    /// Starts `container_try_to_free_pages(rss)` for task `t` charging container `c`:
    /// GFP_KERNEL, `may_writepage = !laptop_mode`, `may_swap = 1`, `swappiness =
    /// vm_swappiness` (never read on this path).
    mutating func beginContainerReclaim(container c: Int, task t: Int) -> ReclaimCall {
        beginReclaimCall(container: c, task: t)
    }

    /// Starts `try_to_free_pages(zones, gfp)` for task `t` (docs/model.md §1): `may_writepage =
    /// !laptop_mode`, `may_swap = 1`, `swappiness = vm_swappiness`.
    mutating func beginDirectReclaim(task t: Int) -> ReclaimCall {
        beginReclaimCall(container: nil, task: t)
    }

    private mutating func beginReclaimCall(container c: Int?, task t: Int) -> ReclaimCall {
        let call = ReclaimCall(
            container: c, task: t, callNo: nextCallNo, startJiffy: now,
            sc: ScanControl(mayWritepage: !laptopMode, swappiness: config.machine.swappiness))
        nextCallNo += 1
        return call
    }

    /// Runs the call until it sleeps or returns. Every sleep — `congestion_wait` (woken at
    /// the first write completion below the queue's "off" threshold, or after HZ/10, docs/model.md
    /// §13.B), `throttle_vm_writeout`, `get_request_wait` on a full queue — counts in the
    /// call's and the pass's stall for as long as it really lasted. Per priority 12...0: reset `sc.nr_scanned`;
    /// shrink (`container_shrink_pages`, or `shrink_zones` noting the scanning priority and
    /// skipping an all-unreclaimable zone below 12); `throttle_vm_writeout`;
    /// `total_scanned += sc.nr_scanned`; return success once enough is freed (container:
    /// `> 1`; direct: `>= 32`, checked before the writeback steps); past 48 scanned wake
    /// pdflush (`laptop_mode ? all : total_scanned`) and set `may_writepage`; nap HZ/10 when
    /// this priority scanned anything and `priority < 10`. After priority 0: container
    /// reclaim fails; direct reclaim fails only if the last `shrink_zones` skipped every zone.
    /// Direct reclaim leaves `prev_priority = max(priority, 0)` in the zone.
    mutating func runReclaimCall(_ call: inout ReclaimCall) -> ReclaimStep {
        let slept = endSleep(task: call.task) - call.provisionalNap
        call.passStallJiffies += slept
        call.stallJiffies += slept
        if call.napAfterRecordedPass, let last = call.passes.indices.last {
            call.passes[last].congestionWaitMs = ms(call.passStallJiffies)
        }
        call.provisionalNap = 0
        call.napAfterRecordedPass = false
        while true {
            switch call.phase {
            case .shrink:
                if call.priority < 0 { return finish(call, success: call.container == nil && !call.allUnreclaimable) }
                call.sc.nrScanned = 0
                call.pass = PassStats()
                call.passMayWritepage = call.sc.mayWritepage
                call.passStallJiffies = 0
                // try_to_free_pages: disable_swap_token() at priority 0 (VS:1046). [I] The
                // container's loop keeps the token: the seed patch's loop does not call it.
                if call.container == nil && call.priority == 0 { dropSwapToken() }
                if let c = call.container {
                    call.shrank = true
                    call.nrReclaimed += containerShrinkPages(call.priority, container: c, call: &call)
                } else {
                    call.nrReclaimed += shrinkZones(&call)
                }
                call.phase = .throttle
                if submitterBlocked {
                    // pageout() found the write queue full: get_request_wait.
                    submitterBlocked = false
                    requestWait(task: call.task)
                    return .sleep(until: tasks[call.task].blockedUntil)
                }
            case .throttle:
                // throttle_vm_writeout() at the end of container_shrink_pages / shrink_zone.
                if call.shrank && mustThrottleWriteout() {
                    return nap(&call, afterRecordedPass: false)
                }
                call.totalScanned += call.sc.nrScanned
                let succeeded = call.container == nil
                    ? Self.directReclaimSucceeded(nrReclaimed: call.nrReclaimed)
                    : Self.containerReclaimSucceeded(nrReclaimed: call.nrReclaimed)
                if succeeded {
                    recordPass(&call)
                    return finish(call, success: true)
                }
                if Self.wakesPdflush(totalScanned: call.totalScanned, clusterMax: call.sc.swapClusterMax) {
                    wakeupPdflush(laptopMode ? 0 : call.totalScanned)
                    call.pdflushWoken = true
                    call.sc.mayWritepage = true
                }
                let napping = Self.napsAfterPass(nrScanned: call.sc.nrScanned, priority: call.priority)
                if napping {
                    call.passStallJiffies += congestionWaitJiffies
                    call.stallJiffies += congestionWaitJiffies
                }
                recordPass(&call)
                call.priority -= 1
                call.phase = .shrink
                if napping { return nap(&call, afterRecordedPass: true) }
            }
        }
    }

    /// `shrink_zones(priority, zones, sc)` for the one zone (docs/model.md §2).
    private mutating func shrinkZones(_ call: inout ReclaimCall) -> Int {
        call.allUnreclaimable = true
        zone.prevPriority = min(zone.prevPriority, call.priority)  // note scanning priority
        call.passPrevPriority = zone.prevPriority
        call.shrank = false
        if zone.allUnreclaimable && call.priority != KernelConstants.defPriority { return 0 }
        call.allUnreclaimable = false
        call.shrank = true
        return shrinkZone(call.priority, sc: &call.sc, stats: &call.pass)
    }

    /// Direct reclaim succeeds once 32 pages are freed, cumulatively (`>=`, G5).
    public static func directReclaimSucceeded(nrReclaimed: Int) -> Bool {
        nrReclaimed >= KernelConstants.swapClusterMax
    }

    /// Container reclaim succeeds once more than one page is freed (`nr_reclaimed > 1`,
    /// docs/model.md §8.3: two pages, against 32 on the global path).
    public static func containerReclaimSucceeded(nrReclaimed: Int) -> Bool { nrReclaimed > 1 }

    /// pdflush is woken and `may_writepage` set once the call's cumulative scan count passes
    /// `swap_cluster_max + swap_cluster_max / 2` = 48 (strict: 49 triggers, 48 does not; G5).
    public static func wakesPdflush(totalScanned: Int, clusterMax: Int = KernelConstants.swapClusterMax) -> Bool {
        totalScanned > clusterMax + clusterMax / 2
    }

    /// `congestion_wait(WRITE, HZ/10)` after a pass that scanned something at priority
    /// `< DEF_PRIORITY - 2`, i.e. 9...0 (G5).
    public static func napsAfterPass(nrScanned: Int, priority: Int) -> Bool {
        nrScanned > 0 && priority < KernelConstants.defPriority - 2
    }

    /// Sleeps one `congestion_wait(WRITE, HZ/10)` (after a pass, or inside
    /// `throttle_vm_writeout`); the time counts when the call resumes.
    private mutating func nap(_ call: inout ReclaimCall, afterRecordedPass: Bool) -> ReclaimStep {
        if !afterRecordedPass {
            call.passStallJiffies += congestionWaitJiffies
            call.stallJiffies += congestionWaitJiffies
        }
        call.provisionalNap = congestionWaitJiffies
        call.napAfterRecordedPass = afterRecordedPass
        congestionWait(task: call.task, timeout: congestionWaitJiffies)
        return .sleep(until: tasks[call.task].blockedUntil)
    }

    /// Records the call's passes and its row and returns its result; direct reclaim notes
    /// the priority it ended at in the zone's `prev_priority`.
    mutating func finish(_ call: ReclaimCall, success: Bool) -> ReclaimStep {
        if call.container == nil { zone.prevPriority = max(call.priority, 0) }
        events.scanPasses.append(contentsOf: call.passes)
        events.reclaimCalls.append(
            ReclaimCallRecord(
                callNo: call.callNo, tMs: ms(call.startJiffy), origin: call.origin,
                container: containerName(call.container), pid: tasks[call.task].pid,
                result: success ? 1 : 0, nrReclaimed: call.nrReclaimed, totalScanned: call.totalScanned,
                lastPriority: max(0, call.priority), pdflushWoken: call.pdflushWoken,
                stallMs: ms(call.stallJiffies)))
        totals.reclaimCalls += 1
        totals.pagesScanned += call.totalScanned
        totals.pagesReclaimed += call.nrReclaimed
        totals.stallMs += ms(call.stallJiffies)
        return .done(success: success)
    }

    private mutating func recordPass(_ call: inout ReclaimCall) {
        let p = call.pass
        let decision = call.container == nil ? (p.decision ?? reclaimMappedDecision(priority: call.priority, sc: call.sc)) : nil
        call.passes.append(
            ScanPassRecord(
                callNo: call.callNo, priority: call.priority, nrScanned: call.sc.nrScanned,
                nrReclaimed: p.nrReclaimed, activeScanned: p.activeScanned, deactivated: p.deactivated,
                inactiveScanned: p.inactiveScanned, activated: p.activated, keptDirty: p.keptDirty,
                writebackStarted: p.writebackStarted, mayWritepage: call.passMayWritepage,
                reclaimMapped: decision?.reclaimMapped ?? true, swapTendency: decision?.swapTendency,
                distress: decision?.distress, mappedRatio: decision?.mappedRatio,
                prevPriority: call.passPrevPriority, congestionWaitMs: ms(call.passStallJiffies),
                anonScanned: p.anonScanned, fileScanned: p.fileScanned))
    }

    /// `container_shrink_pages(prio)` (docs/model.md §8.6 item 1): two separate loops, each over
    /// `n = (physpages >> prio) + 1` (zero when below `swap_cluster_max`) in chunks of 32,
    /// first the active step, then the inactive step; returns pages freed.
    mutating func containerShrinkPages(_ priority: Int, container c: Int, call: inout ReclaimCall) -> Int {
        let clusterMax = call.sc.swapClusterMax
        var n = Self.containerScanSize(physpages: containers[c].physpages, priority: priority, clusterMax: clusterMax)
        while n > 0 {
            let chunk = min(n, clusterMax)
            n -= chunk
            containerShrinkActive(chunk, container: c, stats: &call.pass)
        }
        var reclaimed = 0
        n = Self.containerScanSize(physpages: containers[c].physpages, priority: priority, clusterMax: clusterMax)
        while n > 0 {
            let chunk = min(n, clusterMax)
            n -= chunk
            reclaimed += containerShrinkInactive(chunk, container: c, sc: &call.sc, stats: &call.pass)
        }
        return reclaimed
    }

    /// `(physpages >> priority) + 1`, zeroed when below `clusterMax` (G1: a 1000-page
    /// container scans nothing until priority 5, where it scans 32).
    public static func containerScanSize(physpages: Int, priority: Int, clusterMax: Int = KernelConstants.swapClusterMax) -> Int {
        let n = (physpages >> priority) + 1
        return n < clusterMax ? 0 : n
    }
}
