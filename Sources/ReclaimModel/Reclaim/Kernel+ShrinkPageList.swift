/// `shrink_page_list` of 2.6.20 (docs/model.md §4): what happens to each isolated inactive page.
extension Kernel {
    /// The fate of one page in `shrink_page_list`.
    enum PageFate {
        case keep
        case activate
        case free
    }

    /// Runs the §4 table over `batch` (oldest first), updating `sc.nrScanned` (+1 per locked
    /// page, +1 more when mapped or in swap cache) and `stats`. Freed pages leave the batch;
    /// survivors stay in it, `Active` set on the activated ones, for the caller to put back.
    /// Returns the number freed.
    ///
    /// - Complexity: O(batch).
    mutating func shrinkPageList(_ batch: inout [Int32], sc: inout ScanControl, stats: inout PassStats) -> Int {
        var freed = 0
        var survivors = 0
        for i in batch.indices {
            let pfn = batch[i]
            switch shrinkOnePage(pfn, sc: &sc, stats: &stats) {
            case .free:
                freePage(pfn)
                freed += 1
            case .activate:
                frames.set(pfn, .active)
                stats.activated += 1
                batch[survivors] = pfn
                survivors += 1
            case .keep:
                batch[survivors] = pfn
                survivors += 1
            }
        }
        batch.removeLast(batch.count - survivors)
        stats.nrReclaimed += freed
        return freed
    }

    /// Rules 1-12 of docs/model.md §4 for one page, first match wins.
    private mutating func shrinkOnePage(_ pfn: Int32, sc: inout ScanControl, stats: inout PassStats) -> PageFate {
        var f = frames.flags[Int(pfn)]
        // 1. The page lock cannot be taken (a read is in flight): keep, not counted.
        if f.contains(.locked) { return .keep }
        // 2. Counted.
        sc.nrScanned += 1
        // 3. No swapping allowed and mapped.
        if !sc.maySwap && f.contains(.mapped) { return .keep }
        // 4. Mapped or in swap cache: counted twice.
        if f.contains(.mapped) || f.contains(.swapCache) { sc.nrScanned += 1 }
        // 5. Under writeback.
        if f.contains(.writeback) { return .keep }
        // 6. Referenced and in use.
        let referenced = pageReferenced(pfn, activeListCheck: false)
        if referenced > 0 && pageMappingInUse(pfn) { return .activate }
        // 7. Anonymous and not yet in swap cache: needs a swap slot.
        if f.contains(.anon) && !f.contains(.swapCache) {
            if !addToSwap(pfn) { return .activate }
        }
        // 8. Mapped: unmap from every pte (a young pte or VM_LOCKED would refuse; rule 6
        //    has just cleared the young bits and no VMA is locked in this model).
        if frames.has(pfn, .mapped) && !tryToUnmap(pfn) { return .activate }
        // 9. Dirty: keep, or start the write.
        f = frames.flags[Int(pfn)]
        if f.contains(.dirty) {
            if referenced > 0 || !sc.gfpCanFS || !sc.mayWritepage {
                stats.keptDirty += 1
                return .keep
            }
            // pageout() -> may_write_to_queue(): swap is never considered congested; file
            // writes respect the queue unless the reclaimer is kswapd (PF_SWAPWRITE).
            if !f.contains(.swapCache) && disk.isWriteCongested && !sc.swapWrite {
                stats.keptDirty += 1
                return .keep
            }
            startWrite(pfn, forReclaim: true)
            stats.writebackStarted += 1
            return .keep  // asynchronous: freed by a later scan once the write is done
        }
        // 10. Buffers: not modelled (no PagePrivate pages).
        // 11. No mapping, or removal from the page/swap cache fails.
        if f.contains(.anon) && !f.contains(.swapCache) { return .keep }
        // 12. Free.
        if f.contains(.swapCache) { deleteFromSwapCache(pfn) } else { removeFromPageCache(pfn) }
        return .free
    }

    /// `try_to_unmap` (docs/model.md §13.F): an anonymous page's ptes (one per mm of its
    /// anon_vma that maps it) each become a swap entry taking a reference on the slot; a file
    /// page's ptes are cleared mapper by mapper; both stop with `SWAP_FAIL` at a young pte (its young bit cleared; the ptes already
    /// removed stay removed). The last unmap uncharges (docs/model.md §8.2). False on `SWAP_FAIL`.
    @discardableResult
    mutating func tryToUnmap(_ pfn: Int32) -> Bool {
        let owner = Int(frames.space[Int(pfn)])
        let idx = Int(frames.index[Int(pfn)])
        if frames.has(pfn, .anon) {
            let slot = frames.swapSlot[Int(pfn)]
            for m in anonMappers(pfn) {
                if tasks[m].mm!.anonBits[idx] & AnonPTE.young != 0 {
                    tasks[m].mm!.anonBits[idx] &= ~AnonPTE.young
                    return false
                }
                swap.retain(slot)
                tasks[m].mm!.anonPTE[idx] = -(slot + 1)
                tasks[m].mm!.swapEntries += 1
                pageRemoveRmap(pfn, task: m)
            }
            return true
        }
        for m in files[owner].mappers where idx < tasks[m].mm!.filePTE.count {
            let pte = tasks[m].mm!.filePTE[idx]
            guard pte & FilePTE.present != 0 else { continue }
            if pte & FilePTE.young != 0 {
                tasks[m].mm!.filePTE[idx] = FilePTE.present
                return false
            }
            pageRemoveRmap(pfn, task: m)
        }
        return true
    }
}
