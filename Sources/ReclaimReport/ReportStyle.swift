/// The page's one stylesheet, inline: system fonts (no web fonts), charts that shrink with
/// the window, and a print layout (A4, one run per page, no chart split across pages).
enum ReportStyle {
    static let css = """
        :root { color-scheme: light; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff;
               margin: 0 auto; padding: 16px 24px; max-width: 1480px; }
        h1 { font-size: 22px; margin: 0 0 6px; }
        h2 { font-size: 18px; margin: 28px 0 6px; border-bottom: 2px solid #000; padding-bottom: 2px; }
        h3 { font-size: 14px; margin: 4px 0 2px; }
        h4 { font-size: 13px; margin: 10px 0 4px; }
        dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 1px 12px; margin: 6px 0 12px; font-size: 13px; }
        dl.provenance dt { font-weight: 600; }
        dl.provenance dd { margin: 0; }
        code, pre { font: 12px/1.35 ui-monospace, "DejaVu Sans Mono", monospace; }
        pre { background: #f4f4f4; padding: 6px 8px; overflow-x: auto; }
        .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 8px 18px; }
        figure { margin: 8px 0 14px; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-size: 12px; color: #333; margin: 0 0 4px; }
        svg.chart { max-width: 100%; height: auto; display: block; }
        svg .tick { fill: #222; }
        svg .axis-label { fill: #000; font-weight: 600; }
        svg .note.strong { font-weight: 700; }
        table { border-collapse: collapse; font-size: 12px; margin: 6px 0 12px; }
        th, td { border-bottom: 1px solid #ccc; padding: 2px 8px; text-align: right; white-space: nowrap; }
        td.text.error { white-space: normal; min-width: 12em; }
        th { background: #eee; }
        td.text, th.text { text-align: left; }
        tr.failed td { background: #fde8e0; }
        .status-failed { font-weight: 700; color: #B33A00; }
        .note { color: #444; font-size: 12px; }
        nav.runs { font-size: 12px; }
        @page { size: A4; margin: 12mm; }
        @media print {
            body { font-size: 10pt; padding: 0; max-width: none; }
            .multiples { grid-template-columns: repeat(2, 1fr); }
            section.run { break-before: page; page-break-before: always; }
            a { color: inherit; text-decoration: none; }
            nav.runs, details.spec { display: none; }
            pre { white-space: pre-wrap; }
            table { font-size: 7.5pt; }
            th, td { padding: 1px 4px; }
        }
        """
}
