/// One point of a sweep's grid: which value each axis takes, and the validated scenario
/// that results (with its canonical JSON and run key).
public struct SweepPoint: Sendable, Hashable {
    /// The 0-based position in the full, ordered grid (shards slice by it, see ``SweepShard``).
    public let index: Int
    /// For each axis of the grid, in axis order, the index of its value.
    public let valueIndices: [Int]
    /// For each axis, the value it takes here.
    public let values: [ScenarioNode]
    /// The base with the values applied, validated.
    public let scenario: LoadedScenario

    public init(index: Int, valueIndices: [Int], values: [ScenarioNode], scenario: LoadedScenario) {
        self.index = index
        self.valueIndices = valueIndices
        self.values = values
        self.scenario = scenario
    }

    /// The run key of ``scenario``.
    public var runKey: String { scenario.runKey }
}
