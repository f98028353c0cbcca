/// A sweep file: a base scenario and axes over scenario key paths (docs/sweeps.md).
///
/// ```yaml
/// name: demo-sweep             # optional; default: the file name without its extension
/// base: two-tenants.yaml       # a path relative to this file, or an inline scenario mapping
/// axes:                        # optional; the grid is their product (last axis fastest)
///   machine.swappiness: [0, 60, 100]
///   machine.swap_pages: [0, 32768]
///   seed: 1..20                # a list or an inclusive integer range
/// ```
///
/// Unknown keys are errors. Loading reads and parses the base but does not validate the
/// grid; ``SweepGrid/init(sweep:)`` does, before anything runs.
public struct SweepFile: Sendable {
    /// The keys a sweep file may have.
    static let keys = ["name", "base", "axes"]

    /// Where the base scenario came from.
    public enum BaseSource: Sendable, Hashable {
        /// A scenario file: its path as resolved against the sweep file's directory.
        case file(String)
        /// The `base:` mapping of the sweep file itself.
        case inline
    }

    /// `name`, or the file name without its extension (`sweeps.name`).
    public var name: String
    /// The sweep file as the user named it.
    public var path: String
    /// The sweep file's text, verbatim (`sweeps.spec`).
    public var text: String
    /// The base scenario document, not yet validated.
    public var base: ScenarioNode
    /// Where ``base`` came from.
    public var baseSource: BaseSource
    /// The axes in file order, then those `--set` added (see ``applying(setArguments:)``).
    public var axes: [SweepAxis]

    public init(name: String, path: String, text: String, base: ScenarioNode, baseSource: BaseSource, axes: [SweepAxis])
    {
        self.name = name
        self.path = path
        self.text = text
        self.base = base
        self.baseSource = baseSource
        self.axes = axes
    }

    /// Reads the sweep file at `path` and its base scenario.
    ///
    /// - Throws: ``ScenarioError``: 66 when the sweep or its base file is missing, 65 when
    ///   either is not YAML, 64 for an unknown key, a bad axis or a missing `base`.
    public static func load(path: String) throws -> SweepFile {
        let text = try ScenarioFile.readText(path: path)
        return try parse(yaml: text, path: path)
    }

    /// Parses sweep-file text; `path` names it in messages and anchors a relative `base`.
    public static func parse(yaml: String, path: String) throws -> SweepFile {
        guard let node = try ScenarioNode.parse(yaml: yaml, sourceName: path) else {
            throw ScenarioError.malformed(
                file: path, line: nil, column: nil,
                reason: "the file is empty (expected a sweep: a mapping with base and axes)")
        }
        let root: MappingReader
        do {
            root = try MappingReader(node, at: ScenarioKeyPath(), allowed: keys, context: "in a sweep file")
        } catch let issue as ScenarioIssue {
            throw issue.error(file: path)
        }
        let name: String
        if let nameNode = root["name"] {
            guard case .scalar(let scalar) = nameNode, scalar.kind != .null, !scalar.text.isEmpty else {
                throw ScenarioError.invalid(
                    file: path, keyPath: "name", problem: "expected a non-empty name, got \(nameNode.summary)")
            }
            name = scalar.text
        } else {
            name = defaultName(path: path)
        }
        let (base, source) = try readBase(root["base"], sweepPath: path)
        var axes: [SweepAxis] = []
        switch root["axes"] {
        case nil:
            break
        case let node? where node.isNull:
            break
        case .mapping(let entries)?:
            for entry in entries {
                axes.append(try SweepAxis(key: entry.key, node: entry.value, file: path))
            }
        case let node?:
            throw ScenarioError.invalid(
                file: path, keyPath: "axes",
                problem:
                    "expected a mapping from key paths to values (like machine.swappiness: [0, 60]), got \(node.summary)"
            )
        }
        return SweepFile(name: name, path: path, text: yaml, base: base, baseSource: source, axes: axes)
    }

    /// The sweep with `--set KEY=V1,V2,...` arguments applied: a key path that is already an
    /// axis gets the new values in its place; any other becomes a new axis after the others
    /// (so it varies fastest). A single value is a plain override.
    ///
    /// - Throws: ``ScenarioError/badOverride(argument:problem:)`` (64).
    public func applying(setArguments: [String]) throws -> SweepFile {
        var copy = self
        for argument in setArguments {
            let axis = try SweepAxis(setArgument: argument)
            if let index = copy.axes.firstIndex(where: { $0.keyPath == axis.keyPath }) {
                copy.axes[index] = axis
            } else {
                copy.axes.append(axis)
            }
        }
        return copy
    }

    /// `dir/demo-sweep.yaml` -> `demo-sweep`.
    static func defaultName(path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// `base` resolved against the directory of `sweepPath` (absolute paths stay).
    static func resolve(base: String, sweepPath: String) -> String {
        guard !base.hasPrefix("/"), let slash = sweepPath.lastIndex(of: "/") else { return base }
        return String(sweepPath[...slash]) + base
    }

    /// Reads `base:`: a file path (read and parsed now) or an inline mapping.
    private static func readBase(_ node: ScenarioNode?, sweepPath: String) throws -> (ScenarioNode, BaseSource) {
        switch node {
        case nil:
            throw ScenarioError.invalid(
                file: sweepPath, keyPath: "base",
                problem: "missing required key (a scenario file path relative to the sweep file, or an inline scenario)"
            )
        case .mapping?:
            return (node!, .inline)
        case .scalar(let scalar)? where scalar.kind == .string && !scalar.text.isEmpty:
            let resolved = resolve(base: scalar.text, sweepPath: sweepPath)
            do {
                return (try ScenarioFile.readNode(path: resolved), .file(resolved))
            } catch ScenarioError.unreadable(let file, let reason) {
                throw ScenarioError.unreadable(file: file, reason: "\(reason) (the base of \(sweepPath))")
            }
        case let node?:
            throw ScenarioError.invalid(
                file: sweepPath, keyPath: "base",
                problem: "expected a scenario file path or an inline scenario mapping, got \(node.summary)")
        }
    }
}
