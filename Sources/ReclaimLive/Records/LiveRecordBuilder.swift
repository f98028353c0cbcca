import ReclaimOOMReports
import ReclaimRecords

/// Turns what a live run observed into the rows of a run, the same record types the
/// simulator reports (docs/live.md says what each column means on `live`).
///
/// - `reclaim_calls`: one per memcg (origin `container`, or `direct` for the machine's own
///   cgroup, which stands for RAM) or direct reclaim begin/end pair, numbered in begin
///   order; `result` 1 when it reclaimed anything; `pdflush_woken` NULL; `stall_ms` from
///   `mm_vmscan_throttled`.
/// - `scan_passes`: per call and priority, the shrink events summed; `may_writepage`,
///   `reclaim_mapped`, `congestion_wait` NULL.
/// - `oom_events`/`oom_candidates`: one per kernel OOM report in `/dev/kmsg`, every row of
///   its task dump a candidate with the modern `oom_badness` score; pids are the scenario's.
/// - `samples`: the cgroups' counters; `tasks`: wait4's rusage per worker; `containers`:
///   the cgroups' `failcnt` and peak usage.
public struct LiveRecordBuilder: Sendable {
    public var plan: LivePlan
    /// `runs.ignored_keys`: the scenario key paths the live kernel cannot honour.
    public var ignoredKeys: [String]

    public init(plan: LivePlan, ignoredKeys: [String]) {
        self.plan = plan
        self.ignoredKeys = ignoredKeys
    }

    /// The rows in a ``RecordingSink``.
    public func build(_ r: LiveRunResult) -> (events: RecordingSink, summary: RunSummary) {
        var events = RecordingSink()
        let summary = build(r, into: &events)
        return (events, summary)
    }

    /// Reports the rows to `events` in the order a sink expects (each call's passes before
    /// its row, calls in time order, then the OOM invocations and samples) and returns the
    /// run's summary.
    public func build<Sink: EventSink>(_ r: LiveRunResult, into events: inout Sink) -> RunSummary {
        var totals = RunTotals()
        let taskByPid = Dictionary(uniqueKeysWithValues: plan.tasks.map { ($0.pid, $0) })
        func scenarioPid(_ real: Int32) -> Int32 { r.scenarioPids[real] ?? real }
        func container(ofReal real: Int32) -> String? { taskByPid[scenarioPid(real)]?.container }
        func ms(_ ns: UInt64) -> Int64 {
            ns >= r.startNs ? Int64((ns - r.startNs) / 1_000_000) : -Int64((r.startNs - ns) / 1_000_000)
        }

        // Reclaim calls and their passes, in begin order.
        let calls = r.calls.sorted { ($0.beginNs, $0.pid) < ($1.beginNs, $1.pid) }
        for (i, call) in calls.enumerated() {
            let callNo = i + 1
            let inContainer = call.origin == .memcg ? container(ofReal: call.pid) : nil
            var unknown: ReclaimCallRecord.UnknownColumns = [.pdflushWoken]
            if call.lastPriority == nil { unknown.insert(.lastPriority) }
            for pass in call.passes.sorted(by: { $0.priority > $1.priority }) {
                events.scanPass(
                    ScanPassRecord(
                        callNo: callNo, priority: pass.priority, nrScanned: pass.nrScanned,
                        nrReclaimed: pass.nrReclaimed, activeScanned: pass.activeScanned,
                        deactivated: pass.deactivated, inactiveScanned: pass.nrScanned, activated: pass.activated,
                        keptDirty: pass.keptDirty, writebackStarted: pass.writebackStarted, mayWritepage: false,
                        reclaimMapped: false, anonScanned: pass.anonScanned, fileScanned: pass.fileScanned,
                        unknown: [.mayWritepage, .reclaimMapped, .congestionWait]))
                totals.pagesWrittenBack += pass.writebackStarted
                totals.swapOuts += pass.swapOuts
            }
            events.reclaimCall(
                ReclaimCallRecord(
                    callNo: callNo, tMs: ms(call.beginNs), origin: inContainer == nil ? .direct : .container,
                    container: inContainer, pid: scenarioPid(call.pid), result: call.nrReclaimed > 0 ? 1 : 0,
                    nrReclaimed: call.nrReclaimed, totalScanned: call.totalScanned,
                    lastPriority: call.lastPriority ?? 0, pdflushWoken: false,
                    stallMs: Int64(call.throttledUsec / 1000), unknown: unknown))
            totals.reclaimCalls += 1
            totals.pagesScanned += call.totalScanned
            totals.pagesReclaimed += call.nrReclaimed
            totals.stallMs += Int64(call.throttledUsec / 1000)
        }

        // OOM reports from the kernel log.
        let log = r.kmsg.map(\.dmesgLine).joined(separator: "\n")
        let reports = OOMLogParser.parse(log, source: "/dev/kmsg").reports
        var killedReal: Set<Int32> = []
        for (i, report) in reports.enumerated() {
            let oomNo = i + 1
            let scored = ScoredOOMReport(report)
            let victimReal = Int32(report.killed.pid)
            // The time: oom:mark_victim of the victim on the trace clock when traced, else
            // the report's log time moved onto the monotonic clock by the measured offset.
            let uptimeUs = report.timestamp.uptimeMicroseconds ?? r.kmsgOffsetMicroseconds
            let monoNs =
                r.victims.first { $0.pid == victimReal }?.ns
                ?? UInt64(max(0, uptimeUs - r.kmsgOffsetMicroseconds)) * 1000
            killedReal.insert(victimReal)
            let memcgName = report.memcg.map { String($0.split(separator: "/").last ?? "") }
            let containerName = memcgName.flatMap { name in
                plan.containers.first { LiveNames.prefix + $0.name == name }?.name
            }
            let triggerReal = report.trigger.pid.map { Int32($0) }
            let callNo = triggerReal.flatMap { t in
                calls.lastIndex { $0.pid == t && $0.endNs <= monoNs + 1_000_000 }.map { $0 + 1 }
            }
            let killedRow = scored.kernelKilled
            events.oomEvent(
                OOMEventRecord(
                    oomNo: oomNo, tMs: ms(monoNs), scope: containerName == nil ? .global : .container,
                    container: containerName, triggerPid: triggerReal.map(scenarioPid), outcome: .killed,
                    chosenPid: scenarioPid(victimReal), chosenPoints: nil, victimPid: scenarioPid(victimReal),
                    victimContainer: container(ofReal: victimReal), callNo: callNo,
                    modernChosenPoints: scored.scores.indices.contains(killedRow) ? scored.scores[killedRow].modernPoints : nil))
            for (row, task) in report.tasks.enumerated() {
                let score = scored.scores[row]
                var candidate = OOMCandidateRecord(
                    oomNo: oomNo, round: 1, pid: scenarioPid(Int32(task.pid)), name: task.name,
                    container: container(ofReal: Int32(task.pid)), points: nil, totalVM: task.totalVM, rss: task.rss,
                    eligible: score.modernSkip == nil && score.modernPoints != nil, skipReason: nil, visitNo: row + 1)
                candidate.modernPoints = score.modernPoints
                candidate.modernSkipReason = score.modernSkip
                candidate.swapents = task.swapents
                candidate.pgtablesBytes = task.pgtablesBytes ?? task.pgtablesPages.map { $0 * 4096 }
                candidate.oomScoreAdj = task.oomScoreAdj
                events.oomCandidate(candidate)
            }
        }
        totals.oomEvents = reports.count
        totals.oomKills = reports.count

        // Samples.
        for s in r.samples {
            events.sample(
                SampleRecord(
                    tMs: s.tMs, container: s.container, usage: s.stats.usagePages, active: s.stats.active,
                    inactive: s.stats.inactive, dirty: s.stats.dirty, writeback: s.stats.writeback,
                    swapUsed: s.stats.swapPages, free: max(0, s.limitPages - s.stats.usagePages)))
        }

        // Tasks and containers.
        let outcomes = Dictionary(r.tasks.map { ($0.scenarioPid, $0) }, uniquingKeysWith: { a, _ in a })
        var tasks: [TaskRecord] = []
        for task in plan.tasks {
            let o = outcomes[task.pid]
            let dumpRow = reports.last.flatMap { rep in rep.tasks.first { Int32($0.pid) == o?.realPid } }
            tasks.append(
                TaskRecord(
                    pid: task.pid, name: task.name, container: task.container, parentPid: nil, uid: task.uid,
                    nice: task.nice, oomAdj: task.oomAdj, workload: task.workload.kind,
                    startMs: Int64(task.startSeconds * 1000), exitMs: o?.signal != nil ? o?.exitMs : nil,
                    oomKilled: o.map { killedReal.contains($0.realPid) } ?? false, maxRSS: o?.maxRSSPages ?? 0,
                    totalVM: dumpRow?.totalVM ?? o?.totalVMPages ?? 0, cpuJiffies: (o?.cpuMs ?? 0) * plan.hz / 1000,
                    faults: (o?.minorFaults ?? 0) + (o?.majorFaults ?? 0), majorFaults: o?.majorFaults ?? 0))
            totals.faults += (o?.minorFaults ?? 0) + (o?.majorFaults ?? 0)
            totals.majorFaults += o?.majorFaults ?? 0
        }
        let containers = plan.containers.map { c in
            let stats = r.containers[c.name]
            return ContainerRecord(
                name: c.name, limitPages: c.limitPages, failcnt: stats?.failcnt ?? 0,
                maxUsage: stats?.maxUsagePages ?? 0, finalUsage: stats?.usagePages ?? 0)
        }
        totals.eventsLost = r.eventsLost
        totals.ignoredKeys = ignoredKeys
        totals.pageRefs = r.pageRefs
        totals.unknown = [.swapIns, .blockRequests]
        return RunSummary(totals: totals, tasks: tasks, containers: containers)
    }
}
