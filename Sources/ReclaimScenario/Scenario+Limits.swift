import ReclaimRecords

extension Scenario {
    /// Defaults and limits of scenario keys, in one place for the decoder, the docs and tests.
    public enum Limits {
        /// The largest page count anywhere (64 GiB of 4 KiB pages).
        public static let maxPages = 16_777_216
        /// The kernels a scenario may name: the simulated model, and `live` (the machine's
        /// own kernel, docs/live.md).
        public static let kernels = [ModelInfo.kernel, Scenario.liveKernel]
        /// 2.6.20's `CONFIG_HZ` choices.
        public static let hzChoices = [100, 250, 300, 1000]
        /// The longest run: one week.
        public static let maxDurationSeconds = 604_800.0
        /// The longest sample interval: one week.
        public static let maxSampleMilliseconds = 604_800_000
        /// The largest pid.
        public static let maxPid = 4_000_000
        /// The pid of the first task that names none.
        public static let firstAutomaticPid = 100
        /// The most replicas of one task.
        public static let maxCount = 10_000
        /// The longest uptime at the start (and so the earliest `start_s`), seconds.
        public static let maxUptimeSeconds = 1_000_000_000
        /// The most CPU time a task may have used before the start, seconds.
        public static let maxCPUSeconds = 1_000_000_000.0
        /// The most page references per tick.
        public static let maxRefsPerTick = 1_000_000
        /// The most children of a `fork` workload.
        public static let maxChildren = 1000
        /// The largest Zipf exponent.
        public static let maxTheta = 5.0
    }
}
