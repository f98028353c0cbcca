import Foundation

/// The names a live run gives what it creates: every cgroup, tracing instance, swap file
/// and run directory starts with `reclaimlab-` so nothing else is ever touched.
public enum LiveNames {
    public static let prefix = "reclaimlab-"
    /// Directory of the lock and state files.
    public static let stateDirectory = "/run/reclaimlab"
    /// Held (`flock`) by the one live run of the machine; the kernel drops it when the
    /// holder dies, even by SIGKILL.
    public static var lockPath: String { stateDirectory + "/live.lock" }
    /// What a running live run created, for `reclaimlab live --cleanup`.
    public static var statePath: String { stateDirectory + "/live-state.json" }

    /// `reclaimlab-<pid>-<counter>`: a tag unique on the machine while the run lives.
    public static func runTag(pid: Int32 = getpid()) -> String {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return "\(prefix)\(pid)-\(now.tv_sec % 100000)"
    }
}
