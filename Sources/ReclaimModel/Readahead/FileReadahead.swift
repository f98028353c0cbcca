/// `struct file_ra_state` and `page_cache_readahead` of 2.6.20 (mm/readahead.c, docs/model.md
/// §13.D): the read(2) readahead windows of one open file.
///
/// A value with the window state; the page cache is reached through a closure that reads
/// the uncached pages of a range and says how many it read. The read(2) path
/// (`do_generic_mapping_read`, docs/model.md §13.D: `Kernel.genericRead`) drives it.
public struct FileReadahead: Sendable, Hashable {
    /// `VM_MAX_READAHEAD` (128 KiB) and `VM_MIN_READAHEAD` (16 KiB), in pages.
    public static let maxPages = 32
    public static let minPages = 4
    /// `VM_MAX_CACHE_HIT`: this many pages found cached in a row turn readahead off.
    public static let maxCacheHit = 256

    /// The current window.
    public private(set) var start = 0
    public private(set) var size = 0
    /// The ahead window (`ahead_start == 0`: none).
    public private(set) var aheadStart = 0
    public private(set) var aheadSize = 0
    /// The last page asked for; -1 before the first read.
    public private(set) var prevPage = -1
    /// Pages found cached in a row.
    public private(set) var cacheHit = 0
    /// `RA_FLAG_INCACHE`: readahead is off, the file is cached.
    public private(set) var inCache = false
    /// `RA_FLAG_MISS`: a readahead page was evicted before use (the next window shrinks).
    public var miss = false

    public init() {}

    /// `get_init_ra_size`: the first window for a request of `pages`: the next power of two,
    /// times 4 up to 1 page, times 2 up to 8, else the maximum (1-2 -> 4, 3-4 -> 8, 5-8 ->
    /// 16, 9+ -> 32).
    public static func initialSize(_ pages: Int) -> Int {
        var r = 1
        while r < pages { r <<= 1 }
        if r <= maxPages / 32 { return r * 4 }
        if r <= maxPages / 4 { return r * 2 }
        return maxPages
    }

    /// `get_next_ra_size`: after a miss `max(size - 2, 4)`, else `4 * size` below 2 pages,
    /// else `2 * size`; at most 32.
    mutating func nextSize() -> Int {
        let next: Int
        if miss {
            miss = false
            next = max(size - 2, Self.minPages)
        } else if size < Self.maxPages / 16 {
            next = 4 * size
        } else {
            next = 2 * size
        }
        return min(next, Self.maxPages)
    }

    /// `handle_ra_miss`: a page the reader needs is not cached (evicted before use, or
    /// never read): set `RA_FLAG_MISS` (the next window shrinks), clear `RA_FLAG_INCACHE`,
    /// reset the cache-hit run.
    public mutating func handleMiss() {
        miss = true
        inCache = false
        cacheHit = 0
    }

    private mutating func off() {
        start = 0
        size = 0
        inCache = false
        miss = false
        aheadStart = 0
        aheadSize = 0
    }

    /// `blockable_page_cache_readahead` + `check_ra_success`: a non-blocking read is skipped
    /// while the queue is read-congested; reading nothing (all cached) adds to the cache-hit
    /// run, which at 256 turns readahead off. False when nothing was read or it was skipped.
    private mutating func readWindow(
        _ first: Int, _ count: Int, block: Bool, readCongested: Bool, read: (Range<Int>) -> Int
    ) -> Bool {
        if !block && readCongested { return false }
        let actual = read(first..<(first + count))
        if actual == 0 {
            cacheHit += count
            if cacheHit >= Self.maxCacheHit {
                off()
                inCache = true
                return false
            }
        } else {
            cacheHit = 0
        }
        return true
    }

    private mutating func makeAheadWindow(force: Bool, readCongested: Bool, read: (Range<Int>) -> Int) -> Bool {
        aheadSize = nextSize()
        aheadStart = start + size
        let block = force || prevPage >= aheadStart
        let ok = readWindow(aheadStart, aheadSize, block: block, readCongested: readCongested, read: read)
        if !ok && !force {
            aheadStart = 0
            aheadSize = 0
        }
        return ok
    }

    /// `page_cache_readahead(offset, req_size)` (§13.D): a read of `requestPages` pages from
    /// page `offset`. The first sequential read (page after the previous one, or page 0 of a
    /// new file) opens a window of ``initialSize(_:)`` pages (and at once an ahead window
    /// when the request is 32 pages or more); a non-sequential read turns readahead off and
    /// reads just the request; later sequential reads open an ahead window of the next size
    /// after the current one, and move to it (reading the one after) once they reach it.
    /// `read` reads the uncached pages of a range (clipped to the file by the caller) and
    /// returns how many it read. Returns the next page index the reader will ask for.
    @discardableResult
    public mutating func pageCacheReadahead(
        offset: Int, requestPages: Int, readCongested: Bool = false, read: (Range<Int>) -> Int
    ) -> Int {
        var offset = offset
        var request = requestPages
        if offset == prevPage {
            request -= 1
            if request > 0 { offset += 1 }
        }
        let sequential = offset == prevPage + 1
        prevPage = offset
        let newSize = min(request, Self.maxPages)
        if newSize <= 0 || inCache { return prevPage + 1 }
        prevPage += newSize - 1
        if sequential && size == 0 {
            size = Self.initialSize(newSize)
            start = offset
            guard readWindow(offset, size, block: true, readCongested: readCongested, read: read) else {
                return prevPage + 1
            }
            if request >= Self.maxPages { _ = makeAheadWindow(force: true, readCongested: readCongested, read: read) }
            return prevPage + 1
        }
        if !sequential {
            off()
            _ = readWindow(offset, newSize, block: true, readCongested: readCongested, read: read)
            return prevPage + 1
        }
        if aheadStart == 0 {
            if !makeAheadWindow(force: false, readCongested: readCongested, read: read) {
                // recheck: with the ahead window reset, `ahead_start + ahead_size - 1` is
                // ULONG_MAX in the kernel: no clamp.
                return prevPage + 1
            }
        }
        if prevPage >= aheadStart {
            start = aheadStart
            size = aheadSize
            _ = makeAheadWindow(force: false, readCongested: readCongested, read: read)
            if aheadSize > 0 { prevPage = min(prevPage, aheadStart + aheadSize - 1) }
        }
        return prevPage + 1
    }
}
