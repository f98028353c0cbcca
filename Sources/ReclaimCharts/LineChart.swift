/// Lines over a numeric x axis, with optional min–max whiskers per point, horizontal
/// reference lines (limits) and event tracks (instants marked below the plot area).
///
/// Used for usage against limits over time (events: reclaim calls, kills) and for the
/// sweep's small multiples (x: swappiness, one series per swap × laptop_mode, whiskers:
/// the spread over seeds).
public struct LineChart: Sendable {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public init(_ x: Double, _ y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// The spread of y at one x (e.g. min and max over seeds), drawn as a whisker.
    public struct Spread: Sendable, Equatable {
        public var x: Double
        public var low: Double
        public var high: Double
        public init(x: Double, low: Double, high: Double) {
            self.x = x
            self.low = low
            self.high = high
        }
    }

    public struct Series: Sendable {
        public var name: String
        public var points: [Point]
        public var spreads: [Spread]
        public var style: SeriesStyle
        /// Markers at every point; when false, a dense series (more than ``LineChart/sparse``
        /// points) gets about a dozen markers spaced along it instead, so series stay apart
        /// in greyscale, and a sparse one still gets all of them.
        public var markers: Bool

        /// The indices of the points that get a marker.
        var markedIndices: [Int] {
            if markers || points.count <= LineChart.sparse { return Array(points.indices) }
            let stride = max(1, points.count / 12)
            return Array(Swift.stride(from: stride / 2, to: points.count, by: stride))
        }

        public init(name: String, points: [Point], spreads: [Spread] = [], style: SeriesStyle, markers: Bool = true) {
            self.name = name
            self.points = points
            self.spreads = spreads
            self.style = style
            self.markers = markers
        }
    }

    /// A horizontal line across the plot area, e.g. a container's limit.
    public struct Reference: Sendable {
        public var y: Double
        public var label: String
        public var style: SeriesStyle
        public init(y: Double, label: String, style: SeriesStyle) {
            self.y = y
            self.label = label
            self.style = style
        }
    }

    /// A row below the plot area with a mark at each event's x.
    public struct EventTrack: Sendable {
        public var name: String
        public var xs: [Double]
        public var style: SeriesStyle
        public init(name: String, xs: [Double], style: SeriesStyle) {
            self.name = name
            self.xs = xs
            self.style = style
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xFormat: TickFormat
    public var yFormat: TickFormat
    public var series: [Series]
    public var references: [Reference]
    public var tracks: [EventTrack]
    public var width: Double
    public var plotHeight: Double
    /// Whether the legend is drawn (small multiples share one legend instead).
    public var legend: Bool

    public init(
        title: String, xLabel: String, yLabel: String, xFormat: TickFormat = .number, yFormat: TickFormat = .number,
        series: [Series], references: [Reference] = [], tracks: [EventTrack] = [], width: Double = 720,
        plotHeight: Double = 240, legend: Bool = true
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xFormat = xFormat
        self.yFormat = yFormat
        self.series = series
        self.references = references
        self.tracks = tracks
        self.width = width
        self.plotHeight = plotHeight
        self.legend = legend
    }

    static let trackHeight = 16.0
    /// Series with at most this many points get markers.
    public static let sparse = 40

    /// Whether any series has a point.
    public var isEmpty: Bool { series.allSatisfy { $0.points.isEmpty } }

    /// The legend: series, reference lines, event tracks.
    public var legendItems: [Legend.Item] {
        series.map { Legend.Item($0.name, .line($0.style)) }
            + references.map { Legend.Item($0.label, .line($0.style, marker: false)) }
    }

    /// The chart as an `<svg>`.
    public func svg() -> SVGElement {
        let legendBox = Legend(items: legend ? legendItems : [])
        let tracksHeight = Double(tracks.count) * Self.trackHeight
        let legendHeight = legendBox.height(width: width - 72)
        let top = 12.0
        let bottom = 44 + tracksHeight + (tracks.isEmpty ? 0 : 6) + (legendHeight > 0 ? legendHeight + 6 : 0)
        // Room on the left for the y tick labels and the track names.
        let left = max(72, (tracks.map { Legend.textWidth($0.name) }.max() ?? 0) + 14)
        let frame = Frame(width: width, height: top + plotHeight + bottom, left: left, top: top, bottom: bottom)
        var root = chartRoot(frame, title: title, kind: "line-chart")

        let xs = series.flatMap { $0.points.map(\.x) + $0.spreads.map(\.x) } + tracks.flatMap(\.xs)
        let ys =
            series.flatMap { $0.points.map(\.y) + $0.spreads.flatMap { [$0.low, $0.high] } } + references.map(\.y)
        let xAxis = Axis(
            lower: xs.min() ?? 0, upper: xs.max() ?? 1, range: frame.xRange, label: xLabel, format: xFormat, tickCount: 8)
        let yAxis = Axis(lower: min(0, ys.min() ?? 0), upper: ys.max() ?? 1, range: frame.yRange, label: yLabel, format: yFormat)
        root.append(contentsOf: yAxis.leftElements(frame))
        root.append(contentsOf: xAxis.bottomElements(frame))
        if isEmpty && tracks.allSatisfy(\.xs.isEmpty) { root.append(noDataElement(frame)) }

        for reference in references {
            let y = yAxis.scale(reference.y)
            var line: [(String, String)] = [
                ("x1", fmt(frame.left)), ("y1", fmt(y)), ("x2", fmt(frame.width - frame.right)), ("y2", fmt(y)),
                ("stroke", reference.style.color), ("stroke-width", "1.5"), ("class", "reference"),
            ]
            if !reference.style.dash.isEmpty { line.append(("stroke-dasharray", reference.style.dash)) }
            root.append(SVGElement("line", line))
            root.append(
                SVGElement(
                    "text",
                    [("x", fmt(frame.width - frame.right - 4)), ("y", fmt(y - 4)), ("text-anchor", "end"), ("fill", reference.style.color),
                     ("class", "reference-label")], text: reference.label))
        }
        for item in series {
            var group = SVGElement("g", [("class", "series")])
            group.append(SVGElement("title", text: item.name))
            for spread in item.spreads {
                let x = xAxis.scale(spread.x)
                let (y1, y2) = (yAxis.scale(spread.low), yAxis.scale(spread.high))
                group.append(
                    SVGElement(
                        "path",
                        [("d", "M\(fmt(x - 4)) \(fmt(y1))H\(fmt(x + 4))M\(fmt(x)) \(fmt(y1))V\(fmt(y2))M\(fmt(x - 4)) \(fmt(y2))H\(fmt(x + 4))"),
                         ("stroke", item.style.color), ("fill", "none"), ("class", "spread")]))
            }
            if let first = item.points.first {
                let d =
                    "M\(fmt(xAxis.scale(first.x))) \(fmt(yAxis.scale(first.y)))"
                    + item.points.dropFirst().map { "L\(fmt(xAxis.scale($0.x))) \(fmt(yAxis.scale($0.y)))" }.joined()
                var path: [(String, String)] = [
                    ("d", d), ("stroke", item.style.color), ("stroke-width", "2"), ("fill", "none"), ("class", "line"),
                ]
                if !item.style.dash.isEmpty { path.append(("stroke-dasharray", item.style.dash)) }
                group.append(SVGElement("path", path))
            }
            for index in item.markedIndices {
                let point = item.points[index]
                group.append(item.style.marker.element(x: xAxis.scale(point.x), y: yAxis.scale(point.y), size: 7, color: item.style.color))
            }
            root.append(group)
        }

        var y = frame.height - frame.bottom + 44
        for track in tracks {
            var group = SVGElement("g", [("class", "event-track")])
            group.append(
                SVGElement("text", [("x", fmt(frame.left - 6)), ("y", fmt(y + 11)), ("text-anchor", "end"), ("class", "track-label")], text: track.name))
            group.append(
                SVGElement(
                    "line",
                    [("x1", fmt(frame.left)), ("y1", fmt(y + 8)), ("x2", fmt(frame.width - frame.right)), ("y2", fmt(y + 8)),
                     ("stroke", "#eee")]))
            if !track.xs.isEmpty {
                // One path of ticks per track keeps the markup small for thousands of events.
                let d = track.xs.map { "M\(fmt(xAxis.scale($0))) \(fmt(y + 2))v12" }.joined()
                group.append(SVGElement("path", [("d", d), ("stroke", track.style.color), ("stroke-width", "1.5"), ("class", "events")]))
                if track.xs.count <= 50 {
                    for x in track.xs {
                        group.append(track.style.marker.element(x: xAxis.scale(x), y: y + 8, size: 7, color: track.style.color))
                    }
                }
            }
            root.append(group)
            y += Self.trackHeight
        }
        if legendHeight > 0 {
            root.append(legendBox.element(x: frame.left, y: y + 6, width: width - 72))
        }
        return root
    }
}
