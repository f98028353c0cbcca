/// Horizontal bars ranked top to bottom, each with a label on the left and a note on the
/// right; marked bars get their own fill and a text tag, so the mark survives greyscale.
///
/// Used for an OOM kill's candidates: bar = badness points, note = the factors,
/// marks = the task select_bad_process chose and the one that died.
public struct BarChart: Sendable {
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Double
        /// Text after the bar (e.g. the badness factors).
        public var note: String
        /// Index into ``BarChart/marks``, or nil for a plain bar.
        public var mark: Int?
        public init(label: String, value: Double, note: String = "", mark: Int? = nil) {
            self.label = label
            self.value = value
            self.note = note
            self.mark = mark
        }
    }

    /// A kind of marked bar: its legend label, the tag written after its value, its fill.
    public struct Mark: Sendable, Equatable {
        public var label: String
        public var tag: String
        public var color: String
        /// Diagonal hatching over the colour (tells two marks apart in greyscale).
        public var hatched: Bool
        public init(label: String, tag: String, color: String, hatched: Bool = false) {
            self.label = label
            self.tag = tag
            self.color = color
            self.hatched = hatched
        }
    }

    public var title: String
    public var valueLabel: String
    public var format: TickFormat
    public var bars: [Bar]
    public var marks: [Mark]
    public var plainColor: String
    public var width: Double
    /// Prefix for the ids of the hatch patterns; unique per page.
    public var id: String

    public init(
        title: String, valueLabel: String, format: TickFormat = .number, bars: [Bar], marks: [Mark] = [],
        plainColor: String = "#56B4E9", width: Double = 720, id: String
    ) {
        self.title = title
        self.valueLabel = valueLabel
        self.format = format
        self.bars = bars
        self.marks = marks
        self.plainColor = plainColor
        self.width = width
        self.id = id
    }

    static let rowHeight = 20.0

    public func svg() -> SVGElement {
        let labelWidth = min(220, max(80, Double(bars.map(\.label.count).max() ?? 0) * 6.2 + 12))
        // Bold tags run wider than the 6.2 px a character of plain text.
        let noteWidths: [Double] = bars.map { bar in
            let tag: Int = bar.mark.map { marks[$0].tag.count + 2 } ?? 0
            return Double(bar.note.count + 2) * 6.2 + Double(tag) * 7
        }
        let noteWidth = min(420, noteWidths.max() ?? 0)
        let legend = Legend(items: [Legend.Item("other candidates", .box(fill: plainColor, stroke: "#333"))] + marks.indices.filter { i in bars.contains { $0.mark == i } }.map { i in
            Legend.Item(marks[i].label, .box(fill: fill(i), stroke: "#333"))
        })
        let legendHeight = legend.height(width: width - labelWidth)
        let plotHeight = max(1, Double(bars.count)) * Self.rowHeight
        let frame = Frame(
            width: width, height: 12 + plotHeight + 44 + legendHeight + 6, left: labelWidth, right: 16 + noteWidth, top: 12,
            bottom: 44 + legendHeight + 6)
        var root = chartRoot(frame, title: title, kind: "bar-chart")
        root.append(patternDefs())
        let axis = Axis(lower: 0, upper: bars.map(\.value).max() ?? 1, range: frame.xRange, label: valueLabel, format: format)
        for tick in axis.ticks {
            let x = axis.scale(tick)
            root.append(
                SVGElement("line", [("x1", fmt(x)), ("y1", fmt(frame.top)), ("x2", fmt(x)), ("y2", fmt(frame.height - frame.bottom)), ("stroke", "#ddd")]))
        }
        root.append(contentsOf: axis.bottomElements(frame))
        if bars.isEmpty { root.append(noDataElement(frame)) }
        for (row, bar) in bars.enumerated() {
            let y = frame.top + Double(row) * Self.rowHeight
            let x0 = axis.scale(0)
            let barWidth = max(bar.value > 0 ? 1 : 0, axis.scale(bar.value) - x0)
            var group = SVGElement("g", [("class", bar.mark == nil ? "bar" : "bar marked")])
            group.append(SVGElement("title", text: "\(bar.label): \(format.label(bar.value, step: 1)) \(bar.note)"))
            group.append(
                SVGElement("text", [("x", fmt(frame.left - 6)), ("y", fmt(y + 14)), ("text-anchor", "end")], text: bar.label))
            group.append(
                SVGElement(
                    "rect",
                    [("x", fmt(x0)), ("y", fmt(y + 3)), ("width", fmt(barWidth)), ("height", fmt(Self.rowHeight - 6)),
                     ("fill", bar.mark.map(fill) ?? plainColor), ("stroke", "#333"), ("stroke-width", "0.5")]))
            let tag = bar.mark.map { marks[$0].tag + "  " } ?? ""
            group.append(
                SVGElement(
                    "text", [("x", fmt(x0 + barWidth + 6)), ("y", fmt(y + 14)), ("class", bar.mark == nil ? "note" : "note strong")],
                    text: tag + bar.note))
            root.append(group)
        }
        if legendHeight > 0 {
            root.append(legend.element(x: frame.left, y: frame.height - legendHeight - 4, width: width - labelWidth))
        }
        return root
    }

    /// The fill of mark `index`: its colour, or its hatch pattern.
    func fill(_ index: Int) -> String {
        marks[index].hatched ? "url(#\(id)-hatch\(index))" : marks[index].color
    }

    func patternDefs() -> SVGElement {
        var defs = SVGElement("defs")
        for (index, mark) in marks.enumerated() where mark.hatched {
            defs.append(hatchPattern(id: "\(id)-hatch\(index)", color: mark.color))
        }
        return defs
    }
}

/// A diagonal hatch: `color` lines on a light tint of it, 6 px apart.
func hatchPattern(id: String, color: String) -> SVGElement {
    SVGElement(
        "pattern",
        [("id", id), ("patternUnits", "userSpaceOnUse"), ("width", "6"), ("height", "6"), ("patternTransform", "rotate(45)")],
        children: [
            .element(SVGElement("rect", [("width", "6"), ("height", "6"), ("fill", "#fff")])),
            .element(SVGElement("rect", [("width", "3"), ("height", "6"), ("fill", color)])),
        ])
}
