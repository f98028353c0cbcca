import ReclaimWorkloads
import Testing

@testable import ReclaimScenario

@Suite struct ScenarioWorkloadDecodingTests {
    private func workload(_ flow: String) throws -> Scenario.Workload {
        try load("name: t\ntasks: [{name: a, workload: \(flow)}]").scenario.tasks[0].workload
    }

    private func workloadError(_ flow: String) -> ScenarioError? {
        loadError("name: t\ntasks: [{name: a, workload: \(flow)}]")
    }

    @Test func everyKindHasItsDefaults() throws {
        #expect(try workload("{kind: idle}") == .idle(totalVM: 0, rss: 0))
        #expect(try workload("{kind: idle, rss: 10}") == .idle(totalVM: 10, rss: 10))
        #expect(
            try workload("{kind: anon-grow}")
                == .anonGrow(pagesPerSecond: 100, maxPages: 0, refsPerTick: 64, pattern: .uniform))
        #expect(
            try workload("{kind: anon-working-set, pages: 5}")
                == .anonWorkingSet(pages: 5, refsPerTick: 64, pattern: .zipf(theta: 0.99), writeRatio: 0.3))
        #expect(try workload("{kind: file-stream, pages: 5}") == .fileStream(pages: 5, refsPerTick: 32))
        #expect(
            try workload("{kind: file-working-set, pages: 5}")
                == .fileWorkingSet(pages: 5, refsPerTick: 64, pattern: .zipf(theta: 0.99)))
        #expect(
            try workload("{kind: file-dirty, pages: 5}")
                == .fileDirty(pages: 5, refsPerTick: 64, pattern: .uniform, writeRatio: 1))
        #expect(try workload("{kind: fork}") == .fork(children: 1, childPages: 256, intervalSeconds: 1, pages: 0))
        #expect(try workload("{kind: fork, pages: 64}") == .fork(children: 1, childPages: 256, intervalSeconds: 1, pages: 64))
    }

    @Test func patternsAndTheta() throws {
        #expect(
            try workload("{kind: anon-grow, pattern: zipf}")
                == .anonGrow(pagesPerSecond: 100, maxPages: 0, refsPerTick: 64, pattern: .zipf(theta: 0.99)))
        #expect(
            try workload("{kind: anon-grow, pattern: zipf, theta: 5}")
                == .anonGrow(pagesPerSecond: 100, maxPages: 0, refsPerTick: 64, pattern: .zipf(theta: 5)))
        #expect(
            try workload("{kind: file-working-set, pages: 1, pattern: sequential}")
                == .fileWorkingSet(pages: 1, refsPerTick: 64, pattern: .sequential))
    }

    @Test(arguments: [
        (
            "{pages: 3}",
            "t.yaml: tasks[0].workload.kind: missing required key (one of idle, anon-grow, anon-working-set, file-stream, file-working-set, file-dirty, fork)"
        ),
        (
            "{kind: anon-grw}",
            "t.yaml: tasks[0].workload.kind: unknown workload kind \"anon-grw\" (expected one of idle, anon-grow, anon-working-set, file-stream, file-working-set, file-dirty, fork)"
        ),
        (
            "{kind: idle, pages: 3}",
            "t.yaml: tasks[0].workload.pages: unknown key for kind idle (expected one of kind, total_vm, rss)"
        ),
        (
            "{kind: file-stream, pages: 3, pattern: zipf}",
            "t.yaml: tasks[0].workload.pattern: unknown key for kind file-stream (expected one of kind, pages, refs_per_tick, access, file)"
        ),
        (
            "{kind: idle, rss: 10, total_vm: 5}",
            "t.yaml: tasks[0].workload.total_vm: 5 is less than rss 10 (total_vm >= rss)"
        ),
        ("{kind: anon-grow, pages_per_s: 0}", "t.yaml: tasks[0].workload.pages_per_s: 0 is out of range 1...16777216"),
        (
            "{kind: anon-grow, max_pages: 16777217}",
            "t.yaml: tasks[0].workload.max_pages: 16777217 is out of range 0...16777216"
        ),
        (
            "{kind: anon-grow, refs_per_tick: 1000001}",
            "t.yaml: tasks[0].workload.refs_per_tick: 1000001 is out of range 0...1000000"
        ),
        (
            "{kind: anon-grow, pattern: random}",
            "t.yaml: tasks[0].workload.pattern: unknown pattern \"random\" (expected one of uniform, zipf, sequential)"
        ),
        (
            "{kind: anon-grow, theta: 1.1}",
            "t.yaml: tasks[0].workload.theta: only allowed with pattern zipf (pattern is uniform)"
        ),
        (
            "{kind: anon-working-set, pages: 3, theta: 0}",
            "t.yaml: tasks[0].workload.theta: 0 is out of range > 0 and <= 5"
        ),
        (
            "{kind: anon-working-set, pages: 3, theta: 5.5}",
            "t.yaml: tasks[0].workload.theta: 5.5 is out of range > 0 and <= 5"
        ),
        (
            "{kind: anon-working-set}",
            "t.yaml: tasks[0].workload.pages: missing required key (the number of pages, 1...16777216, for kind anon-working-set)"
        ),
        ("{kind: anon-working-set, pages: 0}", "t.yaml: tasks[0].workload.pages: 0 is out of range 1...16777216"),
        (
            "{kind: anon-working-set, pages: 1, write_ratio: 1.01}",
            "t.yaml: tasks[0].workload.write_ratio: 1.01 is out of range 0...1"
        ),
        (
            "{kind: file-dirty, pages: 1, write_ratio: -0.1}",
            "t.yaml: tasks[0].workload.write_ratio: -0.1 is out of range 0...1"
        ),
        (
            "{kind: file-dirty, pages: 99999999999999999999}",
            "t.yaml: tasks[0].workload.pages: 99999999999999999999 is out of range 1...16777216"
        ),
        ("{kind: fork, children: 1001}", "t.yaml: tasks[0].workload.children: 1001 is out of range 0...1000"),
        ("{kind: fork, child_pages: 0}", "t.yaml: tasks[0].workload.child_pages: 0 is out of range 1...16777216"),
        ("{kind: fork, interval_s: -1}", "t.yaml: tasks[0].workload.interval_s: -1 is out of range 0...604800"),
        (
            "{kind: 3}",
            "t.yaml: tasks[0].workload.kind: unknown workload kind \"3\" (expected one of idle, anon-grow, anon-working-set, file-stream, file-working-set, file-dirty, fork)"
        ),
    ])
    func invalidWorkloadsAreUsageErrors(flow: String, message: String) {
        let error = workloadError(flow)
        #expect(error?.description == message)
        #expect(error?.exitCode == 64)
    }
}
