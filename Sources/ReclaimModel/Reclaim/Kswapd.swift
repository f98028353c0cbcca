import ReclaimKernelFunctions
import ReclaimRecords

/// kswapd's state: asleep on its wait queue, or inside `balance_pgdat` (docs/model.md §6).
struct Kswapd: Sendable {
    /// Woken by an allocation that found the zone at or below `pages_low`.
    var awake = false
    /// The `balance_pgdat` round in progress, if any.
    var round: KswapdRound?
    /// Asleep in `congestion_wait` (or yielding) until this jiffy.
    var blockedUntil = 0
    /// In `congestion_wait` since this jiffy (woken early by a write completion).
    var congestionWaitSince: Int?
    /// In `get_request_wait` (PF_SWAPWRITE pageout found the queue full) since this jiffy.
    var requestWaitSince: Int?
}

/// One pass of `balance_pgdat`'s priority loop (from `loop_again` to `out`), recorded as one
/// `reclaim_calls` row with `origin = kswapd`; a new round starts at priority 12 with fresh
/// counters while the zone is still below `pages_high`.
struct KswapdRound: Sendable {
    let callNo: Int
    let startJiffy: Int
    var sc: ScanControl
    var priority = KernelConstants.defPriority
    var totalScanned = 0
    var nrReclaimed = 0
    /// The local `temp_priority[]` of the only zone (the last priority it was scanned at).
    var tempPriority = KernelConstants.defPriority
    var allZonesOK = false
    var stallJiffies = 0
    /// Inside `throttle_vm_writeout` after `shrink_zone`.
    var throttling = false
    /// After the nap that follows a pass: break when enough was freed.
    var checkAfterNap = false
    var pass = PassStats()
    var passMayWritepage = false
    var passStallJiffies = 0
    var passPrevPriority = KernelConstants.defPriority
    /// The round's `scan_passes` rows, recorded with its `reclaim_calls` row.
    var passes: [ScanPassRecord] = []
    /// As ``ReclaimCall/provisionalNap``: a nap counted as HZ/10 until it ends.
    var provisionalNap = 0
    var napAfterRecordedPass = false
}

extension Kernel {
    /// `wakeup_kswapd`: wakes kswapd unless the zone is above `pages_low`.
    mutating func wakeupKswapd() {
        guard !Watermarks.ok(free: frames.freeCount, mark: zone.watermarks.low) else { return }
        kswapd.awake = true
    }

    /// Runs kswapd at the current jiffy if it is awake and not sleeping.
    mutating func runKswapd() {
        guard kswapd.awake, kswapd.blockedUntil <= now else { return }
        if kswapd.round == nil {
            var sc = ScanControl(mayWritepage: !laptopMode, swappiness: config.machine.swappiness)
            sc.swapWrite = true  // kswapd runs with PF_MEMALLOC | PF_SWAPWRITE | PF_KSWAPD
            kswapd.round = KswapdRound(callNo: nextCallNo, startJiffy: now, sc: sc)
            nextCallNo += 1
        }
        var round = kswapd.round!
        if let since = kswapd.congestionWaitSince ?? kswapd.requestWaitSince {
            let slept = now - since - round.provisionalNap
            round.passStallJiffies += slept
            round.stallJiffies += slept
            if round.napAfterRecordedPass, let last = round.passes.indices.last {
                round.passes[last].congestionWaitMs = ms(round.passStallJiffies)
            }
            round.provisionalNap = 0
            round.napAfterRecordedPass = false
            kswapd.congestionWaitSince = nil
            kswapd.requestWaitSince = nil
        }
        let step = balancePgdat(&round)
        switch step {
        case .sleep(let until):
            kswapd.round = round
            kswapd.blockedUntil = until
        case .done(let balanced):
            kswapd.round = nil
            if balanced {
                kswapd.awake = false  // back to its wait queue until the next wakeup
            } else {
                kswapd.blockedUntil = now + 1  // [I] `goto loop_again` after cond_resched: next jiffy
            }
        }
    }

    /// `balance_pgdat(pgdat, order 0)` for the one zone (docs/model.md §6). Per priority 12...0: the
    /// zone is skipped when all-unreclaimable below priority 12 and needs no work when above
    /// `pages_high` (either ends the loop "all zones ok"); otherwise note the scanning
    /// priority, reset `sc.nr_scanned`, `shrink_zone`, mark the zone all-unreclaimable when
    /// `pages_scanned >= 6 * (active + inactive)`, force writeback once `total_scanned > 64`
    /// and `total_scanned > 1.5 * nr_reclaimed`, nap HZ/10 when `total_scanned > 0` and
    /// priority < 10, stop once 32 pages are freed. At the end `prev_priority = temp_priority`.
    /// `.done(true)` = the zone is balanced; `.done(false)` = start over.
    mutating func balancePgdat(_ r: inout KswapdRound) -> ReclaimStep {
        while true {
            if r.checkAfterNap {
                r.checkAfterNap = false
                if r.nrReclaimed >= KernelConstants.swapClusterMax { return finishKswapdRound(r) }
                r.priority -= 1
                continue
            }
            if r.throttling {
                if mustThrottleWriteout() {
                    r.passStallJiffies += congestionWaitJiffies
                    r.stallJiffies += congestionWaitJiffies
                    r.provisionalNap = congestionWaitJiffies
                    kswapd.congestionWaitSince = now
                    return .sleep(until: now + congestionWaitJiffies)
                }
                r.throttling = false
                r.totalScanned += r.sc.nrScanned
                if !zone.allUnreclaimable && zone.pagesScanned >= 6 * zone.lruPages {
                    zone.allUnreclaimable = true
                }
                if r.totalScanned > 2 * KernelConstants.swapClusterMax && r.totalScanned > r.nrReclaimed + r.nrReclaimed / 2 {
                    r.sc.mayWritepage = true
                }
                let napping = r.totalScanned > 0 && r.priority < KernelConstants.defPriority - 2
                if napping {
                    r.passStallJiffies += congestionWaitJiffies
                    r.stallJiffies += congestionWaitJiffies
                }
                recordKswapdPass(&r)
                if napping {
                    r.checkAfterNap = true
                    r.provisionalNap = congestionWaitJiffies
                    r.napAfterRecordedPass = true
                    kswapd.congestionWaitSince = now
                    return .sleep(until: now + congestionWaitJiffies)
                }
                if r.nrReclaimed >= KernelConstants.swapClusterMax { return finishKswapdRound(r) }
                r.priority -= 1
                continue
            }
            guard r.priority >= 0 else { return finishKswapdRound(r) }
            if r.priority == 0 { dropSwapToken() }  // "the swap token gets in the way of swapout"
            // The highest zone that needs scanning (there is one zone).
            if (zone.allUnreclaimable && r.priority != KernelConstants.defPriority)
                || Watermarks.ok(free: frames.freeCount, mark: zone.watermarks.high)
            {
                r.allZonesOK = true
                return finishKswapdRound(r)
            }
            r.allZonesOK = false
            r.tempPriority = r.priority
            r.sc.nrScanned = 0
            zone.prevPriority = min(zone.prevPriority, r.priority)  // note_zone_scanning_priority
            r.pass = PassStats()
            r.passMayWritepage = r.sc.mayWritepage
            r.passStallJiffies = 0
            r.passPrevPriority = zone.prevPriority
            r.nrReclaimed += shrinkZone(r.priority, sc: &r.sc, stats: &r.pass)
            r.throttling = true
            if submitterBlocked {
                submitterBlocked = false
                kswapd.requestWaitSince = now
                requestWaiters.append(.kswapd)
                return .sleep(until: Int.max)
            }
        }
    }

    private mutating func finishKswapdRound(_ r: KswapdRound) -> ReclaimStep {
        zone.prevPriority = r.tempPriority
        events.scanPasses.append(contentsOf: r.passes)
        events.reclaimCalls.append(
            ReclaimCallRecord(
                callNo: r.callNo, tMs: ms(r.startJiffy), origin: .kswapd, container: nil, pid: nil,
                result: r.allZonesOK ? 1 : 0, nrReclaimed: r.nrReclaimed, totalScanned: r.totalScanned,
                lastPriority: r.tempPriority, pdflushWoken: false,
                stallMs: ms(r.stallJiffies)))
        totals.reclaimCalls += 1
        totals.pagesScanned += r.totalScanned
        totals.pagesReclaimed += r.nrReclaimed
        return .done(success: r.allZonesOK)
    }

    private mutating func recordKswapdPass(_ r: inout KswapdRound) {
        let p = r.pass
        let decision = p.decision ?? reclaimMappedDecision(priority: r.priority, sc: r.sc)
        r.passes.append(
            ScanPassRecord(
                callNo: r.callNo, priority: r.priority, nrScanned: r.sc.nrScanned, nrReclaimed: p.nrReclaimed,
                activeScanned: p.activeScanned, deactivated: p.deactivated, inactiveScanned: p.inactiveScanned,
                activated: p.activated, keptDirty: p.keptDirty, writebackStarted: p.writebackStarted,
                mayWritepage: r.passMayWritepage, reclaimMapped: decision.reclaimMapped,
                swapTendency: decision.swapTendency, distress: decision.distress,
                mappedRatio: decision.mappedRatio, prevPriority: r.passPrevPriority,
                congestionWaitMs: ms(r.passStallJiffies), anonScanned: p.anonScanned, fileScanned: p.fileScanned))
    }
}
