/// The allowed values of a real-valued scenario key, with open or closed ends.
struct NumberRange: Sendable, Hashable, CustomStringConvertible {
    var lower: Double
    var lowerInclusive = true
    var upper: Double
    var upperInclusive = true

    func contains(_ value: Double) -> Bool {
        (lowerInclusive ? value >= lower : value > lower)
            && (upperInclusive ? value <= upper : value < upper)
    }

    /// `0...1`, or `> 0 and <= 604800` when an end is open.
    var description: String {
        if lowerInclusive && upperInclusive {
            return "\(formatNumber(lower))...\(formatNumber(upper))"
        }
        return "\(lowerInclusive ? ">=" : ">") \(formatNumber(lower)) and "
            + "\(upperInclusive ? "<=" : "<") \(formatNumber(upper))"
    }
}

/// The shortest text that reads back as `value`, without a fraction when it is integral:
/// `30`, `0.99`, `1e-05`. Used by messages and by the canonical JSON.
func formatNumber(_ value: Double) -> String {
    if value.rounded() == value, abs(value) < 9_007_199_254_740_992 {
        return String(Int64(value))
    }
    return "\(value)"
}
