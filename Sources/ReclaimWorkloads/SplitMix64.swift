/// A seeded 64-bit generator (Steele, Lea & Flood's SplitMix64), as in swift-argument-parser's
/// `roll` example: tiny state, good statistical quality, identical streams on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for one named stream of a run: `seed` mixed with a stable 64-bit FNV-1a
    /// hash of `key`, so adding a task does not shift the other tasks' streams (style habit 5).
    public static func stream(seed: UInt64, key: String) -> SplitMix64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        var mixer = SplitMix64(seed: seed ^ hash)
        return SplitMix64(seed: mixer.next())
    }
}

extension RandomNumberGenerator {
    /// A uniform integer in `0..<bound` (Lemire's multiply-high; bias below 2^-32 for the
    /// sizes used here, and deterministic).
    @inlinable
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    /// A uniform `Double` in `[0, 1)` from the top 53 bits.
    @inlinable
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
