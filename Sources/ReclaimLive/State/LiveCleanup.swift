import Foundation

/// Undoes what a live run created, from its ``LiveState``: worker processes left in the
/// run's cgroups (only those running `reclaimlab live-worker`), the cgroups (children
/// first), the tracing instance, the swap file, `laptop_mode`, the run directory, and the
/// tracefs mount if the run made it. Touches nothing whose name lacks `reclaimlab-`.
public enum LiveCleanup {
    /// One line per thing undone or left behind (with why).
    public static func undo(_ state: LiveState, controller: MemoryController? = MemoryController.find()) -> [String] {
        var report: [String] = []
        for path in state.cgroups.reversed() where (path as NSString).lastPathComponent.hasPrefix(LiveNames.prefix) {
            guard SysFile.exists(path) else { continue }
            let cgroup = MemoryCgroup(controller: controller ?? MemoryController(version: .v1, root: ""), path: path)
            for pid in cgroup.pids() where isOurWorker(pid) {
                kill(pid, SIGKILL)
            }
            for _ in 0..<50 where !cgroup.pids().isEmpty { usleep(20_000) }
            report.append(cgroup.remove() ? "removed cgroup \(path)" : "could not remove cgroup \(path): still busy")
        }
        if let instance = state.instance, instance.hasPrefix(LiveNames.prefix) {
            report.append(
                TraceInstance.remove(name: instance, tracingDir: state.tracingDir)
                    ? "removed tracing instance \(instance)" : "could not remove tracing instance \(instance)")
        }
        if let swap = state.swapFile {
            report.append(SwapFile(path: swap).remove() ? "removed swap file \(swap)" : "could not swapoff \(swap)")
        }
        if let laptopMode = state.laptopModeOriginal {
            do {
                try Sysctl.laptopMode.write(laptopMode)
                report.append("restored vm.laptop_mode = \(laptopMode)")
            } catch {
                report.append("could not restore vm.laptop_mode = \(laptopMode): \(error)")
            }
        }
        if let directory = state.runDirectory, (directory as NSString).lastPathComponent.hasPrefix(LiveNames.prefix) {
            try? FileManager.default.removeItem(atPath: directory)
            report.append("removed \(directory)")
        }
        if state.mountedTracefs {
            report.append(TracefsMount.unmount() ? "unmounted tracefs" : "tracefs busy: left mounted")
        }
        return report
    }

    /// Whether `pid` runs this tool's hidden worker subcommand (the only processes cleanup signals).
    static func isOurWorker(_ pid: Int32) -> Bool {
        guard let cmdline = try? SysFile.read("/proc/\(pid)/cmdline") else { return false }
        return cmdline.split(separator: "\0").contains(Substring(LiveWorkerPlan.subcommand))
    }

    /// Undoes a dead run's state file, if any (`--cleanup`, and the start of every live run,
    /// which holds the lock so no living run owns it). Returns the report lines.
    public static func undoLeftovers(statePath: String = LiveNames.statePath) -> [String] {
        guard let state = LiveState.load(from: statePath) else { return [] }
        let lines = undo(state)
        LiveState.remove(at: statePath)
        return ["a previous live run (pid \(state.ownerPid), \(state.tag)) left state; undone:"] + lines
    }
}
