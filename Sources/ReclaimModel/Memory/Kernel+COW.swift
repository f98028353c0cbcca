/// Copy-on-write of anonymous pages (docs/model.md §13.F F2, F3): fork's `copy_page_range`
/// shares the parent's pages write-protected, `do_wp_page` reuses or copies on a write, and
/// the anon_vma walk finds every pte of a shared page.
extension Kernel {
    /// The tasks of `pfn`'s anon_vma whose pte maps it, in fork order (the
    /// `page_referenced_anon` / `try_to_unmap_anon` walk).
    func anonMappers(_ pfn: Int32) -> [Int] {
        let idx = Int(frames.index[Int(pfn)])
        return (anonVMAs[Int(frames.space[Int(pfn)])] ?? []).filter { m in
            let ptes = tasks[m].mm!.anonPTE
            return idx < ptes.count && ptes[idx] == pfn + 1
        }
    }

    /// Whether some pte of anonymous page `pfn` has its dirty bit set.
    func anonPteDirty(_ pfn: Int32) -> Bool {
        let idx = Int(frames.index[Int(pfn)])
        return anonMappers(pfn).contains { tasks[$0].mm!.anonBits[idx] & AnonPTE.dirty != 0 }
    }

    /// `can_share_swap_page`: the page's mapcount, plus (when at most 1) the ptes holding
    /// its swap entry (`page_swapcount`: the slot's references less the swap cache's), is 1.
    func canShareSwapPage(_ pfn: Int32) -> Bool {
        var count = Int(frames.mapcount[Int(pfn)])
        if count <= 1 && frames.has(pfn, .swapCache) {
            count += Int(swap.refs[Int(frames.swapSlot[Int(pfn)])]) - 1
        }
        return count == 1
    }

    /// `copy_page_range` at fork for the anonymous area (file-only mappings are not copied,
    /// F2): every present pte is write-protected in the parent and copied old and
    /// write-protected (dirty bit kept) into the child, `_mapcount` and the child's rss go
    /// up, nothing is charged (the page stays with its first toucher, docs/model.md §8.2);
    /// a swap pte is copied with a new reference on its slot (`swap_duplicate`). The child
    /// joins the parent's anon_vma.
    mutating func copyPageRange(from p: Int, to c: Int) {
        let parent = tasks[p].mm!
        let family = Int(parent.anonVMA)
        anonVMAs[c] = nil
        anonVMAs[family, default: []].append(c)
        tasks[c].mm!.anonVMA = parent.anonVMA
        tasks[c].mm!.growAnon(to: parent.anonPTE.count)
        for idx in parent.anonPTE.indices {
            let pte = parent.anonPTE[idx]
            if pte > 0 {
                tasks[p].mm!.anonBits[idx] &= ~AnonPTE.write
                tasks[c].mm!.anonPTE[idx] = pte
                tasks[c].mm!.anonBits[idx] = parent.anonBits[idx] & AnonPTE.dirty
                frames.mapcount[Int(pte - 1)] += 1
                tasks[c].mm!.rss += 1
            } else if pte < 0 {
                swap.retain(-pte - 1)
                tasks[c].mm!.anonPTE[idx] = pte
                tasks[c].mm!.swapEntries += 1
            }
        }
        tasks[c].maxRSS = max(tasks[c].maxRSS, tasks[c].mm!.rss)
    }

    /// `do_wp_page` for a write by task `t` through its write-protected pte `index`: a page
    /// whose lock can be taken and that nobody else uses (``canShareSwapPage(_:)``) is
    /// reused (the pte made young, dirty and writable); otherwise a new page is charged to
    /// `t`'s container (the prepare step, docs/model.md §8.2), put on the ACTIVE list and
    /// mapped writable, and `t`'s pte of the old page goes (its dirty bit with it; the old
    /// page is uncharged at its last unmap and freed unless the swap cache keeps it).
    /// A minor fault, unless it continues a swap-in fault (`countsFault` false).
    mutating func doWpPage(task t: Int, index idx: Int, countsFault: Bool) -> AccessResult {
        let old = tasks[t].mm!.anonPTE[idx] - 1
        if !frames.has(old, .locked) && canShareSwapPage(old) {
            releasePrecharge(t)  // a copy attempt that blocked no longer needs its charge
            tasks[t].mm!.anonBits[idx] |= AnonPTE.young | AnonPTE.dirty | AnonPTE.write
            if countsFault { countFault(t, major: false) }
            return .done
        }
        if let r = precharge(t) { return r }
        let new: Int32
        switch allocPage(task: t) {
        case .page(let p): new = p
        case .blocked: return .blocked
        case .failed: return .died
        }
        frames.set(new, .anon)
        frames.space[Int(new)] = tasks[t].mm!.anonVMA
        frames.index[Int(new)] = Int32(idx)
        tasks[t].mm!.anonBits[idx] &= ~AnonPTE.dirty
        pageRemoveRmap(old, task: t)
        tasks[t].mm!.anonPTE[idx] = new + 1
        tasks[t].mm!.anonBits[idx] = AnonPTE.write
        lruCacheAddActive(new)
        pageAddRmap(new, task: t, write: true)
        chargeUsed(t)
        if frames.mapcount[Int(old)] == 0 { freeUnmappedAnon(old) }
        if countsFault { countFault(t, major: false) }
        return .done
    }

    /// The last reference to an unmapped anonymous page goes: it is freed, unless the swap
    /// cache keeps it (a write or read in flight, or ptes of other mms holding its entry).
    mutating func freeUnmappedAnon(_ pfn: Int32) {
        if frames.has(pfn, .swapCache) {
            if frames.has(pfn, .writeback) || frames.has(pfn, .locked) { return }
            guard swap.refs[Int(frames.swapSlot[Int(pfn)])] == 1 else { return }
            deleteFromSwapCache(pfn)
        }
        frames.clear(pfn, .dirty)
        lruRemove(pfn)
        freePage(pfn)
    }
}
