import CTraceFS
import Foundation
import ReclaimWorkloads

/// The worker process: replays one task's page-reference stream (the simulator's seeded
/// generator) in real time, `refs_per_tick` references per jiffy at `hz` jiffies a second.
///
/// Order of the set-up matters: die with the runner (`PR_SET_PDEATHSIG`), name the process,
/// join the cgroup, set `oom_score_adj` and nice, make the file (its cached pages dropped,
/// or they stay charged elsewhere), map the memory, drop to `uid`, wait for the runner's
/// go (after it put the pid in the trace filter), then run until the run's end.
public enum LiveWorker {
    /// File descriptor on which the runner's go arrives (EOF of a pipe).
    public static let goDescriptor: Int32 = 3

    /// Runs the plan; returns the exit status (0 at the run's end).
    public static func run(_ plan: LiveWorkerPlan) -> Int32 {
        _ = reclaimlab_set_pdeathsig(SIGKILL)
        if getppid() == 1 { return 1 }  // the runner is already gone
        setName(plan.name)
        do {
            try SysFile.write(plan.cgroupProcs, String(getpid()))
            try SysFile.write("/proc/self/oom_score_adj", String(plan.oomScoreAdj))
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Int32(plan.nice))
            var replay = try Replay(plan: plan)
            if plan.uid != 0 {
                guard setgid(gid_t(plan.uid)) == 0, setuid(uid_t(plan.uid)) == 0 else {
                    throw SysFile.failure("uid \(plan.uid)", "setuid")
                }
                // A credential change clears the parent-death signal: set it again.
                _ = reclaimlab_set_pdeathsig(SIGKILL)
                if getppid() == 1 { return 1 }
            }
            var byte: UInt8 = 0
            while read(goDescriptor, &byte, 1) < 0 && errno == EINTR {}
            close(goDescriptor)
            replay.run()
            return 0
        } catch {
            FileHandle.standardError.write(Data("reclaimlab live-worker \(plan.name): \(error)\n".utf8))
            return 71
        }
    }

    static func setName(_ name: String) {
        var bytes = Array(name.utf8.prefix(15))
        bytes.append(0)
        bytes.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { _ = reclaimlab_set_name($0.baseAddress) } }
    }

    /// Sleeps until `ns` on `CLOCK_MONOTONIC`.
    static func sleep(untilNs ns: UInt64) {
        var target = timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, nil) == EINTR {}
    }
}

/// The memory a worker touches and the loop that touches it.
struct Replay {
    let plan: LiveWorkerPlan
    var generator: WorkloadGenerator
    let anon: UnsafeMutablePointer<UInt8>?
    let anonPages: Int
    let fileFD: Int32
    let fileMap: UnsafeMutablePointer<UInt8>?
    let buffer: UnsafeMutablePointer<UInt8>
    var sink: UInt8 = 0
    /// The task's page-reference count, in a shared page of ``LiveWorkerPlan/refsPath`` that
    /// the runner reads after the run (so a killed worker's count survives it).
    let refsCounter: UnsafeMutablePointer<UInt64>

    init(plan: LiveWorkerPlan) throws {
        self.plan = plan
        let spec = plan.workload.spec
        generator = WorkloadGenerator(
            spec: spec, rng: SplitMix64.stream(seed: plan.seed, key: plan.streamKey), hz: plan.hz)
        var pages = 0
        var filePages = 0
        switch spec {
        case .idle(let totalVM, _): pages = totalVM
        case .anonGrow(let pps, let maxPages, _, _):
            pages = maxPages > 0 ? maxPages : pps * Int(plan.durationSeconds.rounded(.up)) + pps + 1
        case .anonWorkingSet(let n, _, _, _): pages = n
        case .fileStream(let n, _), .fileWorkingSet(let n, _, _), .fileDirty(let n, _, _, _): filePages = n
        case .fork(_, _, _, let n): pages = n
        }
        anonPages = pages
        anon = pages > 0 ? try Self.map(pages: pages, fd: -1, shared: false) : nil
        let refsFD = open(plan.refsPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard refsFD >= 0 else { throw SysFile.failure(plan.refsPath, "create") }
        ftruncate(refsFD, 4096)
        refsCounter = try Self.map(pages: 1, fd: refsFD, shared: true).withMemoryRebound(to: UInt64.self, capacity: 1) { $0 }
        close(refsFD)
        refsCounter.pointee = 0
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
        buffer.initialize(repeating: 0, count: 4096)
        mlock(buffer, 4096)
        if filePages > 0 {
            let path = plan.filePath
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw SysFile.failure(path, "create") }
            ftruncate(fd, off_t(filePages) * 4096)
            _ = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)
            fchown(fd, uid_t(plan.uid), gid_t(plan.uid))
            fileFD = fd
            fileMap = plan.workload.access == .mmap
                ? try Self.map(pages: filePages, fd: fd, shared: spec.kindName == "file-dirty") : nil
        } else {
            fileFD = -1
            fileMap = nil
        }
    }

    static func map(pages: Int, fd: Int32, shared: Bool) throws -> UnsafeMutablePointer<UInt8> {
        let flags = fd < 0 ? (MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE) : (shared ? MAP_SHARED : MAP_PRIVATE)
        let length = pages * 4096
        guard let p = mmap(nil, length, PROT_READ | PROT_WRITE, flags, fd, 0), p != MAP_FAILED else {
            throw SysFile.failure("\(pages) pages", "mmap")
        }
        _ = madvise(p, length, MADV_NOHUGEPAGE)
        return p.assumingMemoryBound(to: UInt8.self)
    }

    /// Runs from the task's start to the run's end, one jiffy of references at a time.
    mutating func run() {
        let hz = UInt64(max(plan.hz, 1))
        let start = plan.runStartNs + UInt64(max(0, plan.startSeconds) * 1e9)
        let end = plan.runStartNs + UInt64(plan.durationSeconds * 1e9)
        LiveWorker.sleep(untilNs: start)
        var tick: UInt64 = 0
        var children: [pid_t] = []
        while start + tick * 1_000_000_000 / hz < end {
            generator.beginTick()
            var refs: UInt64 = 0
            while let ref = generator.next() {
                touch(ref)
                refs += 1
            }
            refsCounter.pointee &+= refs
            if case .fork(_, let childPages, _, _) = plan.workload.spec {
                for _ in 0..<generator.dueSpawns(elapsedJiffies: Int(tick)) {
                    let child = fork()
                    if child == 0 { childLife(pages: childPages, endNs: end) }
                    if child > 0 { children.append(child) }
                }
            }
            tick += 1
            LiveWorker.sleep(untilNs: start + tick * 1_000_000_000 / hz)
        }
        for child in children { waitpid(child, nil, 0) }
        if sink == 42 { print("") }  // keep the reads
    }

    /// A `fork` child: writes `pages` of its own, then sleeps to the run's end.
    /// A forked child writes its pages `0..<pages`: the parent's first (each write breaks
    /// copy-on-write), then pages of a mapping of its own.
    func childLife(pages: Int, endNs: UInt64) -> Never {
        let shared = anon == nil ? 0 : min(pages, anonPages)
        if let anon { for i in 0..<shared { anon[i * 4096] &+= 1 } }
        if pages > shared, let p = try? Self.map(pages: pages - shared, fd: -1, shared: false) {
            for i in 0..<(pages - shared) { p[i * 4096] = 1 }
        }
        LiveWorker.sleep(untilNs: endNs)
        _exit(0)
    }

    @inline(__always)
    mutating func touch(_ ref: PageRef) {
        let index = Int(ref.index)
        switch ref.area {
        case .anon:
            guard let anon, index < anonPages else { return }
            if ref.write { anon[index * 4096] &+= 1 } else { sink &+= anon[index * 4096] }
        case .file:
            if let fileMap {
                if ref.write { fileMap[index * 4096] &+= 1 } else { sink &+= fileMap[index * 4096] }
            } else if ref.write || plan.workload.access == .write {
                buffer[0] &+= 1
                _ = pwrite(fileFD, buffer, 4096, off_t(index) * 4096)
            } else {
                _ = pread(fileFD, buffer, 4096, off_t(index) * 4096)
                sink &+= buffer[0]
            }
        }
    }
}
