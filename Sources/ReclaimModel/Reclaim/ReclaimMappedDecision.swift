/// The `reclaim_mapped` decision of `shrink_active_list` (docs/model.md §3), as a value: what the
/// active step of a global pass decided, with the numbers behind it.
public struct ReclaimMappedDecision: Sendable, Hashable {
    /// 100 >> min(prev_priority, priority).
    public let distress: Int
    /// (NR_FILE_MAPPED + NR_ANON_PAGES) * 100 / vm_total_pages: global, not per zone.
    public let mappedRatio: Int
    /// mapped_ratio / 2 + distress + swappiness.
    public let swapTendency: Int
    /// `zone.pages_scanned >= 3 * (nr_active + nr_inactive)`: the near-OOM override.
    public let nearOOM: Bool
    public let reclaimMapped: Bool

    /// - Parameters:
    ///   - maySwap: `sc.may_swap`; without it nothing mapped is reclaimed.
    ///   - pagesScanned: `zone.pages_scanned`.
    ///   - lruPages: `zone.nr_active + zone.nr_inactive`.
    public init(
        maySwap: Bool = true, pagesScanned: Int, lruPages: Int, prevPriority: Int, priority: Int,
        mappedPages: Int, vmTotalPages: Int, swappiness: Int
    ) {
        distress = Self.distress(prevPriority: Swift.min(prevPriority, priority))
        mappedRatio = (mappedPages * 100) / vmTotalPages
        swapTendency = mappedRatio / 2 + distress + swappiness
        nearOOM = pagesScanned >= 3 * lruPages
        reclaimMapped = maySwap && (nearOOM || swapTendency >= 100)
    }

    /// `100 >> prev_priority` (G3): 12...7 -> 0, 6 -> 1, 5 -> 3, 4 -> 6, 3 -> 12, 2 -> 25,
    /// 1 -> 50, 0 -> 100.
    public static func distress(prevPriority: Int) -> Int { 100 >> prevPriority }
}
