/// `page_referenced` and `page_mapping_inuse` (mm/rmap.c, mm/vmscan.c), docs/model.md §3 and §4.
extension Kernel {
    /// Counts and clears the page's references: 1 for `PG_referenced`, 1 for a young pte,
    /// and on the active-list check 1 for a file page whose lock is held (read in flight).
    /// No swap token is modelled.
    mutating func pageReferenced(_ pfn: Int32, activeListCheck: Bool) -> Int {
        var r = 0
        let f = frames.flags[Int(pfn)]
        if f.contains(.referenced) {
            r += 1
            frames.clear(pfn, .referenced)
        }
        if f.contains(.mapped) {
            if activeListCheck && !f.contains(.anon) && f.contains(.locked) {
                // TestSetPageLocked failed: counted as referenced, ptes not walked.
                r += 1
            } else if f.contains(.young) {
                r += 1
                frames.clear(pfn, .young)
            }
        }
        return r
    }

    /// `page_mapping_inuse`: mapped, in the swap cache, or a file some live mm maps.
    func pageMappingInUse(_ pfn: Int32) -> Bool {
        let f = frames.flags[Int(pfn)]
        if f.contains(.mapped) || f.contains(.swapCache) { return true }
        if f.contains(.anon) { return false }
        let owner = files[Int(frames.space[Int(pfn)])].owner
        return tasks[owner].mm != nil
    }
}
