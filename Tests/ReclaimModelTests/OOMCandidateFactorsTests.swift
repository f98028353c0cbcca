import ReclaimKernelFunctions
import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// `select_bad_process` records each scored candidate's badness() factors and
/// `out_of_memory` the reclaim call that led to it (issue 12 §3).
@Suite struct OOMCandidateFactorsTests {
    /// select_bad_process records the factors with each scored candidate: G12's A (10000,
    /// children 4000 and 20000) has base 10000 + 2001 + 10001 = 22002; skipped init-like and
    /// foreign tasks carry none.
    @Test func candidatesCarryTheirFactors() {
        func idle(_ name: String, _ vm: Int, container: Int? = 0, parent: Int? = nil) -> TaskSpec {
            ConfigBuilder.task(name, container: container, parent: parent, workload: .idle(totalVM: vm, rss: 0))
        }
        var k = Kernel.fixture(tasks: [idle("A", 10000), idle("B", 4000, parent: 0), idle("C", 20000, parent: 0), idle("out", 50000, container: nil)])
        k.containerOutOfMemory(container: 0, current: 2, callNo: 7)
        let byName = Dictionary(uniqueKeysWithValues: k.events.oomCandidates.map { ($0.name, $0) })
        #expect(byName["A"]?.factors == BadnessFactors(basePoints: 22002), "10000 + 4000/2+1 + 20000/2+1")
        #expect(byName["A"]?.points == 22002)
        #expect(byName["out"]?.factors == nil && byName["out"]?.points == 0, "outside the container: 0, no factors")
        for c in k.events.oomCandidates where c.factors != nil { #expect(c.factors?.apply() == c.points) }
        #expect(k.events.oomEvents.last?.callNo == 7)
    }
}
