import Foundation
import ReclaimRecords

extension Scenario {
    /// `kernel: live`: the machine's own kernel (docs/live.md).
    public static let liveKernel = "live"

    /// Whether the scenario runs on the machine's kernel.
    public var isLive: Bool { kernel == Self.liveKernel }

    /// `runs.model_version`: the model's version, or `linux-` + `uname -r` for live runs
    /// (part of the run key, so each kernel release gets its own runs).
    public var modelVersion: String {
        isLive ? Self.liveModelVersion : ModelInfo.modelVersion
    }

    /// `linux-` + the running kernel's release (`uname -r`).
    public static var liveModelVersion: String {
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return "linux-" + release
    }

    /// The key paths a live run cannot honour, recorded in `runs.ignored_keys`: `hz` (the
    /// kernel keeps its own; it only paces the workers), `machine.disk_pages_per_s` (the
    /// disk is what it is), and, when they differ from their defaults, `machine.uptime_s`,
    /// the `machine.dirty_*` knobs, and each task's `cpu_s`, negative `start_s` and `caps`,
    /// `machine.kernel_pages` (the real kernel holds what it holds) and each `workload.file`
    /// (every worker opens a file of its own).
    public var liveIgnoredKeys: [String] {
        var keys = ["hz", "machine.disk_pages_per_s", "machine.kernel_pages"]
        if machine.uptimeSeconds != 0 { keys.append("machine.uptime_s") }
        if machine.dirtyRatio != 40 { keys.append("machine.dirty_ratio") }
        if machine.dirtyBackgroundRatio != 10 { keys.append("machine.dirty_background_ratio") }
        if machine.dirtyWritebackCentisecs != 500 { keys.append("machine.dirty_writeback_centisecs") }
        if machine.dirtyExpireCentisecs != 3000 { keys.append("machine.dirty_expire_centisecs") }
        for (i, task) in tasks.enumerated() {
            if task.cpuSeconds != 0 { keys.append("tasks[\(i)].cpu_s") }
            if task.startSeconds < 0 { keys.append("tasks[\(i)].start_s") }
            if !task.caps.isEmpty { keys.append("tasks[\(i)].caps") }
            if task.file != nil { keys.append("tasks[\(i)].workload.file") }
        }
        return keys
    }

    /// Refuses what a live run must not do: `panic_on_oom` would panic the real machine.
    func validateLive() throws {
        guard isLive else { return }
        if machine.panicOnOOM != 0 {
            throw ScenarioIssue(
                ScenarioKeyPath(parsing: "machine.panic_on_oom")!,
                "\(machine.panicOnOOM) is refused with kernel: live (an OOM would panic the real machine); use 0")
        }
    }
}
