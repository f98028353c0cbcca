import Foundation

/// Axis ticks at round numbers: steps of 1, 2 or 5 times a power of ten.
///
/// The step is the smallest of those at least `(upper - lower) / count`; the axis then
/// runs from the last step at or below `lower` to the first at or above `upper`. So
/// 0...9000 with 5 ticks wanted gives a step of 2000 (9000 / 5 = 1800, rounded up to
/// 2 x 10^3) and ticks 0, 2000, ..., 10000. A degenerate domain (one value, or none) is
/// widened first: v...v becomes 0...v (or v...0 for negative v), 0...0 becomes 0...1.
public struct NiceTicks: Sendable, Equatable {
    /// The axis' first tick (at or below the data's lower end).
    public let lower: Double
    /// The axis' last tick (at or above the data's upper end).
    public let upper: Double
    /// The distance between ticks.
    public let step: Double
    /// `lower, lower + step, ..., upper`.
    public let values: [Double]

    public init(lower dataLower: Double, upper dataUpper: Double, count: Int = 5) {
        var low = Swift.min(dataLower, dataUpper)
        var high = Swift.max(dataLower, dataUpper)
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        if low == high {
            if low > 0 {
                low = 0
            } else if low < 0 {
                high = 0
            } else {
                high = 1
            }
        }
        let step = Self.step(for: (high - low) / Double(Swift.max(1, count)))
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        self.step = step
        // Multiplying the index (not adding steps) keeps 0.1 x 3 from drifting to 0.30000000000000004.
        values = stride(from: first, through: last, by: 1).map { Self.clean($0 * step, step: step) }
        lower = values.first ?? low
        upper = values.last ?? high
    }

    /// The smallest of 1, 2, 5 x 10^k that is at least `raw`.
    public static func step(for raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let residual = raw / magnitude
        // A tolerance so that 2000.0000001 / 1000 still counts as 2.
        let factor: Double =
            residual <= 1 + 1e-9 ? 1 : residual <= 2 + 1e-9 ? 2 : residual <= 5 + 1e-9 ? 5 : 10
        return factor * magnitude
    }

    /// Rounds `value` to the step's decimal places.
    static func clean(_ value: Double, step: Double) -> Double {
        let decimals = TickFormat.decimals(for: step)
        let scale = pow(10, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        return rounded == 0 ? 0 : rounded  // no -0
    }
}

/// How an axis prints its tick values.
public enum TickFormat: Sendable, Equatable {
    /// Plain numbers with as many decimals as the step needs; on axes stepping by 10 000
    /// or more in k (50k, 100k), by 100 000 or more in M (0.2M, 1.5M).
    case number
    /// Fractions 0...1 as percentages (0.25 -> 25%).
    case percent

    /// The label of tick `value` on an axis with ticks `step` apart.
    public func label(_ value: Double, step: Double) -> String {
        switch self {
        case .percent:
            return Self.plain(value * 100, decimals: Self.decimals(for: step * 100)) + "%"
        case .number:
            // The step picks the unit, so one axis never mixes 50000 with 100k.
            if step >= 100_000 {
                return Self.plain(value / 1_000_000, decimals: Self.decimals(for: step / 1_000_000)) + (value == 0 ? "" : "M")
            }
            if step >= 10_000 {
                return Self.plain(value / 1000, decimals: Self.decimals(for: step / 1000)) + (value == 0 ? "" : "k")
            }
            return Self.plain(value, decimals: Self.decimals(for: step))
        }
    }

    /// Decimal places a step needs: 0 for steps of 1 and more, 1 for 0.5 or 0.2, 2 for 0.05.
    static func decimals(for step: Double) -> Int {
        guard step > 0, step < 1, step.isFinite else { return 0 }
        return Swift.max(0, Int((-log10(step) - 1e-9).rounded(.up)))
    }

    /// `value` with `decimals` decimal places, never "-0".
    public static func plain(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}
