/// Where the machine's memory controller is mounted, and which cgroup version serves it.
public struct MemoryController: Sendable, Hashable {
    /// cgroup v1 (`memory.limit_in_bytes`, `memory.memsw.*`, per-cgroup `memory.swappiness`)
    /// or v2 (`memory.max`, `memory.swap.max`; swappiness is the global sysctl only).
    public enum Version: String, Sendable, Hashable {
        case v1
        case v2
    }

    public var version: Version
    /// The mount point: the root of the hierarchy the run's cgroups are created in.
    public var root: String

    public init(version: Version, root: String) {
        self.version = version
        self.root = root
    }

    /// The v1 memory hierarchy at `/sys/fs/cgroup/memory`, else a v2 hierarchy whose root
    /// lists `memory` in `cgroup.controllers` (`/sys/fs/cgroup`, `/sys/fs/cgroup/unified`);
    /// nil when neither exists.
    public static func find(
        v1Candidates: [String] = ["/sys/fs/cgroup/memory"],
        v2Candidates: [String] = ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"]
    ) -> MemoryController? {
        for root in v1Candidates where SysFile.exists(root + "/memory.limit_in_bytes") {
            return MemoryController(version: .v1, root: root)
        }
        for root in v2Candidates {
            guard let controllers = try? SysFile.read(root + "/cgroup.controllers") else { continue }
            if controllers.split(whereSeparator: \.isWhitespace).contains("memory") {
                return MemoryController(version: .v2, root: root)
            }
        }
        return nil
    }

    /// Whether v1 has the memory+swap files (`CONFIG_MEMCG_SWAP`, swap accounting on).
    public var hasSwapAccounting: Bool {
        switch version {
        case .v1: SysFile.exists(root + "/memory.memsw.limit_in_bytes")
        case .v2: true
        }
    }
}
