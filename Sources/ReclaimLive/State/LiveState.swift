import Foundation

/// What a live run has created, saved to ``LiveNames/statePath`` BEFORE each thing is
/// created, so a run killed at any moment (SIGKILL included) leaves an exact list for
/// `reclaimlab live --cleanup` or the next live run to undo.
public struct LiveState: Codable, Sendable, Hashable {
    /// The run's pid and tag (`reclaimlab-<pid>-<n>`).
    public var ownerPid: Int32
    public var tag: String
    /// Cgroup directories in creation order (removed in reverse).
    public var cgroups: [String] = []
    /// Tracing instance name and the tracefs mount it lives under.
    public var instance: String?
    public var tracingDir: String = TracefsMount.defaultPath
    /// True when the run mounted tracefs itself (unmounted at the end).
    public var mountedTracefs = false
    /// A swap file the run added.
    public var swapFile: String?
    /// `vm.laptop_mode` as found, when the run changed it.
    public var laptopModeOriginal: Int?
    /// The run's directory of workload files.
    public var runDirectory: String?

    public init(ownerPid: Int32, tag: String) {
        self.ownerPid = ownerPid
        self.tag = tag
    }

    /// Writes the state atomically (temporary file + rename).
    public func save(to path: String = LiveNames.statePath) throws {
        let data = try JSONEncoder().encode(self)
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw LiveError.system(path: temporary, operation: "write", detail: "cannot create")
        }
        guard rename(temporary, path) == 0 else { throw SysFile.failure(path, "rename onto") }
    }

    /// The saved state, if a run left one.
    public static func load(from path: String = LiveNames.statePath) -> LiveState? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(LiveState.self, from: data)
    }

    public static func remove(at path: String = LiveNames.statePath) {
        unlink(path)
    }
}
