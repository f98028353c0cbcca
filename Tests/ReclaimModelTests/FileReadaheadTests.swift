import Testing

@testable import ReclaimModel

/// `page_cache_readahead` of 2.6.20 (docs/model.md §13.D, golden "readahead windows grow
/// 4 -> 8 -> 16 -> 32 pages").
@Suite struct FileReadaheadTests {
    /// A page cache of one file: reading a range reads its uncached pages.
    private struct Cache {
        var pages = Set<Int>()
        var reads: [Range<Int>] = []
        mutating func read(_ r: Range<Int>) -> Int {
            let new = r.filter { !pages.contains($0) }
            pages.formUnion(new)
            if !new.isEmpty { reads.append(r) }
            return new.count
        }
    }

    /// get_init_ra_size with max 32: roundup_pow2, x4 up to 1, x2 up to 8, else 32.
    @Test func initialWindow() {
        #expect([1, 2, 3, 4, 5, 8, 9, 32].map(FileReadahead.initialSize) == [4, 4, 8, 8, 16, 16, 32, 32])
    }

    /// §13.D's example, 4 KiB reads from page 0: page 0 reads 0-3, page 1 reads the ahead
    /// window 4-11, page 4 moves into it and reads 12-27, page 12 reads 28-59, page 28 reads
    /// 60-91 (capped at 32 pages); pages in between read nothing.
    @Test func sequentialReadsGrowTheWindow() {
        var ra = FileReadahead()
        var cache = Cache()
        var readsAt: [Int: [Range<Int>]] = [:]
        for page in 0..<40 {
            let before = cache.reads.count
            ra.pageCacheReadahead(offset: page, requestPages: 1) { cache.read($0) }
            if cache.reads.count > before { readsAt[page] = Array(cache.reads[before...]) }
        }
        #expect(readsAt == [0: [0..<4], 1: [4..<12], 4: [12..<28], 12: [28..<60], 28: [60..<92]])
        #expect(cache.reads.map(\.count) == [4, 8, 16, 32, 32], "4 -> 8 -> 16 -> 32")
    }

    /// A random reader never opens a window: each read is only its own page.
    @Test func randomReadsReadOnlyTheirPage() {
        var ra = FileReadahead()
        var cache = Cache()
        for page in [500, 17, 9000, 3, 777, 42] {
            ra.pageCacheReadahead(offset: page, requestPages: 1) { cache.read($0) }
        }
        #expect(cache.reads == [500..<501, 17..<18, 9000..<9001, 3..<4, 777..<778, 42..<43])
        #expect(ra.size == 0 && ra.aheadSize == 0)
    }

    /// A whole-file read (request >= 32 pages) opens the first window and at once the ahead
    /// window: 32 pages from 0, then 32 more from 32.
    @Test func largeRequestsIssueTheAheadWindowAtOnce() {
        var ra = FileReadahead()
        var cache = Cache()
        ra.pageCacheReadahead(offset: 0, requestPages: 64) { cache.read($0) }
        #expect(cache.reads == [0..<32, 32..<64])
    }

    /// A file already cached: windows that read nothing add up; at 256 pages found cached in
    /// a row readahead turns off (RA_FLAG_INCACHE) and reads nothing more.
    @Test func aCachedFileTurnsReadaheadOff() {
        var ra = FileReadahead()
        var cache = Cache()
        cache.pages = Set(0..<10_000)
        var page = 0
        while !ra.inCache && page < 10_000 {
            ra.pageCacheReadahead(offset: page, requestPages: 1) { cache.read($0) }
            page += 1
        }
        #expect(ra.inCache && cache.reads.isEmpty)
        // Windows read nothing at pages 0 (4), 1 (8), 4 (16), then 32 at each move into the
        // ahead window: pages 12, 28, 60, ..., 188 bring the run to 4 + 8 + 16 + 32 * 7 =
        // 252 < 256; the move at page 220 brings it to 284: off after page 220.
        #expect(page == 221)
    }
}
