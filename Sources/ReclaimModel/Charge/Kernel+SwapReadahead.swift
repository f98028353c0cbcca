/// Swap readahead of `do_swap_page` (mm/memory.c `swapin_readahead`, mm/swapfile.c
/// `valid_swaphandles`, mm/swap_state.c `read_swap_cache_async`; docs/model.md §13.D).
extension Kernel {
    /// `page_cluster` (mm/swap.c): swap readahead covers `1 << 3` = 8 slots.
    public static let pageCluster = 3

    /// `valid_swaphandles` for the model's swap slot `slot`: the slots of the
    /// `1 << page_cluster`-aligned block holding it, stopping at the first free slot and at
    /// the end of swap. The model's slot `s` is the kernel's offset `s + 1` (offset 0 is the
    /// swap header, never read), so the block of offsets `8k...8k+7` is slots `8k-1...8k+6`,
    /// and the first block has 7 slots (0-6).
    public static func swapReadaheadSlots(slot: Int, total: Int, inUse: (Int) -> Bool) -> Range<Int> {
        var offset = ((slot + 1) >> pageCluster) << pageCluster
        var count = 1 << pageCluster
        if offset == 0 {
            offset = 1
            count -= 1
        }
        let first = offset - 1
        var end = first
        while end < first + count && end < total && inUse(end) { end += 1 }
        return first..<end
    }

    /// A swap-cache miss of task `t` on `slot`, its page `pfn` allocated and in the swap
    /// cache: reads the other in-use, uncached slots of the readahead block with it — each
    /// a new swap-cache page on the ACTIVE list (`read_swap_cache_async`), unmapped — in slot
    /// order so they merge, then the task waits for its page.
    /// [I] Readahead pages come only from free pages above the `min` watermark (kswapd is
    /// woken below `low`): no direct reclaim for them.
    mutating func swapReadahead(slot: Int32, pfn: Int32, task t: Int) -> AccessResult {
        let block = Self.swapReadaheadSlots(slot: Int(slot), total: swap.total) { swap.refs[$0] > 0 }
        var mine: BlockQueue.Submitted?
        for s in block {
            var page = swap.cache[s]
            if s != Int(slot) {
                guard page < 0 else { continue }
                if !Watermarks.ok(free: frames.freeCount, mark: zone.watermarks.low) { wakeupKswapd() }
                guard Watermarks.ok(free: frames.freeCount, mark: zone.watermarks.min), let p = frames.allocate() else { break }
                page = p
                frames.set(page, [.anon, .swapCache, .locked])
                frames.space[Int(page)] = tasks[t].mm!.anonVMA
                frames.index[Int(page)] = 0
                frames.swapSlot[Int(page)] = Int32(s)
                swap.cache[s] = page
                swap.retain(Int32(s))
                lruCacheAddActive(page)
            }
            let submitted = disk.submit(now: now, dir: .read, space: -1, index: Int32(s), pfn: page)
            if s == Int(slot) { mine = submitted }
        }
        let target = mine ?? disk.submit(now: now, dir: .read, space: -1, index: slot, pfn: pfn)
        return waitForRead(target, task: t)
    }
}
