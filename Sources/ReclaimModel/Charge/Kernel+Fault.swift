import ReclaimWorkloads

/// How a page reference ended for the task that made it.
enum AccessResult: Equatable {
    /// Done; the task goes on with its next reference.
    case done
    /// The task sleeps (reclaim nap, I/O, dirty throttling, the OOM spin); the reference is
    /// retried when it runs again.
    case blocked
    /// The fault failed: the task got TIF_MEMDIE (it dies), or the machine panicked.
    case died
}

/// The fault paths (mm/memory.c `do_anonymous_page`, `do_swap_page`, `do_no_page` with
/// `filemap_nopage`) with the RSS controller's charge in front of each (docs/model.md §8.2) and the
/// page allocator behind it (docs/model.md §5).
///
/// A fault that blocks keeps its prepared charge (`TaskStruct.precharged`) and is retried from
/// the top when the task runs again; a retry that finds the page mapped by then gives the
/// charge back (the v2 "add" hook's uncharge of an unused charge).
extension Kernel {
    /// One reference of task `t`. Present pages just get their pte young (and dirty) bits;
    /// missing ones fault: charge, allocate, map.
    mutating func access(_ ref: PageRef, task t: Int) -> AccessResult {
        let idx = Int(ref.index)
        switch ref.area {
        case .anon:
            if idx >= tasks[t].mm!.anonPTE.count { tasks[t].mm!.growAnon(to: idx + 1) }
            let pte = tasks[t].mm!.anonPTE[idx]
            if pte > 0 {
                if ref.write && tasks[t].mm!.anonBits[idx] & AnonPTE.write == 0 {
                    // A write to a write-protected pte faults into do_wp_page (docs/model.md §13.F).
                    let result = doWpPage(task: t, index: idx, countsFault: true)
                    return returnToUser(result, task: t)
                }
                if tasks[t].precharged { releasePrecharge(t) }
                return touch(pte - 1, write: ref.write, task: t)
            }
            if let r = precharge(t) { return r }
            var result = pte == 0
                ? anonymousFault(task: t, index: idx) : swapFault(task: t, index: idx, slot: -pte - 1, write: ref.write)
            if result == .done && ref.write && tasks[t].mm!.anonBits[idx] & AnonPTE.write == 0 {
                // do_swap_page mapped a page others still use read-only: do_wp_page copies it
                // within the same fault.
                result = doWpPage(task: t, index: idx, countsFault: false)
            }
            return returnToUser(result, task: t)
        case .file:
            let file = Int(tasks[t].mm!.file)
            if tasks[t].fileAccess != .mmap {
                let result = ref.write
                    ? bufferedWrite(task: t, file: file, index: idx) : genericRead(task: t, file: file, index: idx)
                return returnToUser(result, task: t)
            }
            if tasks[t].mm!.filePTE[idx] != 0 {
                if tasks[t].precharged { releasePrecharge(t) }
                return touch(files[file].pages[idx], write: ref.write, task: t)
            }
            if let r = precharge(t) { return r }
            let result = fileFault(task: t, file: file, index: idx, write: ref.write)
            return returnToUser(result, task: t)
        }
    }

    /// A fault that completed for a task the OOM killer chose during it (the global
    /// allocator restarts after the kill and serves TIF_MEMDIE from the reserves, docs/model.md §5):
    /// back in user space the task meets its SIGKILL and makes no further reference.
    /// (Called with the fault's result in a local: as an argument, the fault's mutation of
    /// `self` would not be seen by this non-mutating call.)
    @inline(__always)
    private func returnToUser(_ result: AccessResult, task t: Int) -> AccessResult {
        result == .done && tasks[t].memdie ? .died : result
    }

    /// A reference through a present pte: the young bit, and the dirty bit on a write.
    /// A write that dirties a clean file page may throttle the writer (`balance_dirty_pages`).
    @inline(__always)
    mutating func touch(_ pfn: Int32, write: Bool, task t: Int) -> AccessResult {
        if frames.has(pfn, .anon) {
            let idx = Int(frames.index[Int(pfn)])
            tasks[t].mm!.anonBits[idx] |= AnonPTE.young
            if write { tasks[t].mm!.anonBits[idx] |= AnonPTE.dirty }
            return .done
        }
        tasks[t].mm!.filePTE[Int(frames.index[Int(pfn)])] |= FilePTE.young
        guard write, !frames.has(pfn, .dirty) else { return .done }
        setPteDirty(pfn, task: t)
        return dirtiedPage(task: t)
    }

    /// Charges the fault to the task's container, unless a blocked attempt already did.
    /// nil = charged (or no container); otherwise how the charge loop left the task.
    mutating func precharge(_ t: Int) -> AccessResult? {
        guard tasks[t].container != nil, !tasks[t].precharged else { return nil }
        let r = chargeLoop(task: t)
        guard r == .done else { return r }
        tasks[t].precharged = true
        return nil
    }

    /// Gives back a prepared charge the fault did not use.
    mutating func releasePrecharge(_ t: Int) {
        guard tasks[t].precharged, let c = tasks[t].container else { return }
        tasks[t].precharged = false
        containers[c].uncharge()
    }

    /// The charge now belongs to the mapped page (`pageAddRmap` attached it).
    mutating func chargeUsed(_ t: Int) { tasks[t].precharged = false }

    /// `do_anonymous_page` (first touch taken as a write): a zeroed page at the active
    /// head, mapped and charged.
    private mutating func anonymousFault(task t: Int, index: Int) -> AccessResult {
        let pfn: Int32
        switch allocPage(task: t) {
        case .page(let p): pfn = p
        case .blocked: return .blocked
        case .failed: return .died
        }
        frames.set(pfn, .anon)
        frames.space[Int(pfn)] = tasks[t].mm!.anonVMA
        frames.index[Int(pfn)] = Int32(index)
        tasks[t].mm!.anonPTE[index] = pfn + 1
        tasks[t].mm!.anonBits[index] = AnonPTE.write
        lruCacheAddActive(pfn)
        pageAddRmap(pfn, task: t, write: true)
        chargeUsed(t)
        countFault(t, major: false)
        return .done
    }

    /// `do_swap_page`: from the swap cache (minor) or read from swap (major, the task waits
    /// for the read); swap-in pages go to the active head. The pte's slot reference is
    /// dropped, and the swap cache is left when swap is more than half full
    /// (`remove_exclusive_swap_page` under `vm_swap_full()`).
    private mutating func swapFault(task t: Int, index: Int, slot: Int32, write: Bool) -> AccessResult {
        var pfn = swap.cache[Int(slot)]
        var major = false
        if pfn >= 0 && frames.has(pfn, .locked) {
            // lock_page until the read (swap readahead) completes. [I] Rechecked each jiffy.
            tasks[t].blockedUntil = now + 1
            return .blocked
        }
        if pfn < 0 {
            // grab_swap_token before the read (MM:2003); once per fault, not per retry.
            if !tasks[t].swapTokenTried {
                grabSwapToken(task: t)
                tasks[t].swapTokenTried = true
            }
            switch allocPage(task: t) {
            case .page(let p): pfn = p
            case .blocked: return .blocked
            case .failed:
                tasks[t].swapTokenTried = false
                return .died
            }
            frames.set(pfn, [.anon, .swapCache, .locked])
            frames.space[Int(pfn)] = tasks[t].mm!.anonVMA
            frames.index[Int(pfn)] = Int32(index)
            frames.swapSlot[Int(pfn)] = slot
            swap.cache[Int(slot)] = pfn
            swap.retain(slot)
            lruCacheAddActive(pfn)
            major = true
        }
        tasks[t].swapTokenTried = false
        // A page swap readahead brought in belongs to the anon_vma of the pte that maps it now.
        frames.space[Int(pfn)] = tasks[t].mm!.anonVMA
        frames.index[Int(pfn)] = Int32(index)
        // The pte is writable only for a write to a page nobody else uses
        // (`can_share_swap_page`, counted before this pte's slot reference goes).
        let exclusive = write && canShareSwapPage(pfn)
        tasks[t].mm!.anonPTE[index] = pfn + 1
        tasks[t].mm!.anonBits[index] = exclusive ? AnonPTE.write : 0
        tasks[t].mm!.swapEntries -= 1
        swap.release(slot)
        pageAddRmap(pfn, task: t, write: exclusive)
        chargeUsed(t)
        // remove_exclusive_swap_page: only a page this pte alone uses leaves the swap cache.
        if swap.isFull && !frames.has(pfn, .writeback) && frames.mapcount[Int(pfn)] == 1 && swap.refs[Int(slot)] == 1 {
            deleteFromSwapCache(pfn)
            if frames.has(pfn, .dirty) {
                // The data now lives only in memory again: the pte keeps it dirty.
                frames.clear(pfn, .dirty)
                tasks[t].mm!.anonBits[index] |= AnonPTE.dirty
            }
        }
        countFault(t, major: major)
        if major {
            totals.swapIns += 1
            return swapReadahead(slot: slot, pfn: pfn, task: t)
        }
        return .done
    }

    /// `filemap_nopage`: a cached page is mapped (minor; a page whose read is still in flight
    /// is waited for); otherwise a new page-cache page is read (major) together with the
    /// read-around window (docs/model.md §13.D), added at the inactive head and `mark_page_accessed`.
    private mutating func fileFault(task t: Int, file: Int, index: Int, write: Bool) -> AccessResult {
        var pfn = files[file].pages[index]
        var major = false
        if pfn >= 0 && frames.has(pfn, .locked) {
            // lock_page until the read (read-around) completes. [I] Rechecked each jiffy.
            tasks[t].blockedUntil = now + 1
            return .blocked
        }
        if pfn >= 0 {
            files[file].mmapHit += 1
        } else {
            switch allocPage(task: t) {
            case .page(let p): pfn = p
            case .blocked: return .blocked
            case .failed: return .died
            }
            frames.set(pfn, .locked)
            frames.space[Int(pfn)] = Int32(file)
            frames.index[Int(pfn)] = Int32(index)
            files[file].pages[index] = pfn
            lruCacheAdd(pfn)
            major = true
        }
        markPageAccessed(pfn)
        let wasDirty = frames.has(pfn, .dirty)
        pageAddRmap(pfn, task: t, write: write)
        chargeUsed(t)
        countFault(t, major: major)
        if major {
            // The writer first waits for the read; a balance it has come due for runs when it
            // wakes (runTask resumes `balance_dirty_pages` before anything else).
            if write && !wasDirty { _ = noteDirtied(task: t) }
            return readAround(file: file, index: index, task: t)
        }
        if write && !wasDirty { return dirtiedPage(task: t) }
        return .done
    }

    mutating func countFault(_ t: Int, major: Bool) {
        tasks[t].faults += 1
        totals.faults += 1
        if major {
            tasks[t].majorFaults += 1
            totals.majorFaults += 1
        }
    }
}
