/// `exp`, `log`, `log1p`, `expm1` and `pow` from IEEE-754 `+ - * /` only, in a fixed order,
/// so every platform computes the same bits (issue 17 §5).
///
/// The C library's transcendental functions are not correctly rounded, and two platforms'
/// libraries (glibc, Apple's libm) can disagree in the last bit: a Zipf sampler built on
/// them could draw different pages on macOS and Linux for one run key. Basic arithmetic is
/// correctly rounded everywhere, and Swift does not contract `a * b + c` into a fused
/// multiply-add unless asked to, so these functions are bit-identical across platforms.
///
/// Accuracy: `log`, `exp`, `log1p`, `expm1` within a few ulps over the ranges the Zipf
/// samplers use (arguments of `log` in `[1, 2^53]`, of `exp` in `[-745, 709]`); `pow`
/// within about `|exponent * log(base)|` ulps. Not a general-purpose libm.
public enum PortableMath {
    /// ln 2 split so that `k * ln2Hi` is exact for |k| < 2^11 (fdlibm's constants).
    static let ln2Hi = 6.93147180369123816490e-01
    static let ln2Lo = 1.90821492927058770002e-10
    static let invLn2 = 1.44269504088896338700e+00

    /// Natural logarithm of `x` > 0 (`-infinity` at 0, NaN below).
    public static func log(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == 0 ? -.infinity : (x.isNaN || x < 0 ? .nan : x) }
        // x = m * 2^e with m in [sqrt(1/2), sqrt(2)): exact (exponent and significand bits).
        var e = Int(x.exponent)
        var m = x.significand  // [1, 2)
        if m > 1.4142135623730951 {
            m /= 2
            e += 1
        }
        // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: odd series to s^27.
        let f = m - 1
        let s = f / (2 + f)
        let s2 = s * s
        // series = s^2/3 + s^4/5 + ... + s^26/27 (the next term is below 2^-66 relative).
        var series = 0.0
        var power = s2
        var odd = 3.0
        for _ in 0..<13 {
            series += power / odd
            power *= s2
            odd += 2
        }
        let logM = 2 * s + 2 * s * series
        let k = Double(e)
        return k * ln2Hi + (logM + k * ln2Lo)
    }

    /// `e^x` (0 below -745.2, infinity above 709.8).
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782712893384 { return .infinity }
        if x < -745.1332191019412 { return 0 }
        // x = k ln2 + r, |r| <= ln2 / 2.
        let k = (x * invLn2).rounded(.toNearestOrEven)
        let r = (x - k * ln2Hi) - k * ln2Lo
        let er = expSmall(r)
        return scale(er, by: Int(k))
    }

    /// `log(1 + x)`, accurate for small `x` (x > -1).
    public static func log1p(_ x: Double) -> Double {
        let u = 1 + x
        if u == 1 { return x }
        // Goldberg's trick: the rounding of 1 + x cancels between log(u) and u - 1.
        return log(u) * (x / (u - 1))
    }

    /// `e^x - 1`, accurate for small `x`.
    public static func expm1(_ x: Double) -> Double {
        if abs(x) < 0.34657359027997264 {  // ln 2 / 2: Taylor series, no cancellation
            return expm1Small(x)
        }
        return exp(x) - 1
    }

    /// `base^exponent` for `base` > 0, as `exp(exponent * log(base))`.
    public static func pow(_ base: Double, _ exponent: Double) -> Double {
        exp(exponent * log(base))
    }

    /// `e^r - 1` for |r| <= ln2/2 by its Taylor series to r^18/18! (< 2^-60 relative).
    static func expm1Small(_ r: Double) -> Double {
        var term = r
        var sum = r
        var n = 2.0
        for _ in 0..<17 {
            term = term * r / n
            sum += term
            n += 1
        }
        return sum
    }

    /// `e^r` for |r| <= ln2/2.
    static func expSmall(_ r: Double) -> Double {
        1 + expm1Small(r)
    }

    /// `x * 2^k`, exact while the result is a normal number (two steps keep 2^k finite).
    static func scale(_ x: Double, by k: Int) -> Double {
        if k > 1000 { return scale(x * Double(sign: .plus, exponent: 1000, significand: 1), by: k - 1000) }
        if k < -1000 { return scale(x * Double(sign: .plus, exponent: -1000, significand: 1), by: k + 1000) }
        return x * Double(sign: .plus, exponent: k, significand: 1)
    }
}
