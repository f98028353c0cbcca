import DequeModule

/// Dirty file pages in the order they became dirty; pdflush takes the oldest first.
/// Entries can go stale (the page was cleaned or freed meanwhile); `Kernel` skips those.
struct DirtyQueue: Sendable {
    private(set) var pfns = Deque<Int32>()

    mutating func push(_ pfn: Int32) { pfns.append(pfn) }
    mutating func pop() -> Int32? { pfns.popFirst() }
    var count: Int { pfns.count }

    /// Drops stale entries when the queue grows past `limit` (bounded memory on long runs).
    mutating func compact(limit: Int, isDirtyFilePage: (Int32) -> Bool) {
        guard pfns.count > limit else { return }
        var seen = Set<Int32>()
        pfns = Deque(pfns.filter { isDirtyFilePage($0) && seen.insert($0).inserted })
    }
}
