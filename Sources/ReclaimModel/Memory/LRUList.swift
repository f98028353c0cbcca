/// The head of an intrusive doubly linked LRU list over page frame numbers.
///
/// Head = most recently added, tail = oldest; scanning takes from the tail (docs/model.md §0).
/// The links live in `PageFrames` (one link set per kind of list: zone or container), so
/// moving a page is O(1) and allocation-free.
public struct LRUList: Sendable, Hashable {
    public internal(set) var head: Int32 = -1
    public internal(set) var tail: Int32 = -1
    public internal(set) var count = 0
    public init() {}
    public var isEmpty: Bool { count == 0 }
}

/// Which set of links a list uses.
public enum LinkSet: Sendable {
    case zone
    case container
}

/// Parallel link arrays: `prev[pfn]`, `next[pfn]`; -1 = none.
public struct Links: Sendable {
    var prev: [Int32]
    var next: [Int32]

    init(count: Int) {
        prev = Array(repeating: -1, count: count)
        next = Array(repeating: -1, count: count)
    }

    /// - Complexity: O(1).
    mutating func addHead(_ list: inout LRUList, _ pfn: Int32) {
        let p = Int(pfn)
        prev[p] = -1
        next[p] = list.head
        if list.head >= 0 { prev[Int(list.head)] = pfn } else { list.tail = pfn }
        list.head = pfn
        list.count += 1
    }

    /// - Complexity: O(1).
    mutating func addTail(_ list: inout LRUList, _ pfn: Int32) {
        let p = Int(pfn)
        next[p] = -1
        prev[p] = list.tail
        if list.tail >= 0 { next[Int(list.tail)] = pfn } else { list.head = pfn }
        list.tail = pfn
        list.count += 1
    }

    /// - Complexity: O(1).
    mutating func remove(_ list: inout LRUList, _ pfn: Int32) {
        let p = Int(pfn)
        let pr = prev[p]
        let nx = next[p]
        if pr >= 0 { next[Int(pr)] = nx } else { list.head = nx }
        if nx >= 0 { prev[Int(nx)] = pr } else { list.tail = pr }
        prev[p] = -1
        next[p] = -1
        list.count -= 1
    }

    /// Entries from head to tail (tests and invariants).
    func walk(_ list: LRUList) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(list.count)
        var p = list.head
        while p >= 0 {
            out.append(p)
            p = next[Int(p)]
        }
        return out
    }
}
