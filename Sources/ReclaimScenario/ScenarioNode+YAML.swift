import Yams

extension ScenarioNode {
    /// The most nodes a document may expand to (aliases included), so that an alias bomb is
    /// rejected instead of exhausting memory. Real scenarios have a few hundred.
    static let maximumNodeCount = 100_000

    /// Parses one YAML (or JSON) document.
    ///
    /// - Parameters:
    ///   - yaml: The document text.
    ///   - sourceName: The file name used in error messages.
    /// - Returns: The document, or nil when it is empty (only whitespace and comments).
    /// - Throws: ``ScenarioError/malformed(file:line:column:reason:)`` for a syntax error,
    ///   more than one document or an alias bomb; ``ScenarioError/invalid(file:keyPath:problem:)``
    ///   for a mapping key that is not a scalar.
    public static func parse(yaml: String, sourceName: String) throws -> ScenarioNode? {
        let root: Node?
        do {
            root = try Parser(yaml: yaml).singleRoot()
        } catch let error as YamlError {
            throw ScenarioError(yamlError: error, file: sourceName)
        }
        // An empty document ("", comments, a bare "---") is an empty plain null scalar.
        guard let root else { return nil }
        if let scalar = root.scalar, scalar.string.isEmpty, scalar.style == .plain || scalar.style == .any {
            return nil
        }
        var budget = maximumNodeCount
        do {
            return try ScenarioNode(root, at: ScenarioKeyPath(), budget: &budget)
        } catch let issue as ScenarioIssue {
            throw issue.error(file: sourceName)
        } catch is TooLarge {
            throw ScenarioError.malformed(
                file: sourceName, line: nil, column: nil,
                reason: "the document expands to more than \(maximumNodeCount) values (aliases included)")
        }
    }

    private struct TooLarge: Error {}

    /// Converts a Yams node, resolving each scalar's type with the default YAML 1.1 rules.
    private init(_ node: Node, at path: ScenarioKeyPath, budget: inout Int) throws {
        budget -= 1
        guard budget >= 0 else { throw TooLarge() }
        switch node {
        case .scalar(let scalar):
            self = .scalar(Scalar(text: scalar.string, kind: Self.kind(of: node)))
        case .sequence(let sequence):
            var items: [ScenarioNode] = []
            for (index, item) in sequence.enumerated() {
                items.append(try ScenarioNode(item, at: path.appending(index), budget: &budget))
            }
            self = .sequence(items)
        case .mapping(let mapping):
            var entries: [Entry] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw ScenarioIssue(path, "a mapping key must be a plain string, not a list or a mapping")
                }
                let name = keyScalar.string
                entries.append(
                    Entry(key: name, value: try ScenarioNode(value, at: path.appending(name), budget: &budget)))
            }
            self = .mapping(entries)
        case .alias:
            throw ScenarioIssue(path, "unresolved YAML alias")
        }
    }

    private static func kind(of node: Node) -> Scalar.Kind {
        switch node.tag.description {
        case Tag.Name.null.rawValue: .null
        case Tag.Name.bool.rawValue: .bool
        case Tag.Name.int.rawValue: .int
        case Tag.Name.float.rawValue: .float
        default: .string
        }
    }
}

extension ScenarioError {
    /// A Yams parse error as a 65 with the line and column Yams reports.
    init(yamlError: YamlError, file: String) {
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var reason = "invalid YAML: \(problem)"
            if problem == "but found another document" {
                reason = "invalid YAML: a second document (a scenario file holds one; remove the extra ---)"
            } else if let context {
                reason += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            self = .malformed(file: file, line: mark.line, column: mark.column, reason: reason)
        case .reader(let problem, let offset, _, let yaml):
            let position = offset.map { Self.lineAndColumn(ofCharacter: $0, in: yaml) }
            self = .malformed(
                file: file, line: position?.line, column: position?.column,
                reason: "not a YAML text file: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map(quoted).joined(separator: ", ")
            self = .malformed(
                file: file, line: context.mark.line, column: context.mark.column,
                reason: "invalid YAML: duplicate key \(keys) in a mapping (each key may appear once)")
        default:
            self = .malformed(file: file, line: nil, column: nil, reason: "invalid YAML: \(yamlError)")
        }
    }

    /// Line and column (from 1) of the character at `offset` (counted in characters).
    private static func lineAndColumn(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
