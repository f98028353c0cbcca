/// One of `count` deterministic slices of a sweep's grid: `--shard K/N`
/// (docs/sweeps.md).
///
/// Shard `K/N` (1-based `K`) holds the grid points whose 0-based index `i` in the full,
/// ordered grid satisfies `i % N == K - 1`. Interleaving (rather than contiguous blocks)
/// spreads every configuration over the shards, so slices take about the same time, and
/// every point belongs to exactly one shard for any `N`.
public struct SweepShard: Sendable, Hashable, CustomStringConvertible {
    /// `K`, 1...count.
    public let index: Int
    /// `N`, at least 1.
    public let count: Int

    /// The whole grid (`1/1`).
    public static let all = SweepShard(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// A shard; nil unless `1 <= index <= count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Parses `K/N`, e.g. `2/3`; nil when the text is not two integers with `1 <= K <= N`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let index = Int(parts[0]), let count = Int(parts[1])
        else { return nil }
        self.init(index: index, count: count)
    }

    /// Whether the grid point at 0-based `gridIndex` belongs to this shard.
    public func contains(gridIndex: Int) -> Bool {
        gridIndex % count == index - 1
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }
}
