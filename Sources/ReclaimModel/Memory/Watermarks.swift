import ReclaimKernelFunctions

/// The zone watermarks of 2.6.20's `setup_per_zone_pages_min` for a one-zone machine.
///
/// `min_free_kbytes = int_sqrt(lowmem_kbytes * 16)`, clamped to 128...65536;
/// `pages_min = min_free_kbytes / 4` (all of it goes to the only zone);
/// `pages_low = pages_min + pages_min / 4`; `pages_high = pages_min + pages_min / 2`.
/// [I] `lowmem_kbytes` is taken as all of RAM (no reserved or highmem pages).
public struct Watermarks: Sendable, Hashable {
    public let min: Int
    public let low: Int
    public let high: Int

    public init(ramPages: Int) {
        let kbytes = UInt64(ramPages) * 4
        var minFreeKbytes = Int(intSqrt(kbytes * 16))
        if minFreeKbytes < 128 { minFreeKbytes = 128 }
        if minFreeKbytes > 65536 { minFreeKbytes = 65536 }
        min = minFreeKbytes / 4
        low = min + min / 4
        high = min + min / 2
    }

    public init(min: Int, low: Int, high: Int) {
        self.min = min
        self.low = low
        self.high = high
    }

    /// `zone_watermark_ok` for an order-0 allocation with no lowmem reserve: free pages must
    /// be strictly above the mark.
    @inline(__always)
    public static func ok(free: Int, mark: Int) -> Bool { free > mark }
}
