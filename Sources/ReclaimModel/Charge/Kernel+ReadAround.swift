/// Read-around for mmap faults (mm/filemap.c `filemap_nopage` and mm/readahead.c
/// `do_page_cache_readahead` of 2.6.20, docs/model.md §13.D).
extension Kernel {
    /// `VM_MAX_READAHEAD`: 128 KiB = 32 pages (`ra_pages`).
    public static let maxReadaheadPages = 32
    /// `MMAP_LOTSAMISS`: read-around stops once misses exceed hits by more than this.
    public static let mmapLotsaMiss = 100

    /// The read-around window of a major fault at `index` in a file of `filePages` pages:
    /// `n = max_sane_readahead(32) = min(32, (inactive + free) / 2)` pages from
    /// `pgoff - n/2` (0 when `pgoff <= n/2`), cut at the end of the file.
    public static func readAroundWindow(index: Int, filePages: Int, inactive: Int, free: Int) -> Range<Int> {
        let n = min(maxReadaheadPages, (inactive + free) / 2)
        guard n > 0 else { return index..<(index + 1) }
        let start = index > n / 2 ? index - n / 2 : 0
        return start..<min(start + n, filePages)
    }

    /// A major fault of task `t` on page `index` of `file`, its page already in the page
    /// cache: counts the miss and, unless misses exceed hits by more than 100 or the
    /// queue is read-congested, reads the uncached pages of the read-around window with it —
    /// new page-cache pages at the inactive head, unreferenced and unmapped (only the
    /// faulting page gets a pte) — submitted in page order so that they merge into
    /// `ceil(n / 128)` requests; then the task waits for its page.
    /// [I] Window pages come only from free pages above the `min` watermark (kswapd is
    /// woken below `low`): readahead does no direct reclaim here.
    mutating func readAround(file f: Int, index: Int, task t: Int) -> AccessResult {
        files[f].mmapMiss += 1
        var window: Range<Int> = index..<(index + 1)
        if !files[f].randomReadHint && files[f].mmapMiss <= files[f].mmapHit + Self.mmapLotsaMiss
            && !disk.isReadCongested
        {
            window = Self.readAroundWindow(
                index: index, filePages: files[f].pages.count, inactive: zone.inactive.count, free: frames.freeCount)
        }
        var mine: BlockQueue.Submitted?
        for i in window {
            var page = files[f].pages[i]
            if i != index {
                guard page < 0, let p = addReadaheadPage(file: f, index: i) else { continue }
                page = p
            }
            let submitted = disk.submit(now: now, dir: .read, space: Int32(f), index: Int32(i), pfn: page)
            if i == index { mine = submitted }
        }
        return waitForRead(mine!, task: t)
    }

    /// A new page-cache page for readahead (`read_pages`, §13.D): locked for its read, at
    /// the inactive head, unreferenced and unmapped; nil when free memory is at the `min`
    /// watermark. [I] Readahead takes free pages only (kswapd is woken below `low`): it does
    /// no direct reclaim.
    mutating func addReadaheadPage(file f: Int, index i: Int) -> Int32? {
        if !Watermarks.ok(free: frames.freeCount, mark: zone.watermarks.low) { wakeupKswapd() }
        guard Watermarks.ok(free: frames.freeCount, mark: zone.watermarks.min), let page = frames.allocate() else {
            return nil
        }
        frames.set(page, .locked)
        frames.space[Int(page)] = Int32(f)
        frames.index[Int(page)] = Int32(i)
        files[f].pages[i] = page
        lruCacheAdd(page)
        return page
    }
}
