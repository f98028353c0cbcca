/// `page_referenced` and `page_mapping_inuse` (mm/rmap.c, mm/vmscan.c), docs/model.md §3 and §4.
extension Kernel {
    /// Counts and clears the page's references: 1 for `PG_referenced`, 1 for each young pte,
    /// and on the active-list check 1 for a file page whose lock is held (read in flight);
    /// when the ptes are walked, 1 more when the mapper holds the swap token and is inside
    /// a fault (``swapTokenBonus(mapper:)``).
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
            } else if f.contains(.anon) {
                // page_referenced_anon: every pte in the anon_vma's mms, summed.
                let idx = Int(frames.index[Int(pfn)])
                for m in anonMappers(pfn) {
                    if tasks[m].mm!.anonBits[idx] & AnonPTE.young != 0 {
                        r += 1
                        tasks[m].mm!.anonBits[idx] &= ~AnonPTE.young
                    }
                    if swapTokenBonus(mapper: m) { r += 1 }
                }
            } else {
                // page_referenced_file: every mapper's pte, summed.
                let file = Int(frames.space[Int(pfn)])
                let idx = Int(frames.index[Int(pfn)])
                for m in files[file].mappers where idx < tasks[m].mm!.filePTE.count {
                    let pte = tasks[m].mm!.filePTE[idx]
                    guard pte & FilePTE.present != 0 else { continue }
                    if pte & FilePTE.young != 0 {
                        r += 1
                        tasks[m].mm!.filePTE[idx] = FilePTE.present
                    }
                    if swapTokenBonus(mapper: m) { r += 1 }
                }
            }
        }
        return r
    }

    /// `page_mapping_inuse`: mapped, in the swap cache, or a file some live mm maps.
    func pageMappingInUse(_ pfn: Int32) -> Bool {
        let f = frames.flags[Int(pfn)]
        if f.contains(.mapped) || f.contains(.swapCache) { return true }
        if f.contains(.anon) { return false }
        return !files[Int(frames.space[Int(pfn)])].mappers.isEmpty
    }
}
