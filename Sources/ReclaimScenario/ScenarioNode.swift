/// A parsed YAML document before validation: scalars keep their source text and their
/// resolved YAML type, mappings keep their key order.
///
/// This is the level at which `--set` overrides and sweep axes are applied (see
/// `ScenarioNode+Overrides.swift`), so that any key path of a scenario can be changed before
/// the result is validated as a whole.
public indirect enum ScenarioNode: Sendable, Hashable {
    /// A scalar: its text and YAML type.
    case scalar(Scalar)
    /// A list, in order.
    case sequence([ScenarioNode])
    /// A mapping, in file order (keys are unique; YAML refuses duplicates).
    case mapping([Entry])

    /// A scalar's text as written and its type as YAML (1.1 core schema, as Yams resolves it)
    /// sees it: `60` is an integer, `"60"` a string, `60.0` a float, `~` null.
    public struct Scalar: Sendable, Hashable {
        /// The YAML type: timestamps and other tags count as strings.
        public enum Kind: Sendable, Hashable {
            case null, bool, int, float, string
        }

        /// The text as written, without quotes.
        public var text: String
        /// The type YAML resolved (a quoted scalar is always a string).
        public var kind: Kind

        public init(text: String, kind: Kind) {
            self.text = text
            self.kind = kind
        }
    }

    /// One `key: value` pair of a mapping.
    public struct Entry: Sendable, Hashable {
        /// The key's text.
        public var key: String
        /// The value.
        public var value: ScenarioNode

        public init(key: String, value: ScenarioNode) {
            self.key = key
            self.value = value
        }
    }

    /// The null scalar.
    public static let null = ScenarioNode.scalar(Scalar(text: "null", kind: .null))

    /// Whether this is the null scalar (`null`, `~` or nothing).
    public var isNull: Bool {
        if case .scalar(let scalar) = self, scalar.kind == .null { return true }
        return false
    }

    /// The value of `key` if this is a mapping that has it.
    public subscript(key: String) -> ScenarioNode? {
        guard case .mapping(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The node in YAML flow style, for messages: `0`, `zipf`, `[sys_admin]`, `{kind: idle}`.
    public var flowText: String {
        switch self {
        case .scalar(let scalar):
            scalar.kind == .string && scalar.text.isEmpty ? "\"\"" : scalar.text
        case .sequence(let items):
            "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        case .mapping(let entries):
            "{" + entries.map { "\($0.key): \($0.value.flowText)" }.joined(separator: ", ") + "}"
        }
    }

    /// How the node reads in an error message: `150`, `the string "60"`, `a list`, `null`.
    var summary: String {
        switch self {
        case .scalar(let scalar):
            switch scalar.kind {
            case .null: "null"
            case .string: "the string \(quoted(scalar.text))"
            case .bool, .int, .float: scalar.text
            }
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// `"text"` with quotes and backslashes escaped, for messages.
func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
