import Foundation
import GRDB
import ReclaimModel
import ReclaimRecords
import ReclaimScenario
import ReclaimSimulator
import ReclaimStore
import ReclaimSweep
import Testing

@testable import ReclaimCLI

/// Failure capture: a run whose simulation fails is stored `failed` with its error and the
/// sweep goes on (or stops starting runs with --fail-fast); the exit status is 70.
@Suite struct SweepRunnerTests {
    /// A run that panics (`panic_on_oom: 1` on a machine that runs out of RAM) fails;
    /// the others complete, the sweep exits 70, and a re-run retries only the failed ones.
    @Test func failedRunsAreStoredAndTheSweepGoesOn() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        try """
        base:
          name: oom
          duration_s: 1
          machine: { ram_pages: 2000 }
          tasks: [{ name: leak, workload: { kind: anon-grow, pages_per_s: 3000 } }]
        axes:
          machine.panic_on_oom: [1, 0]
          seed: 1..3
        """.write(toFile: fixture.path("oom.yaml"), atomically: true, encoding: .utf8)
        let db = fixture.path("lab.db")
        let r = fixture.main(["sweep", fixture.path("oom.yaml"), "--db", db, "--quiet", "--jobs", "2"])
        #expect(r.status == 70, "\(r.stderr)")
        #expect(r.stderr.contains("6 runs: ran 6 (3 done, 3 failed)"), "\(r.stderr)")
        #expect(r.stderr.contains("3 runs failed"))
        #expect(
            try SweepFixture.count(db, "SELECT COUNT(*) FROM runs WHERE status = 'failed' AND error LIKE '%panic%'")
                == 3)
        #expect(
            r.stdout.contains("1                     3     0     3"), "the summary counts the failures:\n\(r.stdout)")
        let again = fixture.main(["sweep", fixture.path("oom.yaml"), "--db", db, "--quiet", "--jobs", "2"])
        #expect(again.status == 70)
        #expect(again.stderr.contains("ran 3 (0 done, 3 failed), skipped 3 already done, retried 3"), "\(again.stderr)")

        let fast = fixture.main([
            "sweep", fixture.path("oom.yaml"), "--db", fixture.path("fast.db"), "--quiet", "--jobs", "1", "--fail-fast",
        ])
        #expect(fast.status == 70)
        #expect(
            fast.stderr.contains("ran 1 (0 done, 1 failed)") && fast.stderr.contains("5 not started (--fail-fast)"),
            "\(fast.stderr)")
        #expect(try SweepFixture.count(fixture.path("fast.db"), "SELECT COUNT(*) FROM runs") == 1)
    }

    /// The simulator, failing every run of seed 2 with a `ModelError`.
    struct FailingSeed2: RunEngine {
        let simulator = SimulatorEngine()

        func descriptor(for scenario: LoadedScenario, sweepId: Int64?) -> RunDescriptor {
            simulator.descriptor(for: scenario, sweepId: sweepId)
        }

        func run<Sink: EventSink>(_ scenario: LoadedScenario, sink: inout Sink) throws -> RunSummary {
            if scenario.scenario.seed == 2 { throw ModelError.invariant("injected for seed 2") }
            return try simulator.run(scenario, sink: &sink)
        }
    }

    /// A run whose engine throws (a `ModelError`) is stored `failed` with the error's text,
    /// with no event rows, and the other runs are recorded.
    @Test func thrownModelErrorsAreCaptured() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let grid = try SweepGrid(sweep: SweepFile.load(path: fixture.path("sweep.yaml")))
        let store = try Store(path: fixture.path("lab.db"))
        let sweepId = try store.recordSweep(name: "t", spec: "")
        let runner = SweepRunner(
            points: grid.points, engine: FailingSeed2(), store: store, sweepId: sweepId, jobs: 2, failFast: false,
            progressMode: .quiet, progressOutput: { _ in }, axes: grid.axes)
        let tally = try runner.run()
        #expect(tally.done == 8)
        #expect(tally.failed == 4)
        #expect(tally.total == 12)
        let failed = try store.reader.runs(status: .failed)
        #expect(
            failed.count == 4
                && failed.allSatisfy { $0.seed == 2 && $0.error == "model invariant violated: injected for seed 2" })
        for run in failed {
            #expect(
                try SweepFixture.count(
                    fixture.path("lab.db"), "SELECT COUNT(*) FROM samples WHERE run_id = \(run.runId)") == 0)
        }
        #expect(try store.reader.runs(status: .done).count == 8)
    }
}
