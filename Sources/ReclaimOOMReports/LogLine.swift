/// One kernel log line with its capture tool's prefixes removed: what `printk` wrote,
/// plus the timestamp the tool printed.
///
/// Recognised prefixes, in the order they can be stacked (each optional):
///
/// | tool | prefix |
/// |---|---|
/// | `dmesg -r` | `<4>` (the raw printk level) |
/// | `dmesg -x` | `kern  :warn  : ` (facility and level) |
/// | `journalctl -k` (short, short-precise), `/var/log/kern.log` | `Nov 28 05:12:01[.123456] HOST kernel: ` |
/// | `journalctl -o short-iso[-precise]`, RFC 3339 syslog | `2026-11-28T05:12:01[.123456]+0000 HOST kernel: ` |
/// | `dmesg`, `journalctl -o short-monotonic` | `[  393.962944] ` (then `HOST kernel: ` for journalctl) |
/// | `dmesg -T` | `[Sat Nov 28 05:12:01 2026] ` |
/// | `dmesg -H` / `--reltime` | `[Nov28 05:12] `, `[  +0.000011] ` |
/// | `CONFIG_PRINTK_CALLER` | `[ T7461] ` or `[ C1] ` after the timestamp |
///
/// A line with none of them is taken as it is (`printk.time=0`, continuation lines).
/// Trailing white space and a carriage return are dropped.
struct LogLine {
    /// What the kernel printed.
    var message: Substring
    /// The timestamp the capture tool printed, if any.
    var timestamp: LogTimestamp

    init(_ raw: Substring) {
        var s = raw
        while let last = s.last, last == "\r" || last == " " || last == "\t" { s.removeLast() }
        var timestamp = LogTimestamp()
        Self.dropPrintkLevel(&s)
        Self.dropFacility(&s)
        if let wall = Self.dropSyslogPrefix(&s) {
            timestamp.wallClock = wall
        }
        switch Self.dropBracketTimestamp(&s) {
        case .uptime(let us):
            timestamp.uptimeMicroseconds = us
            Self.dropCaller(&s)
            _ = Self.dropHostKernel(&s)
        case .wall(let text):
            if timestamp.wallClock == nil { timestamp.wallClock = text }
            Self.dropCaller(&s)
        case .relative:
            Self.dropCaller(&s)
        case nil:
            break
        }
        self.message = s
        self.timestamp = timestamp
    }

    // MARK: - Prefixes

    /// `<N>` or `<NN>` at the start (`dmesg -r`).
    static func dropPrintkLevel(_ s: inout Substring) {
        guard s.firstByte == UInt8(ascii: "<"), let close = s.firstIndex(of: ">"), s.distance(from: s.startIndex, to: close) <= 4 else { return }
        let digits = s[s.index(after: s.startIndex)..<close]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return }
        s = s[s.index(after: close)...]
    }

    static let facilities: Set<Substring> = ["kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp"]
    static let levels: Set<Substring> = ["emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"]

    /// `kern  :warn  : ` (`dmesg -x`).
    static func dropFacility(_ s: inout Substring) {
        guard let b = s.firstByte, b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") else { return }
        guard let c1 = s.firstIndex(of: ":"), s.distance(from: s.startIndex, to: c1) <= 10 else { return }
        let facility = s[..<c1].trimmingTrailingSpaces
        guard facilities.contains(facility) else { return }
        let rest = s[s.index(after: c1)...]
        guard let c2 = rest.firstIndex(of: ":"), rest.distance(from: rest.startIndex, to: c2) <= 10 else { return }
        guard levels.contains(rest[..<c2].trimmingTrailingSpaces) else { return }
        var after = rest[rest.index(after: c2)...]
        if after.first == " " { after = after.dropFirst() }
        s = after
    }

    static let months: Set<Substring> = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays: Set<Substring> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Mmm dd hh:mm:ss[.frac] HOST kernel: ` or `YYYY-MM-DDThh:mm:ss... HOST kernel: `;
    /// returns the date and time as printed.
    static func dropSyslogPrefix(_ s: inout Substring) -> String? {
        // A month name or a year: dmesg's "[" lines and messages stop here.
        guard let b = s.firstByte, (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) else { return nil }
        let words = s.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        if words.count >= 5, months.contains(words[0]), words[1].allSatisfy(\.isASCIIDigit), isClock(words[2]),
            words[4] == "kernel:"
        {
            s = rest(of: s, after: words[4])
            return "\(words[0]) \(words[1]) \(words[2])"
        }
        if words.count >= 3, isISODateTime(words[0]), words[2] == "kernel:" {
            s = rest(of: s, after: words[2])
            return String(words[0])
        }
        return nil
    }

    /// `HOST kernel: ` (after a `journalctl -o short-monotonic` timestamp).
    static func dropHostKernel(_ s: inout Substring) -> Bool {
        let bytes = s.utf8
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")), space > bytes.startIndex,
            !bytes[..<space].contains(UInt8(ascii: ":"))
        else { return false }
        let after = s[bytes.index(after: space)...]
        guard after.hasPrefix(bytes: kernelColon) else { return false }
        var rest = after.dropFirst(kernelColon.count)
        guard rest.isEmpty || rest.utf8.first == UInt8(ascii: " ") else { return false }
        if !rest.isEmpty { rest = rest.dropFirst() }
        s = rest
        return true
    }

    static let kernelColon = Array("kernel:".utf8)

    enum Bracket {
        case uptime(Int64)
        case wall(String)
        case relative
    }

    /// A bracketed timestamp at the start: `[  393.962944]`, `[Sat Nov 28 05:12:01 2026]`,
    /// `[Nov28 05:12]`, `[  +0.000011]`. Task-table rows (`[   7460]`) and their header
    /// (`[  pid  ]`) are not timestamps and stay.
    static func dropBracketTimestamp(_ s: inout Substring) -> Bracket? {
        guard s.firstByte == UInt8(ascii: "["), let close = s.utf8.prefix(36).firstIndex(of: UInt8(ascii: "]")) else { return nil }
        let inner = s[s.index(after: s.startIndex)..<close].drop { $0 == " " }
        var result: Bracket?
        if let us = uptimeMicroseconds(inner) {
            result = .uptime(us)
        } else if inner.first == "+", uptimeMicroseconds(inner.dropFirst()) != nil {
            result = .relative
        } else {
            let words = inner.split(separator: " ")
            if words.count == 5, weekdays.contains(words[0]), months.contains(words[1]), isClock(words[3]) {
                result = .wall(words.joined(separator: " "))
            } else if words.count == 2, words[0].count >= 4, months.contains(words[0].prefix(3)),
                words[0].dropFirst(3).allSatisfy(\.isASCIIDigit), words[1].contains(":")
            {
                result = .wall(words.joined(separator: " "))
            }
        }
        guard let result else { return nil }
        var after = s[s.index(after: close)...]
        if after.first == " " { after = after.dropFirst() }
        s = after
        return result
    }

    /// `[ T7461] ` or `[ C1] ` (`CONFIG_PRINTK_CALLER`).
    static func dropCaller(_ s: inout Substring) {
        guard s.firstByte == UInt8(ascii: "["), let close = s.utf8.prefix(14).firstIndex(of: UInt8(ascii: "]")) else { return }
        let inner = s[s.index(after: s.startIndex)..<close].drop { $0 == " " }
        guard let kind = inner.first, kind == "T" || kind == "C", inner.count >= 2, inner.dropFirst().allSatisfy(\.isASCIIDigit) else { return }
        var after = s[s.index(after: close)...]
        if after.first == " " { after = after.dropFirst() }
        s = after
    }

    // MARK: - Pieces

    /// `393.962944` -> 393962944 µs (fractions shorter or longer than 6 digits scaled).
    static func uptimeMicroseconds(_ text: Substring) -> Int64? {
        var seconds: Int64 = 0
        var micros: Int64 = 0
        var wholeDigits = 0
        var fractionDigits = 0
        var sawDot = false
        for b in text.utf8 {
            if b == UInt8(ascii: ".") {
                guard !sawDot else { return nil }
                sawDot = true
                continue
            }
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(b - UInt8(ascii: "0"))
            if sawDot {
                fractionDigits += 1
                if fractionDigits <= 6 { micros = micros * 10 + digit }
            } else {
                wholeDigits += 1
                guard wholeDigits <= 12 else { return nil }
                seconds = seconds * 10 + digit
            }
        }
        guard wholeDigits > 0, fractionDigits > 0 else { return nil }
        for _ in min(fractionDigits, 6)..<6 { micros *= 10 }
        return seconds * 1_000_000 + micros
    }

    /// `05:12:01` or `05:12:01.123456`.
    static func isClock(_ word: Substring) -> Bool {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return false }
        return parts[0].count == 2 && parts[1].count == 2 && parts[0].allSatisfy(\.isASCIIDigit)
            && parts[1].allSatisfy(\.isASCIIDigit) && parts[2].prefix(2).allSatisfy(\.isASCIIDigit)
    }

    /// `2026-11-28T05:12:01...`.
    static func isISODateTime(_ word: Substring) -> Bool {
        let chars = Array(word.prefix(11))
        guard chars.count == 11 else { return false }
        return chars[0...3].allSatisfy(\.isASCIIDigit) && chars[4] == "-" && chars[5...6].allSatisfy(\.isASCIIDigit)
            && chars[7] == "-" && chars[8...9].allSatisfy(\.isASCIIDigit) && (chars[10] == "T" || chars[10] == " ")
    }

    /// What follows `word` (a slice of `s`) and the one space after it.
    private static func rest(of s: Substring, after word: Substring) -> Substring {
        var after = s[word.endIndex...]
        if after.first == " " { after = after.dropFirst() }
        return after
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
