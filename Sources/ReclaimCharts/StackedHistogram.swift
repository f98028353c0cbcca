/// Vertical bars over categories, each stacked from groups (e.g. scan passes per priority,
/// stacked by reclaim origin). Groups alternate solid and hatched fills so that they stay
/// apart in greyscale.
public struct StackedHistogram: Sendable {
    public struct Group: Sendable, Equatable {
        public var name: String
        /// One value per category, in category order.
        public var values: [Double]
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var categories: [String]
    public var categoryLabel: String
    public var valueLabel: String
    public var groups: [Group]
    public var width: Double
    public var plotHeight: Double
    /// Prefix for pattern ids; unique per page.
    public var id: String

    public init(
        title: String, categories: [String], categoryLabel: String, valueLabel: String, groups: [Group],
        width: Double = 720, plotHeight: Double = 220, id: String
    ) {
        self.title = title
        self.categories = categories
        self.categoryLabel = categoryLabel
        self.valueLabel = valueLabel
        self.groups = groups
        self.width = width
        self.plotHeight = plotHeight
        self.id = id
    }

    /// The sum over groups of each category.
    public var totals: [Double] {
        categories.indices.map { i in groups.reduce(0) { $0 + ($1.values.indices.contains(i) ? $1.values[i] : 0) } }
    }

    func style(_ index: Int) -> (fill: String, color: String, pattern: Bool) {
        let color = Palette.colors[(index + 4) % Palette.colors.count]  // blue, vermillion, purple, ...
        let pattern = index % 2 == 1
        return (pattern ? "url(#\(id)-hatch\(index))" : color, color, pattern)
    }

    public func svg() -> SVGElement {
        let legend = Legend(items: groups.indices.map { Legend.Item(groups[$0].name, .box(fill: style($0).fill, stroke: "#333")) })
        let legendHeight = legend.height(width: width - 72)
        let frame = Frame(width: width, height: 12 + plotHeight + 44 + legendHeight + 6, left: 72, top: 12, bottom: 44 + legendHeight + 6)
        var root = chartRoot(frame, title: title, kind: "histogram")
        var defs = SVGElement("defs")
        for index in groups.indices where style(index).pattern {
            defs.append(hatchPattern(id: "\(id)-hatch\(index)", color: style(index).color))
        }
        root.append(defs)
        let yAxis = Axis(lower: 0, upper: totals.max() ?? 1, range: frame.yRange, label: valueLabel)
        root.append(contentsOf: yAxis.leftElements(frame))
        let plotWidth = frame.width - frame.left - frame.right
        let slot = plotWidth / Double(max(1, categories.count))
        let baseline = frame.height - frame.bottom
        root.append(
            SVGElement("line", [("x1", fmt(frame.left)), ("y1", fmt(baseline)), ("x2", fmt(frame.width - frame.right)), ("y2", fmt(baseline)), ("stroke", "#333")]))
        for (i, category) in categories.enumerated() {
            let x = frame.left + Double(i) * slot
            root.append(
                SVGElement("text", [("x", fmt(x + slot / 2)), ("y", fmt(baseline + 17)), ("text-anchor", "middle"), ("class", "tick")], text: category))
            var top = 0.0
            for (g, group) in groups.enumerated() {
                let value = group.values.indices.contains(i) ? group.values[i] : 0
                guard value > 0 else { continue }
                let y0 = yAxis.scale(top)
                let y1 = yAxis.scale(top + value)
                top += value
                var rect = SVGElement(
                    "rect",
                    [("x", fmt(x + slot * 0.15)), ("y", fmt(y1)), ("width", fmt(slot * 0.7)), ("height", fmt(max(0.5, y0 - y1))),
                     ("fill", style(g).fill), ("stroke", "#333"), ("stroke-width", "0.5")])
                rect.append(SVGElement("title", text: "\(categoryLabel) \(category), \(group.name): \(TickFormat.number.label(value, step: 1))"))
                root.append(rect)
            }
        }
        root.append(
            SVGElement(
                "text",
                [("x", fmt(frame.left + plotWidth / 2)), ("y", fmt(baseline + 34)), ("text-anchor", "middle"), ("class", "axis-label")],
                text: categoryLabel))
        if totals.allSatisfy({ $0 == 0 }) { root.append(noDataElement(frame)) }
        if legendHeight > 0 { root.append(legend.element(x: frame.left, y: frame.height - legendHeight - 4, width: width - 72)) }
        return root
    }
}
