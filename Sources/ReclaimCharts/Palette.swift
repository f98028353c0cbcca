/// Series styles that survive colour-blind readers and greyscale printing.
///
/// Colours are Okabe and Ito's palette ("Color Universal Design", 2008), minus its yellow
/// (too light on white); each series also gets its own dash pattern and marker shape, so
/// two series stay apart in greyscale where their colours' luminance is close.
public enum Palette {
    /// Black, orange, sky blue, bluish green, blue, vermillion, reddish purple.
    public static let colors = ["#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7"]
    /// `stroke-dasharray` values; "" is solid.
    public static let dashes = ["", "6 3", "2 2", "9 3 2 3", "12 4", "4 2 1 2 1 2", "1 3"]

    /// The style of series number `index` (0-based; wraps after seven).
    public static func style(_ index: Int) -> SeriesStyle {
        let i = ((index % colors.count) + colors.count) % colors.count
        return SeriesStyle(
            color: colors[i], dash: dashes[(index / colors.count + i) % dashes.count],
            marker: Marker.allCases[i % Marker.allCases.count])
    }
}

/// How one series is drawn.
public struct SeriesStyle: Sendable, Equatable {
    public var color: String
    /// `stroke-dasharray`; "" is solid.
    public var dash: String
    public var marker: Marker

    public init(color: String, dash: String = "", marker: Marker = .circle) {
        self.color = color
        self.dash = dash
        self.marker = marker
    }
}

/// A point marker shape.
public enum Marker: String, Sendable, CaseIterable {
    case circle, square, triangle, diamond, cross, triangleDown, plus

    /// The marker centred on (x, y), `size` pixels across.
    func element(x: Double, y: Double, size: Double, color: String) -> SVGElement {
        let r = size / 2
        switch self {
        case .circle:
            return SVGElement("circle", [("cx", fmt(x)), ("cy", fmt(y)), ("r", fmt(r)), ("fill", color)])
        case .square:
            return SVGElement(
                "rect", [("x", fmt(x - r)), ("y", fmt(y - r)), ("width", fmt(size)), ("height", fmt(size)), ("fill", color)])
        case .triangle, .triangleDown, .diamond:
            let points: [(Double, Double)] =
                switch self {
                case .triangle: [(x, y - r), (x + r, y + r), (x - r, y + r)]
                case .triangleDown: [(x, y + r), (x + r, y - r), (x - r, y - r)]
                default: [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
                }
            return SVGElement("polygon", [("points", points.map { fmt($0.0) + "," + fmt($0.1) }.joined(separator: " ")), ("fill", color)])
        case .cross, .plus:
            let d =
                self == .cross
                ? "M\(fmt(x - r)) \(fmt(y - r))L\(fmt(x + r)) \(fmt(y + r))M\(fmt(x - r)) \(fmt(y + r))L\(fmt(x + r)) \(fmt(y - r))"
                : "M\(fmt(x - r)) \(fmt(y))L\(fmt(x + r)) \(fmt(y))M\(fmt(x)) \(fmt(y - r))L\(fmt(x)) \(fmt(y + r))"
            return SVGElement("path", [("d", d), ("stroke", color), ("stroke-width", "2"), ("fill", "none")])
        }
    }
}

/// A coordinate with at most one decimal: short markup, sub-pixel exact enough.
func fmt(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(rounded)
}
