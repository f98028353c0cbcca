import Foundation
import Testing

@testable import ReclaimWorkloads

/// `PortableMath`: basic arithmetic only, so the same bits everywhere; checked against
/// mathematical constants (correctly rounded values from their decimal expansions) and,
/// within a few ulps, against the platform's libm.
@Suite struct PortableMathTests {
    /// ulps between two doubles of the same sign.
    static func ulps(_ a: Double, _ b: Double) -> UInt64 {
        let x = Int64(bitPattern: a.bitPattern)
        let y = Int64(bitPattern: b.bitPattern)
        return x > y ? UInt64(x - y) : UInt64(y - x)
    }

    /// ln 2 = 0.693147180559945309417..., ln 10 = 2.302585092994045684017...,
    /// e = 2.718281828459045235360..., e^-1 = 0.367879441171442321595...: the doubles
    /// nearest to them (the decimal literals below round to those doubles).
    @Test func constantsAreCorrectlyRounded() {
        #expect(PortableMath.log(1) == 0)
        #expect(PortableMath.exp(0) == 1)
        #expect(PortableMath.log(2) == 0.693147180559945309417)
        #expect(Self.ulps(PortableMath.log(10), 2.302585092994045684017) <= 1)
        #expect(Self.ulps(PortableMath.exp(1), 2.718281828459045235360) <= 1)
        #expect(Self.ulps(PortableMath.exp(-1), 0.367879441171442321595) <= 1)
        // 2^10 = 1024 and 1000^(1/3) = 10 up to rounding of the exponent's product.
        #expect(Self.ulps(PortableMath.pow(2, 10), 1024) <= 2)
        // log1p and expm1 keep full precision near 0: log1p(1e-10) = 1e-10 - 5e-21 + ...
        #expect(Self.ulps(PortableMath.log1p(1e-10), 9.9999999995e-11) <= 1)
        #expect(Self.ulps(PortableMath.expm1(1e-10), 1.00000000005e-10) <= 1)
    }

    /// Over the ranges the Zipf samplers use, within 4 ulps of libm (which is itself within
    /// 1 ulp of the true value on glibc and Apple platforms); `pow` within 16: the rounding
    /// of `y * log(x)` (up to ~14 here) is magnified by `exp`, relative error ~ |y log x| ulps.
    @Test func agreesWithLibmWithinAFewUlps() {
        var worst: (UInt64, String) = (0, "")
        var worstPow: (UInt64, String) = (0, "")
        func check(_ name: String, _ x: Double, _ mine: Double, _ libm: Double) {
            let d = Self.ulps(mine, libm)
            if name == "pow" {
                if d > worstPow.0 { worstPow = (d, "\(name)(\(x)): \(mine) vs \(libm)") }
            } else if d > worst.0 {
                worst = (d, "\(name)(\(x)): \(mine) vs \(libm)")
            }
        }
        var x = 1.0
        while x < 1e15 {
            check("log", x, PortableMath.log(x), Foundation.log(x))
            x = x * 1.37 + 0.11
        }
        var y = -700.0
        while y < 700 {
            check("exp", y, PortableMath.exp(y), Foundation.exp(y))
            y += 0.731
        }
        var z = -0.99
        while z < 3 {
            check("log1p", z, PortableMath.log1p(z), Foundation.log1p(z))
            check("expm1", z, PortableMath.expm1(z), Foundation.expm1(z))
            z += 0.0173
        }
        for k in 1...2000 {
            check("pow", Double(k), PortableMath.pow(Double(k), 0.99), Foundation.pow(Double(k), 0.99))
        }
        #expect(worst.0 <= 4, "\(worst.1)")
        #expect(worstPow.0 <= 16, "\(worstPow.1)")
    }
}
