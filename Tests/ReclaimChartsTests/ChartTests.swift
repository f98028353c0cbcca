import Testing

@testable import ReclaimCharts

@Suite struct ChartTests {
    static func paths(_ svg: SVGElement, class name: String) -> [SVGElement] {
        svg.descendants.filter { $0.name == "path" && $0["class"] == name }
    }

    @Test func twoPointsDrawOneLineCornerToCorner() {
        // width 720, margins left 72 / right 16 -> x 72...704; plot 240 high under a 12 px top -> y 252...12.
        // x: 0...10 with 8 ticks -> step 2 (1.25 rounds up), axis 0...10; y: 0...100, step 20, axis 0...100.
        let chart = LineChart(
            title: "t", xLabel: "time (s)", yLabel: "pages",
            series: [.init(name: "a", points: [.init(0, 0), .init(10, 100)], style: Palette.style(0))])
        let lines = Self.paths(chart.svg(), class: "line")
        #expect(lines.count == 1)
        #expect(lines.first?["d"] == "M72 252L704 12")
    }

    @Test func anEmptyChartHasAxesAndSaysNoData() {
        let svg = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "a", points: [], style: Palette.style(0))]).svg()
        #expect(Self.paths(svg, class: "line").isEmpty)
        #expect(svg.descendants.contains { $0["class"] == "no-data" && $0.textContent == "no data" })
        // The empty domain falls back to 0...1 in steps of 0.2 on y.
        let yTicks = svg.descendants.filter { $0["class"] == "tick" && $0["text-anchor"] == "end" }.map(\.textContent)
        #expect(yTicks == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func aSinglePointGetsAMarkerAtTheEndOfItsWidenedAxis() {
        // x 60...60 widens to 0...60 (step 10 for 8 ticks: 7.5 -> 10): the point sits at the right edge,
        // x = 460 - 16 = 444; y 500...500 widens to 0...500, so y = top = 12.
        let chart = LineChart(
            title: "t", xLabel: "vm_swappiness", yLabel: "pages",
            series: [.init(name: "a", points: [.init(60, 500)], style: Palette.style(0), markers: false)], width: 460, plotHeight: 170,
            legend: false)
        let svg = chart.svg()
        #expect(Self.paths(svg, class: "line").first?["d"] == "M444 12")
        let marker = svg.descendants.first { $0.name == "circle" }
        #expect(marker?["cx"] == "444" && marker?["cy"] == "12")
    }

    @Test func aDenseSeriesGetsADozenSpacedMarkers() {
        // 120 points, markers off: stride 120 / 12 = 10, marks at 5, 15, ..., 115 (12 of them).
        let points = (0..<120).map { LineChart.Point(Double($0), Double($0 % 7)) }
        let series = LineChart.Series(name: "a", points: points, style: Palette.style(1), markers: false)
        #expect(series.markedIndices == Array(stride(from: 5, to: 120, by: 10)))
        let squares = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [series], legend: false).svg()
            .descendants.filter { $0.name == "rect" }
        #expect(squares.count == 12)
        // 40 points or fewer: every point.
        #expect(LineChart.Series(name: "b", points: Array(points.prefix(40)), style: Palette.style(1), markers: false).markedIndices.count == 40)
    }

    @Test func spreadsBecomeWhiskersAndWidenTheYAxis() {
        let chart = LineChart(
            title: "t", xLabel: "x", yLabel: "y",
            series: [.init(name: "a", points: [.init(0, 5), .init(1, 6)], spreads: [.init(x: 1, low: 2, high: 9000)], style: Palette.style(1))])
        let svg = chart.svg()
        #expect(Self.paths(svg, class: "spread").count == 1)
        // 9000 -> axis up to 10000 in steps of 2000.
        let yTicks = svg.descendants.filter { $0["class"] == "tick" && $0["text-anchor"] == "end" }.map(\.textContent)
        #expect(yTicks.last == "10000")
    }

    @Test func eventTracksAndReferences() {
        let chart = LineChart(
            title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "a", points: [.init(0, 1), .init(4, 3)], style: Palette.style(0))],
            references: [.init(y: 800, label: "box limit 800", style: Palette.style(1))],
            tracks: [.init(name: "OOM kill", xs: [2], style: Palette.style(2)), .init(name: "reclaim ok", xs: [], style: Palette.style(3))])
        let svg = chart.svg()
        #expect(svg.descendants.filter { $0["class"] == "event-track" }.count == 2)
        #expect(Self.paths(svg, class: "events").count == 1)
        #expect(svg.descendants.contains { $0["class"] == "reference-label" && $0.textContent == "box limit 800" })
    }

    @Test func histogramStacksGroupsAndHatchesEveryOther() {
        let chart = StackedHistogram(
            title: "t", categories: ["12", "11"], categoryLabel: "priority", valueLabel: "passes",
            groups: [.init(name: "direct", values: [3, 1]), .init(name: "kswapd", values: [2, 0])], id: "h")
        #expect(chart.totals == [5, 1])
        let svg = chart.svg()
        let bars = svg.descendants.filter { $0.name == "rect" && $0.children.contains { if case .element(let e) = $0 { e.name == "title" } else { false } } }
        #expect(bars.count == 3)  // a zero value draws nothing
        #expect(bars.contains { $0["fill"] == "url(#h-hatch1)" })
        #expect(svg.descendants.contains { $0.name == "pattern" && $0["id"] == "h-hatch1" })
        let empty = StackedHistogram(title: "t", categories: ["0"], categoryLabel: "p", valueLabel: "v", groups: [], id: "e").svg()
        #expect(empty.descendants.contains { $0["class"] == "no-data" })
    }

    @Test func barChartMarksTheChosenAndTheVictim() {
        let chart = BarChart(
            title: "t", valueLabel: "points",
            bars: [.init(label: "7 parent", value: 4000, note: "base 4 000", mark: 1), .init(label: "8 child", value: 1000, mark: 2), .init(label: "9 x", value: 10)],
            marks: [
                .init(label: "chosen and killed", tag: "◀ chosen, killed", color: "#D55E00"),
                .init(label: "chosen", tag: "◀ chosen", color: "#0072B2", hatched: true),
                .init(label: "killed instead", tag: "◀ killed", color: "#D55E00"),
            ], id: "b")
        let svg = chart.svg()
        #expect(svg.descendants.filter { $0["class"] == "bar marked" }.count == 2)
        #expect(svg.descendants.contains { $0.textContent == "◀ chosen  base 4 000" })
        // The legend lists the marks in use only: other, chosen, killed instead.
        let legend = svg.descendants.first { $0["class"] == "legend" }
        #expect(legend?.descendants.filter { $0.name == "text" }.map(\.textContent) == ["other candidates", "chosen", "killed instead"])
    }

    @Test func renderEscapesTextAndAttributes() {
        var root = SVGElement("svg", [("class", "a\"b")])
        root.append(SVGElement("text", text: "x<y & z"))
        #expect(root.render() == "<svg class=\"a&quot;b\"><text>x&lt;y &amp; z</text></svg>")
    }

    @Test func noURLInAChart() {
        let svg = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "a", points: [.init(0, 1)], style: Palette.style(0))]).svg()
        #expect(!svg.render().contains("http"))
    }

    @Test func paletteStylesAreDistinct() {
        let styles = (0..<7).map(Palette.style)
        #expect(Set(styles.map(\.color)).count == 7)
        #expect(Set(styles.map(\.dash)).count == 7)
        #expect(!Palette.colors.contains("#F0E442"))  // Okabe-Ito yellow: too light on white
    }
}
