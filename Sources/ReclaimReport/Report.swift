import Plot
import ReclaimCharts
import ReclaimStore

/// `reclaimlab report`: the database as one self-contained HTML page.
///
/// The page holds no URL and loads nothing (no script, no web font, no image file): the
/// stylesheet is inline and every chart is inline SVG. Its parts: what it came from (the
/// command line, the database, model and tool versions), a page per sweep (small multiples
/// of the headline metrics) and a page per run (usage over time, scan passes by priority,
/// each kill's candidates) for small sweeps or the run asked for. Every figure's data comes
/// from an aggregating query of ``Store`` (`Store+Report.swift`).
public enum Report {
    /// The page for `request`, read from `store`.
    ///
    /// - Throws: ``ReportError`` for an unknown `--sweep` or `--run`; ``StoreError`` when
    ///   SQLite fails.
    public static func html(store: StoreReader, request: ReportRequest) throws -> String {
        let provenance = try store.reportProvenance()
        var sections: [Node<HTML.BodyContext>] = []
        var navigation: [(String, String)] = []
        if let runId = request.runId {
            guard let run = try store.reportRun(runId: runId) else {
                throw ReportError.unknownRun(path: request.databasePath, runId: runId)
            }
            sections.append(try RunSection.load(store, run: run).node())
        } else {
            let sweeps = try store.reportSweeps(sweepId: request.sweepId)
            if let id = request.sweepId, sweeps.isEmpty {
                let known = try store.reportSweeps().compactMap(\.sweepId)
                throw ReportError.unknownSweep(path: request.databasePath, sweepId: id, known: known)
            }
            var runSections: [Node<HTML.BodyContext>] = []
            for sweep in sweeps {
                let (runs, total) = try store.reportRuns(sweepId: sweep.sweepId, limit: 200)
                let paged = total <= request.runPagesUpTo ? runs : []
                let section = SweepSection(
                    sweep: sweep, points: try store.reportConfigPoints(sweepId: sweep.sweepId), runs: runs, totalRuns: total,
                    runPages: Set(paged.map(\.runId)))
                navigation.append((section.anchor, sweep.sweepId.map { "sweep \($0) (\(sweep.name))" } ?? sweep.name))
                sections.append(section.node())
                for run in paged.sorted(by: { $0.runId < $1.runId }) {
                    runSections.append(try RunSection.load(store, run: run).node())
                }
            }
            if sweeps.isEmpty {
                sections.append(.p(.text("The database holds no runs yet.")))
            }
            sections.append(contentsOf: runSections)
        }
        return document(request: request, provenance: provenance, navigation: navigation, sections: sections)
    }

    static func document(
        request: ReportRequest, provenance: ReportData.Provenance, navigation: [(String, String)],
        sections: [Node<HTML.BodyContext>]
    ) -> String {
        let title = "reclaimlab report: " + request.databasePath
        let details: [(String, String)] = [
            ("command", request.commandLine),
            ("database", request.databasePath),
            ("model version of the runs", provenance.modelVersions.isEmpty ? "–" : provenance.modelVersions.joined(separator: ", ")),
            ("kernels", provenance.kernels.isEmpty ? "–" : provenance.kernels.joined(separator: ", ")),
            ("recorded by", provenance.toolVersions.isEmpty ? "–" : provenance.toolVersions.map { "reclaimlab \($0)" }.joined(separator: ", ")),
            ("schema", provenance.schemaVersion ?? "–"),
            ("report by", "reclaimlab \(request.toolVersion), model \(request.modelVersion)"),
        ]
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: title),
                .style(ReportStyle.css)),
            .body(
                .header(
                    .h1(.text("reclaimlab report")),
                    .element(
                        named: "dl",
                        nodes: [.class("provenance")]
                            + details.flatMap { item -> [Node<HTML.BodyContext>] in
                                [.element(named: "dt", nodes: [.text(item.0)]),
                                 .element(named: "dd", nodes: [.code(Nodes.text(item.1))])]
                            }),
                    .if(
                        navigation.count > 1,
                        .element(
                            named: "nav",
                            nodes: [.class("runs"), .text("Sweeps: ")]
                                + navigation.map { item -> Node<HTML.BodyContext> in
                                    .group(.a(.href("#" + item.0), Nodes.text(item.1)), .text(" "))
                                }))),
                .main(.group(sections)),
                .footer(
                    .p(
                        .class("note"),
                        .text(
                            "Sizes are pages of 4 KiB, times simulated. Colours: Okabe–Ito; every series also has its own dash and marker, so the charts read in greyscale. This file loads nothing: no network request, no script.")))))
        return html.render()
    }
}
