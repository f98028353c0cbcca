import Foundation
import Testing

@testable import ReclaimStore

/// A run's claim names its owner by host, pid and start time; the liveness check tells a
/// live owner, a dead one and one on another host apart.
@Suite struct RunOwnerTests {
    @Test func thisProcessIsAliveWithItsStartTime() throws {
        let me = RunOwner.current
        #expect(me.pid == getpid())
        #expect(me.start > 0, "/proc/self/stat field 22 is read")
        #expect(me.liveness(on: me.host) == .alive)
    }

    @Test func anExitedChildIsDead() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let owner = RunOwner(host: RunOwner.current.host, pid: child.processIdentifier, start: 1)
        #expect(owner.liveness() == .dead)
    }

    @Test func aReusedPidWithAnotherStartTimeIsDead() {
        var owner = RunOwner.current
        owner.start += 1
        #expect(owner.liveness() == .dead, "same pid, started at another time: not the owner")
    }

    @Test func anOwnerOnAnotherHostIsUnknown() {
        var owner = RunOwner.current
        owner.host += "-elsewhere"
        #expect(owner.liveness() == .unknown)
    }

    @Test func startTimeSkipsACommandNameWithSpacesAndParentheses() throws {
        // A stat line whose comm is "a) b (c": field 22 (starttime) is 4242, the 20th field
        // after the last ')'; counting from the first ')' would give field 24 (rsslim's
        // neighbour) instead.
        let line = "77 (a) b (c) S 1 77 77 0 -1 4194560 100 0 0 0 5 6 0 0 20 0 1 0 4242 12345 678 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0"
        #expect(RunOwner.startTime(fromStat: line) == 4242)
        #expect(RunOwner.startTime(fromStat: "77 (short) S 1") == nil)
    }
}
