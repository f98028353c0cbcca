import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// The charge loop spins (docs/model.md §8.2, §13.H): after a failed container reclaim call the
/// OOM killer answers "busy" while an earlier victim is dying, and the loop goes round —
/// another reclaim call, another OOM invocation — with no sleep of its own.
@Suite struct ChargeLoopSpinTests {
    private static func busyMachine() -> Kernel {
        var k = Kernel.fixture(tasks: [
            ConfigBuilder.task("victim", container: 0, workload: .idle(totalVM: 100, rss: 0)),
            ConfigBuilder.task("charger", container: 0, workload: .idle(totalVM: 100, rss: 0)),
        ])
        k.signalKill(0)  // TIF_MEMDIE: every selection answers "busy"
        return k
    }

    /// A call that slept (its naps took simulated time) and failed: "busy", then the loop
    /// goes round at once (nil: retry the charge now).
    @Test func afterACallThatSleptTheLoopGoesRoundAtOnce() {
        var k = Self.busyMachine()
        var call = k.beginContainerReclaim(container: 0, task: 1)
        call.priority = -1  // every priority done: the call returns failure
        call.stallJiffies = 3  // it slept in its naps
        let result = k.reclaimAndMaybeKill(&call, task: 1)
        #expect(result == nil, "round again at once")
        #expect(k.events.oomEvents.last?.outcome == .busy)
        #expect(k.events.oomEvents.last?.callNo == call.callNo)
        #expect(k.tasks[1].blockedUntil <= k.now)
    }

    /// A call that took no simulated time: the loop would spin within the jiffy for ever,
    /// so the task yields to the next jiffy (when the victim's exit can land).
    @Test func afterACallThatNeverSleptTheTaskYieldsAJiffy() {
        var k = Self.busyMachine()
        var call = k.beginContainerReclaim(container: 0, task: 1)
        call.priority = -1
        let result = k.reclaimAndMaybeKill(&call, task: 1)
        #expect(result == .blocked)
        #expect(k.tasks[1].blockedUntil == k.now + 1)
    }
}
