import Plot
import ReclaimCharts

/// Small Plot helpers shared by the sections.
enum Nodes {
    /// Text from the database (names, errors, paths): `&` escaped first, so Plot, which
    /// keeps `&name;` sequences as entities, never turns a name into an entity.
    static func text<Context>(_ value: String) -> Node<Context> {
        .text(value.replacingOccurrences(of: "&", with: "&amp;"))
    }

    /// An attribute-safe value (Plot writes attribute values as given).
    static func attribute(_ value: String) -> String {
        SVGElement.escape(value, quotes: true)
    }

    /// A chart as a figure: a heading that says what it answers, a caption, the inline SVG.
    static func figure(question: String, caption: String, svg: SVGElement, id: String? = nil) -> Node<HTML.BodyContext> {
        var attributes: [Node<HTML.BodyContext>] = [.class("chart-figure")]
        if let id { attributes.append(.id(id)) }
        return .element(
            named: "figure",
            nodes: attributes + [
                .h3(text(question)),
                .element(named: "figcaption", nodes: [text(caption)]),
                .raw(svg.render()),
            ])
    }

    /// A table row of header cells.
    static func headerRow(_ cells: [(String, Bool)]) -> Node<HTML.TableContext> {
        .tr(.forEach(cells) { cell in .th(.class(cell.1 ? "text" : "num"), .text(cell.0)) })
    }
}

/// Number formats of the page.
enum Numbers {
    /// An integer with thin grouping: 1234567 -> "1 234 567".
    static func int(_ value: Int64?) -> String {
        guard let value else { return "–" }
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "\u{2009}" }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func int(_ value: Int?) -> String { int(value.map(Int64.init)) }

    /// Milliseconds as seconds with one decimal: 4250 -> "4.3 s".
    static func seconds(_ ms: Int64?) -> String {
        guard let ms else { return "–" }
        return TickFormat.plain(Double(ms) / 1000, decimals: 1) + " s"
    }

    /// Pages with their size: 16384 -> "16 384 pages (64 MiB)".
    static func pages(_ pages: Int64) -> String {
        let mib = Double(pages) * 4 / 1024
        let size = mib >= 1 ? TickFormat.plain(mib, decimals: mib.rounded() == mib ? 0 : 1) + " MiB" : "\(pages * 4) KiB"
        return "\(int(pages)) pages (\(size))"
    }

    /// The sweep grid's series name: "swap 0, laptop_mode off".
    static func swapLaptop(swapPages: Int, laptopMode: Int) -> String {
        let swap = swapPages == 0 ? "no swap" : "swap \(pages(Int64(swapPages)))"
        let laptop = laptopMode == 0 ? "laptop_mode off" : "laptop_mode \(laptopMode) s"
        return swap + ", " + laptop
    }
}
