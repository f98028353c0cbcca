/// A legend: one entry per series or bar group, laid out in rows across a width.
public struct Legend: Sendable {
    /// One entry: a line sample with the series' dash and marker, or a filled swatch.
    public struct Item: Sendable, Equatable {
        public enum Swatch: Sendable, Equatable {
            /// A line sample in the style; with its marker when `marker` (series drawn with markers).
            case line(SeriesStyle, marker: Bool = true)
            /// A box filled with `fill` (a colour or a `url(#pattern)`), outlined in `stroke`.
            case box(fill: String, stroke: String)
        }
        public var label: String
        public var swatch: Swatch
        public init(_ label: String, _ swatch: Swatch) {
            self.label = label
            self.swatch = swatch
        }
    }

    public var items: [Item]
    public init(items: [Item]) { self.items = items }

    static let rowHeight = 18.0

    /// Rough text width for layout (no font metrics without a browser): 6.2 px a character at 11 px.
    static func textWidth(_ text: String) -> Double { Double(text.count) * 6.2 }

    /// The entries' x, y offsets from the legend's top-left corner, wrapping at `width`.
    func layout(width: Double) -> [(Double, Double)] {
        var x = 0.0
        var y = 0.0
        var positions: [(Double, Double)] = []
        for item in items {
            let w = 34 + Self.textWidth(item.label) + 14
            if x > 0, x + w > width {
                x = 0
                y += Self.rowHeight
            }
            positions.append((x, y))
            x += w
        }
        return positions
    }

    /// The height the legend takes at `width`.
    public func height(width: Double) -> Double {
        items.isEmpty ? 0 : (layout(width: width).last?.1 ?? 0) + Self.rowHeight
    }

    /// The legend as a group translated to (x, y).
    public func element(x: Double, y: Double, width: Double) -> SVGElement {
        var group = SVGElement("g", [("class", "legend"), ("transform", "translate(\(fmt(x)) \(fmt(y)))")])
        for (item, (ix, iy)) in zip(items, layout(width: width)) {
            let mid = iy + Self.rowHeight / 2
            switch item.swatch {
            case .line(let style, let marker):
                var line: [(String, String)] = [
                    ("x1", fmt(ix)), ("y1", fmt(mid)), ("x2", fmt(ix + 28)), ("y2", fmt(mid)), ("stroke", style.color),
                    ("stroke-width", "2"),
                ]
                if !style.dash.isEmpty { line.append(("stroke-dasharray", style.dash)) }
                group.append(SVGElement("line", line))
                if marker { group.append(style.marker.element(x: ix + 14, y: mid, size: 7, color: style.color)) }
            case .box(let fill, let stroke):
                group.append(
                    SVGElement(
                        "rect",
                        [("x", fmt(ix + 4)), ("y", fmt(mid - 6)), ("width", "20"), ("height", "12"), ("fill", fill),
                         ("stroke", stroke)]))
            }
            group.append(SVGElement("text", [("x", fmt(ix + 34)), ("y", fmt(mid + 4))], text: item.label))
        }
        return group
    }

    /// A legend on its own, as an `<svg>` (the shared legend of small multiples).
    public func svg(width: Double, title: String = "Legend") -> SVGElement {
        let frame = Frame(width: width, height: height(width: width - 8) + 8, left: 0, right: 0, top: 0, bottom: 0)
        var root = chartRoot(frame, title: title, kind: "legend-only")
        root.append(element(x: 4, y: 4, width: width - 8))
        return root
    }
}
