import Plot
import ReclaimCharts
import ReclaimStore

/// A sweep's page: small multiples of the headline metrics over swappiness, one line per
/// swap × laptop_mode, whiskers for the spread over seeds, one row of panels per kernel;
/// then the runs, linked to their pages.
struct SweepSection {
    var sweep: ReportData.Sweep
    var points: [ReportData.ConfigPoint]
    var runs: [ReportData.Run]
    var totalRuns: Int
    /// Runs that have a page in this report (links go to them).
    var runPages: Set<Int64>

    /// What each metric's panel answers, its axis label and format.
    static func describe(_ metric: ReportData.Metric) -> (question: String, axis: String, format: TickFormat, scale: Double) {
        switch metric {
        case .pagesScanned: ("How many pages did reclaim scan?", "pages scanned (sc rule)", .number, 1)
        case .pagesReclaimed: ("How many pages did reclaim free?", "pages reclaimed", .number, 1)
        case .reclaimEfficiency: ("How much of what it scanned did reclaim free?", "reclaimed / scanned (%)", .percent, 1)
        case .swapOuts: ("How many anonymous pages went to swap?", "swap-outs (pages)", .number, 1)
        case .stallMs: ("How long did tasks stall in reclaim?", "stall (s, all tasks)", .number, 0.001)
        case .oomKills: ("How many tasks did the OOM killer kill?", "OOM kills (tasks)", .number, 1)
        case .firstKillMs: ("How soon came the first OOM kill?", "time to first kill (s)", .number, 0.001)
        }
    }

    var anchor: String { sweep.sweepId.map { "sweep-\($0)" } ?? "sweep-none" }

    func node() -> Node<HTML.BodyContext> {
        let title = sweep.sweepId.map { "Sweep \($0): \(sweep.name)" } ?? "Runs outside a sweep"
        var nodes: [Node<HTML.BodyContext>] = [
            .id(anchor), .class("sweep"),
            .h2(Nodes.text(title)),
            .p(
                .class("note"),
                Nodes.text(
                    "\(sweep.runs) run\(sweep.runs == 1 ? "" : "s"): \(sweep.done) done, \(sweep.failed) failed, \(sweep.running) running or interrupted."
                        + (sweep.createdAt.map { " Recorded \($0)" } ?? "") + (sweep.toolVersion.map { " by reclaimlab \($0)." } ?? ""))),
        ]
        if let spec = sweep.spec {
            nodes.append(.details(.class("spec"), .summary(.text("Sweep file")), .pre(Nodes.text(spec))))
        }
        nodes.append(contentsOf: multiples())
        nodes.append(runTable())
        return .element(named: "section", nodes: nodes)
    }

    /// The small multiples, one group per kernel.
    func multiples() -> [Node<HTML.BodyContext>] {
        let donePoints = points.filter { $0.done > 0 }
        guard !donePoints.isEmpty else {
            return [.p(.class("note"), .text("No finished run in this group: nothing to draw."))]
        }
        guard donePoints.count > 1 else {
            return [.p(.class("note"), .text("One configuration only: nothing to compare across a grid; see its runs below."))]
        }
        let combos = Array(Set(donePoints.map { Combo(swapPages: $0.swapPages, laptopMode: $0.laptopMode) })).sorted()
        let kernels = Array(Set(donePoints.map(\.kernel))).sorted()
        let legend = Legend(items: combos.enumerated().map { i, combo in
            Legend.Item(Numbers.swapLaptop(swapPages: combo.swapPages, laptopMode: combo.laptopMode), .line(Palette.style(i), marker: true))
        })
        let seeds = donePoints.map(\.done)
        let seedText =
            seeds.min() == seeds.max() ? "\(seeds.first ?? 0) seed\(seeds.first == 1 ? "" : "s")" : "\(seeds.min() ?? 0)–\(seeds.max() ?? 0) seeds"
        var nodes: [Node<HTML.BodyContext>] = [
            .p(
                .class("note"),
                .text(
                    "Each panel: the metric's mean over the seeds of a configuration (\(seedText) each) against vm_swappiness; whiskers span min to max over the seeds. One line per swap size × laptop_mode; failed runs are left out.")),
            .raw(legend.svg(width: 880, title: "Legend: swap size and laptop_mode").render()),
        ]
        for kernel in kernels {
            if kernels.count > 1 { nodes.append(.h3(Nodes.text("kernel \(kernel)"))) }
            let panels: [Node<HTML.BodyContext>] = ReportData.Metric.allCases.map { metric in
                panel(metric, kernel: kernel, combos: combos, points: donePoints.filter { $0.kernel == kernel })
            }
            nodes.append(.div(.class("multiples"), .group(panels)))
        }
        return nodes
    }

    struct Combo: Hashable, Comparable {
        var swapPages: Int
        var laptopMode: Int
        static func < (a: Combo, b: Combo) -> Bool { (a.swapPages, a.laptopMode) < (b.swapPages, b.laptopMode) }
    }

    func panel(_ metric: ReportData.Metric, kernel: String, combos: [Combo], points: [ReportData.ConfigPoint]) -> Node<HTML.BodyContext> {
        let (question, axis, format, scale) = Self.describe(metric)
        let series: [LineChart.Series] = combos.enumerated().map { i, combo in
            let mine = points.filter { $0.swapPages == combo.swapPages && $0.laptopMode == combo.laptopMode }
                .sorted { $0.swappiness < $1.swappiness }
            let valued = mine.compactMap { p in p.metrics[metric].map { (Double(p.swappiness), $0) } }
            return LineChart.Series(
                name: Numbers.swapLaptop(swapPages: combo.swapPages, laptopMode: combo.laptopMode),
                points: valued.map { LineChart.Point($0.0, $0.1.mean * scale) },
                spreads: valued.filter { $0.1.count > 1 }.map { LineChart.Spread(x: $0.0, low: $0.1.min * scale, high: $0.1.max * scale) },
                style: Palette.style(i))
        }
        var caption = "Mean over seeds, whiskers min–max."
        if metric == .firstKillMs { caption += " Runs without a kill are left out." }
        if metric == .reclaimEfficiency { caption += " Mapped pages count twice in scanned (sc rule)." }
        let chart = LineChart(
            title: question + (kernel.isEmpty ? "" : " (kernel \(kernel))"), xLabel: "vm_swappiness", yLabel: axis, yFormat: format,
            series: series, width: 400, plotHeight: 160, legend: false)
        return Nodes.figure(question: question, caption: caption, svg: chart.svg())
    }

    func runTable() -> Node<HTML.BodyContext> {
        guard !runs.isEmpty else { return .p(.class("note"), .text("No runs.")) }
        let header: [(String, Bool)] = [
            ("run", false), ("kernel", true), ("seed", false), ("swappiness", false), ("swap pages", false),
            ("laptop_mode", false), ("status", true), ("scanned", false), ("reclaimed", false), ("swap-outs", false),
            ("stall", false), ("OOM kills", false), ("error", true),
        ]
        let note =
            totalRuns > runs.count
            ? "The first \(runs.count) of \(totalRuns) runs (failed ones first); `reclaimlab report --run ID` draws any of them."
            : "Every run of the group; a linked run has its own page below."
        return .div(
            .h3(.text("Runs")),
            .p(.class("note"), .text(note)),
            .table(
                .thead(Nodes.headerRow(header)),
                .tbody(.forEach(runs) { run in row(run) })))
    }

    func row(_ run: ReportData.Run) -> Node<HTML.TableContext> {
        let id: Node<HTML.BodyContext> =
            runPages.contains(run.runId) ? .a(.href("#run-\(run.runId)"), .text("\(run.runId)")) : .text("\(run.runId)")
        return .tr(
            .class(run.status == "failed" ? "failed" : run.status),
            .td(id), .td(.class("text"), Nodes.text(run.kernel)), .td(.text("\(run.seed)")), .td(.text("\(run.swappiness)")),
            .td(.text(Numbers.int(Int64(run.swapPages)))), .td(.text("\(run.laptopMode)")),
            .td(.class("text status-\(run.status)"), .text(run.status)),
            .td(.text(Numbers.int(run.pagesScanned))), .td(.text(Numbers.int(run.pagesReclaimed))),
            .td(.text(Numbers.int(run.swapOuts))), .td(.text(Numbers.seconds(run.stallMs))), .td(.text(Numbers.int(run.oomKills))),
            .td(.class("text error"), Nodes.text(run.error.map { String($0.prefix(160)) } ?? "")))
    }
}
