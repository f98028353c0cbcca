import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// Fork copy-on-write of anonymous pages (docs/model.md §13.F F2, F3, F4, F5; §8.2 charging).
/// Every expected number follows from the rules by hand: copy_page_range adds one pte per
/// present parent pte and charges nothing; a write to a shared page copies it (one new page,
/// charged to the writer's container); a write to a page with mapcount 1 and no swap ptes
/// reuses it.
@Suite struct ForkCOWTests {
    /// A parent in container 0 that has written anonymous pages 0..<8, and its forked child.
    private func forked(swap: Int = 0) -> (Kernel, parentPages: [Int32], child: Int) {
        var k = Kernel.fixture(
            swap: swap, tasks: [ConfigBuilder.task("p", container: 0, workload: .idle(totalVM: 8, rss: 0))])
        let pfns = k.faultAnon(0..<8)
        k.forkChild(of: 0, pages: 0)
        return (k, pfns, k.tasks.count - 1)
    }

    /// A `fork` workload with `pages: 8`, `child_pages: 3`: the parent writes pages 0-7 in
    /// jiffy 0, forks at jiffy 1, the child breaks COW on pages 0-2 in jiffy 2: 11 pages
    /// charged (8 + 3), rss 8 each, pages 3-7 at mapcount 2.
    @Test func forkWorkloadWithEightPagesAndThreeChildPagesChargesEleven() throws {
        var k = Kernel(config: ConfigBuilder.config(containers: [("c", 100_000)], tasks: [
            ConfigBuilder.task("p", container: 0, workload: .fork(children: 1, childPages: 3, intervalJiffies: 250, pages: 8))
        ]))
        while k.now <= 3 {
            try k.tick()
            k.now += 1
        }
        #expect(k.tasks.count == 2, "one child")
        let parent = k.tasks[0].mm!.anonPTE
        let child = k.tasks[1].mm!.anonPTE
        #expect(k.containers[0].usage == 11 && k.nrAnonPages == 11)
        #expect(k.tasks[0].mm!.rss == 8 && k.tasks[1].mm!.rss == 8)
        #expect((0..<3).allSatisfy { parent[$0] != child[$0] && k.frames.mapcount[Int(parent[$0] - 1)] == 1 })
        #expect((3..<8).allSatisfy { parent[$0] == child[$0] && k.frames.mapcount[Int(parent[$0] - 1)] == 2 })
        try k.checkInvariants()
    }

    @Test func forkSharesEightPagesWithMapcountTwoChargedOnceAndWriteProtected() throws {
        var k = Kernel.fixture(tasks: [ConfigBuilder.task("p", container: 0, workload: .idle(totalVM: 8, rss: 0))])
        let pfns = k.faultAnon(0..<8)
        let free = k.frames.freeCount
        k.forkChild(of: 0, pages: 0)
        let c = k.tasks.count - 1
        #expect(pfns.allSatisfy { k.frames.mapcount[Int($0)] == 2 }, "one pte in each mm")
        #expect(k.containers[0].usage == 8, "charged once, to the first toucher")
        #expect(k.tasks[0].mm!.rss == 8 && k.tasks[c].mm!.rss == 8, "rss counts ptes")
        #expect(k.nrAnonPages == 8 && k.frames.freeCount == free, "no page copied at fork")
        #expect(k.tasks[c].mm!.totalVM == 8, "the child's total_vm is the parent's anonymous area")
        #expect((0..<8).allSatisfy { k.tasks[0].mm!.anonBits[$0] == AnonPTE.young | AnonPTE.dirty }, "parent: write-protected")
        #expect((0..<8).allSatisfy { k.tasks[c].mm!.anonBits[$0] == AnonPTE.dirty }, "child: old, write-protected, dirty kept")
        try k.checkInvariants()
    }

    @Test func childWritingThreeSharedPagesGetsThreeNewPagesChargedToItsContainer() throws {
        var (k, pfns, c) = forked()
        let free = k.frames.freeCount
        for i in 0..<3 {
            k.ref(PageRef(area: .anon, index: Int32(i), write: true), task: c)
        }
        let copies = (0..<3).map { k.tasks[c].mm!.anonPTE[$0] - 1 }
        #expect(Set(copies).isDisjoint(with: pfns), "3 copies")
        #expect(k.frames.freeCount == free - 3 && k.nrAnonPages == 11, "8 shared/old + 3 new pages")
        #expect(k.containers[0].usage == 11, "8 charged to the first toucher + 3 to the writer")
        #expect(copies.allSatisfy { k.frames.container[Int($0)] == 0 && k.frames.has($0, .active) }, "new pages on the ACTIVE list")
        #expect(pfns[0..<3].allSatisfy { k.frames.mapcount[Int($0)] == 1 }, "the parent's pte is left")
        #expect(pfns[3...].allSatisfy { k.frames.mapcount[Int($0)] == 2 })
        #expect(k.tasks[0].mm!.rss == 8 && k.tasks[c].mm!.rss == 8, "the parent's rss unchanged")
        #expect(k.tasks[c].faults == 3, "3 minor COW faults")
        try k.checkInvariants()
        // The parent writes page 0, now mapped only by it: do_wp_page reuses it.
        let freeBefore = k.frames.freeCount
        k.ref(PageRef(area: .anon, index: 0, write: true), task: 0)
        #expect(k.tasks[0].mm!.anonPTE[0] == pfns[0] + 1 && k.frames.freeCount == freeBefore, "reused, no copy")
        #expect(k.tasks[0].mm!.anonBits[0] & AnonPTE.write != 0)
        #expect(k.tasks[0].faults == 9 && k.containers[0].usage == 11, "8 first touches + 1 reuse fault, nothing charged")
        // The parent writes page 5, still shared: a copy (12 pages charged).
        k.ref(PageRef(area: .anon, index: 5, write: true), task: 0)
        #expect(k.tasks[0].mm!.anonPTE[5] != pfns[5] + 1 && k.frames.mapcount[Int(pfns[5])] == 1)
        #expect(k.containers[0].usage == 12 && k.nrAnonPages == 12)
        try k.checkInvariants()
    }

    @Test func parentExitLeavesSharedPagesToTheChildWhichReusesThem() throws {
        var (k, pfns, c) = forked()
        let free = k.frames.freeCount
        k.exitTask(0)
        #expect(pfns.allSatisfy { k.frames.mapcount[Int($0)] == 1 }, "unmapped from the parent only")
        #expect(k.frames.freeCount == free && k.nrAnonPages == 8, "no page freed")
        #expect(k.containers[0].usage == 8 && k.tasks[c].mm!.rss == 8)
        k.ref(PageRef(area: .anon, index: 2, write: true), task: c)
        #expect(k.tasks[c].mm!.anonPTE[2] == pfns[2] + 1 && k.frames.freeCount == free, "last mapper: reused")
        try k.checkInvariants()
        k.exitTask(c)
        #expect(k.frames.freeCount == free + 8 && k.containers[0].usage == 0, "the last unmap frees and uncharges")
        try k.checkInvariants()
    }

    @Test func pageReferencedSumsBothPtesAndTryToUnmapMakesTwoSwapPtes() throws {
        var (k, pfns, c) = forked(swap: 64)
        let pfn = pfns[0]
        k.ref(PageRef(area: .anon, index: 0, write: false), task: c)
        // Parent pte young from its fault + child pte young from the read = 2.
        let referenced = k.pageReferenced(pfn, activeListCheck: false)
        #expect(referenced == 2)
        let again = k.pageReferenced(pfn, activeListCheck: false)
        #expect(again == 0, "both young bits cleared")
        // The walk goes in anon_vma order, parent first: its old pte becomes a swap pte, then
        // the child's young pte refuses (SWAP_FAIL, bit cleared); the parent's stays removed.
        let slotted = k.addToSwap(pfn)
        #expect(slotted)
        k.tasks[c].mm!.anonBits[0] |= AnonPTE.young
        let refused = !k.tryToUnmap(pfn)
        #expect(refused && k.frames.mapcount[Int(pfn)] == 1 && k.tasks[0].mm!.anonPTE[0] < 0)
        let unmapped = k.tryToUnmap(pfn)
        #expect(unmapped, "both ptes old now")
        let slot = k.frames.swapSlot[Int(pfn)]
        #expect(k.tasks[0].mm!.anonPTE[0] == -(slot + 1) && k.tasks[c].mm!.anonPTE[0] == -(slot + 1))
        #expect(k.swap.refs[Int(slot)] == 3, "swap cache + 2 swap ptes")
        #expect(k.frames.mapcount[Int(pfn)] == 0 && k.containers[0].usage == 7, "uncharged at the last unmap")
        #expect(k.tasks[0].mm!.rss == 7 && k.tasks[c].mm!.rss == 7)
        try k.checkInvariants()
        // The child reads it back from the swap cache: mapped write-protected (the parent's
        // swap pte still holds the entry), then its write copies (mapcount 1 + swapcount 1 = 2).
        k.ref(PageRef(area: .anon, index: 0, write: false), task: c)
        #expect(k.tasks[c].mm!.anonPTE[0] == pfn + 1 && k.tasks[c].mm!.anonBits[0] & AnonPTE.write == 0)
        #expect(k.swap.refs[Int(slot)] == 2)
        k.ref(PageRef(area: .anon, index: 0, write: true), task: c)
        #expect(k.tasks[c].mm!.anonPTE[0] != pfn + 1, "copied")
        #expect(k.frames.mapcount[Int(pfn)] == 0 && k.frames.has(pfn, .swapCache), "the swap cache keeps the old page for the parent")
        #expect(k.containers[0].usage == 8)
        try k.checkInvariants()
    }
}

extension Kernel {
    /// One reference that must complete (precondition), for `#expect`-free call sites.
    fileprivate mutating func ref(_ ref: PageRef, task t: Int) {
        let r = access(ref, task: t)
        precondition(r == .done, "reference \(ref) of task \(t): \(r)")
    }
}
