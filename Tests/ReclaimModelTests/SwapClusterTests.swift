import Testing

@testable import ReclaimModel

/// `scan_swap_map` of 2.6.20 (docs/model.md §13.B: slots "allocated in 256-clusters, so they
/// merge"), on 1024 slots, worked by hand.
@Suite struct SwapClusterTests {
    @Test func slotsComeInClustersOf256ThenFirstFree() {
        var s = SwapSpace(total: 1024)
        func take(_ n: Int) -> [Int] { (0..<n).map { _ in Int(s.allocate()!) } }
        #expect(take(256) == Array(0..<256), "the first empty cluster is 0-255, then sequential")
        for slot in 100..<200 { s.release(Int32(slot)) }
        // cluster_nr is 0: a new cluster is the first run of 256 free slots from lowest_bit
        // (100): 100-199 is too short, 256-511 is the first; then 255 more from there.
        #expect(take(256) == Array(256..<512), "not the hole at 100")
        #expect(take(256) == Array(512..<768))
        #expect(take(256) == Array(768..<1024))
        // 100 slots free (< 256): first free from lowest_bit.
        #expect(take(3) == [100, 101, 102])
    }
}
