/// Zipf-distributed ranks `1...n` with exponent `theta` > 0, by rejection-inversion
/// (Hörmann & Derflinger 1996): O(1) memory and expected O(1) time per draw, any `n`.
///
/// Rank 1 is the most popular; workloads map rank `k` to page `k - 1`.
///
/// Every `exp`/`log` is ``PortableMath``'s, so a draw is bit-identical on every platform
/// (the run key does not name the platform).
public struct ZipfSampler: Sendable, Hashable {
    public let n: Int
    public let theta: Double
    private let hIntegralX1: Double
    private let hIntegralN: Double
    private let s: Double

    public init(n: Int, theta: Double) {
        precondition(n >= 1 && theta > 0)
        self.n = n
        self.theta = theta
        let hx1 = Self.hIntegral(1.5, theta) - 1.0
        hIntegralX1 = hx1
        hIntegralN = Self.hIntegral(Double(n) + 0.5, theta)
        s = 2.0 - Self.hIntegralInverse(Self.hIntegral(2.5, theta) - Self.h(2.0, theta), theta)
    }

    /// One rank in `1...n`.
    public func sample(using rng: inout some RandomNumberGenerator) -> Int {
        while true {
            let u = hIntegralN + rng.unit() * (hIntegralX1 - hIntegralN)
            let x = Self.hIntegralInverse(u, theta)
            var k = Int(x + 0.5)
            if k < 1 { k = 1 } else if k > n { k = n }
            if Double(k) - x <= s || u >= Self.hIntegral(Double(k) + 0.5, theta) - Self.h(Double(k), theta) {
                return k
            }
        }
    }

    private static func h(_ x: Double, _ theta: Double) -> Double {
        PortableMath.exp(-theta * PortableMath.log(x))
    }

    private static func hIntegral(_ x: Double, _ theta: Double) -> Double {
        let logX = PortableMath.log(x)
        return helper2((1.0 - theta) * logX) * logX
    }

    private static func hIntegralInverse(_ x: Double, _ theta: Double) -> Double {
        var t = x * (1.0 - theta)
        if t < -1.0 { t = -1.0 }
        return PortableMath.exp(helper1(t) * x)
    }

    /// log1p(x) / x, accurate near 0.
    private static func helper1(_ x: Double) -> Double {
        abs(x) > 1e-8 ? PortableMath.log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x))
    }

    /// expm1(x) / x, accurate near 0.
    private static func helper2(_ x: Double) -> Double {
        abs(x) > 1e-8 ? PortableMath.expm1(x) / x : 1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + 0.25 * x))
    }
}
