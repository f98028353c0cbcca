import ReclaimLive
import ReclaimWorkloads
import Testing

/// The worker's codable workload gives back the generator's spec, with the design's
/// default access per kind (read for file-stream/file-working-set, write for file-dirty).
@Suite struct LiveWorkloadTests {
    @Test(arguments: [
        WorkloadSpec.idle(totalVM: 10, rss: 5),
        .anonGrow(pagesPerSecond: 400, maxPages: 8000, refsPerTick: 64, pattern: .zipf(theta: 0.99)),
        .anonWorkingSet(pages: 100, refsPerTick: 64, pattern: .sequential, writeRatio: 0.3),
        .fileStream(pages: 50, refsPerTick: 32),
        .fileWorkingSet(pages: 60, refsPerTick: 64, pattern: .uniform),
        .fileDirty(pages: 70, refsPerTick: 64, pattern: .uniform, writeRatio: 1),
        .fork(children: 2, childPages: 256, intervalJiffies: 250),
    ])
    func roundTrip(_ spec: WorkloadSpec) throws {
        let live = LiveWorkload(spec)
        #expect(live.spec == spec)
        let plan = LiveWorkerPlan(
            name: "t", scenarioPid: 100, seed: 1, streamKey: "t#1", hz: 250, workload: live, uid: 0, nice: 0,
            oomScoreAdj: 0, cgroupProcs: "/x", runDirectory: "/y", runStartNs: 1, startSeconds: 0, durationSeconds: 1)
        #expect(try LiveWorkerPlan.decode(plan.encoded()) == plan)
    }

    @Test func defaultAccess() {
        #expect(LiveWorkload(.fileStream(pages: 1, refsPerTick: 1)).access == .read)
        #expect(LiveWorkload(.fileWorkingSet(pages: 1, refsPerTick: 1, pattern: .uniform)).access == .read)
        #expect(LiveWorkload(.fileDirty(pages: 1, refsPerTick: 1, pattern: .uniform, writeRatio: 1)).access == .write)
    }
}
