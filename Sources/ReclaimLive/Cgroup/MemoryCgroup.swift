import Foundation

/// One memory cgroup the live run created (`reclaimlab-...`), v1 or v2.
public struct MemoryCgroup: Sendable, Hashable {
    public var controller: MemoryController
    /// Absolute directory of the cgroup.
    public var path: String

    public init(controller: MemoryController, path: String) {
        self.controller = controller
        self.path = path
    }

    /// Creates `parent/name`; v2 first enables `+memory` for the parent's children.
    public static func create(
        _ controller: MemoryController, parent: String, name: String
    ) throws -> MemoryCgroup {
        precondition(name.hasPrefix(LiveNames.prefix), "live cgroups carry the reclaimlab- prefix")
        if controller.version == .v2 {
            try? SysFile.write(parent + "/cgroup.subtree_control", "+memory")
        }
        let path = parent + "/" + name
        guard mkdir(path, 0o755) == 0 else { throw SysFile.failure(path, "mkdir") }
        return MemoryCgroup(controller: controller, path: path)
    }

    /// Sets the memory limit, pages of 4 KiB.
    public func setLimit(pages: Int) throws {
        switch controller.version {
        case .v1: try SysFile.write(path + "/memory.limit_in_bytes", String(pages * 4096))
        case .v2: try SysFile.write(path + "/memory.max", String(pages * 4096))
        }
    }

    /// Sets how much swap the cgroup may use on top of its memory limit, pages (0 = none).
    /// v1 writes `memory.memsw.limit_in_bytes` = limit + swap (equal = no swap), which must
    /// come after `setLimit`; v2 writes `memory.swap.max`.
    public func setSwapAllowance(limitPages: Int, swapPages: Int) throws {
        switch controller.version {
        case .v1: try SysFile.write(path + "/memory.memsw.limit_in_bytes", String((limitPages + swapPages) * 4096))
        case .v2: try SysFile.write(path + "/memory.swap.max", String(swapPages * 4096))
        }
    }

    /// Sets the cgroup's `memory.swappiness` (v1 only; v2 has the global sysctl alone).
    public func setSwappiness(_ value: Int) throws {
        guard controller.version == .v1 else { return }
        try SysFile.write(path + "/memory.swappiness", String(value))
    }

    /// Moves `pid` into the cgroup.
    public func attach(pid: Int32) throws {
        try SysFile.write(path + "/cgroup.procs", String(pid))
    }

    /// The pids in the cgroup (`cgroup.procs`).
    public func pids() -> [Int32] {
        ((try? SysFile.read(path + "/cgroup.procs")) ?? "").split(whereSeparator: \.isNewline).compactMap { Int32($0) }
    }

    /// The cgroup's counters now.
    public func stats() throws -> CgroupStats {
        let stat = try SysFile.read(path + "/memory.stat")
        var values: [Substring: Int64] = [:]
        for line in stat.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: " ")
            if parts.count == 2, let v = Int64(parts[1]) { values[parts[0]] = v }
        }
        func v(_ key: Substring) -> Int { Int(values[key] ?? 0) }
        switch controller.version {
        case .v1:
            let usage = try SysFile.readInt(path + "/memory.usage_in_bytes")
            let oom = (try? SysFile.read(path + "/memory.oom_control")) ?? ""
            let oomKills = oom.split(whereSeparator: \.isNewline).first { $0.hasPrefix("oom_kill ") }
                .flatMap { Int($0.split(separator: " ")[1]) } ?? 0
            return CgroupStats(
                usagePages: Int(usage / 4096), activeAnon: v("active_anon") / 4096,
                inactiveAnon: v("inactive_anon") / 4096, activeFile: v("active_file") / 4096,
                inactiveFile: v("inactive_file") / 4096, dirty: v("dirty") / 4096,
                writeback: v("writeback") / 4096, swapPages: v("swap") / 4096,
                failcnt: Int((try? SysFile.readInt(path + "/memory.failcnt")) ?? 0),
                maxUsagePages: Int(((try? SysFile.readInt(path + "/memory.max_usage_in_bytes")) ?? 0) / 4096),
                oomKills: oomKills)
        case .v2:
            let usage = try SysFile.readInt(path + "/memory.current")
            let swap = (try? SysFile.readInt(path + "/memory.swap.current")) ?? 0
            let events = (try? SysFile.read(path + "/memory.events")) ?? ""
            func event(_ key: String) -> Int {
                events.split(whereSeparator: \.isNewline).first { $0.hasPrefix(key + " ") }
                    .flatMap { Int($0.split(separator: " ")[1]) } ?? 0
            }
            return CgroupStats(
                usagePages: Int(usage / 4096), activeAnon: v("active_anon") / 4096,
                inactiveAnon: v("inactive_anon") / 4096, activeFile: v("active_file") / 4096,
                inactiveFile: v("inactive_file") / 4096, dirty: v("file_dirty") / 4096,
                writeback: v("file_writeback") / 4096, swapPages: Int(swap / 4096),
                failcnt: event("max"),
                maxUsagePages: Int(((try? SysFile.readInt(path + "/memory.peak")) ?? 0) / 4096),
                oomKills: event("oom_kill"))
        }
    }

    /// Removes the cgroup: `rmdir` fails while a task lives in it and, on v1, leaves a
    /// lingering cgroup while pages are still charged, so `memory.force_empty` is written
    /// between tries (up to `tries` times, 100 ms apart). Returns whether it is gone.
    @discardableResult
    public func remove(tries: Int = 50) -> Bool {
        for _ in 0..<tries {
            if rmdir(path) == 0 || errno == ENOENT { return true }
            if controller.version == .v1 { try? SysFile.write(path + "/memory.force_empty", "0") }
            usleep(100_000)
        }
        return !SysFile.exists(path)
    }
}

/// A cgroup's counters, pages of 4 KiB (v1 `memory.stat` counts bytes).
public struct CgroupStats: Sendable, Hashable {
    public var usagePages: Int
    public var activeAnon: Int
    public var inactiveAnon: Int
    public var activeFile: Int
    public var inactiveFile: Int
    public var dirty: Int
    public var writeback: Int
    /// Swap used by the cgroup's pages.
    public var swapPages: Int
    /// v1 `memory.failcnt` (stays 0 when it is the memsw limit that is hit); v2 `max` events.
    public var failcnt: Int
    /// v1 `memory.max_usage_in_bytes`, v2 `memory.peak`, pages.
    public var maxUsagePages: Int
    /// OOM kills in the cgroup (`oom_kill` of `memory.oom_control` / `memory.events`).
    public var oomKills: Int

    public var active: Int { activeAnon + activeFile }
    public var inactive: Int { inactiveAnon + inactiveFile }
}
