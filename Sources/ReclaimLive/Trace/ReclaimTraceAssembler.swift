/// Turns a live run's trace events into reclaim calls and passes (docs/live.md:
/// one `reclaim_calls` row per memcg or direct reclaim begin/end pair, one `scan_passes`
/// row per call and priority summing that priority's shrink events).
///
/// Events are taken per task (`common_pid`), so the merged per-CPU streams need not be
/// strictly ordered across tasks. A shrink event outside an open call of its task (kswapd,
/// a stray direct reclaim not traced from its begin) is counted in ``eventsOutsideCalls``;
/// a `write_folio` is attributed to the next shrink event of the same task (the kernel emits
/// `mm_vmscan_lru_shrink_inactive` after the batch's pageouts).
public struct ReclaimTraceAssembler: Sendable {
    private struct Open {
        var call: LiveReclaimCall
        var passIndex: [Int: Int] = [:]
    }

    private var open: [Int32: Open] = [:]
    private var pendingWrites: [Int32: (all: Int, anon: Int)] = [:]
    /// Finished calls, in end order.
    public private(set) var calls: [LiveReclaimCall] = []
    /// Shrink events with no open call of their task.
    public private(set) var eventsOutsideCalls = 0
    /// OOM victims in trace order (`oom:mark_victim`), with the event time.
    public private(set) var victims: [(pid: Int32, ns: UInt64)] = []
    /// Every event seen.
    public private(set) var eventCount = 0

    public init() {}

    /// Adds one event.
    public mutating func add(_ event: TraceEvent) {
        eventCount += 1
        let pid = event.pid
        switch event.kind {
        case .memcgReclaimBegin:
            begin(pid: pid, ns: event.ts, origin: .memcg)
        case .directReclaimBegin:
            begin(pid: pid, ns: event.ts, origin: .direct)
        case .memcgReclaimEnd(let reclaimed), .directReclaimEnd(let reclaimed):
            guard var o = open.removeValue(forKey: pid) else { return }
            o.call.endNs = event.ts
            o.call.nrReclaimed = reclaimed
            calls.append(o.call)
        case .shrinkInactive(let s):
            let writes = pendingWrites.removeValue(forKey: pid) ?? (0, 0)
            guard open[pid] != nil else {
                eventsOutsideCalls += 1
                return
            }
            update(pid: pid, priority: s.priority) { p in
                p.nrScanned += s.nrScanned
                p.nrReclaimed += s.nrReclaimed
                if s.flags & ReclaimWBFlags.anon != 0 { p.anonScanned += s.nrScanned }
                if s.flags & ReclaimWBFlags.file != 0 { p.fileScanned += s.nrScanned }
                p.activated += s.nrActivateAnon + s.nrActivateFile
                p.keptDirty += s.nrDirty
                p.writebackStarted += writes.all
                p.swapOuts += writes.anon
            }
            open[pid]!.call.totalScanned += s.nrScanned
        case .shrinkActive(let s):
            guard open[pid] != nil else {
                eventsOutsideCalls += 1
                return
            }
            update(pid: pid, priority: s.priority) { p in
                p.activeScanned += s.nrTaken
                p.deactivated += s.nrDeactivated
                if s.flags & ReclaimWBFlags.anon != 0 { p.anonScanned += s.nrTaken }
                if s.flags & ReclaimWBFlags.file != 0 { p.fileScanned += s.nrTaken }
            }
        case .writeFolio(let anon):
            var w = pendingWrites[pid] ?? (0, 0)
            w.all += 1
            if anon { w.anon += 1 }
            pendingWrites[pid] = w
        case .throttled(let usec):
            open[pid]?.call.throttledUsec += usec
        case .markVictim(let victim):
            victims.append((victim, event.ts))
        }
    }

    /// Calls still open (their task died or the trace stopped inside them).
    public var unfinishedCalls: Int { open.count }

    private mutating func begin(pid: Int32, ns: UInt64, origin: LiveReclaimCall.Origin) {
        // A begin without an end (an event lost) is dropped; the new call replaces it.
        open[pid] = Open(
            call: LiveReclaimCall(
                origin: origin, pid: pid, beginNs: ns, endNs: ns, nrReclaimed: 0, totalScanned: 0,
                throttledUsec: 0, passes: []))
    }

    private mutating func update(pid: Int32, priority: Int, _ body: (inout LivePass) -> Void) {
        if let index = open[pid]!.passIndex[priority] {
            body(&open[pid]!.call.passes[index])
        } else {
            var pass = LivePass(priority: priority)
            body(&pass)
            open[pid]!.passIndex[priority] = open[pid]!.call.passes.count
            open[pid]!.call.passes.append(pass)
        }
    }
}
