/// A chart's drawing area inside its SVG: the size and the margins left for axes and legend.
public struct Frame: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var left: Double
    public var right: Double
    public var top: Double
    public var bottom: Double

    public init(width: Double, height: Double, left: Double = 64, right: Double = 16, top: Double = 12, bottom: Double = 44) {
        self.width = width
        self.height = height
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
    }

    /// The plot area's x pixel range, left to right.
    public var xRange: (Double, Double) { (left, width - right) }
    /// The plot area's y pixel range, bottom to top (SVG y grows downwards).
    public var yRange: (Double, Double) { (height - bottom, top) }
}

/// One axis: its scale, nice ticks, label (with its unit) and tick format.
public struct Axis: Sendable {
    public var scale: LinearScale
    public var ticks: [Double]
    public var label: String
    public var format: TickFormat

    public init(scale: LinearScale, ticks: [Double], label: String, format: TickFormat = .number) {
        self.scale = scale
        self.ticks = ticks
        self.label = label
        self.format = format
    }

    /// An axis over `lower...upper` widened to nice ticks, mapped onto `range`.
    public init(lower: Double, upper: Double, range: (Double, Double), label: String, format: TickFormat = .number, tickCount: Int = 5) {
        let (scale, ticks) = LinearScale.nice(lower, upper, to: range, tickCount: tickCount)
        self.init(scale: scale, ticks: ticks, label: label, format: format)
    }

    var step: Double { ticks.count > 1 ? ticks[1] - ticks[0] : 1 }

    /// The x axis along the bottom of `frame`: baseline, ticks, labels and the axis title.
    func bottomElements(_ frame: Frame) -> [SVGElement] {
        let y = frame.height - frame.bottom
        var elements = [
            SVGElement(
                "line",
                [("x1", fmt(frame.left)), ("y1", fmt(y)), ("x2", fmt(frame.width - frame.right)), ("y2", fmt(y)),
                 ("stroke", "#333")])
        ]
        for tick in ticks {
            let x = scale(tick)
            elements.append(SVGElement("line", [("x1", fmt(x)), ("y1", fmt(y)), ("x2", fmt(x)), ("y2", fmt(y + 5)), ("stroke", "#333")]))
            elements.append(
                SVGElement(
                    "text", [("x", fmt(x)), ("y", fmt(y + 17)), ("text-anchor", "middle"), ("class", "tick")],
                    text: format.label(tick, step: step)))
        }
        elements.append(
            SVGElement(
                "text",
                [("x", fmt((frame.left + frame.width - frame.right) / 2)), ("y", fmt(y + 34)), ("text-anchor", "middle"),
                 ("class", "axis-label")], text: label))
        return elements
    }

    /// The y axis along the left of `frame`, with light grid lines across the plot area.
    func leftElements(_ frame: Frame) -> [SVGElement] {
        var elements: [SVGElement] = []
        for tick in ticks {
            let y = scale(tick)
            elements.append(
                SVGElement(
                    "line",
                    [("x1", fmt(frame.left)), ("y1", fmt(y)), ("x2", fmt(frame.width - frame.right)), ("y2", fmt(y)),
                     ("stroke", "#ddd"), ("class", "grid")]))
            elements.append(
                SVGElement(
                    "text", [("x", fmt(frame.left - 6)), ("y", fmt(y + 4)), ("text-anchor", "end"), ("class", "tick")],
                    text: format.label(tick, step: step)))
        }
        elements.append(
            SVGElement(
                "line",
                [("x1", fmt(frame.left)), ("y1", fmt(frame.top)), ("x2", fmt(frame.left)), ("y2", fmt(frame.height - frame.bottom)),
                 ("stroke", "#333")]))
        let middle = (frame.top + frame.height - frame.bottom) / 2
        elements.append(
            SVGElement(
                "text",
                [("x", fmt(14)), ("y", fmt(middle)), ("text-anchor", "middle"), ("transform", "rotate(-90 14 \(fmt(middle)))"),
                 ("class", "axis-label")], text: label))
        return elements
    }
}

/// The outer `<svg>` of a chart: a view box of the frame's size that scales down with the
/// page, an accessible title, and the text styles (system fonts only: no web fonts). No
/// `xmlns`: inline SVG in HTML needs none, and the page holds no URL at all.
func chartRoot(_ frame: Frame, title: String, kind: String) -> SVGElement {
    var root = SVGElement(
        "svg",
        [("viewBox", "0 0 \(fmt(frame.width)) \(fmt(frame.height))"),
         ("width", fmt(frame.width)), ("height", fmt(frame.height)), ("role", "img"), ("class", "chart \(kind)"),
         ("font-family", "system-ui, sans-serif"), ("font-size", "11")])
    root.append(SVGElement("title", text: title))
    return root
}

/// "no data" in the middle of the plot area.
func noDataElement(_ frame: Frame) -> SVGElement {
    SVGElement(
        "text",
        [("x", fmt((frame.left + frame.width - frame.right) / 2)), ("y", fmt((frame.top + frame.height - frame.bottom) / 2)),
         ("text-anchor", "middle"), ("class", "no-data"), ("fill", "#666")], text: "no data")
}
