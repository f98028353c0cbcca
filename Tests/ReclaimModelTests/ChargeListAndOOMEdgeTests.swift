import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// Rules the issue-14 review found untested: where a newly charged page goes on its
/// container's lists, the charge loop's failure, the child-first walk past an OOM_DISABLE
/// child, and the global "no killable processes" panic.
@Suite struct ChargeListAndOOMEdgeTests {
    private static func idle(_ name: String, _ totalVM: Int, parent: Int? = nil, oomAdj: Int = 0) -> TaskSpec {
        ConfigBuilder.task(name, container: 0, oomAdj: oomAdj, parent: parent, workload: .idle(totalVM: totalVM, rss: 0))
    }

    /// [I] Our decision (docs/model.md §8.2): a newly charged page goes to the container list
    /// that mirrors its zone list — an anonymous page (zone active head) to the container's
    /// active head, an mmap file page (zone inactive head) to its inactive head. The seed's
    /// `VM_BUG_ON(!PageActive)` in the container's active step requires the mirroring.
    @Test func newlyChargedPagesMirrorTheirZoneList() {
        var k = Kernel.fixture(tasks: [
            ConfigBuilder.task("t", container: 0, workload: .idle(totalVM: 8, rss: 0)),
            .fileTask(pages: 8),
        ])
        let anon = k.faultAnon(task: 0, 0..<3)
        let file = k.faultFile(task: 1, 0..<2)
        #expect(k.frames.containerLinks.walk(k.containers[0].active) == anon.reversed())
        #expect(k.frames.containerLinks.walk(k.containers[0].inactive) == file.reversed())
        #expect(k.containers[0].usage == 5)
    }

    /// The charge loop without a way out (§8.2): limit 2, no swap, a third anonymous page:
    /// charge fails, container reclaim frees nothing (anonymous, no swap), the container OOM
    /// killer picks the only task — current — which gets TIF_MEMDIE, and the fault fails
    /// (the v2 code's -ENOMEM, VM_FAULT_OOM).
    @Test func theChargeLoopFailsTheFaultOfAKilledCurrent() {
        var k = Kernel.fixture(limit: 2, tasks: [Self.idle("t", 8)])
        k.faultAnon(0..<2)
        var r = AccessResult.blocked
        for _ in 0..<100 where r == .blocked {
            k.current = 0
            r = k.access(PageRef(area: .anon, index: 2, write: true), task: 0)
            k.now = max(k.now + 1, k.tasks[0].blockedUntil)
            k.completeIO()
        }
        #expect(r == .died)
        #expect(k.tasks[0].memdie)
        #expect(k.containers[0].usage == 2, "the third page was never charged")
        #expect(k.events.oomEvents.last?.victimPid == k.tasks[0].pid)
    }

    /// oom_kill_process walks the children oldest first and skips one `oom_kill_task`
    /// refuses (OOM_DISABLE): the second child dies.
    @Test func theChildFirstWalkSkipsAnOOMDisableChild() {
        var k = Kernel.fixture(tasks: [
            Self.idle("p", 100), Self.idle("c1", 10, parent: 0, oomAdj: -17), Self.idle("c2", 10, parent: 0),
        ])
        #expect(k.tasks[0].children == [1, 2])
        let victim = k.oomKillProcess(0)
        #expect(victim == .some(2))
        #expect(!k.tasks[1].memdie && k.tasks[2].memdie && !k.tasks[0].memdie)
    }

    /// Global out_of_memory with every task OOM_DISABLE: select_bad_process chooses nobody,
    /// and 2.6.20 panics ("Out of memory and no killable processes...").
    @Test func globalOOMWithNothingKillablePanics() {
        var k = Kernel.fixture(tasks: [Self.idle("a", 100, oomAdj: -17), Self.idle("b", 100, oomAdj: -17)])
        _ = k.outOfMemory(scope: .global, filter: nil, current: 0)
        #expect(k.panicMessage?.hasPrefix("Kernel panic - not syncing: Out of memory and no killable processes...") == true)
    }

    /// container_shrink_pages (§8.6 item 1) runs its two loops one after the other: a
    /// 2000-page container at priority 5 scans n = (2000 >> 5) + 1 = 63 pages, first 32 + 31
    /// on the active list (all aged, reclaim_mapped always 1: 63 deactivated), then the
    /// inactive list, which then holds exactly those 63: 32 + 31 isolated, all written to
    /// swap. Interleaved loops would isolate 32 + 32 = 64: the second inactive chunk (which
    /// isolates up to 32) would find the first chunk's 32 pages back on the list beside 31
    /// new ones.
    @Test func containerLoopsRunActiveThenInactive() {
        var k = Kernel.fixture(swap: 4096, tasks: [Self.idle("t", 2000)])
        let pages = k.faultAnon(0..<2000)
        k.age(pages)
        #expect(k.containers[0].physpages == 2000)
        var call = k.beginContainerReclaim(container: 0, task: 0)
        call.pass = PassStats()
        _ = k.containerShrinkPages(5, container: 0, call: &call)
        #expect(call.pass.activeScanned == 63)
        #expect(call.pass.deactivated == 63)
        #expect(call.pass.inactiveScanned == 63)
        #expect(call.pass.writebackStarted == 63)
    }

    /// The near-OOM override reached by scanning: 4 mapped file pages, all active, aged,
    /// swappiness 0, no swap, mapped_ratio 0: swap_tendency 0, so each active step keeps
    /// them and adds 4 to pages_scanned (nothing is freed to reset it). At the fourth step
    /// pages_scanned = 12 >= 3 * (4 + 0): reclaim_mapped, and the 4 old pages go inactive.
    @Test func nearOOMOverrideReachedByScanning() {
        var k = Kernel.fixture(tasks: [.fileTask(pages: 4)])
        let pages = k.faultFile(0..<4)
        for p in pages {
            k.lruRemove(p)
            k.frames.set(p, .active)
            k.lruAddHead(p)
        }
        var deactivated: [Int] = []
        var nearOOM: [Bool] = []
        for _ in 0..<4 {
            k.age(pages)
            var sc = ScanControl(mayWritepage: true, swappiness: 0)
            var stats = PassStats()
            k.shrinkActiveList(32, priority: 12, sc: &sc, stats: &stats)
            deactivated.append(stats.deactivated)
            nearOOM.append(stats.decision!.nearOOM)
        }
        #expect(nearOOM == [false, false, false, true])
        #expect(deactivated == [0, 0, 0, 4])
        #expect(k.zone.pagesScanned == 16)
    }

    /// Rule 5: a page under writeback is kept (counted: 1, +1 when mapped or in swap cache).
    /// Rule 9: dirty and referenced but not in use (a write(2) page: PG_referenced, nobody
    /// maps the file, so rule 6 does not activate it) is kept dirty, not written.
    @Test func writebackIsKeptAndDirtyReferencedIsKept() {
        var w = ConfigBuilder.task("w", container: 0, workload: .fileDirty(pages: 8, refsPerTick: 0, pattern: .uniform, writeRatio: 1))
        w.fileAccess = .write
        var k = Kernel.fixture(tasks: [w])
        k.readPages(task: 0, [0, 1], write: true)
        let p0 = k.files[0].pages[0]
        let p1 = k.files[0].pages[1]
        #expect(k.frames.has(p1, .dirty) && k.frames.has(p1, .referenced) && !k.frames.has(p1, .mapped))
        k.startWrite(p0, forReclaim: false)
        var batch = [p0, p1]
        k.isolate(batch)
        var sc = ScanControl(mayWritepage: true, swappiness: 60)
        var stats = PassStats()
        #expect(k.shrinkPageList(&batch, sc: &sc, stats: &stats) == 0)
        #expect(batch == [p0, p1])
        #expect(sc.nrScanned == 2)
        #expect(stats.keptDirty == 1 && stats.writebackStarted == 0)
        #expect(k.frames.has(p0, .writeback) && !k.frames.has(p1, .writeback))
    }
}
