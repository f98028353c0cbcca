import ReclaimKernelFunctions
import ReclaimWorkloads

/// Everything the kernel model needs to run one simulation, already validated.
///
/// The scenario layer (`ReclaimScenario`) decodes and validates files into this type;
/// the model trusts it (violations are programmer errors and trap). Sizes in pages,
/// times in jiffies at `hz` unless a name says otherwise.
public struct SimulationConfig: Sendable, Hashable {
    /// The kernel model; `"2.6.20-rss"` is the only one so far.
    public var kernel: String
    /// The run's seed; every task derives its own generator from it (see `TaskSpec.streamKey`).
    public var seed: UInt64
    /// Simulated duration in jiffies.
    public var durationJiffies: Int
    /// Timer frequency: 100, 250, 300 or 1000 (docs/model.md §7.1, SHIFT_HZ).
    public var hz: Int
    public var machine: MachineSpec
    public var containers: [ContainerSpec]
    /// Tasks in task-list (creation) order; replicas already expanded, pids assigned.
    public var tasks: [TaskSpec]
    /// Interval of the `samples` time series in jiffies (0 = no samples).
    public var sampleIntervalJiffies: Int

    public init(
        kernel: String = "2.6.20-rss", seed: UInt64, durationJiffies: Int, hz: Int = 250,
        machine: MachineSpec, containers: [ContainerSpec], tasks: [TaskSpec],
        sampleIntervalJiffies: Int = 250
    ) {
        self.kernel = kernel
        self.seed = seed
        self.durationJiffies = durationJiffies
        self.hz = hz
        self.machine = machine
        self.containers = containers
        self.tasks = tasks
        self.sampleIntervalJiffies = sampleIntervalJiffies
    }
}

/// The `machine:` section of a scenario.
public struct MachineSpec: Sendable, Hashable {
    public var ramPages: Int
    /// 0 = no swap (`total_swap_pages == 0`).
    public var swapPages: Int
    /// `vm_swappiness`, 0...100. Inert on the container path (docs/model.md §8.6 item 2).
    public var swappiness: Int
    /// `laptop_mode` in seconds; 0 = off.
    public var laptopMode: Int
    /// Uptime in seconds when the run starts (feeds badness `run_time`, docs/model.md §7.1).
    public var uptimeSeconds: Int
    public var panicOnOOM: Int
    /// Writeback and swap I/O bandwidth in pages per second.
    public var diskPagesPerSecond: Int
    /// Cost of one block request on top of its pages' transfer, ms (`disk_request_ms`,
    /// default 1). [I] a 2007 disk: command overhead and a short seek.
    public var diskRequestMs: Int
    /// `vm_dirty_ratio` (percent, default 40): writers are throttled above it.
    public var dirtyRatio: Int
    /// `dirty_background_ratio` (percent, default 10): pdflush writes down to it.
    public var dirtyBackgroundRatio: Int
    /// `dirty_writeback_centisecs` (default 500): the kupdate period; 0 = off.
    public var dirtyWritebackCentisecs: Int
    /// `dirty_expire_centisecs` (default 3000): kupdate writes data dirty for longer.
    public var dirtyExpireCentisecs: Int
    /// Pages the kernel holds (mem_map, kernel text and data, slab, page tables): taken out
    /// of free memory at boot, never on an LRU list, never reclaimed. Default 0 here; the
    /// scenario layer supplies a default per RAM size (docs/scenarios.md).
    public var kernelPages: Int

    public init(
        ramPages: Int, swapPages: Int = 0, swappiness: Int = 60, laptopMode: Int = 0,
        uptimeSeconds: Int = 0, panicOnOOM: Int = 0, diskPagesPerSecond: Int = 12800, diskRequestMs: Int = 1,
        dirtyRatio: Int = KernelConstants.dirtyRatio, dirtyBackgroundRatio: Int = KernelConstants.dirtyBackgroundRatio,
        dirtyWritebackCentisecs: Int = 500,
        dirtyExpireCentisecs: Int = 3000, kernelPages: Int = 0
    ) {
        self.kernelPages = kernelPages
        self.dirtyRatio = dirtyRatio
        self.dirtyBackgroundRatio = dirtyBackgroundRatio
        self.dirtyWritebackCentisecs = dirtyWritebackCentisecs
        self.dirtyExpireCentisecs = dirtyExpireCentisecs
        self.ramPages = ramPages
        self.swapPages = swapPages
        self.swappiness = swappiness
        self.laptopMode = laptopMode
        self.uptimeSeconds = uptimeSeconds
        self.panicOnOOM = panicOnOOM
        self.diskPagesPerSecond = diskPagesPerSecond
        self.diskRequestMs = diskRequestMs
    }

    /// `mem_map`: one 32-byte `struct page` (i386, 2.6.20) per 4 KiB page = `ram / 128`
    /// pages, the part of `kernel_pages` that `free_area_init_core` leaves out of the zone's
    /// `present_pages` (at most `kernel_pages`).
    public var memMapPages: Int { min(kernelPages, ramPages / 128) }

    /// `vm_total_pages` as `build_all_zonelists` computes it at boot: the sum of the zones'
    /// `present_pages` minus `pages_high` (still 0 then) = RAM less `mem_map`. The rest of
    /// the kernel's pages (text, data, slab, page tables) are present but never free, so
    /// they stay in the denominator of `mapped_ratio` and the dirty limits.
    public var vmTotalPages: Int { ramPages - memMapPages }
}

/// One memory container of the RSS controller (docs/model.md §8.2): a resource counter with a limit.
public struct ContainerSpec: Sendable, Hashable {
    public var name: String
    public var limitPages: Int

    public init(name: String, limitPages: Int) {
        self.name = name
        self.limitPages = limitPages
    }
}

/// One task (one process with its own mm) of the task list.
public struct TaskSpec: Sendable, Hashable {
    public var pid: Int32
    /// Name as shown in `tasks` and `oom_candidates` (replicas get `name`, `name#2`, ...).
    public var name: String
    /// Index into `SimulationConfig.containers`; nil = in no container.
    public var container: Int?
    public var uid: Int
    public var nice: Int
    public var caps: Capabilities
    /// `oomkilladj`: -17 (`OOM_DISABLE`) or -16...15.
    public var oomAdj: Int
    /// Start time in jiffies relative to the run start; may be negative (started before the
    /// run) but not before boot (`-uptime*hz`).
    public var startJiffies: Int
    /// CPU time already used at the start, in jiffies (`utime + stime`).
    public var cpuJiffies: Int
    /// Index into `SimulationConfig.tasks` of the parent; nil = child of init.
    public var parent: Int?
    public var workload: WorkloadSpec
    /// Stable key the task's random stream is derived from (scenario name + replica), so that
    /// adding a task does not shift the others' streams.
    public var streamKey: String
    /// How a file workload reaches its file. The model's API default is `.mmap` (a mapping,
    /// as every file workload had before `access:`); the scenario layer fills in the
    /// documented defaults (`read`, `write` for `file-dirty`).
    public var fileAccess: FileAccess
    /// `file:`: tasks naming the same file share its page cache; nil = a file of its own.
    public var file: String?

    public init(
        pid: Int32, name: String, container: Int? = nil, uid: Int = 1000, nice: Int = 0,
        caps: Capabilities = [], oomAdj: Int = 0, startJiffies: Int = 0, cpuJiffies: Int = 0,
        parent: Int? = nil, workload: WorkloadSpec, streamKey: String? = nil,
        fileAccess: FileAccess = .mmap, file: String? = nil
    ) {
        self.fileAccess = fileAccess
        self.file = file
        self.pid = pid
        self.name = name
        self.container = container
        self.uid = uid
        self.nice = nice
        self.caps = caps
        self.oomAdj = oomAdj
        self.startJiffies = startJiffies
        self.cpuJiffies = cpuJiffies
        self.parent = parent
        self.workload = workload
        self.streamKey = streamKey ?? name
    }
}
