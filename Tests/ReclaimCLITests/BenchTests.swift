import Foundation
import ReclaimModel
import ReclaimRecords
import ReclaimScenario
import ReclaimStore
import Testing

@testable import ReclaimCLI

/// `reclaimlab bench` (issue 6): its fixed scenario and built-in sweep, and the sweep part's
/// report. Figures are printed, never asserted against a time.
@Suite struct BenchTests {
    /// The fixed scenario of the simulator part: 1 GiB with 256 MiB swap, one 8192-page
    /// container holding a 12000-page zipf file set and a 2000-page zipf heap, 20000 refs
    /// per tick each at HZ 250.
    @Test func fixedScenarioIsTheOneDocsBenchmarksDescribes() throws {
        let config = try ReclaimLab.Bench.fixedScenario(seconds: 3)
        #expect(config.hz == 250)
        #expect(config.durationJiffies == 750)
        #expect(config.machine.ramPages == 262_144)
        #expect(config.machine.swapPages == 65536)
        #expect(config.containers.map(\.limitPages) == [8192])
        #expect(config.tasks.map(\.name) == ["cache", "heap"])
        // The file set is mapped (access: mmap), so its pages are charged to the container
        // and the part measures container reclaim; read(2) cache would be uncharged (model
        // /6) and the run would never reclaim.
        #expect(config.tasks[0].fileAccess == .mmap)
        #expect(config.sampleIntervalJiffies == 250)
    }

    /// `bench --help` lists every part with what it does (issue 12 §5: it listed only some).
    @Test func helpListsEveryPartWithWhatItDoes() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let help = fixture.main(["bench", "--help"])
        #expect(help.status == 0)
        for part in ReclaimLab.Bench.Part.allCases {
            #expect(
                help.stdout.contains("\(part.rawValue) ") && help.stdout.contains("- \(part.defaultValueDescription.prefix(20))"),
                "--help shows \(part.rawValue) and its description: \(help.stdout)")
        }
        #expect(ReclaimLab.Bench.Part.allCases.map(\.rawValue) == ["all", "recorder", "simulator", "memory", "sweep", "record-once"])
    }

    /// The built-in sweep: swappiness 3 x swap 2 x laptop_mode 2 = 12 runs.
    @Test func builtInSweepHasTwelveRuns() throws {
        let file = try SweepFile.parse(yaml: ReclaimLab.Bench.fixedSweepYAML(seconds: 1), path: "bench-sweep")
        let grid = try SweepGrid(sweep: file)
        #expect(grid.points.count == 12)
        #expect(Set(grid.points.map(\.runKey)).count == 12)
    }

    /// The writer's CPU is measured around every commit: a sweep that wrote passes spent some.
    /// (Asserted on the measured figure, not on the report's rounded text: 4 tiny runs can
    /// take under 5 ms of writer CPU, which prints as 0.00 at two decimals.)
    @Test func sweepMeasurementCountsTheWriterCPU() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let file = try SweepFile.load(path: fixture.path("sweep.yaml")).applying(setArguments: ["seed=1"])
        let benchmark = SweepBenchmark(file: file, directory: fixture.dir, recordLevel: .passes)
        let figures = try benchmark.measure(jobs: 1, label: "writer")
        #expect(figures.runs == 4, "\(figures)")
        #expect(figures.scanPasses > 0, "\(figures)")
        #expect(figures.writerSeconds > 0, "writer CPU of a sweep that wrote \(figures.scanPasses) passes")
        #expect(figures.writerSeconds <= figures.cpuSeconds, "\(figures)")
    }

    /// The sweep part runs a sweep file with --jobs 1 and --jobs 2 and reports the runs, the
    /// passes recorded, both times, and the writer's CPU.
    @Test func sweepPartReportsBothJobCountsAndTheWriter() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let r = fixture.main(["bench", "--part", "sweep", "--sweep", fixture.path("sweep.yaml"), "--set", "seed=1", "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("sweep tiny-sweep:") }, "\(r.stdout)")
        #expect(line.contains("4 runs,"), "\(line)")
        #expect(line.contains("--jobs 1 "), "\(line)")
        #expect(line.contains("--jobs 2 "), "\(line)")
        let passes = try #require(Int(line.split(separator: " ")[4]), "\(line)")
        #expect(passes > 0, "\(line)")
        let writer = try #require(line.range(of: "writer ").map { line[$0.upperBound...].split(separator: " ")[0] })
        #expect(Double(writer).map { $0 >= 0 } == true, "writer CPU is a number of seconds: \(line)")
    }

    @Test func sweepPartRefusesOneJob() {
        let fixture = try? SweepFixture()
        defer { fixture?.remove() }
        let r = fixture?.main(["bench", "--part", "sweep", "--jobs", "1"])
        #expect(r?.status == 64, "\(r?.stderr ?? "")")
    }
}
