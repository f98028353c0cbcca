/// The global LRU scanners of mm/vmscan.c: `shrink_zone`, `shrink_active_list`,
/// `shrink_inactive_list` (docs/model.md §2-§4), used by direct reclaim and kswapd.
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

    /// The `reclaim_mapped` decision for the zone now (docs/model.md §3).
    func reclaimMappedDecision(priority: Int, sc: ScanControl) -> ReclaimMappedDecision {
        ReclaimMappedDecision(
            maySwap: sc.maySwap, pagesScanned: zone.pagesScanned, lruPages: zone.lruPages,
            prevPriority: zone.prevPriority, priority: priority, mappedPages: nrFileMapped + nrAnonPages,
            vmTotalPages: vmTotalPages, swappiness: sc.swappiness)
    }

    /// `shrink_active_list(n, zone, sc, priority)` (docs/model.md §3): decide `reclaim_mapped` once,
    /// then the shared active step over the zone's list (isolations count in
    /// `zone.pages_scanned`).
    mutating func shrinkActiveList(_ n: Int, priority: Int, sc: inout ScanControl, stats: inout PassStats) {
        let decision = reclaimMappedDecision(priority: priority, sc: sc)
        stats.decision = decision
        shrinkActive(n, from: .zone, reclaimMapped: decision.reclaimMapped, stats: &stats)
    }

    /// `shrink_inactive_list(max_scan, zone, sc)` (docs/model.md §4): the shared inactive step over
    /// the zone's list.
    mutating func shrinkInactiveList(_ maxScan: Int, sc: inout ScanControl, stats: inout PassStats) -> Int {
        shrinkInactive(maxScan, from: .zone, sc: &sc, stats: &stats)
    }
}
