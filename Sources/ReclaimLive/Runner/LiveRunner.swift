import Foundation
import ReclaimWorkloads

/// Runs a ``LivePlan`` on the machine's kernel (docs/live.md).
///
/// Steps: host checks; the machine-wide lock; undo a dead run's leftovers; then, each saved
/// in the state file before it is made, the run directory, the machine cgroup
/// (`ram_pages`, swap allowance, swappiness) and one child per container, a swap file when
/// the host has too little free swap, `laptop_mode`, and the tracing instance; `/dev/kmsg`
/// seeked to its end and its clock offset measured; the workers spawned (each joins its
/// cgroup, then waits), their pids put in the trace filter, tracing on, go. Every 20 ms
/// the trace buffers are drained and the log read; every `sample_ms` the cgroups sampled.
/// At the end (or on SIGINT/SIGTERM/SIGHUP, or an error) the workers are stopped and
/// everything is removed and restored.
public struct LiveRunner {
    public var plan: LivePlan
    /// The `reclaimlab` binary to re-execute as `live-worker` (default `/proc/self/exe`).
    public var workerExecutable: String
    /// Where live runs keep their workload files and swap files.
    public var scratchDirectory: String
    /// Progress lines (stderr in the CLI).
    public var log: @Sendable (String) -> Void

    public init(
        plan: LivePlan, workerExecutable: String = "/proc/self/exe", scratchDirectory: String = "/var/tmp",
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.plan = plan
        self.workerExecutable = workerExecutable
        self.scratchDirectory = scratchDirectory
        self.log = log
    }

    static let drainIntervalUs: UInt32 = 20_000

    public func run() throws -> LiveRunResult {
        let controller = try LiveHostCheck.check(plan: plan)
        let lock = try LiveLock()
        defer { withExtendedLifetime(lock) {} }
        for line in LiveCleanup.undoLeftovers() { log(line) }
        LiveSignals.reset()
        LiveSignals.install()
        defer { LiveSignals.uninstall() }

        var state = LiveState(ownerPid: getpid(), tag: LiveNames.runTag())
        var session = Session(state: state)
        defer {
            session.stopWorkers()
            for line in LiveCleanup.undo(session.state, controller: controller) { log("cleanup: " + line) }
            LiveState.remove()
        }
        // Tracefs first: libtracefs would mount it itself, unrecorded.
        var tracingDir = TracefsMount.mounted()
        if tracingDir == nil {
            state.mountedTracefs = true
            session.state = state
            try state.save()
            try TracefsMount.mount()
            tracingDir = TracefsMount.defaultPath
        }
        state.tracingDir = tracingDir!
        let runDirectory = scratchDirectory + "/" + state.tag
        state.runDirectory = runDirectory
        try save(&state, &session)
        guard mkdir(runDirectory, 0o755) == 0 else { throw SysFile.failure(runDirectory, "mkdir") }

        // Cgroups: the machine, then one child per container.
        let machinePath = controller.root + "/" + state.tag
        state.cgroups.append(machinePath)
        try save(&state, &session)
        let machine = try MemoryCgroup.create(controller, parent: controller.root, name: state.tag)
        try configure(machine, limitPages: plan.ramPages, controller: controller)
        var cgroups: [String: MemoryCgroup] = [:]
        for container in plan.containers {
            let name = LiveNames.prefix + container.name
            state.cgroups.append(machinePath + "/" + name)
            try save(&state, &session)
            let cgroup = try MemoryCgroup.create(controller, parent: machinePath, name: name)
            try configure(cgroup, limitPages: container.limitPages, controller: controller)
            cgroups[container.name] = cgroup
        }

        // Swap and laptop_mode.
        if plan.swapPages > 0 && SwapFile.hostFreeSwapPages() < plan.swapPages {
            let path = scratchDirectory + "/" + state.tag + ".swap"
            state.swapFile = path
            try save(&state, &session)
            _ = try SwapFile.create(path: path, pages: plan.swapPages)
            log("added swap file \(path) (\(plan.swapPages) pages)")
        }
        let laptopMode = try Sysctl.laptopMode.read()
        if laptopMode != plan.laptopMode {
            state.laptopModeOriginal = laptopMode
            try save(&state, &session)
            try Sysctl.laptopMode.write(plan.laptopMode)
        }

        // Tracing and the kernel log.
        state.instance = state.tag
        try save(&state, &session)
        let trace = try TraceInstance(name: state.tag, tracingDir: state.tracingDir)
        session.trace = trace
        let kmsg = try KmsgReader()
        let offset = try kmsg.measureClockOffset(marker: "reclaimlab: live run \(state.tag) starts")

        // Workers.
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { throw SysFile.failure("pipe", "create") }
        _ = fcntl(pipeFDs[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipeFDs[1], F_SETFD, FD_CLOEXEC)
        let startNs = LiveClock.monotonicNanoseconds() + 300_000_000 + UInt64(plan.tasks.count) * 5_000_000
        var scenarioPids: [Int32: Int32] = [:]
        var refsFiles: [String] = []
        for task in plan.tasks {
            let cgroup = task.container.flatMap { cgroups[$0] } ?? machine
            let workerPlan = LiveWorkerPlan(
                name: task.name, scenarioPid: task.pid, seed: plan.seed, streamKey: task.streamKey, hz: plan.hz,
                workload: task.workload, uid: task.uid, nice: task.nice,
                oomScoreAdj: oomScoreAdj(fromOOMAdj: task.oomAdj), cgroupProcs: cgroup.path + "/cgroup.procs",
                runDirectory: runDirectory, runStartNs: startNs, startSeconds: task.startSeconds,
                durationSeconds: plan.durationSeconds)
            refsFiles.append(workerPlan.refsPath)
            let pid = try spawnWorker(workerPlan, goFD: pipeFDs[0])
            session.workers[pid] = task
            scenarioPids[pid] = task.pid
        }
        close(pipeFDs[0])
        try trace.start(pids: Array(session.workers.keys))
        close(pipeFDs[1])  // go
        log("live run \(state.tag): \(plan.tasks.count) workers, \(plan.durationSeconds) s")

        // The run.
        var assembler = ReclaimTraceAssembler()
        var samples: [LiveSample] = []
        var outcomes: [LiveTaskOutcome] = []
        let endNs = startNs + UInt64(plan.durationSeconds * 1e9)
        let sampleNs = UInt64(max(0, plan.sampleMilliseconds)) * 1_000_000
        var nextSample = startNs
        func ms(_ ns: UInt64) -> Int64 { ns >= startNs ? Int64((ns - startNs) / 1_000_000) : -Int64((startNs - ns) / 1_000_000) }
        while true {
            if let signal = LiveSignals.pending { throw LiveError.interrupted(signal: signal) }
            for event in trace.drain() { assembler.add(event) }
            kmsg.poll()
            let now = LiveClock.monotonicNanoseconds()
            if sampleNs > 0 && now >= nextSample && now >= startNs {
                let t = ms(now)
                if let stats = try? machine.stats() {
                    samples.append(LiveSample(tMs: t, container: nil, stats: stats, limitPages: plan.ramPages))
                }
                for container in plan.containers {
                    if let stats = try? cgroups[container.name]!.stats() {
                        samples.append(LiveSample(tMs: t, container: container.name, stats: stats, limitPages: container.limitPages))
                    }
                }
                nextSample += sampleNs
                if nextSample <= now { nextSample = now + sampleNs }  // fell behind: skip, do not burst
            }
            session.notePeaks()
            outcomes += session.reap(block: false, ms: ms)
            if session.workers.isEmpty { break }
            if now > endNs + 2_000_000_000 {
                log("workers still alive 2 s after the end: stopping them")
                session.stopWorkers()
                outcomes += session.reap(block: true, ms: ms)
                break
            }
            usleep(Self.drainIntervalUs)
        }
        outcomes += session.reap(block: true, ms: ms)
        let finishedNs = LiveClock.monotonicNanoseconds()
        trace.stop()
        for event in trace.drain() { assembler.add(event) }
        usleep(100_000)
        kmsg.poll()
        let lost = trace.eventsLost()
        var containerStats: [String: CgroupStats] = [:]
        for (name, cgroup) in cgroups { containerStats[name] = try? cgroup.stats() }
        let machineStats = try? machine.stats()
        let pageRefs = refsFiles.reduce(0) { sum, path in
            guard let data = FileManager.default.contents(atPath: path), data.count >= 8 else { return sum }
            return sum + Int(data.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        }
        return LiveRunResult(
            calls: assembler.calls, victims: assembler.victims, kmsg: kmsg.records, kmsgOffsetMicroseconds: offset,
            startNs: startNs, durationMs: ms(finishedNs), samples: samples,
            tasks: outcomes.sorted { $0.scenarioPid < $1.scenarioPid }, containers: containerStats,
            machine: machineStats, eventsLost: lost, eventCount: assembler.eventCount,
            eventsOutsideCalls: assembler.eventsOutsideCalls, unfinishedCalls: assembler.unfinishedCalls,
            scenarioPids: scenarioPids, pageRefs: pageRefs)
    }

    private func save(_ state: inout LiveState, _ session: inout Session) throws {
        session.state = state
        try state.save()
    }

    private func configure(_ cgroup: MemoryCgroup, limitPages: Int, controller: MemoryController) throws {
        try cgroup.setLimit(pages: limitPages)
        if controller.hasSwapAccounting {
            try cgroup.setSwapAllowance(limitPages: limitPages, swapPages: plan.swapPages)
        }
        try cgroup.setSwappiness(plan.swappiness)
    }

    /// `posix_spawn` of `reclaimlab live-worker PLAN` with the go pipe as fd 3.
    private func spawnWorker(_ plan: LiveWorkerPlan, goFD: Int32) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, goFD, LiveWorker.goDescriptor)
        let arguments = ["reclaimlab", LiveWorkerPlan.subcommand, try plan.encoded()]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, workerExecutable, &actions, nil, &argv, environ)
        guard rc == 0 else {
            throw LiveError.system(path: workerExecutable, operation: "spawn worker", detail: String(cString: strerror(rc)))
        }
        return pid
    }
}

/// The run's live processes and state, for the clean-up on every exit path.
struct Session {
    var state: LiveState
    var trace: TraceInstance?
    /// Worker pid -> its task.
    var workers: [Int32: LivePlan.Task] = [:]
    /// Worker pid -> the last `VmHWM` (peak RSS) and `VmSize` read from /proc, pages (wait4's
    /// `ru_maxrss` is useless here: a spawned child starts with its parent's high-water mark).
    var peaks: [Int32: (hwm: Int, vm: Int)] = [:]

    /// Reads each running worker's peak RSS and size.
    mutating func notePeaks() {
        for pid in workers.keys {
            guard let status = try? SysFile.read("/proc/\(pid)/status") else { continue }
            var hwm = 0
            var vm = 0
            for line in status.split(whereSeparator: \.isNewline) where line.hasPrefix("VmHWM:") || line.hasPrefix("VmSize:") {
                let kb = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap { Int($0) } ?? 0
                if line.hasPrefix("VmHWM:") { hwm = kb / 4 } else { vm = kb / 4 }
            }
            if hwm > 0 { peaks[pid] = (max(hwm, peaks[pid]?.hwm ?? 0), max(vm, peaks[pid]?.vm ?? 0)) }
        }
    }

    init(state: LiveState) { self.state = state }

    /// SIGKILL to every worker still running (processes this run started), then reaps them.
    mutating func stopWorkers() {
        for pid in workers.keys { kill(pid, SIGKILL) }
        for pid in workers.keys { waitpid(pid, nil, 0) }
        workers.removeAll()
        trace?.destroy()
        trace = nil
    }

    /// Reaps the workers that ended.
    mutating func reap(block: Bool, ms: (UInt64) -> Int64) -> [LiveTaskOutcome] {
        var out: [LiveTaskOutcome] = []
        for (pid, task) in workers {
            var status: Int32 = 0
            var usage = rusage()
            let r = wait4(pid, &status, block ? 0 : WNOHANG, &usage)
            guard r == pid else { continue }
            workers[pid] = nil
            let signaled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
            out.append(
                LiveTaskOutcome(
                    scenarioPid: task.pid, realPid: pid, name: task.name, container: task.container,
                    startMs: Int64(max(0, task.startSeconds) * 1000), exitMs: ms(LiveClock.monotonicNanoseconds()),
                    exitStatus: signaled ? nil : (status >> 8) & 0xff, signal: signaled ? status & 0x7f : nil,
                    maxRSSPages: peaks[pid]?.hwm ?? 0, totalVMPages: peaks[pid]?.vm ?? 0, minorFaults: usage.ru_minflt, majorFaults: usage.ru_majflt,
                    cpuMs: (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
                        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000))
        }
        return out
    }
}
