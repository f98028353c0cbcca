import ArgumentParser
import Foundation
import ReclaimModel
import ReclaimRecords
import ReclaimScenario
import ReclaimSimulator
import ReclaimStore

extension ReclaimLab {
    /// `reclaimlab bench`: the figures of docs/benchmarks.md (issue 6). Build
    /// in release (`swift build -c release`); each part prints one line.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the recorder, the simulator, memory use and sweeps (run a release build).",
            discussion: """
                Each part prints one line of figures (docs/benchmarks.md); --part picks one, and \
                the values of --part below say what each measures. Numbers of a debug build are \
                not representative.
                """)

        /// The parts of the benchmark; `--help` lists each with what it measures.
        enum Part: String, ExpressibleByArgument, CaseIterable {
            case all, recorder, simulator, memory, sweep
            /// Internal: one recorded run in this process (used by `memory`).
            case recordOnce = "record-once"

            /// What the part does, shown per value by `--help` (ArgumentParser lists a
            /// `CaseIterable` option's values with their descriptions when these differ
            /// from the raw values).
            var defaultValueDescription: String {
                switch self {
                case .all: "recorder, simulator, memory and sweep, in that order"
                case .recorder: "--rows synthetic scan_passes rows through the store and through a plain SQLite C-API loop; rows/s of each and the ratio"
                case .simulator: "the fixed zipf scenario for --seconds: page references and reclaim passes per second, peak memory"
                case .memory: "the fixed scenario recorded for S and 10 x S simulated seconds in child processes (record-once); peak memory of each"
                case .sweep: "a sweep with --jobs 1 and --jobs N: wall-time ratio, simulation CPU and writer CPU (built-in 12-run sweep, or --sweep files)"
                case .recordOnce: "internal, used by memory: record one run of the fixed scenario in this process and print its peak memory"
                }
            }
        }

        @Option(help: "Which part to run.")
        var part: Part = .all

        @Option(help: "Rows for the recorder part.")
        var rows: Int = 300_000

        @Option(help: "Simulated seconds for the simulator and memory parts.")
        var seconds: Int = 20

        @Option(name: .customLong("repeat"), help: "Repetitions; the median is printed.")
        var repeat_: Int = 1

        @Option(help: "Sweep file for the sweep part (repeatable); default: the built-in sweep of the fixed scenario.")
        var sweep: [String] = []

        @Option(
            name: .customLong("set"),
            help: "Add or replace an axis of every --sweep file: KEY=V1,V2,... (repeatable).")
        var axes: [String] = []

        @Option(help: "Simulated seconds per run of the built-in sweep.")
        var sweepSeconds: Int = 4

        @Option(help: "Workers to compare with --jobs 1 in the sweep part (default: the number of cores, at least 2).")
        var jobs: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)

        @Option(help: "What the sweep part records: passes, calls or oom.")
        var record: RunRecorder.Level = .passes

        static var benchDirectory: URL {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reclaimlab-bench-\(getpid())")
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return dir
        }

        func validate() throws {
            if rows < 1 { throw ValidationError("--rows must be at least 1") }
            if seconds < 1 { throw ValidationError("--seconds must be at least 1") }
            if sweepSeconds < 1 { throw ValidationError("--sweep-seconds must be at least 1") }
            if jobs < 2 { throw ValidationError("--jobs must be at least 2 (it is compared with --jobs 1)") }
        }

        func run() throws {
            let console = Console.current
            let dir = Self.benchDirectory
            defer { if part != .recordOnce { try? FileManager.default.removeItem(at: dir) } }
            switch part {
            case .recordOnce:
                try recordOnce(dir: dir, console: console)
                return
            case .all, .recorder, .simulator, .memory, .sweep:
                break
            }
            console.output("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB; \(Self.buildKind) build")
            if part == .all || part == .recorder { try recorder(dir: dir, console: console) }
            if part == .all || part == .simulator { try simulator(console: console) }
            if part == .all || part == .memory { try memory(console: console) }
            if part == .all || part == .sweep { try sweeps(dir: dir, console: console) }
        }

        static var buildKind: String {
            #if DEBUG
                "debug (numbers are not representative)"
            #else
                "release"
            #endif
        }

        private func recorder(dir: URL, console: Console) throws {
            let sink = RecorderBenchmark.syntheticPasses(rows)
            var store: [Double] = []
            var c: [Double] = []
            for i in 0..<max(1, repeat_) {
                store.append(try RecorderBenchmark.storePath(sink, path: dir.appendingPathComponent("store-\(i).db").path).rowsPerSecond)
                c.append(try RecorderBenchmark.cAPI(sink, path: dir.appendingPathComponent("c-\(i).db").path).rowsPerSecond)
            }
            let s = Self.median(store)
            let r = Self.median(c)
            console.output(String(format: "recorder: %d scan_passes rows: store %.0f rows/s, C API %.0f rows/s, ratio %.2f", rows, s, r, s / r))
        }

        /// The fixed scenario of the simulator, memory and sweep parts, as a scenario file: a
        /// zipf-hot mapped file set larger than its container (clean pages reclaimed by
        /// container reclaim) beside a small zipf heap, on 1 GiB with swap.
        static func fixedScenarioYAML(seconds: Int) -> String {
            """
            name: bench-zipf
            seed: 1
            duration_s: \(seconds)
            hz: 250
            sample_ms: 1000
            machine: { ram_pages: 262144, swap_pages: 65536 }
            containers:
              - { name: web, limit_pages: 8192 }
            tasks:
              - name: cache
                container: web
                workload: { kind: file-working-set, pages: 12000, refs_per_tick: 20000, pattern: zipf, theta: 0.99, access: mmap }
              - name: heap
                container: web
                workload: { kind: anon-working-set, pages: 2000, refs_per_tick: 20000, pattern: zipf, theta: 0.99, write_ratio: 0.2 }

            """
        }

        static func fixedScenario(seconds: Int) throws -> SimulationConfig {
            try ScenarioFile.load(yaml: fixedScenarioYAML(seconds: seconds), sourceName: "bench").simulationConfig()
        }

        /// The built-in sweep: the fixed scenario over swappiness x swap x laptop_mode.
        static func fixedSweepYAML(seconds: Int) -> String {
            let base = fixedScenarioYAML(seconds: seconds).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
            return """
                name: bench-sweep
                axes:
                  machine.swappiness: [0, 60, 100]
                  machine.swap_pages: [0, 65536]
                  machine.laptop_mode: [0, 5]
                base:
                \(base)

                """
        }

        private func sweeps(dir: URL, console: Console) throws {
            let files: [SweepFile]
            if sweep.isEmpty {
                files = [try SweepFile.parse(yaml: Self.fixedSweepYAML(seconds: sweepSeconds), path: "bench-sweep")]
            } else {
                files = try sweep.map { try SweepFile.load(path: $0).applying(setArguments: axes) }
            }
            for file in files {
                let benchmark = SweepBenchmark(file: file, directory: dir, recordLevel: record)
                console.output(try benchmark.report(jobs: jobs, repetitions: repeat_))
            }
        }

        private func simulator(console: Console) throws {
            var results: [(refs: Double, passes: Double)] = []
            var totals = RunTotals()
            for _ in 0..<max(1, repeat_) {
                var sim = Simulator(config: try Self.fixedScenario(seconds: seconds))
                var sink = CountingSink()
                let start = Date()
                let summary = try sim.run(sink: &sink)
                let dt = Date().timeIntervalSince(start)
                totals = summary.totals
                results.append((Double(summary.totals.pageRefs) / dt, Double(sink.passes) / dt))
            }
            let refs = Self.median(results.map(\.refs))
            let passes = Self.median(results.map(\.passes))
            console.output(String(
                format: "simulator: %d s simulated, %d page refs, %d reclaim calls: %.1f M page refs/s, %.0f scan passes/s, peak memory %.1f MiB",
                seconds, totals.pageRefs, totals.reclaimCalls, refs / 1e6, passes, Self.peakRSSMiB()))
        }

        private func memory(console: Console) throws {
            let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            var peaks: [Double] = []
            for s in [seconds, seconds * 10] {
                let process = Process()
                process.executableURL = exe
                process.arguments = ["bench", "--part", "record-once", "--seconds", String(s)]
                let pipe = Pipe()
                process.standardOutput = pipe
                try process.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                let text = String(decoding: data, as: UTF8.self)
                guard process.terminationStatus == 0, let value = text.split(separator: " ").last.flatMap({ Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
                    throw CLIFailure(description: "bench child failed: \(text)", exitCode: ExitCodes.software)
                }
                peaks.append(value)
            }
            console.output(String(
                format: "memory: recorded run of %d s: peak %.1f MiB; of %d s: peak %.1f MiB; ratio %.2f",
                seconds, peaks[0], seconds * 10, peaks[1], peaks[1] / peaks[0]))
        }

        /// One streamed, recorded run of the fixed scenario; prints its peak memory.
        private func recordOnce(dir: URL, console: Console) throws {
            let path = dir.appendingPathComponent("memory-\(seconds).db").path
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            let store = try Store(path: path)
            let config = try Self.fixedScenario(seconds: seconds)
            let runId = try store.beginRun(
                SimulatorEngine.descriptor(runKey: "bench-\(seconds)", scenario: "bench", config: config, configJSON: "{}")
            ).runId
            var sim = Simulator(config: config)
            var recorder = store.recorder(runId: runId)
            let summary = try sim.run(sink: &recorder)
            try store.finishRun(recorder, summary: summary)
            console.output(String(format: "peak_rss_mib %.1f", Self.peakRSSMiB()))
        }

        static func median(_ xs: [Double]) -> Double {
            let s = xs.sorted()
            return s.isEmpty ? 0 : s[s.count / 2]
        }

        /// Peak resident memory of this process: `VmHWM` of /proc/self/status (the high-water
        /// mark of this mm; `ru_maxrss` would carry the parent's peak across fork and exec),
        /// else `getrusage`.
        static func peakRSSMiB() -> Double {
            if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
            {
                return kib / 1024
            }
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_maxrss) / 1024
        }
    }
}

/// Counts scan passes, drops everything else (the simulator part measures the model).
struct CountingSink: EventSink {
    var passes = 0
    mutating func reclaimCall(_ record: ReclaimCallRecord) {}
    mutating func scanPass(_ record: ScanPassRecord) { passes += 1 }
    mutating func oomEvent(_ record: OOMEventRecord) {}
    mutating func oomCandidate(_ record: OOMCandidateRecord) {}
    mutating func sample(_ record: SampleRecord) {}
}
