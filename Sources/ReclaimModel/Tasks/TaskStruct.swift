import ReclaimKernelFunctions
import ReclaimWorkloads

/// Lifecycle of a simulated task.
public enum TaskState: Sendable, Hashable {
    /// Not yet forked (its start time is in the future).
    case unborn
    case running
    /// Killed (TIF_MEMDIE set); exits at the recorded jiffy.
    case dying
    /// Gone: mm released, no longer on the task list.
    case exited
}

/// One process of the task list (docs/model.md §7): identity, OOM attributes, CPU time, mm — the
/// kernel's `task_struct` (named so as not to shadow Swift Concurrency's `Task`).
public struct TaskStruct: Sendable {
    public let pid: Int32
    public let name: String
    /// Container index, nil = none.
    public let container: Int?
    public let uid: Int
    public let nice: Int
    public let caps: Capabilities
    public let oomAdj: Int
    /// Start in jiffies since boot.
    public let startJiffiesSinceBoot: Int
    /// `utime + stime` in jiffies.
    public internal(set) var cpuJiffies: Int
    /// Task index of the parent, nil = init.
    public internal(set) var parent: Int?
    /// Task indexes of the children, oldest first (`p->children`).
    public internal(set) var children: [Int] = []
    public internal(set) var state: TaskState = .unborn
    /// The mm; nil before start and after exit.
    public internal(set) var mm: MM?
    /// TIF_MEMDIE: an OOM victim still dying.
    public internal(set) var memdie = false
    /// PF_EXITING.
    public internal(set) var exiting = false
    /// PF_SWAPOFF (running swapoff): badness returns ULONG_MAX.
    public internal(set) var swapoff = false
    /// Killed by an OOM killer.
    public internal(set) var oomKilled = false
    public internal(set) var exitJiffy: Int?
    /// The task sleeps (or waits for I/O) until this jiffy.
    var blockedUntil = 0
    /// A page reference that must be retried when the task runs again.
    var pendingRef: PageRef?
    /// A reclaim call (container or direct) the task sleeps in.
    var reclaim: ReclaimCall?
    /// The pending fault already charged its page to the container (docs/model.md §8.2 "prepare").
    var precharged = false
    /// The pending swap fault already called `grab_swap_token` (its retry must not again).
    var swapTokenTried = false
    /// Where the pending fault's page allocation stands (docs/model.md §5).
    var allocPhase = AllocPhase.start
    /// Start of the sleep the task is in, when it is accounted as a stall (reclaim naps,
    /// `balance_dirty_pages` waits, `get_request_wait`).
    var sleepSince: Int?
    /// Asleep in `congestion_wait(WRITE, ...)`: woken early when a write request frees
    /// below the queue's "off" threshold (docs/model.md §13.B).
    var congestionWaiting = false
    /// Inside `balance_dirty_pages`: the pages it has written so far.
    var dirtyBalance: Int?
    var workload: WorkloadGenerator
    /// How the task reaches its file, and the name it shares it under (nil = its own).
    public let fileAccess: FileAccess
    let fileName: String?
    /// The open file's readahead state (`struct file_ra_state`, read(2) only).
    var ra = FileReadahead()
    /// `prev_index` of the read(2) call in progress (`ra.prev_page` when it began); nil
    /// between calls. Kept across a sleep inside the call.
    var readPrevIndex: Int?
    public internal(set) var faults = 0
    public internal(set) var majorFaults = 0
    public internal(set) var maxRSS = 0
    /// Workload description recorded in `tasks.workload`.
    public let workloadName: String
    /// Start relative to the run start, jiffies.
    public let startJiffies: Int

    init(spec: TaskSpec, uptimeJiffies: Int, workload: WorkloadGenerator) {
        pid = spec.pid
        name = spec.name
        container = spec.container
        uid = spec.uid
        nice = spec.nice
        caps = spec.caps
        oomAdj = spec.oomAdj
        startJiffies = spec.startJiffies
        startJiffiesSinceBoot = uptimeJiffies + spec.startJiffies
        cpuJiffies = spec.cpuJiffies
        parent = spec.parent
        self.workload = workload
        fileAccess = spec.fileAccess
        fileName = spec.file
        workloadName = spec.workload.kindName
    }

    /// On the task list (forked and not yet reaped).
    public var isAlive: Bool { state == .running || state == .dying }
}
