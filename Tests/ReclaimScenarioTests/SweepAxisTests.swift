import Testing

@testable import ReclaimScenario

@Suite struct SweepAxisTests {
    /// The texts of an axis's values.
    private func texts(_ axis: SweepAxis) -> [String] { axis.values.map(\.flowText) }

    private func int(_ value: Int) -> ScenarioNode { .scalar(.init(text: String(value), kind: .int)) }

    @Test func rangesAreInclusiveIntegers() throws {
        let fail = { (problem: String) in ScenarioError.badOverride(argument: "x", problem: problem) }
        #expect(try SweepAxis.range("1..3", problem: fail) == [int(1), int(2), int(3)])
        #expect(try SweepAxis.range("-2..0", problem: fail) == [int(-2), int(-1), int(0)])
        #expect(try SweepAxis.range(" 5..5 ", problem: fail) == [int(5)])
        #expect(try SweepAxis.range("1...3", problem: fail) == nil)
        #expect(try SweepAxis.range("a..b", problem: fail) == nil)
        #expect(try SweepAxis.range("1.5..2", problem: fail) == nil)
        #expect(throws: ScenarioError.self) { try SweepAxis.range("3..1", problem: fail) }
        #expect(throws: ScenarioError.self) { try SweepAxis.range("0..100000", problem: fail) }
        #expect(throws: ScenarioError.self) { try SweepAxis.range("\(Int.min)..\(Int.max)", problem: fail) }
    }

    @Test func fileAxesAreListsOrRanges() throws {
        let list = try SweepAxis(
            key: "machine.swappiness", node: #require(try ScenarioNode.parse(yaml: "[0, 60]", sourceName: "s")),
            file: "s.yaml")
        #expect(list.keyPath.description == "machine.swappiness")
        #expect(texts(list) == ["0", "60"])
        let range = try SweepAxis(key: "seed", node: .scalar(.init(text: "1..20", kind: .string)), file: "s.yaml")
        #expect(range.values.count == 20)
        #expect(range.isSeed)
        do {
            _ = try SweepAxis(key: "machine.swappiness", node: .scalar(.init(text: "60", kind: .int)), file: "s.yaml")
            Issue.record("a scalar is not an axis")
        } catch let error as ScenarioError {
            #expect(error.exitCode == 64)
            #expect(error.description.hasPrefix("s.yaml: axes.machine.swappiness: expected a list"))
            #expect(error.description.contains("write [60] for a single value"))
        }
        #expect(throws: ScenarioError.self) { try SweepAxis(key: "tasks[x]", node: .sequence([]), file: "s.yaml") }
    }

    @Test func setArgumentsSplitAtTopLevelCommas() throws {
        #expect(texts(try SweepAxis(setArgument: "machine.swappiness=0,60,100")) == ["0", "60", "100"])
        #expect(texts(try SweepAxis(setArgument: "machine.swappiness=0, 60")) == ["0", "60"])
        #expect(texts(try SweepAxis(setArgument: "machine.swappiness=60")) == ["60"])
        #expect(texts(try SweepAxis(setArgument: "seed=1..4")) == ["1", "2", "3", "4"])
        // A YAML flow list gives its items; nest it to sweep a list-valued key.
        #expect(texts(try SweepAxis(setArgument: "tasks[0].workload.pattern=[zipf, uniform]")) == ["zipf", "uniform"])
        #expect(texts(try SweepAxis(setArgument: "tasks[0].caps=[[sys_admin], []]")) == ["[sys_admin]", "[]"])
        // Commas inside braces or quotes do not split.
        #expect(
            texts(try SweepAxis(setArgument: "tasks[0].workload={kind: idle, rss: 10}")) == ["{kind: idle, rss: 10}"])
        #expect(
            try SweepAxis(setArgument: #"name="a,b",c"#).values == [
                .scalar(.init(text: "a,b", kind: .string)), .scalar(.init(text: "c", kind: .string)),
            ])
        #expect(try SweepAxis(setArgument: "seed=").values.isEmpty)
        let origin = try SweepAxis(setArgument: "seed=1,2").origin
        #expect(origin == .setArgument("seed=1,2"))
    }

    @Test func malformedSetArgumentsAreUsageErrors() {
        for argument in ["seed", "tasks[x].nice=1", "seed=[1, 2", "seed=3..1"] {
            do {
                _ = try SweepAxis(setArgument: argument)
                Issue.record("\(argument) should fail")
            } catch let error as ScenarioError {
                #expect(error.exitCode == 64, "\(argument)")
                #expect(error.description.hasPrefix("--set \(argument): "), "\(error)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
