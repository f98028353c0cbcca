/// One axis of a sweep: a scenario key path and the values it takes (docs/sweeps.md:
/// any scenario key path can be an axis, and `seed` takes a list or a range).
///
/// An axis is written in a sweep file as a YAML list (`machine.swappiness: [0, 60, 100]`)
/// or as an inclusive integer range string (`seed: 1..20`), or on the command line as
/// `--set KEY=V1,V2,...` (see ``init(setArgument:)``). Values are kept as parsed YAML nodes
/// and applied to the base scenario exactly like `--set` overrides, so the same key paths
/// work (`containers.web.limit_pages`, `tasks[0].nice`).
public struct SweepAxis: Sendable, Hashable {
    /// Where an axis was declared, to name it in error messages.
    public enum Origin: Sendable, Hashable {
        /// Under `axes:` in the sweep file.
        case file
        /// A `--set` argument, as the user wrote it (`machine.swappiness=0,60`).
        case setArgument(String)
    }

    /// The most values one axis (and one range) may have.
    public static let maximumValues = 100_000

    /// The scenario key the axis varies.
    public var keyPath: ScenarioKeyPath
    /// The values, in order (never empty once a grid is built).
    public var values: [ScenarioNode]
    /// Where the axis came from.
    public var origin: Origin

    public init(keyPath: ScenarioKeyPath, values: [ScenarioNode], origin: Origin = .file) {
        self.keyPath = keyPath
        self.values = values
        self.origin = origin
    }

    /// Whether this is the `seed` axis (left out of a sweep summary's configuration columns).
    public var isSeed: Bool { keyPath == ScenarioKeyPath([.key("seed")]) }

    /// Reads one `axes:` entry of a sweep file: a list of values, or a range `A..B`.
    ///
    /// - Parameters:
    ///   - key: the entry's key, a scenario key path.
    ///   - file: the sweep file, for messages.
    /// - Throws: ``ScenarioError/invalid(file:keyPath:problem:)`` (64) at `axes.KEY`.
    init(key: String, node: ScenarioNode, file: String) throws {
        let at = "axes.\(key)"
        guard let path = ScenarioKeyPath(parsing: key) else {
            throw ScenarioError.invalid(
                file: file, keyPath: at,
                problem: "\(quoted(key)) is not a key path (expected keys joined by dots, like machine.swappiness, "
                    + "containers.web.limit_pages or tasks[0].nice)")
        }
        switch node {
        case .sequence(let items):
            guard items.count <= Self.maximumValues else {
                throw ScenarioError.invalid(
                    file: file, keyPath: at, problem: "\(items.count) values, more than \(Self.maximumValues)")
            }
            self.init(keyPath: path, values: items)
        case .scalar(let scalar) where scalar.kind == .string:
            guard
                let range = try Self.range(
                    scalar.text, problem: { ScenarioError.invalid(file: file, keyPath: at, problem: $0) })
            else {
                throw ScenarioError.invalid(
                    file: file, keyPath: at,
                    problem: "expected a list of values like [0, 60, 100] or an integer range like 1..20, "
                        + "got \(node.summary) (write [\(scalar.text)] for a single value)")
            }
            self.init(keyPath: path, values: range)
        default:
            throw ScenarioError.invalid(
                file: file, keyPath: at,
                problem:
                    "expected a list of values like [0, 60, 100] or an integer range like 1..20, got \(node.summary)"
                    + (node.isNull ? "" : " (write [\(node.flowText)] for a single value)"))
        }
    }

    /// Parses `KEY=V1,V2,...` from the `sweep` command line.
    ///
    /// The value part is, in this order of precedence: an integer range `A..B` (inclusive);
    /// a YAML flow list `[V1, V2]` whose items are the values (nest lists to sweep a
    /// list-valued key: `tasks[0].caps=[[sys_admin], []]`); otherwise a comma-separated
    /// list read as the items of a YAML flow list, so commas inside brackets, braces or
    /// quotes do not split (`tasks[0].workload={kind: idle, rss: 10}` is one value,
    /// `name="a,b"` too). An empty value has no values (and the sweep no runs).
    ///
    /// - Throws: ``ScenarioError/badOverride(argument:problem:)`` (64).
    public init(setArgument argument: String) throws {
        guard let equals = argument.firstIndex(of: "=") else {
            throw ScenarioError.badOverride(
                argument: argument, problem: "missing \"=\" (expected KEY=V1,V2,..., like machine.swappiness=0,60,100)")
        }
        let key = String(argument[..<equals])
        let text = String(argument[argument.index(after: equals)...])
        guard let path = ScenarioKeyPath(parsing: key) else {
            throw ScenarioError.badOverride(
                argument: argument,
                problem: "\(quoted(key)) is not a key path (expected keys joined by dots, like machine.swappiness, "
                    + "containers.web.limit_pages or tasks[0].nice)")
        }
        let fail = { (problem: String) in ScenarioError.badOverride(argument: argument, problem: problem) }
        if let range = try Self.range(text, problem: fail) {
            self.init(keyPath: path, values: range, origin: .setArgument(argument))
            return
        }
        let trimmed = text.trimmingSpaces
        if trimmed.first == "[",
            case .sequence(let items)? = try? ScenarioNode.parse(yaml: trimmed, sourceName: "--set")
        {
            self.init(keyPath: path, values: items, origin: .setArgument(argument))
            return
        }
        let node: ScenarioNode?
        do {
            node = try ScenarioNode.parse(yaml: "[" + text + "]", sourceName: "--set")
        } catch let error as ScenarioError {
            throw fail("the values are not a valid comma-separated YAML list (\(error))")
        }
        guard case .sequence(let items)? = node else {
            throw fail("the values are not a comma-separated list (quote a value that contains brackets)")
        }
        guard items.count <= Self.maximumValues else {
            throw fail("\(items.count) values, more than \(Self.maximumValues)")
        }
        self.init(keyPath: path, values: items, origin: .setArgument(argument))
    }

    /// The values of an inclusive integer range `A..B` (each may be negative), or nil when
    /// `text` is not of that form.
    ///
    /// - Throws: what `problem` makes of the reason when the range is empty or too large.
    static func range(_ text: String, problem: (String) -> ScenarioError) throws -> [ScenarioNode]? {
        let trimmed = text.trimmingSpaces
        guard let dots = trimmed.firstRange(of: ".."),
            let lower = Int(trimmed[..<dots.lowerBound]), let upper = Int(trimmed[dots.upperBound...])
        else { return nil }
        guard lower <= upper else {
            throw problem("the range \(trimmed) is empty (write the smaller bound first, like \(upper)..\(lower))")
        }
        guard upper.subtractingReportingOverflow(lower).partialValue < Self.maximumValues,
            !upper.subtractingReportingOverflow(lower).overflow
        else {
            throw problem("the range \(trimmed) has more than \(Self.maximumValues) values")
        }
        return (lower...upper).map { .scalar(.init(text: String($0), kind: .int)) }
    }

    /// How an error names this axis's value at `valueIndex`: `axes.KEY[i]` in the file.
    func label(valueIndex: Int) -> String {
        switch origin {
        case .file: "axes.\(keyPath)[\(valueIndex)]"
        case .setArgument(let argument): "--set \(argument)"
        }
    }

    /// The error for value `valueIndex` of this axis, with the problem the scenario had.
    func error(valueIndex: Int, file: String, problem: String) -> ScenarioError {
        switch origin {
        case .file:
            .invalid(file: file, keyPath: label(valueIndex: valueIndex), problem: problem)
        case .setArgument(let argument):
            .badOverride(argument: argument, problem: "value \(values[valueIndex].flowText): \(problem)")
        }
    }

    /// The error for a key path that names nothing the scenario has (an unknown key, an item
    /// name or index the base lacks): whatever the values, so no value is blamed.
    func keyPathError(file: String, problem: String) -> ScenarioError {
        switch origin {
        case .file:
            .invalid(file: file, keyPath: "axes.\(keyPath)", problem: problem)
        case .setArgument(let argument):
            .badOverride(argument: argument, problem: "key path \(keyPath): \(problem)")
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
