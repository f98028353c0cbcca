/// read(2) and write(2) of one page (mm/filemap.c `do_generic_mapping_read` and
/// `generic_file_buffered_write` of 2.6.20, docs/model.md §13.D, §13.E): page-cache pages that no
/// task maps, touched with `mark_page_accessed` (use-once, docs/model.md §13.E).
///
/// Each file reference of an `access: read`/`write` task is one call of one page. Nothing is
/// charged: the RSS controller charges a page when it becomes mapped (docs/model.md §8.2), and these
/// pages never are. [I] A container whose task only reads or writes files is therefore
/// never charged for its page cache: its usage stays at its anonymous pages, its limit never
/// reclaims that cache, and only global reclaim (kswapd, direct reclaim) takes it back.
extension Kernel {
    /// `do_generic_mapping_read` for page `index`: `page_cache_readahead` at the start of
    /// the call (the request's first page is `next_index`); a page still missing gets
    /// `handle_ra_miss` and one synchronous `readpage` into a new page at the inactive head;
    /// a page whose read is in flight is waited for (`lock_page`); then
    /// `mark_page_accessed` unless the page is `prev_index`, the last page of the previous
    /// request (`ra.prev_page` when the call began: a page read twice in a row is marked
    /// once). The call's `prev_index` survives a sleep inside the call.
    mutating func genericRead(task t: Int, file f: Int, index idx: Int) -> AccessResult {
        var mine: BlockQueue.Submitted?
        if tasks[t].readPrevIndex == nil {
            tasks[t].readPrevIndex = tasks[t].ra.prevPage
            var ra = tasks[t].ra
            let size = files[f].pages.count
            ra.pageCacheReadahead(offset: idx, requestPages: 1, readCongested: disk.isReadCongested) { range in
                let clipped = range.clamped(to: 0..<size)
                let (read, submitted) = readaheadPages(file: f, range: clipped, waitingFor: idx)
                if submitted != nil { mine = submitted }
                return read
            }
            tasks[t].ra = ra
        }
        let pfn = files[f].pages[idx]
        if pfn < 0 {
            tasks[t].ra.handleMiss()
            let page: Int32
            switch allocPage(task: t) {
            case .page(let p): page = p
            case .blocked: return .blocked
            case .failed:
                tasks[t].readPrevIndex = nil
                return .died
            }
            frames.set(page, .locked)
            frames.space[Int(page)] = Int32(f)
            frames.index[Int(page)] = Int32(idx)
            files[f].pages[idx] = page
            lruCacheAdd(page)
            let submitted = disk.submit(now: now, dir: .read, space: Int32(f), index: Int32(idx), pfn: page)
            let r = waitForRead(submitted, task: t)
            if r != .done { return r }
            return readPageDone(page, task: t, index: idx)
        }
        if frames.has(pfn, .locked) {
            if let mine {
                let r = waitForRead(mine, task: t)
                if r != .done { return r }
            } else {
                // lock_page until another reader's I/O completes. [I] Rechecked each jiffy.
                tasks[t].blockedUntil = now + 1
                return .blocked
            }
        }
        return readPageDone(pfn, task: t, index: idx)
    }

    /// The copy to user space: `mark_page_accessed` unless `index == prev_index`; the call ends.
    private mutating func readPageDone(_ pfn: Int32, task t: Int, index idx: Int) -> AccessResult {
        if tasks[t].readPrevIndex != idx { markPageAccessed(pfn) }
        tasks[t].readPrevIndex = nil
        return .done
    }

    /// Reads the uncached pages of `range` (readahead, §13.D): new pages at the inactive
    /// head, unreferenced and unmapped, submitted in page order. Returns how many it read,
    /// and the submission of page `waitingFor` when it was among them.
    private mutating func readaheadPages(
        file f: Int, range: Range<Int>, waitingFor idx: Int
    ) -> (Int, BlockQueue.Submitted?) {
        var read = 0
        var mine: BlockQueue.Submitted?
        for i in range where files[f].pages[i] < 0 {
            guard let page = addReadaheadPage(file: f, index: i) else { continue }
            let submitted = disk.submit(now: now, dir: .read, space: Int32(f), index: Int32(i), pfn: page)
            if i == idx { mine = submitted }
            read += 1
        }
        return (read, mine)
    }

    /// `generic_file_buffered_write` of page `index`: `__grab_cache_page` finds the page
    /// (waiting for a read in flight) or allocates a new one (a whole-page write reads
    /// nothing) that goes to the inactive list; `commit_write` dirties it;
    /// `mark_page_accessed` (a page written once is inactive and referenced, the next
    /// access activates it); `balance_dirty_pages_ratelimited` counts every written page,
    /// dirty before or not.
    mutating func bufferedWrite(task t: Int, file f: Int, index idx: Int) -> AccessResult {
        var pfn = files[f].pages[idx]
        if pfn >= 0 && frames.has(pfn, .locked) {
            // lock_page until the read completes. [I] Rechecked each jiffy.
            tasks[t].blockedUntil = now + 1
            return .blocked
        }
        if pfn < 0 {
            switch allocPage(task: t) {
            case .page(let p): pfn = p
            case .blocked: return .blocked
            case .failed: return .died
            }
            frames.space[Int(pfn)] = Int32(f)
            frames.index[Int(pfn)] = Int32(idx)
            files[f].pages[idx] = pfn
            lruCacheAdd(pfn)
        }
        setPageDirty(pfn)
        markPageAccessed(pfn)
        return dirtiedPage(task: t)
    }
}
