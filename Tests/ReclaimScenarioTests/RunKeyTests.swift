import Foundation
import ReclaimModel
import ReclaimRecords
import Testing

@testable import ReclaimScenario

@Suite struct RunKeyTests {
    @Test func isSHA256OfModelVersionAndCanonicalJSON() {
        // printf '2.6.20-rss/1\n{}' | sha256sum
        #expect(
            RunKey.make(canonicalJSON: "{}", modelVersion: "2.6.20-rss/1")
                == "38d70d1e109ef3c33173533e203977b4c3d2db5047193af3ea901c3855e13b0c")
        #expect(RunKey.make(canonicalJSON: "{}").count == 64)
        #expect(
            RunKey.make(canonicalJSON: "{}", modelVersion: "a") != RunKey.make(canonicalJSON: "{}", modelVersion: "b"))
    }

    @Test func loadedScenarioKeyMatches() throws {
        let loaded = try load(minimalYAML)
        #expect(loaded.runKey == RunKey.make(canonicalJSON: loaded.canonicalJSON, modelVersion: ModelInfo.modelVersion))
    }

    @Test func yamlJSONReorderedAndExplicitDefaultsGiveOneKey() throws {
        let yaml = try ScenarioFile.load(path: fixturePath("two-tenants.yaml"))
        let json = try ScenarioFile.load(path: fixturePath("two-tenants.json"))
        let explicit = try ScenarioFile.load(path: fixturePath("two-tenants-explicit.yaml"))
        #expect(json.canonicalJSON == yaml.canonicalJSON)
        #expect(explicit.canonicalJSON == yaml.canonicalJSON)
        #expect(Set([yaml.runKey, json.runKey, explicit.runKey]).count == 1)
    }

    @Test func anyChangeChangesTheKey() throws {
        let base = try load(minimalYAML).runKey
        for argument in ["seed=2", "name=u", "machine.swappiness=61", "duration_s=30.5", "tasks[0].workload.rss=1"] {
            #expect(try load(minimalYAML, set: [argument]).runKey != base, "\(argument)")
        }
        #expect(
            try load(minimalYAML, set: ["duration_s=30.0", "machine.swappiness=60", "tasks[0].pid=100"]).runKey == base)
    }
}
