/// Consistency checks over the whole machine state (style habit 6). Run at the end of
/// every run, in release builds too (``Simulator/run(sink:)``), and by the tests; a
/// violation is a model bug and fails the run.
extension Kernel {
    public func checkInvariants() throws {
        func fail(_ what: String) throws { throw ModelError.invariant(what) }
        // Free + used == RAM.
        let inUse = frames.flags.lazy.filter { $0.contains(.inUse) }.count
        if inUse + frames.freeCount != frames.count {
            try fail("free \(frames.freeCount) + used \(inUse) != ram \(frames.count)")
        }
        // Zone lists hold exactly the LRU pages, with matching Active flags.
        let zoneActive = frames.zoneLinks.walk(zone.active)
        let zoneInactive = frames.zoneLinks.walk(zone.inactive)
        if zoneActive.count != zone.active.count || zoneInactive.count != zone.inactive.count {
            try fail("zone list counts disagree with their walks")
        }
        if zoneActive.contains(where: { !frames.has($0, .active) || !frames.has($0, .lru) })
            || zoneInactive.contains(where: { frames.has($0, .active) || !frames.has($0, .lru) })
        {
            try fail("a page on a zone list has the wrong Active/LRU flag")
        }
        let lruPages = frames.flags.lazy.filter { $0.contains(.lru) }.count
        if lruPages != zoneActive.count + zoneInactive.count { try fail("LRU flag count != zone list sizes") }
        // Containers: pages on lists == charged pages; usage == charged pages + charges
        // prepared by faults still in flight (a task asleep in the allocator holds one).
        var charged = Array(repeating: 0, count: containers.count)
        var prepared = Array(repeating: 0, count: containers.count)
        for task in tasks where task.precharged {
            if let c = task.container { prepared[c] += 1 }
        }
        for pfn in 0..<frames.count where frames.container[pfn] >= 0 {
            charged[Int(frames.container[pfn])] += 1
            if !frames.flags[pfn].contains(.mapped) { try fail("charged page \(pfn) is not mapped") }
        }
        for (c, cont) in containers.enumerated() {
            let a = frames.containerLinks.walk(cont.active)
            let i = frames.containerLinks.walk(cont.inactive)
            if a.count + i.count != charged[c] || charged[c] + prepared[c] != cont.usage {
                try fail("container \(cont.name): lists \(a.count)+\(i.count), charged \(charged[c]), in-flight charges \(prepared[c]), usage \(cont.usage)")
            }
            if a.contains(where: { Int(frames.container[Int($0)]) != c || !frames.has($0, .active) })
                || i.contains(where: { Int(frames.container[Int($0)]) != c || frames.has($0, .active) })
            {
                try fail("container \(cont.name): a listed page is foreign or on the wrong list")
            }
        }
        // Swap: used slots == slots with references; swap cache consistent.
        if swap.refs.lazy.filter({ $0 > 0 }).count != swap.used { try fail("swap used count drifted") }
        var entries = 0
        for task in tasks { entries += task.mm?.swapEntries ?? 0 }
        var cacheRefs = 0
        for (slot, pfn) in swap.cache.enumerated() where pfn >= 0 {
            cacheRefs += 1
            if frames.swapSlot[Int(pfn)] != Int32(slot) { try fail("swap cache slot \(slot) mismatch") }
        }
        let totalRefs = swap.refs.reduce(0) { $0 + Int($1) }
        if totalRefs != entries + cacheRefs { try fail("swap refs \(totalRefs) != pte entries \(entries) + cache \(cacheRefs)") }
        // Counters.
        let dirtyFile = frames.flags.lazy.filter { $0.contains(.dirty) && !$0.contains(.anon) && $0.contains(.inUse) }.count
        if dirtyFile != nrFileDirty { try fail("NR_FILE_DIRTY \(nrFileDirty) != dirty file pages \(dirtyFile)") }
        let wb = frames.flags.lazy.filter { $0.contains(.writeback) }.count
        if wb != nrWriteback { try fail("NR_WRITEBACK \(nrWriteback) != pages under writeback \(wb)") }
        // rss counts ptes: its sum is the sum of mapcounts; the vmstat counters count pages.
        var rss = 0
        for task in tasks { rss += task.mm?.rss ?? 0 }
        var ptes = 0
        var mappedPages = 0
        for pfn in 0..<frames.count where frames.mapcount[pfn] > 0 {
            ptes += Int(frames.mapcount[pfn])
            mappedPages += 1
        }
        if rss != ptes { try fail("sum of rss \(rss) != ptes \(ptes)") }
        if mappedPages != nrAnonPages + nrFileMapped {
            try fail("mapped pages \(mappedPages) != NR_ANON_PAGES + NR_FILE_MAPPED \(nrAnonPages + nrFileMapped)")
        }
        let mappedFlags = frames.flags.lazy.filter { $0.contains(.mapped) }.count
        if mappedFlags != mappedPages { try fail("mapped flag on \(mappedFlags) pages, mapcount > 0 on \(mappedPages)") }
    }
}
