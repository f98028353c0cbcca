/// The swap device: `total_swap_pages` slots with reference counts (one per pte holding the
/// entry, one for the swap cache), and the swap cache (slot -> page frame).
public struct SwapSpace: Sendable {
    public let total: Int
    /// References per slot; 0 = free.
    var refs: [UInt16]
    /// Swap-cache page of a slot, or -1.
    var cache: [Int32]
    public internal(set) var used = 0
    /// `scan_swap_map` state: slots left in the current cluster, where it goes on, and the
    /// bounds of the free slots (`lowest_bit`, `highest_bit`).
    var clusterNr = 0
    var clusterNext = 0
    var lowestBit = 0
    var highestBit: Int

    /// `SWAPFILE_CLUSTER`: slots are handed out sequentially in clusters of 256.
    public static let cluster = 256

    public init(total: Int) {
        self.total = total
        refs = Array(repeating: 0, count: total)
        cache = Array(repeating: -1, count: total)
        highestBit = max(0, total - 1)
    }

    public var free: Int { total - used }

    /// `vm_swap_full()`: fewer than half the slots free.
    public var isFull: Bool { free * 2 < total }

    /// `scan_swap_map` (mm/swapfile.c of 2.6.20): a slot with one reference (the swap
    /// cache's), or nil when swap is absent or full. Slots go out sequentially from
    /// `cluster_next` for 256 allocations; then the first run of 256 free slots from
    /// `lowest_bit` starts a new cluster, or, with fewer than 256 slots free (or no such
    /// run), the first free slot from `lowest_bit` does. A taken slot is skipped by scanning
    /// on to `highest_bit` and round from `lowest_bit`. (Model slot s is the kernel's offset
    /// s + 1: offset 0 is the swap header.)
    mutating func allocate() -> Int32? {
        guard used < total else { return nil }
        var offset: Int
        if clusterNr == 0 {
            clusterNr = Self.cluster - 1
            offset = lowestBit
            if total - used >= Self.cluster {
                var o = lowestBit
                var last = o + Self.cluster - 1
                while last <= highestBit {
                    if refs[o] != 0 {
                        last = o + Self.cluster
                    } else if o == last {
                        offset = o - Self.cluster + 1
                        break
                    }
                    o += 1
                }
            }
        } else {
            clusterNr -= 1
            offset = clusterNext > highestBit ? lowestBit : clusterNext
        }
        while refs[offset] != 0 {
            offset = offset + 1 > highestBit ? lowestBit : offset + 1
        }
        refs[offset] = 1
        used += 1
        if offset == lowestBit { lowestBit += 1 }
        if offset == highestBit { highestBit -= 1 }
        if used == total {
            lowestBit = total
            highestBit = 0
        }
        clusterNext = offset + 1
        return Int32(offset)
    }

    mutating func retain(_ slot: Int32) { refs[Int(slot)] += 1 }

    /// Drops one reference; the slot is free when none remain.
    mutating func release(_ slot: Int32) {
        let s = Int(slot)
        precondition(refs[s] > 0, "swap slot \(slot) released twice")
        refs[s] -= 1
        if refs[s] == 0 {
            used -= 1
            lowestBit = min(lowestBit, s)
            highestBit = max(highestBit, s)
        }
    }
}
