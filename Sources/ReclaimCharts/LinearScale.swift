/// A linear map from data values (the domain) to pixels (the range).
///
/// The range may run backwards (a y axis maps its lowest value to the bottom pixel). A
/// domain of zero width maps every value to the middle of the range rather than dividing
/// by zero; ``nice(_:_:to:tickCount:)`` widens such domains before this can matter.
public struct LinearScale: Sendable, Equatable {
    public var domainLower: Double
    public var domainUpper: Double
    public var rangeStart: Double
    public var rangeEnd: Double

    public init(domain: (Double, Double), range: (Double, Double)) {
        domainLower = domain.0
        domainUpper = domain.1
        rangeStart = range.0
        rangeEnd = range.1
    }

    /// The pixel for `value`; values outside the domain extrapolate linearly.
    public func callAsFunction(_ value: Double) -> Double {
        let width = domainUpper - domainLower
        guard width != 0 else { return (rangeStart + rangeEnd) / 2 }
        return rangeStart + (value - domainLower) / width * (rangeEnd - rangeStart)
    }

    /// A scale whose domain covers `lower...upper` widened to the nice ticks of
    /// ``NiceTicks``, and those ticks.
    public static func nice(_ lower: Double, _ upper: Double, to range: (Double, Double), tickCount: Int = 5)
        -> (scale: LinearScale, ticks: [Double])
    {
        let ticks = NiceTicks(lower: lower, upper: upper, count: tickCount)
        return (LinearScale(domain: (ticks.lower, ticks.upper), range: range), ticks.values)
    }
}
