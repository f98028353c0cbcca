import Testing

@testable import ReclaimScenario

@Suite struct KeyPathTests {
    @Test func parsesEveryForm() {
        #expect(ScenarioKeyPath(parsing: "seed")?.components == [.key("seed")])
        #expect(ScenarioKeyPath(parsing: "machine.swappiness")?.components == [.key("machine"), .key("swappiness")])
        #expect(
            ScenarioKeyPath(parsing: "containers.web.limit_pages")?.components
                == [.key("containers"), .key("web"), .key("limit_pages")])
        #expect(ScenarioKeyPath(parsing: "tasks[0].nice")?.components == [.key("tasks"), .index(0), .key("nice")])
        #expect(
            ScenarioKeyPath(parsing: "tasks[12].caps[1]")?.components
                == [.key("tasks"), .index(12), .key("caps"), .index(1)])
    }

    @Test(arguments: ["", ".", "a.", ".a", "a..b", "[0]", "a[", "a[]", "a[x]", "a[-1]", "a]b", "a[0]b", "a[0"])
    func rejectsMalformedPaths(text: String) {
        #expect(ScenarioKeyPath(parsing: text) == nil)
    }

    @Test func descriptionUsesIndexForm() {
        let path = ScenarioKeyPath().appending("tasks").appending(1).appending("workload").appending("kind")
        #expect(path.description == "tasks[1].workload.kind")
        #expect(ScenarioKeyPath().description == "")
        #expect(ScenarioKeyPath(parsing: "tasks[0].nice")?.description == "tasks[0].nice")
    }

    @Test func prefixes() throws {
        let path = try #require(ScenarioKeyPath(parsing: "tasks[0].workload.kind"))
        #expect(path.hasPrefix(try #require(ScenarioKeyPath(parsing: "tasks[0]"))))
        #expect(path.hasPrefix(ScenarioKeyPath()))
        #expect(!path.hasPrefix(try #require(ScenarioKeyPath(parsing: "tasks[1]"))))
    }
}
