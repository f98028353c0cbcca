import Foundation
import ReclaimWorkloads

/// What one worker process replays: handed to `reclaimlab live-worker` as one JSON argument.
public struct LiveWorkerPlan: Codable, Sendable, Hashable {
    /// The hidden subcommand that runs a worker (also how cleanup recognises our processes).
    public static let subcommand = "live-worker"

    /// The task's name (becomes the process's `comm`, 15 bytes, as the OOM report shows it).
    public var name: String
    /// The task's scenario pid (the `tasks.pid` of the records).
    public var scenarioPid: Int32
    /// Seed and stream key of the task's page-reference stream (the simulator's).
    public var seed: UInt64
    public var streamKey: String
    public var hz: Int
    public var workload: LiveWorkload
    public var uid: Int
    public var nice: Int
    /// `oom_score_adj`, already converted from the scenario's `oom_adj`.
    public var oomScoreAdj: Int
    /// `cgroup.procs` of the cgroup the worker joins before touching memory.
    public var cgroupProcs: String
    /// Directory for the task's file (`reclaimlab-...`).
    public var runDirectory: String
    /// The run's start on `CLOCK_MONOTONIC`, ns; the task starts `startSeconds` later.
    public var runStartNs: UInt64
    public var startSeconds: Double
    /// The run's end, seconds after its start.
    public var durationSeconds: Double

    public init(
        name: String, scenarioPid: Int32, seed: UInt64, streamKey: String, hz: Int, workload: LiveWorkload,
        uid: Int, nice: Int, oomScoreAdj: Int, cgroupProcs: String, runDirectory: String, runStartNs: UInt64,
        startSeconds: Double, durationSeconds: Double
    ) {
        self.name = name
        self.scenarioPid = scenarioPid
        self.seed = seed
        self.streamKey = streamKey
        self.hz = hz
        self.workload = workload
        self.uid = uid
        self.nice = nice
        self.oomScoreAdj = oomScoreAdj
        self.cgroupProcs = cgroupProcs
        self.runDirectory = runDirectory
        self.runStartNs = runStartNs
        self.startSeconds = startSeconds
        self.durationSeconds = durationSeconds
    }

    /// The task's file (`file-*` workloads) and its page-reference counter, in the run directory.
    public var filePath: String { runDirectory + "/" + fileStem + ".data" }
    public var refsPath: String { runDirectory + "/" + fileStem + ".refs" }
    var fileStem: String {
        streamKey.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "#", with: "-")
    }

    public func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    public static func decode(_ json: String) throws -> LiveWorkerPlan {
        try JSONDecoder().decode(LiveWorkerPlan.self, from: Data(json.utf8))
    }
}

/// `oom_adj` (-17...15) to `oom_score_adj` as the kernel converts a write to
/// `/proc/PID/oom_adj` (fs/proc/base.c, `oom_adj_write`): 15 (`OOM_ADJUST_MAX`) is 1000,
/// else `oom_adj * 1000 / 17` truncated toward zero (-17 = `OOM_DISABLE` gives -1000).
public func oomScoreAdj(fromOOMAdj oomAdj: Int) -> Int {
    oomAdj == 15 ? 1000 : oomAdj * 1000 / 17
}

/// A workload as the worker replays it: the generator's ``WorkloadSpec`` in a codable form,
/// plus how file pages are accessed.
public struct LiveWorkload: Codable, Sendable, Hashable {
    /// How file references reach the page cache.
    public enum Access: String, Codable, Sendable, Hashable {
        /// `pread(2)` of the page into a locked 4 KiB buffer (a buffer that gets swapped out
        /// can OOM a reader that still has swap).
        case read
        /// `pwrite(2)` of the page.
        case write
        /// A mapping of the file (shared for `file-dirty`).
        case mmap
    }

    public var kind: String
    public var a = 0
    public var b = 0
    public var c = 0
    /// `fork`: the parent's own pages.
    public var d = 0
    public var pattern = "uniform"
    public var theta = 0.0
    public var ratio = 0.0
    public var access: Access

    /// The codable form of `spec`; `access` nil = the design's default for the kind (read
    /// for `file-stream`/`file-working-set`, write for `file-dirty`).
    public init(_ spec: WorkloadSpec, access: Access? = nil) {
        func set(_ p: AccessPattern) -> (String, Double) {
            switch p {
            case .uniform: ("uniform", 0)
            case .sequential: ("sequential", 0)
            case .zipf(let t): ("zipf", t)
            }
        }
        kind = spec.kindName
        self.access = access ?? .mmap
        switch spec {
        case .idle(let totalVM, let rss): (a, b) = (totalVM, rss)
        case .anonGrow(let pps, let maxPages, let refs, let p): (a, b, c) = (pps, maxPages, refs); (pattern, theta) = set(p)
        case .anonWorkingSet(let pages, let refs, let p, let w): (a, c, ratio) = (pages, refs, w); (pattern, theta) = set(p)
        case .fileStream(let pages, let refs): (a, c) = (pages, refs); self.access = access ?? .read
        case .fileWorkingSet(let pages, let refs, let p): (a, c) = (pages, refs); (pattern, theta) = set(p); self.access = access ?? .read
        case .fileDirty(let pages, let refs, let p, let w): (a, c, ratio) = (pages, refs, w); (pattern, theta) = set(p); self.access = access ?? .write
        case .fork(let children, let childPages, let interval, let pages): (a, b, c, d) = (children, childPages, interval, pages)
        }
    }

    /// The generator's spec back.
    public var spec: WorkloadSpec {
        let p: AccessPattern = pattern == "zipf" ? .zipf(theta: theta) : pattern == "sequential" ? .sequential : .uniform
        switch kind {
        case "idle": return .idle(totalVM: a, rss: b)
        case "anon-grow": return .anonGrow(pagesPerSecond: a, maxPages: b, refsPerTick: c, pattern: p)
        case "anon-working-set": return .anonWorkingSet(pages: a, refsPerTick: c, pattern: p, writeRatio: ratio)
        case "file-stream": return .fileStream(pages: a, refsPerTick: c)
        case "file-working-set": return .fileWorkingSet(pages: a, refsPerTick: c, pattern: p)
        case "file-dirty": return .fileDirty(pages: a, refsPerTick: c, pattern: p, writeRatio: ratio)
        default: return .fork(children: a, childPages: b, intervalJiffies: c, pages: d)
        }
    }
}
