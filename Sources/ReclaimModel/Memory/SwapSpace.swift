/// The swap device: `total_swap_pages` slots with reference counts (one per pte holding the
/// entry, one for the swap cache), and the swap cache (slot -> page frame).
public struct SwapSpace: Sendable {
    public let total: Int
    /// References per slot; 0 = free.
    var refs: [UInt16]
    /// Swap-cache page of a slot, or -1.
    var cache: [Int32]
    public internal(set) var used = 0
    /// Next-fit cursor for slot allocation (the kernel scans for free slots from its last position).
    var cursor = 0

    public init(total: Int) {
        self.total = total
        refs = Array(repeating: 0, count: total)
        cache = Array(repeating: -1, count: total)
    }

    public var free: Int { total - used }

    /// `vm_swap_full()`: fewer than half the slots free.
    public var isFull: Bool { free * 2 < total }

    /// Allocates a slot with one reference (the swap cache's), or nil when swap is absent or full.
    mutating func allocate() -> Int32? {
        guard used < total else { return nil }
        var i = cursor
        while refs[i] != 0 { i = (i + 1) % total }
        refs[i] = 1
        used += 1
        cursor = (i + 1) % total
        return Int32(i)
    }

    mutating func retain(_ slot: Int32) { refs[Int(slot)] += 1 }

    /// Drops one reference; the slot is free when none remain.
    mutating func release(_ slot: Int32) {
        let s = Int(slot)
        precondition(refs[s] > 0, "swap slot \(slot) released twice")
        refs[s] -= 1
        if refs[s] == 0 { used -= 1 }
    }
}
