/// LRU list maintenance (include/linux/mm_inline.h, mm/swap.c), mirrored on container lists.
extension Kernel {
    /// Puts a page (not on any list) at the head of the list its `Active` flag names, on the
    /// zone and, when charged, on its container.
    mutating func lruAddHead(_ pfn: Int32) {
        let active = frames.has(pfn, .active)
        frames.set(pfn, .lru)
        if active { frames.zoneLinks.addHead(&zone.active, pfn) } else { frames.zoneLinks.addHead(&zone.inactive, pfn) }
        let c = Int(frames.container[Int(pfn)])
        if c >= 0 {
            if active {
                frames.containerLinks.addHead(&containers[c].active, pfn)
            } else {
                frames.containerLinks.addHead(&containers[c].inactive, pfn)
            }
        }
    }

    /// `lru_cache_add_active`: new anonymous, COW and swap-in pages (docs/model.md §0).
    mutating func lruCacheAddActive(_ pfn: Int32) {
        frames.set(pfn, .active)
        lruAddHead(pfn)
    }

    /// `lru_cache_add`: new page-cache pages go to the inactive head (docs/model.md §0).
    mutating func lruCacheAdd(_ pfn: Int32) {
        frames.clear(pfn, .active)
        lruAddHead(pfn)
    }

    /// Takes a page off its zone list and its container list (isolation or freeing).
    mutating func lruRemove(_ pfn: Int32) {
        guard frames.has(pfn, .lru) else { return }
        let active = frames.has(pfn, .active)
        if active { frames.zoneLinks.remove(&zone.active, pfn) } else { frames.zoneLinks.remove(&zone.inactive, pfn) }
        frames.clear(pfn, .lru)
        let c = Int(frames.container[Int(pfn)])
        if c >= 0 { containerListRemove(c, pfn, active: active) }
    }

    mutating func containerListRemove(_ c: Int, _ pfn: Int32, active: Bool) {
        if active {
            frames.containerLinks.remove(&containers[c].active, pfn)
        } else {
            frames.containerLinks.remove(&containers[c].inactive, pfn)
        }
    }

    /// `mark_page_accessed` (docs/model.md §0): an inactive, referenced page on the LRU moves to the
    /// active head with `Referenced` cleared; otherwise `Referenced` is set.
    public mutating func markPageAccessed(_ pfn: Int32) {
        let f = frames.flags[Int(pfn)]
        if !f.contains(.active) && f.contains(.referenced) && f.contains(.lru) {
            lruRemove(pfn)
            frames.set(pfn, .active)
            frames.clear(pfn, .referenced)
            lruAddHead(pfn)
        } else if !f.contains(.referenced) {
            frames.set(pfn, .referenced)
        }
    }

    /// `rotate_reclaimable_page`: a page whose reclaim write finished moves to the inactive
    /// tail when it is still inactive, clean and unlocked (docs/model.md §0).
    mutating func rotateReclaimable(_ pfn: Int32) {
        let f = frames.flags[Int(pfn)]
        guard f.contains(.lru), !f.contains(.active), !f.contains(.dirty), !f.contains(.locked) else { return }
        frames.zoneLinks.remove(&zone.inactive, pfn)
        frames.zoneLinks.addTail(&zone.inactive, pfn)
        let c = Int(frames.container[Int(pfn)])
        if c >= 0 {
            frames.containerLinks.remove(&containers[c].inactive, pfn)
            frames.containerLinks.addTail(&containers[c].inactive, pfn)
        }
    }
}
