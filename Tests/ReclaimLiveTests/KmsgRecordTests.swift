import ReclaimLive
import Testing

/// `/dev/kmsg` records (Documentation/ABI/testing/dev-kmsg) and the dmesg form the OOM
/// log parser reads.
@Suite struct KmsgRecordTests {
    @Test func parsesHeaderAndMessage() throws {
        let r = try #require(KmsgRecord("6,2410,1033625941,-;Memory cgroup out of memory: Killed process 14414 (leak)\n SUBSYSTEM=memory\n"))
        #expect(r.priority == 6 && r.sequence == 2410 && r.microseconds == 1_033_625_941)
        #expect(r.message == "Memory cgroup out of memory: Killed process 14414 (leak)")
        // 1033625941 us = 1033 s + 625941 us, padded as dmesg pads: "[ 1033.625941]".
        #expect(r.dmesgLine == "[ 1033.625941] Memory cgroup out of memory: Killed process 14414 (leak)")
        #expect(KmsgRecord("4,7,5,-;x")?.dmesgLine == "[    0.000005] x")
        #expect(KmsgRecord("no header") == nil)
    }

    /// fs/proc/base.c oom_adj_write: 15 -> 1000, else adj * 1000 / 17 truncated toward 0.
    @Test func oomAdjConversion() {
        #expect(oomScoreAdj(fromOOMAdj: 15) == 1000)
        #expect(oomScoreAdj(fromOOMAdj: -17) == -1000)
        #expect(oomScoreAdj(fromOOMAdj: 5) == 294, "5000 / 17 = 294.1")
        #expect(oomScoreAdj(fromOOMAdj: -16) == -941, "-16000 / 17 = -941.2, truncated toward zero")
        #expect(oomScoreAdj(fromOOMAdj: 0) == 0)
    }
}
