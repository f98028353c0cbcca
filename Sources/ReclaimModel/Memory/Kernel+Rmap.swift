/// Mapping and unmapping (mm/rmap.c) with the RSS controller's hooks (docs/model.md §8.2): the
/// "add" hook charges a page to its first toucher's container when it becomes mapped, the
/// "del" hook uncharges it when its last mapping goes away.
extension Kernel {
    /// `page_add_*_rmap` for task `t` (docs/model.md §13.F): a young pte in `t`'s mm, `_mapcount`
    /// and `t`'s rss go up. The mapping that makes the page mapped (mapcount 0 -> 1) moves
    /// `NR_ANON_PAGES`/`NR_FILE_MAPPED` and attaches the charge the fault prepared (page onto
    /// the container list: first toucher, docs/model.md §8.2); a later mapping of an already mapped
    /// (shared file) page releases its prepared charge instead.
    mutating func pageAddRmap(_ pfn: Int32, task t: Int, write: Bool) {
        let p = Int(pfn)
        let first = frames.mapcount[p] == 0
        if frames.has(pfn, .anon) {
            let idx = Int(frames.index[p])
            precondition(tasks[t].mm!.anonPTE[idx] == pfn + 1, "the caller sets the pte")
            tasks[t].mm!.anonBits[idx] |= AnonPTE.young
        } else {
            let idx = Int(frames.index[p])
            precondition(tasks[t].mm!.filePTE[idx] == 0, "one pte per mm")
            tasks[t].mm!.filePTE[idx] = FilePTE.present | FilePTE.young
        }
        if write { setPteDirty(pfn, task: t) }
        frames.mapcount[p] += 1
        tasks[t].mm!.rss += 1
        if tasks[t].mm!.rss > tasks[t].maxRSS { tasks[t].maxRSS = tasks[t].mm!.rss }
        guard first else {
            releasePrecharge(t)  // the page already belongs to somebody
            return
        }
        frames.set(pfn, .mapped)
        if frames.has(pfn, .anon) { nrAnonPages += 1 } else { nrFileMapped += 1 }
        if let c = tasks[t].container {
            frames.container[Int(pfn)] = Int16(c)
            if frames.has(pfn, .lru) {
                if frames.has(pfn, .active) {
                    frames.containerLinks.addHead(&containers[c].active, pfn)
                } else {
                    frames.containerLinks.addHead(&containers[c].inactive, pfn)
                }
            }
        }
    }

    /// `page_remove_rmap`: `t`'s pte goes away (an anonymous pte's dirty bit moves into
    /// `PG_dirty`, as `try_to_unmap_one` does; zap and COW clear it first); at the last unmap (mapcount 1 -> 0) the counters move and the page is
    /// uncharged from whichever container it was charged to (the v2 "del" hook, docs/model.md §8.2).
    mutating func pageRemoveRmap(_ pfn: Int32, task t: Int) {
        let p = Int(pfn)
        precondition(frames.mapcount[p] > 0)
        if frames.has(pfn, .anon) {
            let idx = Int(frames.index[p])
            if tasks[t].mm!.anonBits[idx] & AnonPTE.dirty != 0 { setPageDirty(pfn) }
            tasks[t].mm!.anonBits[idx] = 0
        } else {
            tasks[t].mm!.filePTE[Int(frames.index[p])] = 0
        }
        frames.mapcount[p] -= 1
        tasks[t].mm!.rss -= 1
        guard frames.mapcount[p] == 0 else { return }
        frames.clear(pfn, .mapped)
        if frames.has(pfn, .anon) { nrAnonPages -= 1 } else { nrFileMapped -= 1 }
        let c = Int(frames.container[Int(pfn)])
        if c >= 0 {
            if frames.has(pfn, .lru) { containerListRemove(c, pfn, active: frames.has(pfn, .active)) }
            frames.container[Int(pfn)] = -1
            containers[c].uncharge()
        }
    }

    /// A write through the pte. Anonymous pages keep the dirty bit in the pte until unmap;
    /// shared file mappings are write-protected since 2.6.19, so the first write after a
    /// clean state faults and calls `set_page_dirty` at once.
    mutating func setPteDirty(_ pfn: Int32, task t: Int) {
        if frames.has(pfn, .anon) {
            tasks[t].mm!.anonBits[Int(frames.index[Int(pfn)])] |= AnonPTE.dirty
        } else {
            setPageDirty(pfn)
        }
    }

    /// `set_page_dirty`: file pages are counted in `NR_FILE_DIRTY` and queued for pdflush;
    /// swap-cache pages are not accounted (swapper_space has no dirty accounting).
    mutating func setPageDirty(_ pfn: Int32) {
        guard !frames.has(pfn, .dirty) else { return }
        frames.set(pfn, .dirty)
        if !frames.has(pfn, .anon) {
            nrFileDirty += 1
            let f = Int(frames.space[Int(pfn)])
            if files[f].dirtyPages == 0 { files[f].dirtiedWhen = now }
            files[f].dirtyPages += 1
        }
    }

    /// `clear_page_dirty_for_io`.
    mutating func clearPageDirty(_ pfn: Int32) {
        guard frames.has(pfn, .dirty) else { return }
        frames.clear(pfn, .dirty)
        if !frames.has(pfn, .anon) {
            nrFileDirty -= 1
            files[Int(frames.space[Int(pfn)])].dirtyPages -= 1
        }
    }

    /// Frees a page that is off every list and unmapped; a free resets the zone's
    /// `pages_scanned` and clears `all_unreclaimable` (docs/model.md §0).
    mutating func freePage(_ pfn: Int32) {
        precondition(!frames.has(pfn, .lru) && !frames.has(pfn, .mapped) && frames.container[Int(pfn)] < 0)
        frames.free(pfn)
        zone.pagesScanned = 0
        zone.allUnreclaimable = false
    }

    /// Removes a page from the swap cache (`__delete_from_swap_cache` + `swap_free`): the
    /// cache's slot reference goes; ptes holding the entry keep the slot.
    mutating func deleteFromSwapCache(_ pfn: Int32) {
        let slot = frames.swapSlot[Int(pfn)]
        precondition(slot >= 0)
        swap.cache[Int(slot)] = -1
        swap.release(slot)
        frames.swapSlot[Int(pfn)] = -1
        frames.clear(pfn, .swapCache)
    }

    /// `add_to_swap`: a slot and a place in the swap cache for an anonymous page, which
    /// becomes dirty (docs/model.md §4 rule 7). False when there is no swap or it is full.
    mutating func addToSwap(_ pfn: Int32) -> Bool {
        guard let slot = swap.allocate() else { return false }
        swap.cache[Int(slot)] = pfn
        frames.swapSlot[Int(pfn)] = slot
        frames.set(pfn, .swapCache)
        frames.set(pfn, .dirty)
        return true
    }

    /// Removes a clean, unmapped file page from its file's page cache.
    mutating func removeFromPageCache(_ pfn: Int32) {
        let f = Int(frames.space[Int(pfn)])
        files[f].pages[Int(frames.index[Int(pfn)])] = -1
    }
}
