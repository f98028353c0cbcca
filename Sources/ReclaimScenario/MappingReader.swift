/// Reads the keys of one YAML mapping strictly: refuses keys it does not know, reads each
/// known key with a type, a range and a default, and names the key path in every error.
struct MappingReader {
    let path: ScenarioKeyPath
    private let entries: [ScenarioNode.Entry]

    /// Checks that `node` is a mapping whose keys are all in `allowed` (listed in the error).
    ///
    /// - Parameters:
    ///   - nullIsEmpty: treat a null value (`machine:` with nothing below it) as `{}`.
    ///   - context: words after "unknown key" in the error (`for kind idle`).
    init(
        _ node: ScenarioNode, at path: ScenarioKeyPath, allowed: [String], nullIsEmpty: Bool = false,
        context: String? = nil
    ) throws {
        self.path = path
        switch node {
        case .mapping(let entries):
            self.entries = entries
        case _ where nullIsEmpty && node.isNull:
            self.entries = []
        default:
            throw ScenarioIssue(path, "expected a mapping, got \(node.summary)")
        }
        for entry in entries where !allowed.contains(entry.key) {
            throw ScenarioIssue(
                path.appending(entry.key),
                "unknown key\(context.map { " " + $0 } ?? "") (expected one of \(allowed.joined(separator: ", ")))",
                isUnknownKey: true)
        }
    }

    /// The value of `key`, or nil when the key is absent.
    subscript(key: String) -> ScenarioNode? {
        entries.first { $0.key == key }?.value
    }

    /// Whether the mapping has `key`.
    func has(_ key: String) -> Bool { self[key] != nil }

    /// The value of a required key.
    func required(_ key: String, _ hint: String) throws -> ScenarioNode {
        guard let value = self[key] else {
            throw ScenarioIssue(path.appending(key), "missing required key (\(hint))")
        }
        return value
    }

    /// An integer key; `default` nil makes it required.
    func int(_ key: String, default fallback: Int?, in range: ClosedRange<Int>, hint: String = "an integer") throws
        -> Int
    {
        guard let node = self[key] else {
            guard let fallback else { throw ScenarioIssue(path.appending(key), "missing required key (\(hint))") }
            return fallback
        }
        return try NodeReader.int(node, at: path.appending(key), in: range)
    }

    /// A real-number key with a default.
    func number(_ key: String, default fallback: Double, in range: NumberRange) throws -> Double {
        guard let node = self[key] else { return fallback }
        return try NodeReader.number(node, at: path.appending(key), in: range)
    }

    /// A string key that may be absent or null.
    func optionalString(_ key: String) throws -> String? {
        guard let node = self[key] else { return nil }
        return try NodeReader.optionalString(node, at: path.appending(key))
    }

    /// A required name (see ``NodeReader/name(_:at:)``).
    func name(_ key: String = "name", hint: String) throws -> String {
        try NodeReader.name(required(key, hint), at: path.appending(key))
    }

    /// One of a fixed set of words, with a default.
    func word(_ key: String, default fallback: String, oneOf allowed: [String], what: String) throws -> String {
        guard let node = self[key] else { return fallback }
        return try NodeReader.word(node, at: path.appending(key), oneOf: allowed, what: what)
    }
}
