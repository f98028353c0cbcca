import Testing

@testable import ReclaimScenario

@Suite struct SweepShardTests {
    @Test func parsesKOverN() {
        #expect(SweepShard(parsing: "2/3") == SweepShard(index: 2, count: 3))
        #expect(SweepShard(parsing: "1/1") == .all)
        for bad in ["0/3", "4/3", "1/0", "a/b", "1/", "/3", "1/2/3", "-1/3", "+1/3", " 1/3", ""] {
            #expect(SweepShard(parsing: bad) == nil, "\(bad)")
        }
        #expect(SweepShard(index: 3, count: 3)?.description == "3/3")
    }

    /// Every grid index belongs to exactly one shard, by index modulo N.
    @Test func shardsPartitionTheGridByIndexModuloN() {
        for count in 1...5 {
            let shards = (1...count).map { SweepShard(index: $0, count: count)! }
            for index in 0..<23 {
                let owners = shards.filter { $0.contains(gridIndex: index) }
                #expect(owners.count == 1)
                #expect(owners.first?.index == index % count + 1)
            }
        }
    }
}
