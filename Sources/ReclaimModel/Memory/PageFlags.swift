/// Per-page state of docs/model.md §0, packed in 16 bits (`struct page` flags plus the pte bits of
/// an anonymous page's one pte; file ptes keep their bits in `MM.filePTE`).
public struct PageFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// PG_lru: on a zone LRU list (not isolated, not free).
    public static let lru = PageFlags(rawValue: 1 << 0)
    /// PG_active: on (or bound for) the active list.
    public static let active = PageFlags(rawValue: 1 << 1)
    /// PG_referenced: set by `mark_page_accessed`, cleared by `page_referenced`.
    public static let referenced = PageFlags(rawValue: 1 << 2)
    /// PG_dirty.
    public static let dirty = PageFlags(rawValue: 1 << 3)
    /// PG_writeback: write I/O in flight.
    public static let writeback = PageFlags(rawValue: 1 << 4)
    /// PG_locked: read I/O in flight (a major fault being served).
    public static let locked = PageFlags(rawValue: 1 << 5)
    /// PageAnon.
    public static let anon = PageFlags(rawValue: 1 << 6)
    /// PG_swapcache.
    public static let swapCache = PageFlags(rawValue: 1 << 7)
    /// PG_reclaim: written by reclaim; rotated to the inactive tail when the write ends.
    public static let reclaim = PageFlags(rawValue: 1 << 8)
    /// `page_mapped`: mapcount > 0 (``PageFrames/mapcount``).
    public static let mapped = PageFlags(rawValue: 1 << 9)
    // Bits 10 and 11 held an anonymous page's one pte's young and dirty bits before pages
    // were shared; pte bits now live in `MM.anonBits` / `MM.filePTE`.
    /// Allocated (not on the free list).
    public static let inUse = PageFlags(rawValue: 1 << 12)
}
