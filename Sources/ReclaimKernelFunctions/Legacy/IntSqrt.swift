/// `int_sqrt()` of lib/int_sqrt.c: floor of the square root, by the kernel's bitwise method.
///
/// - Complexity: O(log x).
@inlinable
public func intSqrt(_ x: UInt64) -> UInt64 {
    if x <= 1 { return x }
    var op = x
    var res: UInt64 = 0
    var one: UInt64 = 1 << 62
    while one > op { one >>= 2 }
    while one != 0 {
        if op >= res + one {
            op -= res + one
            res += 2 * one
        }
        res >>= 1
        one >>= 2
    }
    return res
}
