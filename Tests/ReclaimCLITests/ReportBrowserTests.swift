import Foundation
import ReclaimTestSupport
import Testing

/// The report in a real browser (headless Debian chromium; `.ci/run` installs it). Where no
/// browser is installed the tests are skipped, with the reason in the test output.
@Suite(.enabled(if: HeadlessChromium.installed != nil, "chromium is not installed (apt-get install chromium; .ci/run does)"))
struct ReportBrowserTests {
    /// The elements `name` with attribute `attribute`'s values, from serialised HTML.
    static func values(of attribute: String, in name: String, _ dom: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "<\(name)\\b[^>]*\\s\(attribute)=\"([^\"]*)\"")
        return pattern.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).compactMap {
            Range($0.range(at: 1), in: dom).map { String(dom[$0]) }
        }
    }

    @Test func theRenderedDOMHasEveryChartWithDrawnPaths() throws {
        let browser = try #require(HeadlessChromium.installed)
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let (result, _) = fixture.report(["--sweep", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let dom = try browser.dumpDOM(fixture.sweep.path("report.html"))
        // The browser parsed the inline SVG into elements: 7 metric panels, and for each of
        // the 11 done runs a usage chart and a priority histogram; the failed run has none.
        let classes = Self.values(of: "class", in: "svg", dom)
        #expect(classes.filter { $0 == "chart line-chart" }.count == 7 + 11)
        #expect(classes.filter { $0 == "chart histogram" }.count == 11)
        #expect(classes.filter { $0 == "chart bar-chart" }.count >= 1)
        let lines = Self.values(of: "d", in: "path", dom)
        #expect(lines.count > 50)
        #expect(lines.allSatisfy { $0.hasPrefix("M") && $0.count > 3 })
        // Bars with a width: the candidates of the kills and the scan passes.
        let widths = Self.values(of: "width", in: "rect", dom).compactMap(Double.init)
        #expect(widths.filter { $0 > 1 }.count > 20)
        #expect(dom.contains("How close did usage come to each limit"))
        #expect(!dom.contains("http:") && !dom.contains("https:"))
    }

    @Test func theScreenshotIsNotBlank() throws {
        let browser = try #require(HeadlessChromium.installed)
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let (result, html) = fixture.report(["--sweep", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(html?.contains("http") == false)
        let blankPage = fixture.sweep.path("blank.html")
        try "<!DOCTYPE html><html><body></body></html>".write(toFile: blankPage, atomically: true, encoding: .utf8)

        // Both screenshots side by side: a second each instead of two in a row.
        nonisolated(unsafe) var blankPNG: Result<Data, any Error>?
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            blankPNG = Result { try browser.screenshot(blankPage, to: fixture.sweep.path("blank.png")) }
        }
        let report = try PNGSummary(browser.screenshot(fixture.sweep.path("report.html"), to: fixture.sweep.path("report.png")))
        group.wait()
        let blank = try PNGSummary(try #require(blankPNG).get())

        #expect(report.width == HeadlessChromium.windowSize.width && report.height == HeadlessChromium.windowSize.height)
        // Measured with chromium 156: a white 1280x2000 page deflates to 11.5 kB of IDAT, this
        // report to 167 kB (14x); the page of an empty database (heading and provenance only) to 41 kB (3.5x).
        #expect(report.idatBytes > 8 * blank.idatBytes, "report IDAT \(report.idatBytes) B, blank page \(blank.idatBytes) B")
    }
}
