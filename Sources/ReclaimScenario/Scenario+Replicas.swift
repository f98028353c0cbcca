import ReclaimKernelFunctions
import ReclaimWorkloads

extension Scenario {
    /// One task of the scenario after its replicas are expanded: what every engine runs (the
    /// simulator as a `TaskSpec`, the live runner as a worker process), so both replay the
    /// same reference stream for the same task.
    public struct Replica: Sendable, Hashable {
        /// Pid: the task's `pid` plus the replica's index.
        public var pid: Int32
        /// `web`, `web#2`, ...
        public var name: String
        /// Index into ``Scenario/containers``; nil outside any container.
        public var container: Int?
        public var uid: Int
        public var nice: Int
        public var caps: Capabilities
        /// `oom_adj`, -17 or -16..15.
        public var oomAdj: Int
        /// `start_s` in jiffies at ``Scenario/hz`` (may be negative).
        public var startJiffies: Int
        /// `cpu_s` in jiffies.
        public var cpuJiffies: Int
        /// Index of the parent's first replica in ``Scenario/replicas()``; nil without one.
        public var parent: Int?
        /// The workload, with its intervals in jiffies.
        public var workload: WorkloadSpec
        /// The key of the replica's random stream: `web#1`, `web#2`, ...
        public var streamKey: String
        /// How a file workload reaches its file; nil for the other kinds.
        public var fileAccess: FileAccess?
        /// The shared file's name; nil = a file of the replica's own.
        public var file: String?
    }

    /// The tasks with replicas expanded in file order (`web`, `web#2`, ... with consecutive
    /// pids and stream keys `web#1`, `web#2`, ...), container and parent names as indices (a
    /// parent with replicas means its first replica), caps as ``Capabilities``, seconds in
    /// jiffies at `hz` (rounded half away from zero).
    ///
    /// - Complexity: O(number of replicas).
    public func replicas() -> [Replica] {
        let containerIndex = Dictionary(uniqueKeysWithValues: containers.enumerated().map { ($1.name, $0) })
        var firstReplica: [String: Int] = [:]
        var expandedCount = 0
        for task in tasks {
            firstReplica[task.name] = expandedCount
            expandedCount += task.count
        }
        var replicas: [Replica] = []
        replicas.reserveCapacity(expandedCount)
        for task in tasks {
            let workload = task.workload.spec(hz: hz)
            var caps: Capabilities = []
            for cap in task.caps {
                caps.insert(cap == .sysAdmin ? .sysAdmin : .sysRawio)
            }
            for replica in 0..<task.count {
                replicas.append(
                    Replica(
                        pid: Int32(task.pid + replica), name: Self.replicaName(task.name, replica: replica),
                        container: task.container.map { containerIndex[$0]! }, uid: task.uid, nice: task.nice,
                        caps: caps, oomAdj: task.oomAdj, startJiffies: Self.jiffies(task.startSeconds, hz: hz),
                        cpuJiffies: Self.jiffies(task.cpuSeconds, hz: hz),
                        parent: task.parent.map { firstReplica[$0]! }, workload: workload,
                        streamKey: "\(task.name)#\(replica + 1)", fileAccess: task.access, file: task.file))
            }
        }
        return replicas
    }
}

extension Scenario.Workload {
    /// The generator's workload, with `interval_s` in jiffies at `hz`.
    public func spec(hz: Int) -> WorkloadSpec {
        switch self {
        case .idle(let totalVM, let rss):
            .idle(totalVM: totalVM, rss: rss)
        case .anonGrow(let pagesPerSecond, let maxPages, let refsPerTick, let pattern):
            .anonGrow(pagesPerSecond: pagesPerSecond, maxPages: maxPages, refsPerTick: refsPerTick, pattern: pattern)
        case .anonWorkingSet(let pages, let refsPerTick, let pattern, let writeRatio):
            .anonWorkingSet(pages: pages, refsPerTick: refsPerTick, pattern: pattern, writeRatio: writeRatio)
        case .fileStream(let pages, let refsPerTick):
            .fileStream(pages: pages, refsPerTick: refsPerTick)
        case .fileWorkingSet(let pages, let refsPerTick, let pattern):
            .fileWorkingSet(pages: pages, refsPerTick: refsPerTick, pattern: pattern)
        case .fileDirty(let pages, let refsPerTick, let pattern, let writeRatio):
            .fileDirty(pages: pages, refsPerTick: refsPerTick, pattern: pattern, writeRatio: writeRatio)
        case .fork(let children, let childPages, let intervalSeconds, let pages):
            .fork(
                children: children, childPages: childPages, intervalJiffies: Scenario.jiffies(intervalSeconds, hz: hz),
                pages: pages)
        }
    }
}

