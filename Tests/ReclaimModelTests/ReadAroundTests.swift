import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// mmap read-around of `filemap_nopage` (docs/model.md §13.D) and golden G18's "mmap
/// read-around reads 32 pages, then 16 per major fault".
@Suite struct ReadAroundTests {
    private static func kernel(pages: Int) -> Kernel {
        var k = Kernel.fixture(tasks: [.fileTask(pages: pages, container: nil)])
        k.files[0].randomReadHint = false
        return k
    }

    private static func cached(_ k: Kernel) -> Int { k.files[0].pages.filter { $0 >= 0 }.count }

    /// Window of a fault at `pgoff`: n = min(32, (inactive + free) / 2) pages from
    /// pgoff - n/2 (0 when pgoff <= n/2), cut at the end of the file.
    @Test func windowArithmetic() {
        #expect(Kernel.readAroundWindow(index: 0, filePages: 1000, inactive: 0, free: 60000) == 0..<32)
        #expect(Kernel.readAroundWindow(index: 100, filePages: 1000, inactive: 0, free: 60000) == 84..<116)
        #expect(Kernel.readAroundWindow(index: 990, filePages: 1000, inactive: 0, free: 60000) == 974..<1000)
        #expect(Kernel.readAroundWindow(index: 100, filePages: 1000, inactive: 10, free: 10) == 95..<105, "max_sane_readahead: (10 + 10) / 2")
    }

    /// A sequential mmap reader: the fault at 0 reads pages 0-31 in one request (pages 1-31
    /// unmapped, inactive, unreferenced); faults on 1-31 are minor hits; the fault at 32
    /// reads the window 16-47, of which 32-47 (16 pages) are new: one more request.
    @Test func sequentialFaultsRead32Then16() {
        var k = Self.kernel(pages: 1000)
        k.faultFile(0..<1)
        #expect(Self.cached(k) == 32 && k.disk.allocated[0] == 1)
        #expect(k.tasks[0].majorFaults == 1)
        let p1 = k.files[0].pages[1]
        #expect(!k.frames.has(p1, .mapped) && !k.frames.has(p1, .active) && !k.frames.has(p1, .referenced))
        k.faultFile(1..<32)
        #expect(k.tasks[0].majorFaults == 1 && k.files[0].mmapHit == 31)
        k.faultFile(32..<33)
        #expect(Self.cached(k) == 48 && k.disk.allocated[0] == 2 && k.tasks[0].majorFaults == 2)
    }

    /// Misses that outnumber hits by more than MMAP_LOTSAMISS (100) turn read-around off:
    /// faults 32 pages apart (windows 32n..32n+31) never hit, so misses 1-100 read 32 pages
    /// each (mmap_miss 100 is not > 0 + 100), the 101st only its own.
    @Test func lotsOfMissesStopReadAround() {
        var k = Self.kernel(pages: 200 * 32)
        for n in 0..<100 { k.faultFile((n * 32 + 16)..<(n * 32 + 17)) }
        #expect(Self.cached(k) == 100 * 32)
        k.faultFile((100 * 32 + 16)..<(100 * 32 + 17))
        #expect(Self.cached(k) == 100 * 32 + 1, "the 101st miss reads one page")
    }
}
