/// The list steps shared by global reclaim (`shrink_active_list`, `shrink_inactive_list`)
/// and the seed's container reclaim (`container_shrink_pages_active`/`_inactive`): they
/// differ only in the list they isolate from and in `reclaim_mapped`.
extension Kernel {
    /// Where a step isolates pages from.
    enum LRUSource {
        /// The zone's lists; isolations count in `zone.pages_scanned`.
        case zone
        /// A container's own lists (`container_isolate_pages`).
        case container(Int)
    }

    /// Isolates up to `n` pages from the tail of the source's active or inactive list,
    /// oldest first.
    mutating func isolate(_ n: Int, from source: LRUSource, active: Bool, into batch: inout [Int32]) {
        batch.removeAll(keepingCapacity: true)
        while batch.count < n {
            let tail: Int32
            switch source {
            case .zone: tail = active ? zone.active.tail : zone.inactive.tail
            case .container(let c): tail = active ? containers[c].active.tail : containers[c].inactive.tail
            }
            guard tail >= 0 else { break }
            lruRemove(tail)
            batch.append(tail)
        }
        if case .zone = source { zone.pagesScanned += batch.count }
    }

    /// Counts an isolated batch by kind: anonymous pages and page cache (list rule, issue 15).
    func countKinds(_ batch: [Int32], stats: inout PassStats) {
        var anon = 0
        for pfn in batch where frames.has(pfn, .anon) { anon += 1 }
        stats.anonScanned += anon
        stats.fileScanned += batch.count - anon
    }

    /// Puts isolated pages back at the heads of their lists, oldest first, so they keep
    /// their relative order (docs/model.md §0 re-insertion order).
    mutating func putBack(_ batch: [Int32]) {
        for pfn in batch { lruAddHead(pfn) }
    }

    /// The active step (docs/model.md §3 items 1-3; §8.6 item 2 with `reclaimMapped` = 1): isolate
    /// up to `n` pages; unmapped pages go inactive unconditionally (their `Referenced` flag
    /// untouched); a mapped page stays active when `reclaim_mapped == 0`, or (no swap
    /// configured and anonymous), or `page_referenced` > 0 — left to right with short
    /// circuit, so `page_referenced` (which clears the bits) runs only when the first two
    /// are false; every other page is deactivated to the inactive head. Adds nothing to
    /// `sc.nr_scanned`.
    mutating func shrinkActive(_ n: Int, from source: LRUSource, reclaimMapped: Bool, stats: inout PassStats) {
        var batch = isolationBuffer
        isolate(n, from: source, active: true, into: &batch)
        stats.activeScanned += batch.count
        countKinds(batch, stats: &stats)
        var keep: [Int32] = []
        var deactivate: [Int32] = []
        for pfn in batch {
            if frames.has(pfn, .mapped) {
                if !reclaimMapped || (totalSwapPages == 0 && frames.has(pfn, .anon))
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

    /// The inactive step (docs/model.md §4; §8.6 item 3): batches of up to 32 from the inactive tail
    /// through `shrink_page_list`, until the entries isolated reach `maxScan` or a batch
    /// takes nothing; survivors go back to the head of their list. A list shorter than
    /// `maxScan` is isolated again. Returns pages freed.
    mutating func shrinkInactive(_ maxScan: Int, from source: LRUSource, sc: inout ScanControl, stats: inout PassStats) -> Int {
        var scanned = 0
        var reclaimed = 0
        var batch = isolationBuffer
        repeat {
            isolate(sc.swapClusterMax, from: source, active: false, into: &batch)
            let taken = batch.count
            scanned += taken
            stats.inactiveScanned += taken
            countKinds(batch, stats: &stats)
            reclaimed += shrinkPageList(&batch, sc: &sc, stats: &stats)
            if taken == 0 { break }
            putBack(batch)
        } while scanned < maxScan
        isolationBuffer = batch
        return reclaimed
    }

    /// `container_shrink_pages_active` (docs/model.md §8.6 item 2): `reclaim_mapped` is always 1.
    mutating func containerShrinkActive(_ n: Int, container c: Int, stats: inout PassStats) {
        shrinkActive(n, from: .container(c), reclaimMapped: true, stats: &stats)
    }

    /// `container_shrink_pages_inactive` (docs/model.md §8.6 item 3).
    mutating func containerShrinkInactive(_ maxScan: Int, container c: Int, sc: inout ScanControl, stats: inout PassStats) -> Int {
        shrinkInactive(maxScan, from: .container(c), sc: &sc, stats: &stats)
    }
}
