import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// The swap token of 2.6.20 (mm/thrash.c, docs/model.md §13.G).
@Suite struct SwapTokenTests {
    private static func twoTasks(swap: Int = 0) -> Kernel {
        Kernel.fixture(
            swap: swap,
            tasks: [
                ConfigBuilder.task("a", container: 0, workload: .idle(totalVM: 64, rss: 0)),
                ConfigBuilder.task("b", container: 0, workload: .idle(totalVM: 64, rss: 0)),
            ])
    }

    @Test func grabFollowsThrashC() {
        var k = Self.twoTasks()
        // A: no holder -> priority 0 + 2 = 2, takes it; faultstamp 1, last_interval 1 - 0 = 1.
        k.grabSwapToken(task: 0)
        #expect(k.swapToken.holder == 0)
        #expect(k.tasks[0].mm!.token == SwapTokenMM(priority: 2, faultstamp: 1, lastInterval: 1))
        // B: interval 2 - 0 = 2, not below last_interval 0 -> priority 0 - 1 wraps to
        // UINT_MAX (docs/model.md §13.G), which beats A's 2: += 2 wraps to 1, B holds the token.
        k.grabSwapToken(task: 1)
        #expect(k.swapToken.holder == 1)
        #expect(k.tasks[1].mm!.token == SwapTokenMM(priority: 1, faultstamp: 2, lastInterval: 2))
        // A: interval 3 - 1 = 2, not below 1 -> 2 - 1 = 1, not above B's 1: B keeps it.
        k.grabSwapToken(task: 0)
        #expect(k.swapToken.holder == 1)
        #expect(k.tasks[0].mm!.token == SwapTokenMM(priority: 1, faultstamp: 3, lastInterval: 2))
        // B again, the holder: 1 + 2 = 3; interval 4 - 2 = 2.
        k.grabSwapToken(task: 1)
        #expect(k.tasks[1].mm!.token == SwapTokenMM(priority: 3, faultstamp: 4, lastInterval: 2))
        // A: interval 5 - 3 = 2, not below 2 -> 0; B keeps it.
        k.grabSwapToken(task: 0)
        #expect(k.tasks[0].mm!.token.priority == 0)
        #expect(k.swapToken.holder == 1)
    }

    @Test func theHolderInAFaultGetsOneReferencePerPte() {
        var k = Self.twoTasks()
        let a = k.faultAnon(task: 0, 0..<1)[0]
        k.age([a])
        k.grabSwapToken(task: 0)
        // Not inside a fault: no bonus.
        #expect(k.pageReferenced(a, activeListCheck: false) == 0)
        // Asleep in a fault (mmap_sem held), scanned by kswapd (current = nil): +1.
        k.tasks[0].pendingRef = PageRef(area: .anon, index: 5, write: true)
        #expect(k.pageReferenced(a, activeListCheck: false) == 1)
        // The holder reclaiming in its own fault: mm == current->mm, no bonus.
        k.current = 0
        #expect(k.pageReferenced(a, activeListCheck: false) == 0)
    }

    @Test func theHoldersPagesSurviveAScanThatTakesEveryoneElses() {
        // 4 aged pages of A (holder, asleep in a fault) and 4 of B on the inactive list,
        // swap available: B's 4 go to swap (unmapped, 4 swap entries), A's 4 are activated
        // (referenced and mapped: rule 5) and stay mapped.
        var k = Self.twoTasks(swap: 1000)
        let aPages = k.faultAnon(task: 0, 0..<4)
        let bPages = k.faultAnon(task: 1, 0..<4)
        k.deactivate(aPages + bPages)
        k.age(aPages + bPages)
        k.grabSwapToken(task: 0)
        k.tasks[0].pendingRef = PageRef(area: .anon, index: 10, write: true)
        var batch = aPages + bPages
        k.isolate(batch)
        var sc = ScanControl(mayWritepage: true, swappiness: 60)
        var stats = PassStats()
        _ = k.shrinkPageList(&batch, sc: &sc, stats: &stats)
        k.putBack(batch)
        #expect(aPages.allSatisfy { k.frames.has($0, .mapped) && k.frames.has($0, .active) })
        #expect(bPages.allSatisfy { !k.frames.has($0, .mapped) })
        #expect(k.tasks[1].mm!.swapEntries == 4)
        #expect(k.tasks[0].mm!.swapEntries == 0)
    }

    @Test func directReclaimDropsTheTokenAtPriorityZero() {
        // No swap, only anonymous pages: nothing is reclaimable, the call runs down to
        // priority 0, where try_to_free_pages calls disable_swap_token (docs/model.md §13.G).
        var k = Self.twoTasks()
        k.faultAnon(task: 0, 0..<32)
        k.grabSwapToken(task: 1)
        #expect(k.swapToken.holder == 1)
        _ = k.directReclaimToEnd(task: 0)
        #expect(k.swapToken.holder == nil)
    }

    @Test func exitDropsTheToken() {
        var k = Self.twoTasks()
        k.grabSwapToken(task: 1)
        k.exitTask(0)
        #expect(k.swapToken.holder == 1, "another task's exit keeps it")
        k.exitTask(1)
        #expect(k.swapToken.holder == nil)
    }
}
