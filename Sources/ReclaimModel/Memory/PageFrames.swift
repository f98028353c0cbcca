/// Every page frame of the machine, as parallel arrays indexed by page frame number (pfn).
///
/// Struct-of-arrays keeps the per-page hot path free of allocation and reference counting.
/// A page belongs to one address space: an mm's anonymous area (`space` = task index,
/// anon flag set; one pte) or a file (`space` = file index; a pte in each mm that maps the
/// file and faulted the page), at page `index` inside it.
public struct PageFrames: Sendable {
    public internal(set) var flags: [PageFlags]
    /// Task index (anon) or file index (file) owning the page; -1 when free.
    public internal(set) var space: [Int32]
    /// Page index inside that space.
    public internal(set) var index: [Int32]
    /// Container the page is charged to (docs/model.md §8.2, first toucher); -1 = none.
    public internal(set) var container: [Int16]
    /// Swap slot while the page is in the swap cache; -1 otherwise.
    public internal(set) var swapSlot: [Int32]
    /// `page_mapcount`: ptes mapping the page (`_mapcount + 1`); `mapped` is set while > 0.
    public internal(set) var mapcount: [Int16]
    var zoneLinks: Links
    var containerLinks: Links
    /// Free frames, as a stack (the most recently freed is reused first, like the per-cpu lists).
    var freeList: [Int32]

    public init(count: Int) {
        flags = Array(repeating: [], count: count)
        space = Array(repeating: -1, count: count)
        index = Array(repeating: -1, count: count)
        container = Array(repeating: -1, count: count)
        swapSlot = Array(repeating: -1, count: count)
        mapcount = Array(repeating: 0, count: count)
        zoneLinks = Links(count: count)
        containerLinks = Links(count: count)
        freeList = (0..<Int32(count)).reversed()
    }

    public var count: Int { flags.count }
    public var freeCount: Int { freeList.count }

    @inline(__always)
    public func has(_ pfn: Int32, _ f: PageFlags) -> Bool { flags[Int(pfn)].contains(f) }

    @inline(__always)
    mutating func set(_ pfn: Int32, _ f: PageFlags) { flags[Int(pfn)].formUnion(f) }

    @inline(__always)
    mutating func clear(_ pfn: Int32, _ f: PageFlags) { flags[Int(pfn)].subtract(f) }

    /// Takes a free frame, or nil when RAM is exhausted.
    mutating func allocate() -> Int32? {
        guard let pfn = freeList.popLast() else { return nil }
        flags[Int(pfn)] = [.inUse]
        return pfn
    }

    /// Returns a frame to the free list; the caller has unlinked it from every list.
    mutating func free(_ pfn: Int32) {
        let p = Int(pfn)
        flags[p] = []
        space[p] = -1
        index[p] = -1
        container[p] = -1
        swapSlot[p] = -1
        mapcount[p] = 0
        freeList.append(pfn)
    }
}
