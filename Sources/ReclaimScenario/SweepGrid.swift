/// The expanded grid of a sweep: the product of its axes, each point validated and keyed
/// (docs/sweeps.md: the grid's order, `--shard`).
///
/// Order is deterministic: axes in file order (then `--set` axes), the last axis varying
/// fastest, so point `i` is the same configuration on every machine and shards
/// (``SweepShard``) slice the same list. Every point is validated when the grid is built,
/// so an invalid axis value fails before any run starts and writes nothing.
public struct SweepGrid: Sendable {
    /// The most points a grid may have.
    public static let maximumPoints = 100_000

    /// The sweep the grid was built from.
    public let sweep: SweepFile
    /// The axes, in grid order (the first varies slowest).
    public var axes: [SweepAxis] { sweep.axes }
    /// Every point of the full grid, by ``SweepPoint/index``.
    public let points: [SweepPoint]

    /// Expands and validates the grid.
    ///
    /// - Complexity: O(points × (axes + scenario size)).
    /// - Throws: ``ScenarioError`` (64): an axis without values (a sweep with zero runs),
    ///   more than ``maximumPoints`` points, a value the scenario rejects (named as
    ///   `axes.KEY[i]`, or by its `--set` argument), an invalid base, or two points that
    ///   are the same run (a repeated value).
    public init(sweep: SweepFile) throws {
        self.sweep = sweep
        let counts = sweep.axes.map(\.values.count)
        if let empty = sweep.axes.first(where: \.values.isEmpty) {
            let problem = "no values, so the sweep has no runs (give at least one value)"
            switch empty.origin {
            case .file:
                throw ScenarioError.invalid(file: sweep.path, keyPath: "axes.\(empty.keyPath)", problem: problem)
            case .setArgument(let argument): throw ScenarioError.badOverride(argument: argument, problem: problem)
            }
        }
        var total = 1
        for count in counts {
            let (product, overflow) = total.multipliedReportingOverflow(by: count)
            guard !overflow, product <= Self.maximumPoints else {
                throw ScenarioError.invalid(
                    file: sweep.path, keyPath: "axes",
                    problem:
                        "the grid has more than \(Self.maximumPoints) points (\(counts.map(String.init).joined(separator: " x "))); "
                        + "split it into several sweeps")
            }
            total = product
        }
        var points: [SweepPoint] = []
        points.reserveCapacity(total)
        var seen: [String: Int] = [:]
        for index in 0..<total {
            let indices = Self.valueIndices(of: index, counts: counts)
            let values = zip(sweep.axes, indices).map { $0.values[$1] }
            let loaded = try Self.load(sweep: sweep, valueIndices: indices)
            if let first = seen[loaded.runKey] {
                throw ScenarioError.invalid(
                    file: sweep.path, keyPath: "axes",
                    problem: "grid points \(first + 1) and \(index + 1) are the same run "
                        + "(\(Self.describe(points[first].values, axes: sweep.axes)) and \(Self.describe(values, axes: sweep.axes))); "
                        + "remove the repeated value")
            }
            seen[loaded.runKey] = index
            points.append(SweepPoint(index: index, valueIndices: indices, values: values, scenario: loaded))
        }
        self.points = points
    }

    /// The points of one shard, in grid order.
    public func points(in shard: SweepShard) -> [SweepPoint] {
        points.filter { shard.contains(gridIndex: $0.index) }
    }

    /// The value index of each axis at grid position `index` (mixed radix, last axis fastest).
    public static func valueIndices(of index: Int, counts: [Int]) -> [Int] {
        var rest = index
        var indices = Array(repeating: 0, count: counts.count)
        for axis in counts.indices.reversed() {
            indices[axis] = rest % counts[axis]
            rest /= counts[axis]
        }
        return indices
    }

    /// `machine.swappiness=0 seed=1`.
    public static func describe(_ values: [ScenarioNode], axes: [SweepAxis]) -> String {
        zip(axes, values).map { "\($0.keyPath)=\($1.flowText)" }.joined(separator: " ")
    }

    /// Applies one point's values to the base and validates the result, blaming the axis
    /// whose key path the problem lies on (or under, or above), else the base.
    static func load(sweep: SweepFile, valueIndices: [Int]) throws -> LoadedScenario {
        let baseName: String
        switch sweep.baseSource {
        case .file(let path): baseName = path
        case .inline: baseName = sweep.path
        }
        var node = sweep.base
        var resolved: [ScenarioKeyPath] = []
        for (axis, valueIndex) in zip(sweep.axes, valueIndices) {
            let override = Override(
                keyPath: axis.keyPath, value: axis.values[valueIndex], description: axis.label(valueIndex: valueIndex))
            do {
                let applied = try node.applyingResolved([override], sourceName: baseName)
                node = applied.node
                resolved.append(contentsOf: applied.resolved)
            } catch ScenarioError.invalid(_, _, let problem) {
                let suffix = " (from \(override.description))"
                let bare = problem.hasSuffix(suffix) ? String(problem.dropLast(suffix.count)) : problem
                // The override could not be applied: its key path names nothing in the base.
                throw axis.keyPathError(file: sweep.path, problem: bare)
            }
        }
        do {
            return LoadedScenario(scenario: try Scenario(node: node), sourcePath: baseName)
        } catch let issue as ScenarioIssue {
            if let blamed = resolved.lastIndex(where: { issue.keyPath.hasPrefix($0) || $0.hasPrefix(issue.keyPath) }) {
                let axis = sweep.axes[blamed]
                if issue.isUnknownKey, resolved[blamed].hasPrefix(issue.keyPath) {
                    // The axis's own key path has a key the scenario does not know.
                    throw axis.keyPathError(file: sweep.path, problem: issue.problem)
                }
                let problem = issue.keyPath == resolved[blamed] ? issue.problem : "\(issue.keyPath): \(issue.problem)"
                throw axis.error(valueIndex: valueIndices[blamed], file: sweep.path, problem: problem)
            }
            switch sweep.baseSource {
            case .file(let path):
                throw issue.error(file: path)
            case .inline:
                let path = issue.keyPath.description
                throw ScenarioError.invalid(
                    file: sweep.path, keyPath: path.isEmpty ? "base" : "base.\(path)", problem: issue.problem)
            }
        }
    }
}
