/// A JSON value with one canonical text: object keys sorted by their UTF-8 bytes, no
/// whitespace, integers without a fraction, other numbers in their shortest round-trip form.
///
/// Two configurations that mean the same thing produce the same text, which is what the run
/// key hashes.
public indirect enum CanonicalJSON: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer, printed in decimal.
    case int(Int64)
    /// Normalized on output: an integral value prints like an integer (`30.0` as `30`).
    case number(Double)
    /// A string, escaped as JSON requires and otherwise UTF-8.
    case string(String)
    /// An array, in order.
    case array([CanonicalJSON])
    /// An object; printed with keys sorted by their UTF-8 bytes.
    case object([String: CanonicalJSON])

    /// The canonical text.
    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .number(let value):
            precondition(value.isFinite, "JSON has no infinities or NaN")
            out += formatNumber(value)
        case .string(let value): Self.writeString(value, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(key, to: &out)
                out += ":"
                members[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`, ... or `\u00XX`,
    /// everything else as UTF-8.
    private static func writeString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
