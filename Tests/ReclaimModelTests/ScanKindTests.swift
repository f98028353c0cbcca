@testable import ReclaimModel
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

/// `scan_passes.anon_scanned` / `file_scanned` (issue 15): every page a list step isolates,
/// counted by kind, like `nr_scanned`/`nr_taken` of the live kernel's shrink events split by
/// `RECLAIM_WB_ANON`/`_FILE`. The sums equal the list counts, so each golden number is the
/// list-rule count of the step split by how the fixture built the list.
@Suite struct ScanKindTests {
    /// Active step over 32 anonymous + 32 file pages, all on the active list: 64 isolated,
    /// 32 + 32 by kind.
    @Test func activeStepCounts32Anon32File() {
        var k = Kernel.fixture(swap: 0, tasks: [
            ConfigBuilder.task("a", container: 0, workload: .idle(totalVM: 64, rss: 0)),
            .fileTask(pages: 64),
        ])
        _ = k.faultAnon(task: 0, 0..<32)
        let file = k.faultFile(task: 1, 0..<32)
        for p in file { k.markPageAccessed(p) }
        var stats = PassStats()
        k.containerShrinkActive(64, container: 0, stats: &stats)
        #expect(stats.activeScanned == 64)
        #expect(stats.anonScanned == 32 && stats.fileScanned == 32, "32 anon + 32 file isolated")
    }

    /// Inactive step: 10 anonymous pages isolated once (no swap: all activated, the next batch
    /// is empty) -> anon 10, file 0; 10 locked file pages isolated 4 times to reach max_scan 32
    /// -> file 40, anon 0 (each isolation counts, as `inactive_scanned` does).
    @Test func inactiveStepCountsEveryIsolation() {
        var k = Kernel.fixture(swap: 0)
        let pfns = k.faultAnon(0..<10)
        k.age(pfns)
        k.deactivate(pfns)
        var sc = ScanControl(mayWritepage: true, swappiness: 0)
        var stats = PassStats()
        _ = k.containerShrinkInactive(32, container: 0, sc: &sc, stats: &stats)
        #expect(stats.anonScanned == 10 && stats.fileScanned == 0)

        var k2 = Kernel.fixture(tasks: [.fileTask(pages: 10)])
        for i in 0..<10 { _ = k2.access(PageRef(area: .file, index: Int32(i), write: false), task: 0) }
        var sc2 = ScanControl(mayWritepage: true, swappiness: 0)
        var stats2 = PassStats()
        _ = k2.containerShrinkInactive(32, container: 0, sc: &sc2, stats: &stats2)
        #expect(stats2.fileScanned == 40 && stats2.anonScanned == 0, "10 + 10 + 10 + 10 >= 32")
    }

    /// The recorded rows carry the counts: in every pass of a simulated run,
    /// anon_scanned + file_scanned = active_scanned + inactive_scanned.
    @Test func passRowsSplitTheListCounts() throws {
        let config = ConfigBuilder.config(
            seconds: 5, ram: 16384, swap: 4096, containers: [("web", 1000)],
            tasks: [
                ConfigBuilder.task("heap", container: 0, workload: .anonWorkingSet(pages: 800, refsPerTick: 64, pattern: .uniform, writeRatio: 0.3)),
                ConfigBuilder.task("reader", container: 0, workload: .fileWorkingSet(pages: 800, refsPerTick: 64, pattern: .uniform)),
            ])
        let (sink, _) = try ConfigBuilder.run(config)
        #expect(!sink.scanPasses.isEmpty)
        #expect(sink.scanPasses.contains { $0.anonScanned! > 0 } && sink.scanPasses.contains { $0.fileScanned! > 0 })
        for p in sink.scanPasses {
            #expect(p.anonScanned != nil && p.fileScanned != nil)
            #expect(p.anonScanned! + p.fileScanned! == p.activeScanned + p.inactiveScanned)
        }
    }
}
