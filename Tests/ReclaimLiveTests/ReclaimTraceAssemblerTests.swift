import ReclaimLive
import Testing

/// Trace events into calls and passes (docs/live.md: one call per begin/end pair,
/// one pass per call and priority summing its shrink events).
@Suite struct ReclaimTraceAssemblerTests {
    let anon = ReclaimWBFlags.anon
    let file = ReclaimWBFlags.file

    /// A hand-made trace of one memcg call at priorities 12 and 11 (two inactive events at
    /// 12, one file and one anon), an active event, two write_folio (one swap-out) before the
    /// anon shrink event, a throttle of 1500 us, another task's kswapd-like event outside.
    func events() -> [TraceEvent] {
        [
            TraceEvent(ts: 1_000, pid: 7, kind: .memcgReclaimBegin),
            TraceEvent(ts: 1_100, pid: 7, kind: .shrinkInactive(ShrinkInactive(nrScanned: 32, nrReclaimed: 30, nrDirty: 2, nrActivateAnon: 0, nrActivateFile: 1, priority: 12, flags: file))),
            TraceEvent(ts: 1_150, pid: 9, kind: .shrinkInactive(ShrinkInactive(nrScanned: 99, nrReclaimed: 99, priority: 12, flags: file))),
            TraceEvent(ts: 1_200, pid: 7, kind: .writeFolio(anon: true)),
            TraceEvent(ts: 1_210, pid: 7, kind: .writeFolio(anon: false)),
            TraceEvent(ts: 1_300, pid: 7, kind: .shrinkInactive(ShrinkInactive(nrScanned: 16, nrReclaimed: 4, nrActivateAnon: 3, priority: 12, flags: anon))),
            TraceEvent(ts: 1_400, pid: 7, kind: .shrinkActive(ShrinkActive(nrTaken: 20, nrDeactivated: 18, priority: 11, flags: anon))),
            TraceEvent(ts: 1_450, pid: 7, kind: .throttled(usecDelayed: 1_500)),
            TraceEvent(ts: 1_500, pid: 7, kind: .shrinkInactive(ShrinkInactive(nrScanned: 8, nrReclaimed: 1, priority: 11, flags: file))),
            TraceEvent(ts: 2_000, pid: 7, kind: .memcgReclaimEnd(nrReclaimed: 35)),
            TraceEvent(ts: 2_100, pid: 7, kind: .markVictim(victim: 8)),
        ]
    }

    @Test func oneCallTwoPassesSummedByHand() {
        var a = ReclaimTraceAssembler()
        for e in events() { a.add(e) }
        #expect(a.calls.count == 1)
        #expect(a.eventsOutsideCalls == 1, "pid 9's shrink event has no open call")
        let call = a.calls[0]
        // total_scanned = inactive nr_scanned 32 + 16 + 8 = 56; nr_reclaimed from the end event.
        #expect(call.totalScanned == 56)
        #expect(call.nrReclaimed == 35)
        #expect(call.lastPriority == 11)
        #expect(call.throttledUsec == 1_500)
        #expect(call.beginNs == 1_000 && call.endNs == 2_000)
        #expect(call.passes.map(\.priority) == [12, 11])
        let p12 = call.passes[0]
        // Priority 12: scanned 32 + 16 = 48, reclaimed 30 + 4 = 34, anon 16 (the ANON event),
        // file 32, activated 1 + 3 = 4, kept dirty 2, writeouts 2 of which 1 swap-out.
        #expect(p12.nrScanned == 48 && p12.nrReclaimed == 34)
        #expect(p12.anonScanned == 16 && p12.fileScanned == 32)
        #expect(p12.activated == 4 && p12.keptDirty == 2)
        #expect(p12.writebackStarted == 2 && p12.swapOuts == 1)
        let p11 = call.passes[1]
        // Priority 11: active nr_taken 20 (anon) + inactive 8 (file); deactivated 18.
        #expect(p11.activeScanned == 20 && p11.deactivated == 18)
        #expect(p11.anonScanned == 20 && p11.fileScanned == 8)
        #expect(p11.nrScanned == 8 && p11.nrReclaimed == 1)
        #expect(a.victims.map(\.pid) == [8])
        #expect(a.eventCount == 11)
    }

    @Test func unfinishedAndReplacedCalls() {
        var a = ReclaimTraceAssembler()
        a.add(TraceEvent(ts: 1, pid: 1, kind: .memcgReclaimBegin))
        a.add(TraceEvent(ts: 2, pid: 1, kind: .memcgReclaimBegin))  // end lost: the first is dropped
        a.add(TraceEvent(ts: 3, pid: 1, kind: .memcgReclaimEnd(nrReclaimed: 0)))
        a.add(TraceEvent(ts: 4, pid: 2, kind: .directReclaimBegin))
        #expect(a.calls.count == 1 && a.calls[0].beginNs == 2)
        #expect(a.calls[0].lastPriority == nil, "a call that traced no pass has no last priority")
        #expect(a.unfinishedCalls == 1)
    }
}
