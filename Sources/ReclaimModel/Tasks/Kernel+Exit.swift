import ReclaimWorkloads

/// Task start, fork and exit (kernel/fork.c, kernel/exit.c `exit_mm`, mm/memory.c zap).
extension Kernel {
    /// Forks task `t` into the task list: its mm with empty page tables, its file.
    mutating func startTask(_ t: Int) {
        let w = tasks[t].workload
        var file: Int32 = -1
        let maps = tasks[t].fileAccess == .mmap
        if w.filePages > 0 {
            if let name = tasks[t].fileName, let f = namedFiles[name] {
                file = Int32(f)
                files[f].grow(to: w.filePages)
            } else {
                file = Int32(files.count)
                files.append(FileSpace(pages: w.filePages))
                if let name = tasks[t].fileName { namedFiles[name] = Int(file) }
            }
            if maps { files[Int(file)].mappers.append(t) }
        }
        tasks[t].mm = MM(anonPages: w.anonPages, file: file, filePages: maps ? w.filePages : 0, anonVMA: Int32(t))
        anonVMAs[t] = [t]
        tasks[t].state = .running
        tasks[t].blockedUntil = now
        taskList.append(t)
        if let p = tasks[t].parent {
            // A scenario parent that has already exited leaves its child to init. [I]
            if tasks[p].isAlive { tasks[p].children.append(t) } else { tasks[t].parent = nil }
        }
    }

    /// A `fork` workload's child: same container and credentials, appended to the task list
    /// (creation order); its mm shares the parent's anonymous pages copy-on-write
    /// (``copyPageRange(from:to:)``), then it writes its anonymous pages `0..<pages` once:
    /// pages it shares with the parent first (each write breaks COW), then new ones.
    mutating func forkChild(of p: Int, pages: Int) {
        let parent = tasks[p]
        let k = parent.children.count + 1
        let spec = TaskSpec(
            pid: nextPid, name: "\(parent.name)/child\(k)", container: parent.container,
            uid: parent.uid, nice: parent.nice, caps: parent.caps, oomAdj: parent.oomAdj,
            startJiffies: now, cpuJiffies: 0, parent: p,
            workload: .idle(totalVM: pages, rss: pages), streamKey: "\(parent.name)/child\(k)")
        nextPid += 1
        let rng = SplitMix64.stream(seed: config.seed, key: spec.streamKey)
        var child = TaskStruct(
            spec: spec, uptimeJiffies: config.machine.uptimeSeconds * hz,
            workload: WorkloadGenerator(spec: spec.workload, rng: rng, hz: hz))
        child.parent = p
        tasks.append(child)
        startTask(tasks.count - 1)
        copyPageRange(from: p, to: tasks.count - 1)
        // dup_mm copies the parent's mm, then resets token_priority and last_interval.
        tasks[tasks.count - 1].mm!.token.faultstamp = tasks[p].mm?.token.faultstamp ?? 0
    }

    /// `exit_mm` + release: every pte is zapped (pages unmapped and uncharged, anonymous
    /// pages freed, swap entries released), file pages stay in the page cache, children are
    /// reparented to init, the task leaves the task list.
    mutating func exitTask(_ t: Int) {
        guard let mm = tasks[t].mm else { return }
        for idx in mm.anonPTE.indices {
            let pte = mm.anonPTE[idx]
            if pte > 0 {
                zapAnonPage(pte - 1, task: t)
            } else if pte < 0 {
                freeSwapAndCache(-pte - 1, task: t)
            }
        }
        if mm.file >= 0 {
            let f = Int(mm.file)
            for idx in mm.filePTE.indices where mm.filePTE[idx] != 0 {
                // zap_pte_range: a young pte marks the page accessed (docs/model.md §13.E).
                let pfn = files[f].pages[idx]
                if mm.filePTE[idx] & FilePTE.young != 0 { markPageAccessed(pfn) }
                pageRemoveRmap(pfn, task: t)
            }
            files[f].mappers.removeAll { $0 == t }
        }
        let family = Int(mm.anonVMA)
        anonVMAs[family]?.removeAll { $0 == t }
        if anonVMAs[family]?.isEmpty == true { anonVMAs[family] = nil }
        dropSwapToken(ifHeldBy: t)  // mmput: put_swap_token after exit_mmap
        tasks[t].mm = nil
        tasks[t].state = .exited
        tasks[t].memdie = false
        tasks[t].exitJiffy = now
        abandonPendingWork(t)
        for c in tasks[t].children { tasks[c].parent = nil }
        tasks[t].children = []
        if let p = tasks[t].parent { tasks[p].children.removeAll { $0 == t } }
        taskList.removeAll { $0 == t }
    }

    /// A dying task drops what it was in the middle of: its reclaim call, its pending fault
    /// (and that fault's prepared charge), its allocation retry and its dirty throttling.
    mutating func abandonPendingWork(_ t: Int) {
        releasePrecharge(t)
        tasks[t].reclaim = nil
        tasks[t].pendingRef = nil
        tasks[t].allocPhase = .start
        tasks[t].dirtyBalance = nil
        tasks[t].sleepSince = nil
        tasks[t].congestionWaiting = false
        tasks[t].swapTokenTried = false
        tasks[t].readPrevIndex = nil
    }

    /// Zaps one present anonymous pte: a page other mms still map stays theirs; otherwise
    /// it is freed unless the swap cache must keep it (``freeUnmappedAnon(_:)``).
    private mutating func zapAnonPage(_ pfn: Int32, task t: Int) {
        let idx = Int(frames.index[Int(pfn)])
        tasks[t].mm!.anonBits[idx] &= ~AnonPTE.dirty  // zap_pte_range ignores an anon pte's dirty bit
        pageRemoveRmap(pfn, task: t)
        tasks[t].mm!.anonPTE[idx] = 0
        if frames.mapcount[Int(pfn)] == 0 { freeUnmappedAnon(pfn) }
    }

    /// `free_swap_and_cache`: drops the pte's slot reference; a swap-cache page nobody else
    /// uses goes with it.
    private mutating func freeSwapAndCache(_ slot: Int32, task t: Int) {
        tasks[t].mm!.swapEntries -= 1
        swap.release(slot)
        let pfn = swap.cache[Int(slot)]
        guard pfn >= 0, swap.refs[Int(slot)] == 1 else { return }
        let f = frames.flags[Int(pfn)]
        guard !f.contains(.mapped), !f.contains(.writeback), !f.contains(.locked), f.contains(.lru) else { return }
        deleteFromSwapCache(pfn)
        frames.clear(pfn, .dirty)
        lruRemove(pfn)
        freePage(pfn)
    }
}
