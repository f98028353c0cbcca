/// Zipf ranks `1...n` by Walker's alias method (Vose's construction): O(n) to build, then
/// O(1) per draw with one random number and no transcendental function — the simulator's
/// hot loop draws a page per reference.
///
/// - Complexity: build O(n) time and 12·n bytes; `sample` O(1).
public struct ZipfAliasTable: Sendable {
    public let n: Int
    /// Acceptance threshold of each column, scaled to 2^32.
    @usableFromInline let threshold: [UInt32]
    /// The other rank of each column (0-based).
    @usableFromInline let alias: [Int32]

    /// A table of no pages (for workloads that draw no Zipf ranks).
    public static let empty = ZipfAliasTable()

    private init() {
        n = 0
        threshold = []
        alias = []
    }

    public init(n: Int, theta: Double) {
        precondition(n >= 1 && theta > 0)
        self.n = n
        var weights = [Double](repeating: 0, count: n)
        var total = 0.0
        for k in 0..<n {
            // PortableMath: the same weights, so the same table, on every platform.
            let w = 1.0 / PortableMath.pow(Double(k + 1), theta)
            weights[k] = w
            total += w
        }
        let scale = Double(n) / total
        var small: [Int32] = []
        var large: [Int32] = []
        small.reserveCapacity(n)
        large.reserveCapacity(n)
        for k in 0..<n {
            weights[k] *= scale
            if weights[k] < 1 { small.append(Int32(k)) } else { large.append(Int32(k)) }
        }
        var threshold = [UInt32](repeating: UInt32.max, count: n)
        var alias = [Int32](repeating: 0, count: n)
        for k in 0..<n { alias[k] = Int32(k) }
        while let s = small.popLast(), let l = large.last {
            threshold[Int(s)] = UInt32(min(weights[Int(s)] * 4_294_967_296.0, 4_294_967_295.0))
            alias[Int(s)] = l
            weights[Int(l)] -= 1.0 - weights[Int(s)]
            if weights[Int(l)] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        // Leftovers (rounding) keep their own column: threshold max, alias self.
        self.threshold = threshold
        self.alias = alias
    }

    /// One rank in `1...n`.
    @inlinable
    public func sample(using rng: inout some RandomNumberGenerator) -> Int {
        sampleIndex(rng.next()) + 1
    }

    /// A 0-based rank from one 64-bit random number: the high part picks the column, the
    /// low 32 bits decide between the column and its alias.
    @inlinable
    public func sampleIndex(_ r: UInt64) -> Int {
        let column = Int(UInt64(n).multipliedFullWidth(by: r).high)
        return UInt32(truncatingIfNeeded: r) < threshold[column] ? column : Int(alias[column])
    }
}
