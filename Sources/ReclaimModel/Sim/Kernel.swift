import ReclaimRecords
import ReclaimWorkloads

/// The whole simulated machine: page frames, the zone, containers, swap, files, tasks,
/// the disk, global counters and the clock. All kernel paths are `mutating` methods in
/// `Kernel+*.swift` files named after the kernel code they model.
///
/// Deterministic: no wall clock, no global state; randomness only in the tasks' workload
/// generators, each seeded from the run seed and the task's stream key.
public struct Kernel: Sendable {
    public let config: SimulationConfig
    public internal(set) var frames: PageFrames
    public internal(set) var zone: Zone
    public internal(set) var containers: [MemContainer]
    public internal(set) var swap: SwapSpace
    var files: [FileSpace] = []
    /// Files named by `file:`, by name (index into ``files``).
    var namedFiles: [String: Int] = [:]
    /// anon_vma -> the tasks whose mm it holds (a family of forked mms, in fork order): the
    /// rmap walk of an anonymous page visits these mms (docs/model.md §13.F).
    var anonVMAs: [Int: [Int]] = [:]
    /// Every task the run knows, started or not, addressed by index (scenario tasks in file
    /// order, then forked children in fork order).
    public internal(set) var tasks: [TaskStruct] = []
    /// The kernel's task list (docs/model.md §7.2, "task-list (creation) order"): indexes into
    /// ``tasks`` of the tasks forked so far and not yet exited, in the order they were
    /// created. Scenario tasks enter when their start time comes (earlier start first, file
    /// order among equal starts, a parent before its children), forked children when forked.
    /// Selection, the per-jiffy run order and `p->children` follow it.
    public internal(set) var taskList: [Int] = []
    /// `current`: the task running at this moment of the jiffy (nil outside task context:
    /// I/O completion, pdflush, kswapd).
    var current: Int?
    /// The disk's request queue (docs/model.md §13.A).
    var disk: BlockQueue
    /// Sleepers in `get_request_wait` on a full write queue, woken one per freed request.
    var requestWaiters: [BlockQueue.Sleeper] = []
    /// Set by a write submission that found the write queue full; the submitter sleeps in
    /// `get_request_wait` at the end of its step (and clears it).
    var submitterBlocked = false
    /// The current jiffy since the run start.
    public internal(set) var now = 0
    /// Global vmstat counters.
    public internal(set) var nrFileMapped = 0
    public internal(set) var nrAnonPages = 0
    public internal(set) var nrFileDirty = 0
    public internal(set) var nrWriteback = 0
    public internal(set) var totals = RunTotals()
    var events = EventBuffer()
    var nextCallNo = 1
    var nextOOMNo = 1
    var nextPid: Int32
    /// Set when the machine panics (global OOM with `panic_on_oom`, or nothing to kill); the
    /// run stops.
    public internal(set) var panicMessage: String?
    /// Laptop mode's flush timer (`laptop_mode_wb_timer`), armed by disk I/O completions.
    var laptopFlushAt: Int?
    /// The timer's `sys_sync` in progress.
    var laptopSync = WritebackThread()
    /// kswapd's state.
    var kswapd = Kswapd()
    /// pdflush's `background_writeout` and `wb_kupdate` (docs/model.md §13.C, C8).
    var pdflush = WritebackThread()
    var kupdate = WritebackThread()
    /// `dirty_exceeded` (§13.C): writers call `balance_dirty_pages` every 8 pages.
    var dirtyExceeded = false
    /// The one CPU's `ratelimits` counter of dirtied pages (§13.C).
    var ratelimitCount = 0
    /// Scratch space for isolated batches (no allocation per scan).
    var isolationBuffer: [Int32] = []
    /// The swap token (§13.G).
    var swapToken = SwapToken()

    public init(config: SimulationConfig) {
        self.config = config
        frames = PageFrames(count: config.machine.ramPages)
        zone = Zone(watermarks: Watermarks(ramPages: config.machine.ramPages))
        containers = config.containers.map { MemContainer(name: $0.name, limit: $0.limitPages) }
        swap = SwapSpace(total: config.machine.swapPages)
        disk = BlockQueue(
            hz: config.hz, pagesPerSecond: config.machine.diskPagesPerSecond,
            requestMs: Double(config.machine.diskRequestMs))
        let uptime = config.machine.uptimeSeconds * config.hz
        for spec in config.tasks {
            let rng = SplitMix64.stream(seed: config.seed, key: spec.streamKey)
            let workload = WorkloadGenerator(spec: spec.workload, rng: rng, hz: config.hz)
            tasks.append(TaskStruct(spec: spec, uptimeJiffies: uptime, workload: workload))
        }
        // The kernel's own pages leave the free list at boot and never return.
        for _ in 0..<config.machine.kernelPages { _ = frames.allocate() }
        nextPid = (config.tasks.map(\.pid).max() ?? 99) + 1
        kupdate.nextRun = config.machine.dirtyWritebackCentisecs * config.hz / 100
    }

    /// `vm_total_pages`: RAM less `mem_map` (``MachineSpec/vmTotalPages``).
    public var vmTotalPages: Int { config.machine.vmTotalPages }
    public var hz: Int { config.hz }
    /// `laptop_mode` on.
    public var laptopMode: Bool { config.machine.laptopMode != 0 }
    /// `total_swap_pages` (configured swap, not free swap).
    public var totalSwapPages: Int { config.machine.swapPages }
    /// Simulated milliseconds since the run start.
    public var nowMs: Int64 { Int64(now) * 1000 / Int64(hz) }
    /// `HZ/10`: the `congestion_wait` timeout in jiffies.
    var congestionWaitJiffies: Int { max(1, hz / 10) }

    func ms(_ jiffies: Int) -> Int64 { Int64(jiffies) * 1000 / Int64(hz) }

    /// Container name of a container index.
    func containerName(_ c: Int?) -> String? { c.map { containers[$0].name } }
}

/// Events produced since the simulator last drained them into its sink.
struct EventBuffer: Sendable {
    var reclaimCalls: [ReclaimCallRecord] = []
    var scanPasses: [ScanPassRecord] = []
    var oomEvents: [OOMEventRecord] = []
    var oomCandidates: [OOMCandidateRecord] = []
    var samples: [SampleRecord] = []

    mutating func drain<S: EventSink>(into sink: inout S) {
        for r in scanPasses { sink.scanPass(r) }
        for r in reclaimCalls { sink.reclaimCall(r) }
        for r in oomCandidates { sink.oomCandidate(r) }
        for r in oomEvents { sink.oomEvent(r) }
        for r in samples { sink.sample(r) }
        scanPasses.removeAll(keepingCapacity: true)
        reclaimCalls.removeAll(keepingCapacity: true)
        oomCandidates.removeAll(keepingCapacity: true)
        oomEvents.removeAll(keepingCapacity: true)
        samples.removeAll(keepingCapacity: true)
    }
}
