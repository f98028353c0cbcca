/// The global LRU scanners of mm/vmscan.c: `shrink_zone`, `shrink_active_list`,
/// `shrink_inactive_list` (spec §2-§4), used by direct reclaim and kswapd.
extension Kernel {
    /// `shrink_zone(priority, zone, sc)`: adds `(size >> priority) + 1` to each accumulator,
    /// scans an accumulator once it reaches 32 (then resets it), interleaving 32-page chunks
    /// of the active and inactive lists, active first. Returns pages freed. The caller runs
    /// `throttle_vm_writeout` afterwards.
    mutating func shrinkZone(_ priority: Int, sc: inout ScanControl, stats: inout PassStats) -> Int {
        let a = ScanAccumulator.step(accumulator: zone.nrScanActive, listSize: zone.active.count, priority: priority, clusterMax: sc.swapClusterMax)
        zone.nrScanActive = a.accumulator
        let i = ScanAccumulator.step(accumulator: zone.nrScanInactive, listSize: zone.inactive.count, priority: priority, clusterMax: sc.swapClusterMax)
        zone.nrScanInactive = i.accumulator
        var nrActive = a.scan
        var nrInactive = i.scan
        var reclaimed = 0
        while nrActive > 0 || nrInactive > 0 {
            if nrActive > 0 {
                let chunk = min(nrActive, sc.swapClusterMax)
                nrActive -= chunk
                shrinkActiveList(chunk, priority: priority, sc: &sc, stats: &stats)
            }
            if nrInactive > 0 {
                let chunk = min(nrInactive, sc.swapClusterMax)
                nrInactive -= chunk
                reclaimed += shrinkInactiveList(chunk, sc: &sc, stats: &stats)
            }
        }
        return reclaimed
    }

    /// The `reclaim_mapped` decision for the zone now (spec §3).
    func reclaimMappedDecision(priority: Int, sc: ScanControl) -> ReclaimMappedDecision {
        ReclaimMappedDecision(
            maySwap: sc.maySwap, pagesScanned: zone.pagesScanned, lruPages: zone.lruPages,
            prevPriority: zone.prevPriority, priority: priority, mappedPages: nrFileMapped + nrAnonPages,
            vmTotalPages: vmTotalPages, swappiness: sc.swappiness)
    }

    /// `shrink_active_list(n, zone, sc, priority)` (spec §3): decide `reclaim_mapped` once,
    /// isolate up to `n` pages from the active tail (counted in `zone.pages_scanned`),
    /// send unmapped pages inactive unconditionally, keep a mapped page active when
    /// `reclaim_mapped == 0`, or (no swap and anonymous), or `page_referenced` > 0 — left to
    /// right, short-circuit — and deactivate the rest.
    mutating func shrinkActiveList(_ n: Int, priority: Int, sc: inout ScanControl, stats: inout PassStats) {
        let decision = reclaimMappedDecision(priority: priority, sc: sc)
        stats.decision = decision
        var batch = isolationBuffer
        isolateFromZone(n, active: true, into: &batch)
        zone.pagesScanned += batch.count
        stats.activeScanned += batch.count
        var keep: [Int32] = []
        var deactivate: [Int32] = []
        for pfn in batch {
            if frames.has(pfn, .mapped) {
                if !decision.reclaimMapped || (totalSwapPages == 0 && frames.has(pfn, .anon))
                    || pageReferenced(pfn, activeListCheck: true) > 0
                {
                    keep.append(pfn)
                    continue
                }
            }
            deactivate.append(pfn)
        }
        for pfn in deactivate {
            frames.clear(pfn, .active)
            lruAddHead(pfn)
        }
        stats.deactivated += deactivate.count
        putBack(keep)
        isolationBuffer = batch
    }

    /// `shrink_inactive_list(max_scan, zone, sc)` (spec §4): batches of up to 32 from the
    /// inactive tail through `shrink_page_list` until `max_scan` entries were isolated or a
    /// batch took nothing; survivors go back to the head of their list.
    mutating func shrinkInactiveList(_ maxScan: Int, sc: inout ScanControl, stats: inout PassStats) -> Int {
        var scanned = 0
        var reclaimed = 0
        var batch = isolationBuffer
        repeat {
            isolateFromZone(sc.swapClusterMax, active: false, into: &batch)
            let taken = batch.count
            zone.pagesScanned += taken
            scanned += taken
            stats.inactiveScanned += taken
            reclaimed += shrinkPageList(&batch, sc: &sc, stats: &stats)
            if taken == 0 { break }
            putBack(batch)
        } while scanned < maxScan
        isolationBuffer = batch
        return reclaimed
    }

    /// `isolate_lru_pages` from the zone's active or inactive tail, oldest first.
    mutating func isolateFromZone(_ n: Int, active: Bool, into batch: inout [Int32]) {
        batch.removeAll(keepingCapacity: true)
        while batch.count < n {
            let tail = active ? zone.active.tail : zone.inactive.tail
            guard tail >= 0 else { break }
            lruRemove(tail)
            batch.append(tail)
        }
    }
}
