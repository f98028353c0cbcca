import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// The recorded rows add up: every scan pass belongs to a recorded reclaim call (a call is
/// recorded with its passes when it returns; one still in progress when the run ends, or
/// cut by a panic, leaves no rows), a call's passes sum to its `total_scanned` and
/// `nr_reclaimed`, and the run totals are the sums over the calls.
@Suite struct RecordConsistencyTests {
    typealias B = ConfigBuilder

    /// Container pressure with OOM kills of tasks asleep in reclaim (no swap, three leaks),
    /// the mixed container run, and a globally pressed machine with kswapd.
    static let configs: [(String, SimulationConfig)] = [
        ("container-kills", B.config(
            seconds: 8, swap: 0, containers: [("box", 1500)],
            tasks: (0..<3).map { i in
                B.task("leak\(i)", container: 0, workload: .anonGrow(pagesPerSecond: 400, maxPages: 0, refsPerTick: 8, pattern: .uniform))
            })),
        ("mixed", SimulationTests.mixed()),
        ("global", GlobalPressureTests.mappedHeavy(swappiness: 60, seconds: 8)),
    ]

    @Test(arguments: 0..<3)
    func passesBelongToRecordedCallsAndAddUp(index: Int) throws {
        let (name, config) = Self.configs[index]
        let (sink, summary) = try B.run(config)
        #expect(!sink.reclaimCalls.isEmpty, "\(name) reclaims")
        let calls = Dictionary(uniqueKeysWithValues: sink.reclaimCalls.map { ($0.callNo, $0) })
        let byCall = Dictionary(grouping: sink.scanPasses, by: \.callNo)
        for (callNo, passes) in byCall {
            let call = try #require(calls[callNo], "\(name): scan passes of call \(callNo) without its reclaim_calls row")
            #expect(passes.map(\.nrScanned).reduce(0, +) == call.totalScanned, "\(name) call \(callNo)")
            #expect(passes.map(\.nrReclaimed).reduce(0, +) == call.nrReclaimed, "\(name) call \(callNo)")
            #expect(passes.map(\.priority) == passes.map(\.priority).sorted(by: >), "\(name) call \(callNo): 12 down")
        }
        #expect(summary.totals.reclaimCalls == sink.reclaimCalls.count, "\(name)")
        #expect(summary.totals.pagesScanned == sink.reclaimCalls.map(\.totalScanned).reduce(0, +), "\(name)")
        #expect(summary.totals.pagesReclaimed == sink.reclaimCalls.map(\.nrReclaimed).reduce(0, +), "\(name)")
        if name == "container-kills" {
            #expect(sink.oomEvents.contains { $0.outcome == .killed }, "the leaks are killed")
        }
        if name == "global" {
            #expect(sink.reclaimCalls.contains { $0.origin == .kswapd }, "kswapd runs")
        }
    }

    /// A call's passes are held by the call until it returns: a call asleep in its nap at
    /// priority 6 (2000 aged anonymous pages, swap: the first pass that scans,
    /// `(2000 >> 6) + 1 = 32`) has run 7 passes and recorded none, so a run that ends
    /// here records neither the call nor its passes.
    @Test func aCallAsleepHasRecordedNoPassesYet() throws {
        var k = Kernel.fixture(limit: 2000, swap: 4096)
        k.age(k.faultAnon(0..<2000))
        var call = k.beginContainerReclaim(container: 0, task: 0)
        guard case .sleep = k.runReclaimCall(&call) else {
            Issue.record("the call should nap at priority 6")
            return
        }
        #expect(call.passes.map(\.priority) == Array((6...12).reversed()))
        #expect(k.events.scanPasses.isEmpty)
        #expect(k.events.reclaimCalls.isEmpty)
        _ = k.runToEnd(&call)
        #expect(k.events.reclaimCalls.map(\.callNo) == [call.callNo])
        #expect(k.events.scanPasses.count == call.passes.count)
        #expect(k.events.scanPasses.first?.priority == 12)
    }
}
