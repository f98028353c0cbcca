import ReclaimKernelFunctions
import ReclaimWorkloads

/// A validated scenario file with every default filled in, mirroring the YAML keys.
///
/// Build one with ``ScenarioFile`` (which decodes, validates and computes the run key);
/// turn it into the model's input with `simulationConfig()` (in `ReclaimSimulator`, so that
/// this module never links the model). Sizes are pages of 4 KiB;
/// times are seconds here (as written) and become jiffies only in `simulationConfig()`.
public struct Scenario: Sendable, Hashable {
    /// `name`: free text, part of the configuration (and so of the run key).
    public var name: String
    /// `kernel`: the kernel model; only `2.6.20-rss` so far.
    public var kernel: String
    /// `seed`: 0...2^63-1.
    public var seed: UInt64
    /// `duration_s`: simulated seconds, > 0 and <= 604800 (one week).
    public var durationSeconds: Double
    /// `hz`: 100, 250, 300 or 1000.
    public var hz: Int
    /// `sample_ms`: interval of the `samples` time series in milliseconds; 0 = none.
    public var sampleMilliseconds: Int
    public var machine: Machine
    /// `containers`, in file order (the model addresses them by index).
    public var containers: [Container]
    /// `tasks`, in file order, before replicas are expanded (the task list itself is in
    /// creation order: by `start_s`, then file order; see the model's `Kernel.taskList`).
    public var tasks: [Task]

    /// The `machine:` section.
    public struct Machine: Sendable, Hashable {
        /// `ram_pages`: 1...16777216 (default 65536 = 256 MiB).
        public var ramPages: Int
        /// `swap_pages`: 0...16777216; 0 = no swap.
        public var swapPages: Int
        /// `swappiness`: `vm_swappiness`, 0...100 (default 60).
        public var swappiness: Int
        /// `laptop_mode`: seconds, 0...3600; 0 = off.
        public var laptopMode: Int
        /// `uptime_s`: uptime in seconds when the run starts, 0...10^9.
        public var uptimeSeconds: Int
        /// `panic_on_oom`: 0...2.
        public var panicOnOOM: Int
        /// `disk_pages_per_s`: writeback and swap bandwidth, 1...10^8 (default 12800 = 50 MiB/s).
        public var diskPagesPerSecond: Int
        /// `disk_request_ms`: the cost of one block request on top of its pages, 0...1000
        /// (default 1: command overhead and a short seek; a long seek costs 8-12 ms).
        public var diskRequestMs: Int
        /// `dirty_ratio`: `vm_dirty_ratio`, 5...100 (default 40).
        public var dirtyRatio: Int
        /// `dirty_background_ratio`: 0...100 (default 10).
        public var dirtyBackgroundRatio: Int
        /// `dirty_writeback_centisecs`: the kupdate period, 0 (off)...8640000 (default 500).
        public var dirtyWritebackCentisecs: Int
        /// `dirty_expire_centisecs`: age at which kupdate writes dirty data (default 3000).
        public var dirtyExpireCentisecs: Int
        /// `kernel_pages`: pages the kernel holds (never reclaimed), 0...ram_pages-1; default
        /// ``defaultKernelPages(ramPages:)``.
        public var kernelPages: Int
    }

    /// One entry of `containers:`.
    public struct Container: Sendable, Hashable {
        /// `name`: unique among containers.
        public var name: String
        /// `limit_pages`: 1...16777216.
        public var limitPages: Int
    }

    /// A capability `badness()` looks at (`caps:` items).
    public enum Capability: String, Sendable, Hashable, CaseIterable, Comparable {
        case sysAdmin = "sys_admin"
        case sysRawio = "sys_rawio"

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One entry of `tasks:`; `count` replicas of it run.
    public struct Task: Sendable, Hashable {
        /// `name`: unique among tasks; replicas are `name`, `name#2`, `name#3`, ...
        public var name: String
        /// `container`: the name of a container; nil = in none.
        public var container: String?
        /// `count`: number of replicas, 1...10000.
        public var count: Int
        /// The pid of the first replica (`pid:` if given, else the previous task's last pid + 1,
        /// starting at 100); replicas take consecutive pids.
        public var pid: Int
        /// `uid`: 0...65535; 0 = root.
        public var uid: Int
        /// `nice`: -20...19.
        public var nice: Int
        /// `caps`, sorted, without duplicates.
        public var caps: [Capability]
        /// `oom_adj`: -17 (`OOM_DISABLE`) or -16...15.
        public var oomAdj: Int
        /// `start_s`: start relative to the run start in seconds; >= -uptime_s.
        public var startSeconds: Double
        /// `cpu_s`: CPU time already used at the start, seconds.
        public var cpuSeconds: Double
        /// `parent`: the name of the parent task (its first replica); nil = child of init.
        public var parent: String?
        public var workload: Workload
        /// `workload.access` of a file workload (read, write or mmap; default write for
        /// `file-dirty`, read otherwise); nil for the other kinds.
        public var access: FileAccess? = nil
        /// `workload.file`: the file's name; tasks naming the same file share its page cache.
        /// nil = a file of the task's own.
        public var file: String? = nil
    }

    /// A task's `workload:` with every parameter filled in (see the workload table of docs/scenarios.md).
    public enum Workload: Sendable, Hashable {
        /// `idle`: `total_vm` (default = `rss`) >= `rss` (default 0).
        case idle(totalVM: Int, rss: Int)
        /// `anon-grow`: `pages_per_s` (100), `max_pages` (0 = unbounded), `refs_per_tick` (64),
        /// `pattern` (uniform).
        case anonGrow(pagesPerSecond: Int, maxPages: Int, refsPerTick: Int, pattern: AccessPattern)
        /// `anon-working-set`: `pages` (required), `refs_per_tick` (64), `pattern` (zipf 0.99),
        /// `write_ratio` (0.3).
        case anonWorkingSet(pages: Int, refsPerTick: Int, pattern: AccessPattern, writeRatio: Double)
        /// `file-stream`: `pages` (required), `refs_per_tick` (32).
        case fileStream(pages: Int, refsPerTick: Int)
        /// `file-working-set`: `pages` (required), `refs_per_tick` (64), `pattern` (zipf 0.99).
        case fileWorkingSet(pages: Int, refsPerTick: Int, pattern: AccessPattern)
        /// `file-dirty`: `pages` (required), `refs_per_tick` (64), `pattern` (uniform),
        /// `write_ratio` (1).
        case fileDirty(pages: Int, refsPerTick: Int, pattern: AccessPattern, writeRatio: Double)
        /// `fork`: `children` (1), `child_pages` (256), `interval_s` (1), `pages` (0): the
        /// parent's own anonymous pages, shared copy-on-write with its children.
        case fork(children: Int, childPages: Int, intervalSeconds: Double, pages: Int = 0)

        /// The scenario name of the kind (`anon-grow`, ...).
        public var kindName: String {
            switch self {
            case .idle: "idle"
            case .anonGrow: "anon-grow"
            case .anonWorkingSet: "anon-working-set"
            case .fileStream: "file-stream"
            case .fileWorkingSet: "file-working-set"
            case .fileDirty: "file-dirty"
            case .fork: "fork"
            }
        }
    }
}
