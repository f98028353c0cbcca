import ReclaimKernelFunctions

/// The per-zone scan accumulators of `shrink_zone` (docs/model.md §2): each call adds
/// `(list size >> priority) + 1`; once the sum reaches `swap_cluster_max` it is all scanned
/// and the accumulator resets, otherwise nothing is scanned and the sum carries over —
/// across priorities and across calls (G2).
public enum ScanAccumulator {
    /// Returns the pages to scan now and the new accumulator value.
    public static func step(accumulator: Int, listSize: Int, priority: Int, clusterMax: Int = KernelConstants.swapClusterMax) -> (scan: Int, accumulator: Int) {
        let sum = accumulator + (listSize >> priority) + 1
        return sum >= clusterMax ? (sum, 0) : (0, sum)
    }
}
