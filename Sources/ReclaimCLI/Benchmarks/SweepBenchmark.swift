import Foundation
import ReclaimScenario
import ReclaimSimulator
import ReclaimStore
import ReclaimSweep

/// The sweep part of `reclaimlab bench` (issue 6): one sweep run to the end with `--jobs 1`
/// and with `--jobs N`, each into a fresh database, through the real ``SweepRunner``.
///
/// Besides the wall times and their ratio it reports where the CPU went: the simulations
/// spread over the workers, while every commit goes through the ONE writer thread
/// (docs/sweeps.md: one writer per database). With `--jobs 1` the writer already works beside
/// the one simulation, so the ratio cannot exceed `max(S, W) / max((S + W) / N, W)` for
/// simulation CPU `S` and writer CPU `W`; the part prints that bound too.
struct SweepBenchmark {
    /// One sweep, run once.
    struct Figures {
        var wallSeconds: Double
        /// CPU of the whole process (all threads) while the sweep ran.
        var cpuSeconds: Double
        /// CPU of the writer thread.
        var writerSeconds: Double
        var runs: Int
        var scanPasses: Int
    }

    let file: SweepFile
    let directory: URL
    let recordLevel: RunRecorder.Level

    /// Runs the sweep once with `jobs` workers into a new database under ``directory``
    /// (deleted afterwards).
    func measure(jobs: Int, label: String) throws -> Figures {
        let path = directory.appendingPathComponent("sweep-\(label).db").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let grid = try SweepGrid(sweep: file)
        let points = grid.points(in: .all)
        let store = try Store(path: path)
        let sweepId = try store.recordSweep(name: file.name, spec: file.text)
        let runner = SweepRunner(
            points: points, engine: SimulatorEngine(), store: store, sweepId: sweepId, jobs: jobs, failFast: false,
            progressMode: .quiet, progressOutput: Console.current.writeError, axes: grid.axes, recordLevel: recordLevel)
        let clock = ContinuousClock()
        let cpu = Self.processCPUSeconds()
        let start = clock.now
        let tally = try runner.run()
        let wall = ProgressReporter.seconds(clock.now - start)
        let cpuSpent = Self.processCPUSeconds() - cpu
        guard tally.done == points.count else {
            throw CLIFailure(
                description: "bench sweep \(file.name): \(tally.description)", exitCode: ExitCodes.software)
        }
        let passes = try store.reader.rowCount(of: "scan_passes")
        return Figures(
            wallSeconds: wall, cpuSeconds: cpuSpent, writerSeconds: tally.writerCPUSeconds, runs: points.count,
            scanPasses: passes)
    }

    /// `repetitions` rounds of (`--jobs 1`, `--jobs jobs`), interleaved so that a noisy
    /// spell of the machine hits both; returns the one-line report of the medians.
    func report(jobs: Int, repetitions: Int) throws -> String {
        var one: [Figures] = []
        var many: [Figures] = []
        for round in 0..<max(1, repetitions) {
            one.append(try measure(jobs: 1, label: "\(round)-1"))
            many.append(try measure(jobs: jobs, label: "\(round)-\(jobs)"))
        }
        let median = ReclaimLab.Bench.median
        let t1 = median(one.map(\.wallSeconds))
        let tN = median(many.map(\.wallSeconds))
        let writer = median(one.map(\.writerSeconds))
        let simulation = median(one.map(\.cpuSeconds)) - writer
        let bound = max(simulation, writer) / max((simulation + writer) / Double(jobs), writer)
        let cpuN = median(many.map(\.cpuSeconds))
        let first = one[0]
        return String(
            format:
                "sweep %@: %d runs, %d scan passes: --jobs 1 %.2f s, --jobs %d %.2f s, ratio %.2f; "
                + "CPU with --jobs 1: simulation %.2f s, writer %.3f s (%.0f%%), ratio bound %.2f; "
                + "CPU with --jobs %d: %.2f s, %.0f%% of %d cores",
            file.name, first.runs, first.scanPasses, t1, jobs, tN, t1 / tN,
            simulation, writer, 100 * writer / max(simulation + writer, 1e-9), bound,
            jobs, cpuN, 100 * cpuN / (Double(jobs) * tN), jobs)
    }

    /// User plus system CPU of this process, all threads.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
