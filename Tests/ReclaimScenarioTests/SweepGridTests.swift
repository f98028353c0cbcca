import Foundation
import Testing

@testable import ReclaimScenario

@Suite struct SweepGridTests {
    private static let base = """
        name: t
        duration_s: 1
        containers: [{ name: web, limit_pages: 100 }]
        tasks:
          - { name: a, container: web, workload: { kind: idle } }
        """

    private func grid(_ axes: String, set: [String] = [], base: String = Self.base) throws -> SweepGrid {
        let indented = base.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        let yaml = "base:\n\(indented)\naxes:\n" + axes
        return try SweepGrid(sweep: SweepFile.parse(yaml: yaml, path: "s.yaml").applying(setArguments: set))
    }

    private func error(_ axes: String, set: [String] = [], base: String = Self.base) -> ScenarioError? {
        do {
            _ = try grid(axes, set: set, base: base)
            return nil
        } catch {
            return error as? ScenarioError
        }
    }

    /// Axes in file order, the last varying fastest; point i is the mixed-radix digits of i.
    @Test func orderIsAxesInFileOrderLastFastest() throws {
        let g = try grid("  machine.swappiness: [0, 60]\n  seed: 1..3\n")
        #expect(g.points.count == 6)
        #expect(
            g.points.map { $0.values.map(\.flowText) } == [
                ["0", "1"], ["0", "2"], ["0", "3"], ["60", "1"], ["60", "2"], ["60", "3"],
            ])
        #expect(g.points.map(\.index) == Array(0..<6))
        #expect(g.points[4].scenario.scenario.machine.swappiness == 60)
        #expect(g.points[4].scenario.scenario.seed == 2)
        #expect(SweepGrid.valueIndices(of: 5, counts: [2, 3]) == [1, 2])
        #expect(Set(g.points.map(\.runKey)).count == 6)
    }

    @Test func anyKeyPathIsAnAxis() throws {
        let g = try grid("  containers.web.limit_pages: [50, 100]\n  tasks[0].nice: [-5, 5]\n")
        #expect(g.points.map { $0.scenario.scenario.containers[0].limitPages } == [50, 50, 100, 100])
        #expect(g.points.map { $0.scenario.scenario.tasks[0].nice } == [-5, 5, -5, 5])
    }

    @Test func noAxesIsOneRunOfTheBase() throws {
        let g = try grid("")
        #expect(g.points.count == 1)
        #expect(g.points[0].runKey == (try ScenarioFile.load(yaml: Self.base, sourceName: "b")).runKey)
    }

    /// Reordered keys (and explicit defaults) in the base give the same run keys.
    @Test func runKeysAreCanonical() throws {
        let reordered = """
            tasks:
              - { workload: { kind: idle }, container: web, name: a, nice: 0 }
            containers: [{ limit_pages: 100, name: web }]
            duration_s: 1.0
            name: t
            """
        let a = try grid("  seed: 1..3\n  machine.swappiness: [0, 60]\n")
        let b = try grid("  seed: 1..3\n  machine.swappiness: [0, 60]\n", base: reordered)
        #expect(a.points.map(\.runKey) == b.points.map(\.runKey))
        // The same point reached by --set gives the same key as the file axis.
        let c = try grid("  seed: 1..3\n", set: ["machine.swappiness=0,60"])
        #expect(a.points.map(\.runKey) == c.points.map(\.runKey))
        // And the key of a point is the key of the scenario with those values set.
        let single = try ScenarioFile.load(
            yaml: Self.base, sourceName: "b",
            overrides: [try Override.parse("seed=2"), try Override.parse("machine.swappiness=60")])
        #expect(a.points[3].runKey == single.runKey)
    }

    @Test func shardsSliceTheOrderedGrid() throws {
        let g = try grid("  machine.swappiness: [0, 60, 100]\n  seed: 1..3\n")
        let shards = (1...3).map { g.points(in: SweepShard(index: $0, count: 3)!) }
        #expect(shards.map { $0.map(\.index) } == [[0, 3, 6], [1, 4, 7], [2, 5, 8]])
        #expect(Set(shards.flatMap { $0.map(\.runKey) }) == Set(g.points.map(\.runKey)))
        #expect(g.points(in: .all).count == 9)
    }

    /// An invalid value fails the whole grid, naming the axis and which value; a key path
    /// that names nothing (unknown key, no such item) is blamed on the key path, not a value.
    @Test func invalidAxesNameTheKeyPath() {
        let cases: [(String, [String], String)] = [
            ("  machine.swappiness: [0, 150]\n", [], "s.yaml: axes.machine.swappiness[1]: 150 is out of range 0...100"),
            ("  machine.nosuch: [1]\n", [], "s.yaml: axes.machine.nosuch: unknown key (expected one of ram_pages"),
            (
                "  containers.db.limit_pages: [1]\n", [],
                "s.yaml: axes.containers.db.limit_pages: no item named \"db\" in containers"
            ),
            (
                "  tasks[0].workload: [{ kind: idle }, { kind: nope }]\n", [],
                "s.yaml: axes.tasks[0].workload[1]: tasks[0].workload.kind: unknown workload kind"
            ),
            ("  seed: []\n", [], "s.yaml: axes.seed: no values, so the sweep has no runs"),
            ("  seed: [1, 2, 1]\n", [], "s.yaml: axes: grid points 1 and 3 are the same run (seed=1 and seed=1)"),
            (
                "", ["machine.swappiness=0,150"],
                "--set machine.swappiness=0,150: value 150: 150 is out of range 0...100"
            ),
            ("", ["machine.nosuch=1"], "--set machine.nosuch=1: key path machine.nosuch: unknown key"),
            (
                "", ["containers.nosuch.limit_pages=5,6"],
                "--set containers.nosuch.limit_pages=5,6: key path containers.nosuch.limit_pages: no item named \"nosuch\" in containers (names: "
            ),
            ("", ["seed="], "--set seed=: no values, so the sweep has no runs"),
        ]
        for (axes, set, prefix) in cases {
            let e = error(axes, set: set)
            #expect(e?.exitCode == 64, "\(axes) \(set)")
            #expect(e?.description.hasPrefix(prefix) == true, "\(String(describing: e))")
        }
    }

    @Test func invalidInlineBaseIsNamedUnderBase() {
        let e = error("  seed: [1]\n", base: "name: t\nhz: 7\ntasks: [{ name: a, workload: { kind: idle } }]")
        #expect(e?.description.hasPrefix("s.yaml: base.hz: 7 is not allowed") == true, "\(String(describing: e))")
    }

    @Test func tooLargeGridsAreRefused() {
        let e = error("  seed: 1..1000\n  machine.swappiness: 0..100\n  machine.laptop_mode: 0..2\n")
        #expect(e?.description.contains("more than 100000 points") == true, "\(String(describing: e))")
    }
}
