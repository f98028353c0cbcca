import Plot
import ReclaimCharts
import ReclaimStore

/// A run's page: usage against the limits over time with reclaim calls and kills marked,
/// scan passes by priority and entry point, and each kill's candidates ranked by badness().
struct RunSection {
    var run: ReportData.Run
    var limits: ReportData.Limits
    var usage: [ReportData.UsagePoint]
    var calls: [ReportData.CallBucket]
    var events: [ReportData.OOMEvent]
    var totalEvents: Int
    var passes: [ReportData.PassBucket]
    /// The candidates of the kills shown, by oom_no.
    var candidates: [Int64: ReportData.CandidateList]

    /// Kills with a candidate chart each; the rest are listed.
    static let killCharts = 6
    /// Time buckets of the usage chart and the call marks.
    static let buckets = 400
    /// OOM invocations read for the marks and the list.
    static let eventLimit = 500
    /// Candidates per kill chart.
    static let candidateLimit = 14

    /// Reads what the page needs, aggregated by the store.
    static func load(_ store: StoreReader, run: ReportData.Run) throws -> RunSection {
        let (events, total) = try store.reportOOMEvents(runId: run.runId, limit: eventLimit)
        var candidates: [Int64: ReportData.CandidateList] = [:]
        for event in events.filter({ $0.outcome == "killed" }).prefix(killCharts) {
            candidates[event.oomNo] = try store.reportCandidates(
                runId: run.runId, oomNo: event.oomNo, limit: candidateLimit,
                including: [event.chosenPid, event.victimPid].compactMap { $0 })
        }
        return RunSection(
            run: run, limits: try store.reportLimits(runId: run.runId),
            usage: try store.reportUsage(runId: run.runId, durationMs: run.durationMs, buckets: buckets),
            calls: try store.reportCallBuckets(runId: run.runId, durationMs: run.durationMs, buckets: buckets),
            events: events, totalEvents: total, passes: try store.reportPassBuckets(runId: run.runId),
            candidates: candidates)
    }

    var title: String {
        "Run \(run.runId): \(run.scenario), seed \(run.seed), swappiness \(run.swappiness), "
            + Numbers.swapLaptop(swapPages: run.swapPages, laptopMode: run.laptopMode)
    }

    func node() -> Node<HTML.BodyContext> {
        var nodes: [Node<HTML.BodyContext>] = [
            .id("run-\(run.runId)"), .class("run"),
            .h2(Nodes.text(title)),
            .p(
                .class("note"),
                Nodes.text(
                    "kernel \(run.kernel), model \(run.modelVersion), \(Numbers.seconds(run.durationMs)) simulated; status \(run.status). "
                        + "Scanned \(Numbers.int(run.pagesScanned)), reclaimed \(Numbers.int(run.pagesReclaimed)) pages in "
                        + "\(Numbers.int(run.reclaimCalls)) reclaim calls; \(Numbers.int(run.oomKills)) OOM kills."
                        + (run.sweepId.map { " Sweep \($0)." } ?? ""))),
        ]
        if let error = run.error {
            nodes.append(.p(.class("status-failed"), Nodes.text("The run failed: \(error)")))
        }
        if run.status != "done" {
            nodes.append(.p(.class("note"), .text("Its event rows were not kept (a run's rows commit with its 'done' status), so there is nothing to draw.")))
            return .element(named: "section", nodes: nodes)
        }
        nodes.append(usageFigure())
        nodes.append(passFigure())
        nodes.append(contentsOf: killFigures())
        return .element(named: "section", nodes: nodes)
    }

    /// Usage of the machine and of each container, peak per time bucket, against RAM and the limits.
    func usageFigure() -> Node<HTML.BodyContext> {
        let names: [String?] = [nil] + limits.containers.map(\.name)
        let present = Set(usage.map(\.container))
        var series: [LineChart.Series] = []
        var references: [LineChart.Reference] = []
        for (i, name) in names.enumerated() where present.contains(name) {
            let style = Palette.style(i)
            let points = usage.filter { $0.container == name }.map { LineChart.Point(Double($0.tMs) / 1000, Double($0.usage)) }
            series.append(
                LineChart.Series(name: name.map { "container \($0)" } ?? "machine (RAM − free)", points: points, style: SeriesStyle(color: style.color, marker: style.marker), markers: false))
            let limit = name == nil ? limits.ramPages : limits.containers.first { $0.name == name }?.limitPages
            if let limit {
                references.append(
                    LineChart.Reference(
                        y: Double(limit), label: name.map { "\($0) limit \(Numbers.int(limit))" } ?? "RAM \(Numbers.int(limit))",
                        style: SeriesStyle(color: style.color, dash: "6 3", marker: style.marker)))
            }
        }
        let swap = usage.filter { $0.container == nil && $0.swapUsed > 0 }
        if !swap.isEmpty {
            series.append(
                LineChart.Series(
                    name: "swap used (machine)", points: usage.filter { $0.container == nil }.map { LineChart.Point(Double($0.tMs) / 1000, Double($0.swapUsed)) },
                    style: SeriesStyle(color: "#D55E00", dash: "2 2", marker: .cross), markers: false))
        }
        let width = StoreReader.reportBucketWidth(durationMs: run.durationMs, buckets: Self.buckets)
        func times(_ include: (ReportData.CallBucket) -> Bool) -> [Double] {
            Array(Set(calls.filter(include).map(\.tMs))).sorted().map { Double($0) / 1000 }
        }
        let tracks = [
            LineChart.EventTrack(name: "reclaim ok", xs: times { $0.result == 1 }, style: SeriesStyle(color: "#009E73", marker: .circle)),
            LineChart.EventTrack(name: "reclaim failed", xs: times { $0.result == 0 }, style: SeriesStyle(color: "#E69F00", marker: .triangleDown)),
            LineChart.EventTrack(
                name: "OOM kill", xs: events.filter { $0.outcome == "killed" }.map { Double($0.tMs) / 1000 },
                style: SeriesStyle(color: "#CC79A7", marker: .diamond)),
        ]
        let chart = LineChart(
            title: "Usage against limits over time, run \(run.runId)", xLabel: "simulated time (s)", yLabel: "pages (4 KiB)",
            series: series, references: references, tracks: tracks, width: 1100, plotHeight: 260)
        let caption =
            "Peak usage in each \(width) ms bucket from samples; dashed lines are the limits (container limit_pages, the machine's RAM). "
            + "Ticks below: \(width) ms buckets with a reclaim call that succeeded or failed (any entry point), and each OOM kill."
        return Nodes.figure(
            question: "How close did usage come to each limit, and when did reclaim fail?", caption: caption, svg: chart.svg(),
            id: "run-\(run.runId)-usage")
    }

    /// Scan passes per priority (12 = DEF_PRIORITY first), stacked by entry point.
    func passFigure() -> Node<HTML.BodyContext> {
        let priorities = Array((0...12).reversed())
        let origins = ["container", "direct", "kswapd"]
        let groups = origins.map { origin in
            StackedHistogram.Group(
                name: origin == "container" ? "container (container_try_to_free_pages)" : origin == "direct" ? "direct (try_to_free_pages)" : "kswapd (balance_pgdat)",
                values: priorities.map { p in Double(passes.first { $0.priority == p && $0.origin == origin }?.passes ?? 0) })
        }
        let chart = StackedHistogram(
            title: "Scan passes by priority, run \(run.runId)", categories: priorities.map(String.init), categoryLabel: "scan priority (12 = DEF_PRIORITY, 0 = last resort)",
            valueLabel: "scan passes", groups: groups, width: 1100, plotHeight: 200, id: "run-\(run.runId)-passes")
        let scanned = passes.reduce(Int64(0)) { $0 + $1.scanned }
        return Nodes.figure(
            question: "At which priorities did reclaim have to scan, and from which entry point?",
            caption: "One pass is one priority iteration of a reclaim call (scan_passes); the lower the priority, the harder reclaim tried. \(Numbers.int(Int64(passes.reduce(0) { $0 + $1.passes }))) passes scanned \(Numbers.int(scanned)) pages.",
            svg: chart.svg(), id: "run-\(run.runId)-passes")
    }

    func killFigures() -> [Node<HTML.BodyContext>] {
        let kills = events.filter { $0.outcome == "killed" }
        guard !kills.isEmpty else {
            return [.p(.class("note"), .text(totalEvents == 0 ? "No OOM invocation in this run." : "No OOM invocation of this run killed a task (\(totalEvents) answered busy or found nothing)."))]
        }
        var nodes: [Node<HTML.BodyContext>] = []
        for event in kills.prefix(Self.killCharts) {
            guard let list = candidates[event.oomNo] else { continue }
            nodes.append(killFigure(event, list))
        }
        if kills.count > Self.killCharts || totalEvents > events.count {
            nodes.append(
                .p(.class("note"), .text("Candidate charts for the first \(min(kills.count, Self.killCharts)) kills; the run had \(totalEvents) OOM invocations. `reclaimlab query oom-decision --param run_id=\(run.runId)` lists every decision.")))
        }
        return nodes
    }

    func killFigure(_ event: ReportData.OOMEvent, _ list: ReportData.CandidateList) -> Node<HTML.BodyContext> {
        let childFirst = event.victimPid != event.chosenPid
        let marks = [
            BarChart.Mark(label: "chosen by select_bad_process and killed", tag: "◀ chosen, killed", color: "#D55E00"),
            BarChart.Mark(label: "chosen by select_bad_process", tag: "◀ chosen", color: "#0072B2", hatched: true),
            BarChart.Mark(label: "killed instead (child first, oom_kill_process)", tag: "◀ killed (child of the chosen)", color: "#D55E00"),
        ]
        let bars = list.candidates.map { c -> BarChart.Bar in
            var mark: Int?
            if c.pid == event.chosenPid { mark = childFirst ? 1 : 0 } else if c.pid == event.victimPid { mark = 2 }
            return BarChart.Bar(
                label: "\(c.pid) \(c.name)" + (c.container.map { " [\($0)]" } ?? ""), value: Double(c.points ?? 0),
                note: (c.points.map { "\(Numbers.int($0)) points · " } ?? "") + Self.factors(c), mark: mark)
        }
        let chart = BarChart(
            title: "OOM invocation \(event.oomNo) of run \(run.runId): candidates by badness points", valueLabel: "badness() points",
            bars: bars, marks: marks, width: 1100, id: "run-\(run.runId)-oom-\(event.oomNo)")
        let who = "\(event.victimPid.map(String.init) ?? "?") \(event.victimName ?? "")"
        let scope = event.scope == "container" ? "container \(event.container ?? "?") over its limit" : "the whole machine out of memory"
        var caption =
            "OOM invocation \(event.oomNo) at \(Numbers.seconds(event.tMs)) (\(scope)), round \(list.round): \(list.visited) tasks visited, the top \(list.candidates.count) shown. "
            + "Each bar: badness() points; after it the factors in badness()'s order (base = total_vm + children's total_vm/2 + 1, then ÷ int_sqrt(cpu time), ÷ int_sqrt(int_sqrt(run time)), × 2 for nice > 0, ÷ 4/16 for capabilities, oom_adj shift)."
        if childFirst {
            caption += " select_bad_process chose \(event.chosenPid.map(String.init) ?? "?") \(event.chosenName ?? ""); its child \(who) died instead."
        }
        return Nodes.figure(
            question: "Why was \(who) killed at \(Numbers.seconds(event.tMs))?", caption: caption, svg: chart.svg(),
            id: "run-\(run.runId)-oom-\(event.oomNo)")
    }

    /// A candidate's badness() factors, the trivial ones left out: "base 2 049 ÷ cpu 2 × 2 nice".
    static func factors(_ c: ReportData.Candidate) -> String {
        if !c.eligible { return "skipped: " + (c.skipReason ?? "not eligible") }
        if let adj = c.oomScoreAdj {
            // Live runs: the modern oom_badness inputs.
            var parts = ["rss \(Numbers.int(c.rss))"]
            if let swap = c.swapents { parts.append("+ swap \(Numbers.int(swap))") }
            if let pgtables = c.pgtablesBytes { parts.append("+ page tables \(Numbers.int(pgtables / 4096))") }
            parts.append("oom_score_adj \(adj)")
            return parts.joined(separator: " ")
        }
        guard let base = c.basePoints else { return "total_vm \(Numbers.int(c.totalVm)), rss \(Numbers.int(c.rss))" }
        var parts = ["base \(Numbers.int(base))"]
        if let cpu = c.cpuDivisor, cpu > 1 { parts.append("÷ cpu \(cpu)") }
        if let runTime = c.runDivisor, runTime > 1 { parts.append("÷ run \(runTime)") }
        if c.niceDoubled == true { parts.append("× 2 nice") }
        if let cap = c.capDivisor, cap > 1 { parts.append("÷ \(cap) caps") }
        if let shift = c.adjShift, shift != 0 { parts.append(shift > 0 ? "<< \(shift) oom_adj" : ">> \(-shift) oom_adj") }
        return parts.joined(separator: " ")
    }
}
