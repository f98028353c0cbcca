import ReclaimWorkloads

/// A scenario as the live runner needs it (built from a validated scenario by the CLI, so
/// this target depends on neither the scenario decoder nor the 2.6.20 model).
public struct LivePlan: Sendable, Hashable {
    public var seed: UInt64
    public var hz: Int
    public var durationSeconds: Double
    /// Interval of the cgroup samples, ms; 0 = none.
    public var sampleMilliseconds: Int
    /// The machine: its cgroup's limit, the swap allowed to the run, swappiness, laptop_mode.
    public var ramPages: Int
    public var swapPages: Int
    public var swappiness: Int
    public var laptopMode: Int
    public var containers: [Container]
    /// Every replica, in the scenario's task-list order.
    public var tasks: [Task]

    public struct Container: Sendable, Hashable {
        public var name: String
        public var limitPages: Int
        public init(name: String, limitPages: Int) {
            self.name = name
            self.limitPages = limitPages
        }
    }

    public struct Task: Sendable, Hashable {
        public var pid: Int32
        public var name: String
        public var container: String?
        public var uid: Int
        public var nice: Int
        public var oomAdj: Int
        /// Seconds after the run start (negative starts are taken as 0).
        public var startSeconds: Double
        public var workload: LiveWorkload
        public var streamKey: String

        public init(
            pid: Int32, name: String, container: String?, uid: Int, nice: Int, oomAdj: Int, startSeconds: Double,
            workload: LiveWorkload, streamKey: String
        ) {
            self.pid = pid
            self.name = name
            self.container = container
            self.uid = uid
            self.nice = nice
            self.oomAdj = oomAdj
            self.startSeconds = startSeconds
            self.workload = workload
            self.streamKey = streamKey
        }
    }

    public init(
        seed: UInt64, hz: Int, durationSeconds: Double, sampleMilliseconds: Int, ramPages: Int, swapPages: Int,
        swappiness: Int, laptopMode: Int, containers: [Container], tasks: [Task]
    ) {
        self.seed = seed
        self.hz = hz
        self.durationSeconds = durationSeconds
        self.sampleMilliseconds = sampleMilliseconds
        self.ramPages = ramPages
        self.swapPages = swapPages
        self.swappiness = swappiness
        self.laptopMode = laptopMode
        self.containers = containers
        self.tasks = tasks
    }
}
