import ReclaimWorkloads

/// How a page reference ended for the task that made it.
enum AccessResult: Equatable {
    /// Done; the task goes on with its next reference.
    case done
    /// The task sleeps (reclaim nap, I/O, or the OOM spin); the reference is retried later.
    case blocked
    /// The task got TIF_MEMDIE while faulting: the fault fails and the task dies.
    case died
}

/// The fault paths (mm/memory.c `do_anonymous_page`, `do_swap_page`, `do_no_page` with
/// `filemap_nopage`) with the RSS controller's charge in front of each (spec §8.2).
extension Kernel {
    /// One reference of task `t`. Present pages just get their pte young (and dirty) bits;
    /// missing ones fault, charging first.
    mutating func access(_ ref: PageRef, task t: Int) throws -> AccessResult {
        let idx = Int(ref.index)
        switch ref.area {
        case .anon:
            if idx >= tasks[t].mm!.anonPTE.count { tasks[t].mm!.growAnon(to: idx + 1) }
            let pte = tasks[t].mm!.anonPTE[idx]
            if pte > 0 {
                touch(pte - 1, write: ref.write)
                return .done
            }
            let charge = chargeLoop(task: t)
            guard charge == .done else { return charge }
            if pte == 0 { return try anonymousFault(task: t, index: idx) }
            return try swapFault(task: t, index: idx, slot: -pte - 1, write: ref.write)
        case .file:
            let file = Int(tasks[t].mm!.file)
            let pfn = files[file].pages[idx]
            if pfn >= 0 && frames.has(pfn, .mapped) {
                touch(pfn, write: ref.write)
                return .done
            }
            let charge = chargeLoop(task: t)
            guard charge == .done else { return charge }
            return try fileFault(task: t, file: file, index: idx, write: ref.write)
        }
    }

    /// A reference through a present pte: the young bit, and the dirty bit on a write.
    @inline(__always)
    mutating func touch(_ pfn: Int32, write: Bool) {
        frames.set(pfn, .young)
        if write && !frames.has(pfn, .pteDirty) && !frames.has(pfn, .dirty) { setPteDirty(pfn) }
    }

    /// `do_anonymous_page` (first touch taken as a write): a zeroed page at the active
    /// head, mapped and charged.
    private mutating func anonymousFault(task t: Int, index: Int) throws -> AccessResult {
        let pfn = try allocatePage(task: t)
        frames.set(pfn, .anon)
        frames.space[Int(pfn)] = Int32(t)
        frames.index[Int(pfn)] = Int32(index)
        tasks[t].mm!.anonPTE[index] = pfn + 1
        lruCacheAddActive(pfn)
        pageAddRmap(pfn, task: t, write: true)
        countFault(t, major: false)
        return .done
    }

    /// `do_swap_page`: from the swap cache (minor) or read from swap (major, the task waits
    /// for the read); swap-in pages go to the active head. The pte's slot reference is
    /// dropped, and the swap cache is left when swap is more than half full
    /// (`remove_exclusive_swap_page` under `vm_swap_full()`).
    private mutating func swapFault(task t: Int, index: Int, slot: Int32, write: Bool) throws -> AccessResult {
        var pfn = swap.cache[Int(slot)]
        var major = false
        if pfn < 0 {
            pfn = try allocatePage(task: t)
            frames.set(pfn, [.anon, .swapCache, .locked])
            frames.space[Int(pfn)] = Int32(t)
            frames.index[Int(pfn)] = Int32(index)
            frames.swapSlot[Int(pfn)] = slot
            swap.cache[Int(slot)] = pfn
            swap.retain(slot)
            lruCacheAddActive(pfn)
            major = true
        }
        tasks[t].mm!.anonPTE[index] = pfn + 1
        tasks[t].mm!.swapEntries -= 1
        swap.release(slot)
        pageAddRmap(pfn, task: t, write: write)
        if swap.isFull && !frames.has(pfn, .writeback) {
            deleteFromSwapCache(pfn)
            if frames.has(pfn, .dirty) {
                // The data now lives only in memory again: the pte keeps it dirty.
                frames.clear(pfn, .dirty)
                frames.set(pfn, .pteDirty)
            }
        }
        countFault(t, major: major)
        if major {
            totals.swapIns += 1
            return waitForRead(pfn, task: t)
        }
        return .done
    }

    /// `filemap_nopage`: a cached page is mapped (minor); otherwise a new page-cache page is
    /// read (major), added at the inactive head and `mark_page_accessed`.
    private mutating func fileFault(task t: Int, file: Int, index: Int, write: Bool) throws -> AccessResult {
        var pfn = files[file].pages[index]
        var major = false
        if pfn < 0 {
            pfn = try allocatePage(task: t)
            frames.set(pfn, .locked)
            frames.space[Int(pfn)] = Int32(file)
            frames.index[Int(pfn)] = Int32(index)
            files[file].pages[index] = pfn
            lruCacheAdd(pfn)
            major = true
        }
        markPageAccessed(pfn)
        pageAddRmap(pfn, task: t, write: write)
        countFault(t, major: major)
        return major ? waitForRead(pfn, task: t) : .done
    }

    /// The faulting task sleeps until its read is done (queued behind earlier disk I/O).
    private mutating func waitForRead(_ pfn: Int32, task t: Int) -> AccessResult {
        let done = disk.submit(now: now, pfn: pfn, kind: .read)
        tasks[t].blockedUntil = done
        return .blocked
    }

    private mutating func countFault(_ t: Int, major: Bool) {
        tasks[t].faults += 1
        totals.faults += 1
        if major {
            tasks[t].majorFaults += 1
            totals.majorFaults += 1
        }
    }

    /// A free frame; the machine running out is a run failure in this version.
    private mutating func allocatePage(task t: Int) throws -> Int32 {
        guard let pfn = frames.allocate() else {
            throw ModelError.outOfRAM(tMs: nowMs, pid: tasks[t].pid, ramPages: config.machine.ramPages)
        }
        return pfn
    }
}
