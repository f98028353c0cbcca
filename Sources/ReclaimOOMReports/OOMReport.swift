/// One OOM-killer report of a real kernel, as parsed from its log lines: from the
/// `... invoked oom-killer: ...` line to the `... Killed process ...` line.
///
/// Sizes keep the units the kernel printed: `...KB` fields are KiB, task-table sizes are
/// pages (the kernel prints "memory values in pages"), `pgtablesBytes` bytes. A field the
/// report does not print (older kernels, cgroup v2, a global OOM) is nil.
public struct OOMReport: Sendable, Hashable {
    /// Where the report came from: the file name as given, or `(stdin)`.
    public var source: String
    /// 1-based line of the `invoked oom-killer` line in `source`.
    public var firstLine: Int
    /// 1-based line of the `Killed process` line in `source`.
    public var lastLine: Int
    /// The timestamp printed on the first line (if any).
    public var timestamp: LogTimestamp
    /// Kernel release from the `CPU: ... Comm: ... (Not tainted|Tainted: ...) VERSION #...` line.
    public var kernelVersion: String?
    /// The allocating task and its request.
    public var trigger: Trigger
    /// `CONSTRAINT_MEMCG`, `CONSTRAINT_NONE`, ... from the `oom-kill:constraint=` line.
    public var constraint: String?
    /// The OOMing memcg (`oom_memcg=` of the constraint line, else the
    /// `Memory cgroup stats for PATH:` line).
    public var memcg: String?
    /// The killed task's memcg (`task_memcg=`).
    public var taskMemcg: String?
    /// `memory: usage ..kB, limit ..kB, failcnt ..` of the OOMing memcg.
    public var memory: MemcgCounter?
    /// `memory+swap:` (cgroup v1 with swap accounting).
    public var memorySwap: MemcgCounter?
    /// `swap:` (cgroup v2).
    public var swap: MemcgCounter?
    /// `kmem:` (cgroup v1).
    public var kmem: MemcgCounter?
    /// The `Memory cgroup stats for PATH:` lines, in printed order (bytes or counts, as the
    /// kernel printed them).
    public var memcgStats: [MemcgStat]
    /// `N pages RAM` of a global OOM's `show_mem`.
    public var ramPages: Int?
    /// `Total swap = NkB` of a global OOM's `show_mem`.
    public var totalSwapKB: Int?
    /// The task table, in printed order (the order the kernel visited the processes).
    public var tasks: [OOMReportTask]
    /// What the kernel killed.
    public var killed: KilledProcess
    /// The report's recognised lines without their timestamps and prefixes: the input of
    /// ``key``.
    public var lines: [String]

    /// Stable identity of the report: SHA-256 (hex) of ``lines`` joined by newlines.
    ///
    /// Only lines the parser recognised count (trigger, `CPU:`, memcg counters and stats,
    /// `show_mem` totals, the task table, the constraint and kill lines), each without its
    /// timestamp and log prefix, and the source name does not count: the same OOM read from
    /// `dmesg`, `dmesg -T` and `journalctl -k`, with or without unrelated lines interleaved,
    /// has one key and is stored once. Two different OOMs cannot collide in practice: the
    /// lines carry pids, sizes and failure counters.
    public var key: String { ReportKey.sha256Hex(lines.joined(separator: "\n")) }

    /// `memcg` for a memory-cgroup OOM, `global` for `CONSTRAINT_NONE`, `cpuset`,
    /// `mempolicy`; inferred from the kill line ("Memory cgroup out of memory") and the
    /// memcg counters when the kernel printed no constraint line.
    public var scope: String {
        switch constraint {
        case "CONSTRAINT_MEMCG": return "memcg"
        case "CONSTRAINT_NONE": return "global"
        case "CONSTRAINT_CPUSET": return "cpuset"
        case "CONSTRAINT_MEMORY_POLICY": return "mempolicy"
        default: return killed.memcgOOM || memory != nil ? "memcg" : "global"
        }
    }

    /// Index in ``tasks`` of the row the kernel killed: the row whose pid is the killed pid,
    /// else the one whose tgid is (the kill line names a thread of the process).
    public var killedIndex: Int? {
        tasks.firstIndex { $0.pid == killed.pid } ?? tasks.firstIndex { $0.tgid == killed.pid }
    }
}

/// A log line's timestamp, as printed.
public struct LogTimestamp: Sendable, Hashable {
    /// Monotonic time since boot, µs (`dmesg`, `journalctl -o short-monotonic`).
    public var uptimeMicroseconds: Int64?
    /// Wall-clock time as printed (`dmesg -T`, `journalctl -k`), not normalised: syslog
    /// forms carry no year and no zone.
    public var wallClock: String?

    public init(uptimeMicroseconds: Int64? = nil, wallClock: String? = nil) {
        self.uptimeMicroseconds = uptimeMicroseconds
        self.wallClock = wallClock
    }
}

/// `COMM invoked oom-killer: gfp_mask=0x...(FLAGS), order=N, oom_score_adj=N` and the
/// `CPU: N [UID: N] PID: N Comm: COMM` line after it.
public struct Trigger: Sendable, Hashable {
    /// The allocating task's command name.
    public var comm: String
    /// Its pid (from the `CPU:` line).
    public var pid: Int?
    /// The allocation's GFP mask.
    public var gfpMask: Int64?
    /// The mask's flag names as printed, e.g. `GFP_KERNEL`.
    public var gfpFlags: String?
    /// Allocation order (log2 pages).
    public var order: Int?
    /// The allocating task's `oom_score_adj`.
    public var oomScoreAdj: Int?

    public init(comm: String, pid: Int? = nil, gfpMask: Int64? = nil, gfpFlags: String? = nil, order: Int? = nil, oomScoreAdj: Int? = nil) {
        self.comm = comm
        self.pid = pid
        self.gfpMask = gfpMask
        self.gfpFlags = gfpFlags
        self.order = order
        self.oomScoreAdj = oomScoreAdj
    }
}

/// `NAME: usage NkB, limit NkB, failcnt N` (a memcg page counter), KiB.
public struct MemcgCounter: Sendable, Hashable {
    public var usageKB: Int64
    public var limitKB: Int64
    public var failcnt: Int64?

    public init(usageKB: Int64, limitKB: Int64, failcnt: Int64?) {
        self.usageKB = usageKB
        self.limitKB = limitKB
        self.failcnt = failcnt
    }
}

/// One `name value` line of `Memory cgroup stats for PATH:`.
public struct MemcgStat: Sendable, Hashable {
    public var name: String
    public var value: Int64

    public init(name: String, value: Int64) {
        self.name = name
        self.value = value
    }
}

/// One row of the kernel's task table (`dump_tasks`): one process (its first thread with
/// an mm), not one thread. Sizes in pages except `pgtablesBytes`.
public struct OOMReportTask: Sendable, Hashable {
    public var pid: Int
    public var uid: Int?
    public var tgid: Int?
    public var totalVM: Int
    public var rss: Int
    public var rssAnon: Int?
    public var rssFile: Int?
    public var rssShmem: Int?
    /// Bytes of page tables (`pgtables_bytes`, 4.15 onwards).
    public var pgtablesBytes: Int?
    /// Pages of page tables, `nr_ptes + nr_pmds`, for kernels that print those instead.
    public var pgtablesPages: Int?
    public var swapents: Int?
    public var oomScoreAdj: Int?
    public var name: String

    public init(
        pid: Int, uid: Int? = nil, tgid: Int? = nil, totalVM: Int, rss: Int, rssAnon: Int? = nil,
        rssFile: Int? = nil, rssShmem: Int? = nil, pgtablesBytes: Int? = nil, swapents: Int? = nil,
        oomScoreAdj: Int? = nil, name: String, pgtablesPages: Int? = nil
    ) {
        self.pid = pid
        self.pgtablesPages = pgtablesPages
        self.uid = uid
        self.tgid = tgid
        self.totalVM = totalVM
        self.rss = rss
        self.rssAnon = rssAnon
        self.rssFile = rssFile
        self.rssShmem = rssShmem
        self.pgtablesBytes = pgtablesBytes
        self.swapents = swapents
        self.oomScoreAdj = oomScoreAdj
        self.name = name
    }
}

/// `[Memory cgroup out of memory|Out of memory]: Killed process PID (COMM) total-vm:NkB,
/// anon-rss:NkB, file-rss:NkB, shmem-rss:NkB, UID:N pgtables:NkB oom_score_adj:N`.
public struct KilledProcess: Sendable, Hashable {
    public var pid: Int
    public var comm: String
    /// The line starts with "Memory cgroup out of memory".
    public var memcgOOM: Bool
    public var totalVMKB: Int64?
    public var anonRSSKB: Int64?
    public var fileRSSKB: Int64?
    public var shmemRSSKB: Int64?
    public var uid: Int?
    public var pgtablesKB: Int64?
    public var oomScoreAdj: Int?

    public init(
        pid: Int, comm: String, memcgOOM: Bool, totalVMKB: Int64? = nil, anonRSSKB: Int64? = nil,
        fileRSSKB: Int64? = nil, shmemRSSKB: Int64? = nil, uid: Int? = nil, pgtablesKB: Int64? = nil,
        oomScoreAdj: Int? = nil
    ) {
        self.pid = pid
        self.comm = comm
        self.memcgOOM = memcgOOM
        self.totalVMKB = totalVMKB
        self.anonRSSKB = anonRSSKB
        self.fileRSSKB = fileRSSKB
        self.shmemRSSKB = shmemRSSKB
        self.uid = uid
        self.pgtablesKB = pgtablesKB
        self.oomScoreAdj = oomScoreAdj
    }
}
