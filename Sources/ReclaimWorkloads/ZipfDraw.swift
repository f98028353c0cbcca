/// Which Zipf sampler a set of pages gets.
public enum ZipfDraw {
    /// Largest fixed set drawn with an alias table (12 MiB of table); larger sets, and sets
    /// that grow (`anon-grow`), use rejection-inversion (`ZipfSampler`, O(1) memory).
    public static let aliasLimit = 1 << 20
}
