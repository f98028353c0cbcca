/// What a live run observed, in raw form: the CLI turns it into the database's records.
public struct LiveRunResult: Sendable {
    /// Reclaim calls with their passes, trace-clock (monotonic) ns.
    public var calls: [LiveReclaimCall]
    /// `oom:mark_victim` events: victim pid (real) and time.
    public var victims: [(pid: Int32, ns: UInt64)]
    /// The kernel log of the run (OOM reports), and the log clock minus the monotonic clock, µs.
    public var kmsg: [KmsgRecord]
    public var kmsgOffsetMicroseconds: Int64
    /// Monotonic ns of the run start (t_ms = 0).
    public var startNs: UInt64
    /// Wall-clock length of the run, ms.
    public var durationMs: Int64
    /// Samples of the cgroups: `container` nil = the machine cgroup.
    public var samples: [LiveSample]
    /// Each task as it ended.
    public var tasks: [LiveTaskOutcome]
    /// Each container's counters at the end (by name), and the machine cgroup's.
    public var containers: [String: CgroupStats]
    public var machine: CgroupStats?
    /// Trace events the ring buffers lost, and those read.
    public var eventsLost: Int
    public var eventCount: Int
    /// Shrink events outside a traced call, and calls never closed.
    public var eventsOutsideCalls: Int
    public var unfinishedCalls: Int
    /// Real pid -> scenario pid of every worker.
    public var scenarioPids: [Int32: Int32]
    /// Page references the workers made (their shared counters).
    public var pageRefs: Int

    public init(calls: [LiveReclaimCall], victims: [(pid: Int32, ns: UInt64)], kmsg: [KmsgRecord], kmsgOffsetMicroseconds: Int64, startNs: UInt64, durationMs: Int64, samples: [LiveSample], tasks: [LiveTaskOutcome], containers: [String: CgroupStats], machine: CgroupStats?, eventsLost: Int, eventCount: Int, eventsOutsideCalls: Int, unfinishedCalls: Int, scenarioPids: [Int32: Int32], pageRefs: Int = 0) {
        self.calls = calls
        self.victims = victims
        self.kmsg = kmsg
        self.kmsgOffsetMicroseconds = kmsgOffsetMicroseconds
        self.startNs = startNs
        self.durationMs = durationMs
        self.samples = samples
        self.tasks = tasks
        self.containers = containers
        self.machine = machine
        self.eventsLost = eventsLost
        self.eventCount = eventCount
        self.eventsOutsideCalls = eventsOutsideCalls
        self.unfinishedCalls = unfinishedCalls
        self.scenarioPids = scenarioPids
        self.pageRefs = pageRefs
    }
}

/// One sample of a cgroup, pages.
public struct LiveSample: Sendable, Hashable {
    public var tMs: Int64
    public var container: String?
    public var stats: CgroupStats
    public var limitPages: Int

    public init(tMs: Int64, container: String?, stats: CgroupStats, limitPages: Int) {
        self.tMs = tMs
        self.container = container
        self.stats = stats
        self.limitPages = limitPages
    }
}

/// How a worker ended.
public struct LiveTaskOutcome: Sendable, Hashable {
    public var scenarioPid: Int32
    public var realPid: Int32
    public var name: String
    public var container: String?
    public var startMs: Int64
    /// When the runner saw it exit, ms since the run start; nil if it ran to the end.
    public var exitMs: Int64?
    /// Exit status or the signal that ended it.
    public var exitStatus: Int32?
    public var signal: Int32?
    /// Peak RSS and largest size seen in `/proc/PID/status` (`VmHWM`, `VmSize`) while it ran,
    /// pages (the worker's binary's mapped file pages included).
    public var maxRSSPages: Int
    public var totalVMPages: Int
    /// From `wait4`'s rusage: minor and major faults, CPU time (ms).
    public var minorFaults: Int
    public var majorFaults: Int
    public var cpuMs: Int

    public init(scenarioPid: Int32, realPid: Int32, name: String, container: String?, startMs: Int64, exitMs: Int64?, exitStatus: Int32?, signal: Int32?, maxRSSPages: Int, totalVMPages: Int, minorFaults: Int, majorFaults: Int, cpuMs: Int) {
        self.scenarioPid = scenarioPid
        self.realPid = realPid
        self.name = name
        self.container = container
        self.startMs = startMs
        self.exitMs = exitMs
        self.exitStatus = exitStatus
        self.signal = signal
        self.maxRSSPages = maxRSSPages
        self.totalVMPages = totalVMPages
        self.minorFaults = minorFaults
        self.majorFaults = majorFaults
        self.cpuMs = cpuMs
    }
}
