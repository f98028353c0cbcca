/// Strict readers for scalar values of a ``ScenarioNode``: each checks the YAML type and the
/// range and throws a ``ScenarioIssue`` naming the key path.
enum NodeReader {
    /// An integer: a YAML int scalar (`12`, `-3`, `1_000`, `0x1F`, `0o17`, `0b101`), never a
    /// float or a quoted string.
    static func int(_ node: ScenarioNode, at path: ScenarioKeyPath, in range: ClosedRange<Int>) throws -> Int {
        guard case .scalar(let scalar) = node, scalar.kind == .int else {
            throw ScenarioIssue(path, "expected an integer, got \(node.summary)")
        }
        switch parseInteger(scalar.text) {
        case .value(let value) where range.contains(value):
            return value
        case .value, .overflow:
            throw ScenarioIssue(path, "\(scalar.text) is out of range \(range.lowerBound)...\(range.upperBound)")
        case .unsupported(let why):
            throw ScenarioIssue(path, "\(scalar.text) is not a supported integer (\(why))")
        }
    }

    /// A finite real number: a YAML int or float scalar.
    static func number(_ node: ScenarioNode, at path: ScenarioKeyPath, in range: NumberRange) throws -> Double {
        guard case .scalar(let scalar) = node, scalar.kind == .int || scalar.kind == .float else {
            throw ScenarioIssue(path, "expected a number, got \(node.summary)")
        }
        if [".inf", "+.inf", "-.inf", ".nan"].contains(scalar.text.lowercased()) {
            throw ScenarioIssue(path, "expected a finite number, got \(scalar.text)")
        }
        let value: Double
        switch scalar.kind == .int ? parseInteger(scalar.text) : .overflow {
        case .value(let integer):
            value = Double(integer)
        case .unsupported(let why):
            throw ScenarioIssue(path, "\(scalar.text) is not a supported number (\(why))")
        case .overflow:
            let digits = scalar.text.replacingOccurrences(of: "_", with: "")
            guard !digits.contains(":"), let parsed = Double(digits) else {
                throw ScenarioIssue(path, "\(scalar.text) is not a supported number (write a decimal number)")
            }
            value = parsed
        }
        guard value.isFinite else {
            throw ScenarioIssue(path, "expected a finite number, got \(scalar.text)")
        }
        guard range.contains(value) else {
            throw ScenarioIssue(path, "\(scalar.text) is out of range \(range)")
        }
        return value == 0 ? 0 : value  // no -0
    }

    /// A string: any non-null scalar, taken as written (so `name: 2007` is the name "2007").
    static func string(_ node: ScenarioNode, at path: ScenarioKeyPath) throws -> String {
        guard case .scalar(let scalar) = node, scalar.kind != .null else {
            throw ScenarioIssue(path, "expected a string, got \(node.summary)")
        }
        return scalar.text
    }

    /// A string or null (nil).
    static func optionalString(_ node: ScenarioNode, at path: ScenarioKeyPath) throws -> String? {
        node.isNull ? nil : try string(node, at: path)
    }

    /// One of a fixed set of words.
    static func word(
        _ node: ScenarioNode, at path: ScenarioKeyPath, oneOf allowed: [String], what: String
    ) throws -> String {
        let text = try string(node, at: path)
        guard allowed.contains(text) else {
            throw ScenarioIssue(
                path, "unknown \(what) \(quoted(text)) (expected one of \(allowed.joined(separator: ", ")))")
        }
        return text
    }

    /// A name that can be used in key paths and replica names: non-empty, without `.`, `[`,
    /// `]`, `#`, `=`, whitespace or control characters.
    static func name(_ node: ScenarioNode, at path: ScenarioKeyPath) throws -> String {
        let text = try string(node, at: path)
        guard !text.isEmpty else {
            throw ScenarioIssue(path, "must not be empty")
        }
        if let bad = text.unicodeScalars.first(where: {
            forbiddenInNames.contains($0) || $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
        }) {
            throw ScenarioIssue(
                path,
                "\(quoted(text)) contains \(quoted(String(bad))) (names may not contain . [ ] # = or whitespace)")
        }
        return text
    }

    private static let forbiddenInNames: Set<Unicode.Scalar> = [".", "[", "]", "#", "="]

    /// A list.
    static func sequence(_ node: ScenarioNode, at path: ScenarioKeyPath) throws -> [ScenarioNode] {
        guard case .sequence(let items) = node else {
            throw ScenarioIssue(path, "expected a list, got \(node.summary)")
        }
        return items
    }

    enum IntegerParse: Equatable {
        case value(Int)
        case overflow
        case unsupported(String)
    }

    /// Parses the text of a YAML int scalar without trapping: decimal, `0x`, `0o` or `0b`,
    /// with `_` separators. A leading-zero decimal (YAML 1.1 octal) and sexagesimal
    /// (`1:30`) are refused as ambiguous.
    static func parseInteger(_ text: String) -> IntegerParse {
        var digits = Substring(text.replacingOccurrences(of: "_", with: ""))
        var sign = ""
        if let first = digits.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            digits = digits.dropFirst()
        }
        if digits.contains(":") {
            return .unsupported("sexagesimal numbers are not supported; write a decimal number")
        }
        var radix = 10
        for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            radix = base
            digits = digits.dropFirst(2)
        }
        if radix == 10, digits.count > 1, digits.first == "0" {
            return .unsupported("leading zeros are ambiguous; write it without them, or with 0o for octal")
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit }) else {
            return .unsupported("not an integer")
        }
        if let value = Int(sign + digits, radix: radix) { return .value(value) }
        return .overflow
    }
}
