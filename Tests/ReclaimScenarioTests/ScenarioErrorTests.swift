import Testing

@testable import ReclaimScenario

@Suite struct ScenarioErrorTests {
    @Test func exitCodesFollowSysexits() {
        #expect(ScenarioError.unreadable(file: "f", reason: "r").exitCode == 66)
        #expect(ScenarioError.malformed(file: "f", line: 1, column: 2, reason: "r").exitCode == 65)
        #expect(ScenarioError.invalid(file: "f", keyPath: "k", problem: "p").exitCode == 64)
        #expect(ScenarioError.badOverride(argument: "a", problem: "p").exitCode == 64)
    }

    @Test func descriptionsNameFileAndPath() {
        #expect(
            ScenarioError.unreadable(file: "two.yaml", reason: "no such file").description == "two.yaml: no such file")
        #expect(
            ScenarioError.malformed(file: "two.yaml", line: 3, column: 7, reason: "bad").description
                == "two.yaml:3:7: bad")
        #expect(
            ScenarioError.malformed(file: "two.yaml", line: nil, column: nil, reason: "bad").description
                == "two.yaml: bad")
        #expect(
            ScenarioError.invalid(
                file: "two.yaml", keyPath: "machine.swappiness", problem: "150 is out of range 0...100"
            ).description
                == "two.yaml: machine.swappiness: 150 is out of range 0...100")
        #expect(ScenarioError.invalid(file: "two.yaml", keyPath: "", problem: "p").description == "two.yaml: p")
        #expect(ScenarioError.badOverride(argument: "seed", problem: "p").description == "--set seed: p")
    }
}
