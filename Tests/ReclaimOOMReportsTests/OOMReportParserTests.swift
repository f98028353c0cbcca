import Foundation
import Testing

@testable import ReclaimOOMReports

/// The log parser on the shared real-kernel fixtures (Linux 6.18, memcg v1, no swap), on
/// other capture tools' renderings of them, and on cut, reordered and noisy copies.
@Suite struct OOMReportParserTests {
    static func parse(_ text: String, _ source: String = "test.log") -> OOMLogParse {
        OOMLogParser.parse(text, source: source)
    }

    /// Every fixture report parses whole, with no warning.
    @Test func everyFixtureReportParses() throws {
        let logs = try OOMReportFixtures.logs()
        #expect(Set(logs.map(\.name)).isSuperset(of: ["adj_protect_big.log", "sizes4.log"]), "fixtures at \(OOMReportFixtures.directory.path)")
        var total = 0
        for (name, text) in logs {
            let parse = Self.parse(text, name)
            #expect(parse.warnings.isEmpty, "\(name): \(parse.warnings)")
            let expected = text.components(separatedBy: "invoked oom-killer:").count - 1
            #expect(parse.reports.count == expected, "\(name)")
            #expect(parse.reports.allSatisfy { $0.killedIndex != nil && !$0.tasks.isEmpty })
            total += parse.reports.count
        }
        #expect(total >= 3)
    }

    /// The first report of adj_protect_big.log, field by field.
    @Test func fieldsOfAdjProtectBig() throws {
        let report = try #require(Self.parse(try OOMReportFixtures.log("adj_protect_big.log")).reports.first)
        #expect(report.firstLine == 1)
        #expect(report.lastLine == 81)
        #expect(report.timestamp == LogTimestamp(uptimeMicroseconds: 393_962_944))
        #expect(report.kernelVersion == "6.18.44-fc-v595")
        #expect(report.trigger == Trigger(comm: "python3", pid: 7461, gfpMask: 0xcc0, gfpFlags: "GFP_KERNEL", order: 0, oomScoreAdj: 0))
        #expect(report.constraint == "CONSTRAINT_MEMCG")
        #expect(report.scope == "memcg")
        #expect(report.memcg == "/rl_capture_adj_protect_big")
        #expect(report.taskMemcg == "/rl_capture_adj_protect_big")
        #expect(report.memory == MemcgCounter(usageKB: 65536, limitKB: 65536, failcnt: 74))
        #expect(report.memorySwap == MemcgCounter(usageKB: 65536, limitKB: 9_007_199_254_740_988, failcnt: 0))
        #expect(report.kmem == MemcgCounter(usageKB: 436, limitKB: 9_007_199_254_740_988, failcnt: 0))
        #expect(report.swap == nil)
        #expect(report.ramPages == nil)
        #expect(report.totalSwapKB == nil)
        #expect(report.memcgStats.count == 42)
        #expect(report.memcgStats.first == MemcgStat(name: "cache", value: 8192))
        #expect(report.memcgStats.first { $0.name == "hierarchical_memsw_limit" }?.value == 9_223_372_036_854_771_712)
        #expect(report.tasks.map(\.pid) == [7460, 7462, 7461])
        #expect(report.tasks[1] == OOMReportTask(
            pid: 7462, uid: 0, tgid: 7462, totalVM: 4143, rss: 3321, rssAnon: 1664, rssFile: 1657, rssShmem: 0,
            pgtablesBytes: 73728, swapents: 0, oomScoreAdj: 300, name: "python3"))
        #expect(report.killed == KilledProcess(
            pid: 7460, comm: "python3", memcgOOM: true, totalVMKB: 47304, anonRSSKB: 37504, fileRSSKB: 6624,
            shmemRSSKB: 0, uid: 0, pgtablesKB: 140, oomScoreAdj: 0))
        #expect(report.killedIndex == 0)
        #expect(report.key.count == 64)
    }

    /// dmesg, dmesg -T/-x/-r, printk caller ids, journalctl -k (short, precise, ISO,
    /// monotonic), kern.log, CRLF and no timestamps: the same reports with the same keys.
    @Test(arguments: OOMReportFixtures.Format.allCases)
    func everyCaptureFormatGivesTheSameReports(format: OOMReportFixtures.Format) throws {
        for (name, text) in try OOMReportFixtures.logs() {
            let reference = Self.parse(text, name).reports
            let parse = Self.parse(OOMReportFixtures.render(text, as: format), name)
            #expect(parse.warnings.isEmpty, "\(format) \(name): \(parse.warnings)")
            #expect(parse.reports.map(\.key) == reference.map(\.key), "\(format) \(name)")
            #expect(parse.reports.map(\.tasks) == reference.map(\.tasks))
            #expect(parse.reports.map(\.killed) == reference.map(\.killed))
            #expect(parse.reports.map(\.kernelVersion) == reference.map(\.kernelVersion))
            for report in parse.reports {
                switch format {
                case .dmesg, .dmesgX, .dmesgRaw, .caller, .journalMonotonic, .kernLog, .crlf:
                    #expect(report.timestamp.uptimeMicroseconds != nil, "\(format)")
                case .bare:
                    #expect(report.timestamp == LogTimestamp())
                case .dmesgT, .journal, .journalPrecise, .journalISO:
                    #expect(report.timestamp.wallClock != nil, "\(format)")
                    #expect(report.timestamp.uptimeMicroseconds == nil, "\(format)")
                }
            }
        }
    }

    @Test func timestampsAsPrinted() {
        func stamp(_ line: String) -> LogTimestamp { LogLine(line[...]).timestamp }
        func message(_ line: String) -> Substring { LogLine(line[...]).message }
        #expect(stamp("[  393.962944] x") == LogTimestamp(uptimeMicroseconds: 393_962_944))
        #expect(stamp("[    0.5] x") == LogTimestamp(uptimeMicroseconds: 500_000))
        #expect(stamp("[Sat Nov 28 05:12:01 2026] x").wallClock == "Sat Nov 28 05:12:01 2026")
        #expect(stamp("Nov  8 05:12:01 host kernel: x").wallClock == "Nov 8 05:12:01")
        #expect(stamp("2026-11-28T05:12:01.123456+00:00 host kernel: x").wallClock == "2026-11-28T05:12:01.123456+00:00")
        #expect(message("Nov 28 05:12:01 host kernel: [  393.962944] x") == "x")
        #expect(stamp("Nov 28 05:12:01 host kernel: [  393.962944] x") == LogTimestamp(uptimeMicroseconds: 393_962_944, wallClock: "Nov 28 05:12:01"))
        #expect(message("[Nov28 05:12] x") == "x")
        #expect(message("[  +0.000011] x") == "x")
        // Task rows and their header keep their brackets.
        #expect(message("[   7460]     0  7460 python3") == "[   7460]     0  7460 python3")
        #expect(message("[  393.9] [  pid  ]   uid  tgid") == "[  pid  ]   uid  tgid")
        #expect(message("[  393.9] [   7460]     0") == "[   7460]     0")
        #expect(message("memory: usage 1kB, limit 2kB, failcnt 0") == "memory: usage 1kB, limit 2kB, failcnt 0")
    }

    /// Unrelated lines anywhere (including inside the task table and the stats block)
    /// change nothing.
    @Test func noiseAnywhereChangesNothing() throws {
        var rng = SplitMix64(seed: 8)
        for (name, text) in try OOMReportFixtures.logs() {
            let reference = Self.parse(text, name).reports.map(\.key)
            var lines = OOMReportFixtures.lines(text)
            for _ in 0..<60 {
                lines.insert(OOMReportFixtures.noise.randomElement(using: &rng)!, at: Int.random(in: 0...lines.count, using: &rng))
            }
            let parse = Self.parse(lines.joined(separator: "\n"), name)
            #expect(parse.warnings.isEmpty, "\(parse.warnings)")
            #expect(parse.reports.map(\.key) == reference)
        }
    }

    /// Reports in another order, and the same report twice in one log: each is found, with
    /// its own key, wherever it is.
    @Test func reorderedReports() throws {
        let text = try OOMReportFixtures.log("sizes4.log")
        let lines = OOMReportFixtures.lines(text)
        let second = try #require(lines.firstIndex { $0.contains("invoked oom-killer") && $0 != lines[0] })
        let swapped = Array(lines[second...]) + Array(lines[..<second])
        let parse = Self.parse(swapped.joined(separator: "\n"))
        let reference = Self.parse(text).reports
        #expect(parse.warnings.isEmpty)
        #expect(parse.reports.map(\.key) == reference.reversed().map(\.key))
        #expect(parse.reports.map(\.firstLine) == [1, lines.count - second + 1])
        let both = try OOMReportFixtures.log("adj_protect_big.log") + text + text
        #expect(Self.parse(both).reports.map(\.key) == [Self.parse(try OOMReportFixtures.log("adj_protect_big.log")).reports[0].key] + reference.map(\.key) + reference.map(\.key))
    }

    /// A log cut after any line: the reports whose kill line is in keep their key; a report
    /// cut part-way gives one warning naming the file, its start and the last line.
    @Test func cutAfterEveryLine() throws {
        let text = try OOMReportFixtures.log("sizes4.log")
        let lines = OOMReportFixtures.lines(text)
        let whole = Self.parse(text).reports
        for keep in 0...lines.count {
            let parse = Self.parse(lines.prefix(keep).joined(separator: "\n"), "cut.log")
            let complete = whole.filter { $0.lastLine <= keep }
            #expect(parse.reports.map(\.key) == complete.map(\.key), "cut after \(keep)")
            let open = whole.first { $0.firstLine <= keep && keep < $0.lastLine }
            if let open {
                #expect(parse.warnings == [OOMReportWarning(
                    source: "cut.log", line: keep, reportStart: open.firstLine,
                    reason: "cut off: the log ends at line \(keep) before its 'Killed process' line")], "cut after \(keep)")
                #expect(parse.warnings.first?.description.hasPrefix("cut.log:\(keep): OOM report starting at line \(open.firstLine) skipped: cut off") == true)
            } else {
                #expect(parse.warnings.isEmpty, "cut after \(keep): \(parse.warnings)")
            }
        }
    }

    /// Lines are numbered as an editor numbers them: a final newline (LF or CRLF) adds none.
    @Test func lineNumbersIgnoreTheFinalNewline() throws {
        let lines = OOMReportFixtures.lines(try OOMReportFixtures.log("sizes4.log"))
        for ending in ["\n", "\r\n"] {
            let parse = Self.parse(lines.prefix(120).joined(separator: ending) + ending)
            #expect(parse.warnings.map(\.line) == [120])
            #expect(parse.reports.map(\.lastLine) == [83])
        }
    }

    /// The first report cut off and the next one whole: the warning names the line where
    /// the next one starts; the second imports.
    @Test func cutOffByTheNextReport() throws {
        let text = try OOMReportFixtures.log("sizes4.log")
        let lines = OOMReportFixtures.lines(text)
        let whole = Self.parse(text).reports
        let spliced = Array(lines[..<60]) + Array(lines[(whole[1].firstLine - 1)...])
        let parse = Self.parse(spliced.joined(separator: "\n"), "spliced.log")
        #expect(parse.reports.map(\.key) == [whole[1].key])
        #expect(parse.warnings.count == 1)
        #expect(parse.warnings.first?.line == 61)
        #expect(parse.warnings.first?.reportStart == 1)
        #expect(parse.warnings.first?.reason.contains("next report starts here") == true)
    }

    /// A log whose start was lost (ring buffer overwritten): the tail of a report warns
    /// once at its kill line; the next whole report imports.
    @Test func startMissing() throws {
        let text = try OOMReportFixtures.log("sizes4.log")
        let lines = OOMReportFixtures.lines(text)
        let parse = Self.parse(lines[40...].joined(separator: "\n"), "tail.log")
        let whole = Self.parse(text).reports
        #expect(parse.reports.map(\.key) == [whole[1].key])
        #expect(parse.warnings.map(\.line) == [whole[0].lastLine - 40])
        #expect(parse.warnings.first?.reportStart == nil)
        #expect(parse.warnings.first?.reason.contains("its start is missing") == true)
    }

    /// The kill line cut at every character: the report is skipped with a warning naming
    /// that line, except where the cut leaves a line an older kernel prints whole (ending
    /// after file-rss, shmem-rss or UID).
    @Test func killLineCutAtEveryCharacter() throws {
        var lines = OOMReportFixtures.lines(try OOMReportFixtures.log("adj_protect_big.log"))
        let kill = lines.removeLast()
        let whole = try #require(Self.parse(try OOMReportFixtures.log("adj_protect_big.log")).reports.first)
        let olderForms = ["file-rss:6624kB", "shmem-rss:0kB", "UID:0"].map { kill.range(of: $0)!.upperBound }
        for end in kill.indices {
            let cut = String(kill[..<end])
            let parse = Self.parse((lines + [cut]).joined(separator: "\n"))
            // The parser drops trailing blanks, so "UID:0 " reads as the 5.1-5.9 form.
            if olderForms.contains(end) || olderForms.contains(where: { kill.index(after: $0) == end && kill[$0] == " " && cut.hasSuffix("UID:0 ") }) {
                #expect(parse.reports.count == 1, "\(cut)")
                #expect(parse.reports.first?.killed.pid == 7460)
            } else {
                #expect(parse.reports.isEmpty, "accepted a cut kill line: \(cut)")
                #expect(parse.warnings.count == 1, "\(cut)")
                if cut.contains("Killed process ") {
                    #expect(parse.warnings.first?.line == lines.count + 1)
                }
            }
        }
        #expect(Self.parse((lines + [kill]).joined(separator: "\n")).reports == [whole])
    }

    /// A row cut part-way, or pieces of two reports run together, are refused with the line.
    @Test func damagedTables() throws {
        let lines = OOMReportFixtures.lines(try OOMReportFixtures.log("adj_protect_big.log"))
        let row = try #require(lines.firstIndex { $0.contains("[   7462]") })
        var cut = lines
        cut[row] = String(cut[row].prefix(60))
        var parse = Self.parse(cut.joined(separator: "\n"), "row.log")
        #expect(parse.reports.isEmpty)
        #expect(parse.warnings.map(\.line) == [row + 1])
        #expect(parse.warnings.first?.reason.contains("task-table row cut off") == true)

        let title = try #require(lines.firstIndex { $0.contains("Tasks state") })
        var doubled = lines
        doubled.insert(contentsOf: lines[title...(title + 2)], at: title + 3)
        parse = Self.parse(doubled.joined(separator: "\n"), "twice.log")
        #expect(parse.reports.isEmpty)
        #expect(parse.warnings.map(\.line) == [title + 4])

        var noTable = lines
        noTable.removeSubrange(title...(title + 4))
        parse = Self.parse(noTable.joined(separator: "\n"))
        #expect(parse.reports.isEmpty)
        #expect(parse.warnings.first?.reason.contains("no task table") == true)

        var noVictim = lines
        noVictim.remove(at: title + 2)
        parse = Self.parse(noVictim.joined(separator: "\n"))
        #expect(parse.reports.isEmpty)
        #expect(parse.warnings.first?.reason.contains("not in its task table") == true)
    }

    /// Dropping one line: a line outside every report's recognised lines changes nothing;
    /// any other drop either still gives a whole report or a warning, never a crash.
    @Test func dropEveryLine() throws {
        for (name, text) in try OOMReportFixtures.logs() {
            let lines = OOMReportFixtures.lines(text)
            let whole = Self.parse(text, name).reports
            let recognised = Set(whole.flatMap(\.lines))
            for drop in lines.indices {
                var copy = lines
                let removed = copy.remove(at: drop)
                let parse = Self.parse(copy.joined(separator: "\n"), name)
                if !recognised.contains(String(LogLine(removed[...]).message)) {
                    #expect(parse.reports.map(\.key) == whole.map(\.key), "\(name): dropped line \(drop + 1)")
                    #expect(parse.warnings.isEmpty)
                } else {
                    #expect(parse.reports.count + parse.warnings.count >= whole.count, "\(name): dropped line \(drop + 1)")
                }
                Self.checkInvariants(parse, lineCount: copy.count)
            }
        }
    }

    /// A few hundred random mutilations (drops, duplicates, shuffles of stretches, whole
    /// shuffles, truncated lines, concatenations): nothing crashes and what comes back is
    /// consistent.
    @Test func randomMutilationsNeverCrash() throws {
        let logs = try OOMReportFixtures.logs()
        var rng = SplitMix64(seed: 20_260_808)
        for case_ in 0..<400 {
            var lines = logs.flatMap { OOMReportFixtures.lines($0.text) }
            switch case_ % 5 {
            case 0:
                for _ in 0..<Int.random(in: 1...20, using: &rng) where !lines.isEmpty {
                    lines.remove(at: Int.random(in: lines.indices, using: &rng))
                }
            case 1:
                let a = Int.random(in: lines.indices, using: &rng)
                let b = min(lines.count, a + Int.random(in: 1...30, using: &rng))
                lines[a..<b].shuffle(using: &rng)
            case 2:
                lines.shuffle(using: &rng)
            case 3:
                for _ in 0..<Int.random(in: 1...10, using: &rng) {
                    let i = Int.random(in: lines.indices, using: &rng)
                    lines[i] = String(lines[i].prefix(Int.random(in: 0...lines[i].count, using: &rng)))
                }
            default:
                for _ in 0..<Int.random(in: 1...10, using: &rng) {
                    let i = Int.random(in: lines.indices, using: &rng)
                    lines.insert(lines[i], at: Int.random(in: 0...lines.count, using: &rng))
                }
            }
            let format = OOMReportFixtures.Format.allCases.randomElement(using: &rng)!
            let text = lines.map(format.render).joined(separator: "\n")
            let parse = Self.parse(text, "random-\(case_).log")
            Self.checkInvariants(parse, lineCount: lines.count)
        }
    }

    /// Whatever the input: whole reports only (a table, the victim in it, lines in order);
    /// warnings name a line of the input.
    static func checkInvariants(_ parse: OOMLogParse, lineCount: Int) {
        for report in parse.reports {
            #expect(!report.tasks.isEmpty)
            #expect(report.killedIndex != nil)
            #expect(1 <= report.firstLine)
            #expect(report.firstLine < report.lastLine)
            #expect(report.lastLine <= lineCount)
            #expect(report.key.count == 64)
            _ = ScoredOOMReport(report)
        }
        for warning in parse.warnings {
            #expect(1 <= warning.line, "\(warning)")
            #expect(warning.line <= max(1, lineCount), "\(warning)")
        }
    }

    /// Layouts of other kernels: a 4.x-style memcg report (nr_ptes/nr_pmds, inline stats,
    /// no constraint line, old kill line), a cgroup v2 report with swap, and a global OOM
    /// with show_mem's totals.
    @Test func otherKernelLayouts() {
        let old = """
            [ 100.000001] stress invoked oom-killer: gfp_mask=0x24000c0(GFP_KERNEL), nodemask=0, order=0, oom_score_adj=0
            [ 100.000002] CPU: 1 PID: 999 Comm: stress Tainted: G           O    4.9.0-8-amd64 #1 Debian 4.9.130-2
            [ 100.000003] Task in /lab killed as a result of limit of /lab
            [ 100.000004] memory: usage 102400kB, limit 102400kB, failcnt 12
            [ 100.000005] memory+swap: usage 102400kB, limit 9007199254740988kB, failcnt 0
            [ 100.000006] Memory cgroup stats for /lab: cache:0KB rss:102400KB swap:0KB
            [ 100.000007] [ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name
            [ 100.000008] [  998]  1000   998    30000    20000      40       3        0             0 stress
            [ 100.000009] [  999]  1000   999    30000     5000      12       3        0             0 stress
            [ 100.000010] Memory cgroup out of memory: Kill process 998 (stress) score 195 or sacrifice child
            [ 100.000011] Killed process 998 (stress) total-vm:120000kB, anon-rss:79000kB, file-rss:1000kB, shmem-rss:0kB
            """
        var parse = Self.parse(old)
        #expect(parse.warnings.isEmpty)
        let a = parse.reports.first
        #expect(a?.kernelVersion == "4.9.0-8-amd64")
        #expect(a?.scope == "memcg")
        #expect(a?.memcg == "/lab")
        #expect(a?.constraint == nil)
        #expect(a?.memcgStats == [MemcgStat(name: "cache", value: 0), MemcgStat(name: "rss", value: 102400 * 1024), MemcgStat(name: "swap", value: 0)])
        #expect(a?.tasks.map(\.pgtablesPages) == [43, 15])
        #expect(a?.tasks.map(\.oomScoreAdj) == [0, 0])
        #expect(a?.killed.oomScoreAdj == nil)
        #expect(a?.killed.shmemRSSKB == 0)

        let v2 = """
            worker invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=200
            CPU: 3 PID: 4242 Comm: worker Not tainted 6.1.0-18-amd64 #1 Debian 6.1.76-1
            memory: usage 2097152kB, limit 2097152kB, failcnt 0
            swap: usage 1048576kB, limit 1048576kB, failcnt 3
            Memory cgroup stats for /system.slice/worker.service:
            anon 2000000000
            file 12345
            Tasks state (memory values in pages):
            [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
            [   4241]   998  4241   700000   300000      2000000   100000           200 worker
            [   4242]   998  4242   700000   300000      2000000   100000           200 worker
            oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/system.slice/worker.service,task_memcg=/system.slice/worker.service,task=worker,pid=4242,uid=998
            Memory cgroup out of memory: Killed process 4242 (worker) total-vm:2800000kB, anon-rss:1190000kB, file-rss:10000kB, shmem-rss:0kB, UID:998 pgtables:1953kB oom_score_adj:200
            """
        parse = Self.parse(v2)
        #expect(parse.warnings.isEmpty)
        let b = parse.reports.first
        #expect(b?.trigger.gfpFlags == "GFP_HIGHUSER_MOVABLE|__GFP_COMP")
        #expect(b?.trigger.gfpMask == 0x140cca)
        #expect(b?.trigger.oomScoreAdj == 200)
        #expect(b?.swap == MemcgCounter(usageKB: 1_048_576, limitKB: 1_048_576, failcnt: 3))
        #expect(b?.memcgStats.map(\.name) == ["anon", "file"])
        #expect(b?.killedIndex == 1)

        let global = """
            [ 50.1] java invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0
            [ 50.1] CPU: 0 PID: 77 Comm: java Not tainted 5.15.0-91-generic #101-Ubuntu
            [ 50.1] Mem-Info:
            [ 50.1] active_anon:1000 inactive_anon:900000 isolated_anon:0
            [ 50.1] 1048576 pages RAM
            [ 50.1] Total swap = 0kB
            [ 50.1] Tasks state (memory values in pages):
            [ 50.1] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
            [ 50.1] [      1]     0     1    40000     3000       100000        0             0 systemd
            [ 50.1] [     77]  1000    77  2000000   900000      8000000        0             0 java
            [ 50.1] [     88]     0    88  2500000   100000       900000        0         -1000 sshd
            [ 50.1] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice,task=java,pid=77,uid=1000
            [ 50.1] Out of memory: Killed process 77 (java) total-vm:8000000kB, anon-rss:3600000kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:7812kB oom_score_adj:0
            """
        parse = Self.parse(global)
        #expect(parse.warnings.isEmpty)
        let c = parse.reports.first
        #expect(c?.scope == "global")
        #expect(c?.memcg == nil)
        #expect(c?.ramPages == 1_048_576)
        #expect(c?.totalSwapKB == 0)
        #expect(c?.kernelVersion == "5.15.0-91-generic")
        #expect(c?.timestamp.uptimeMicroseconds == 50_100_000)
    }

    /// Comm names with spaces and parentheses survive (the trigger, the rows, the kill line).
    @Test func namesWithSpaces() {
        let log = """
            Web Content invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0
            memory: usage 4kB, limit 4kB, failcnt 1
            Tasks state (memory values in pages):
            [  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name
            [     10]  1000    10      100       50       40       10         0         8192        0             0 Web Content
            oom-kill:constraint=CONSTRAINT_MEMCG,oom_memcg=/a,task_memcg=/a,task=Web Content,pid=10,uid=1000
            Memory cgroup out of memory: Killed process 10 (Web Content) total-vm:400kB, anon-rss:160kB, file-rss:40kB, shmem-rss:0kB, UID:1000 pgtables:8kB oom_score_adj:0
            """
        let report = Self.parse(log).reports.first
        #expect(report?.trigger.comm == "Web Content")
        #expect(report?.tasks.first?.name == "Web Content")
        #expect(report?.killed.comm == "Web Content")
    }

    @Test func emptyAndUnrelatedLogsFindNothing() {
        #expect(Self.parse("") == OOMLogParse(reports: [], warnings: []))
        #expect(Self.parse(OOMReportFixtures.noise.joined(separator: "\n")).reports.isEmpty)
        #expect(Self.parse("\n\n\r\n").reports.isEmpty)
    }
}
