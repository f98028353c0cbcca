import Foundation

/// The machine checks a live run makes before creating anything (69 when one fails).
public enum LiveHostCheck {
    /// Root, a memory controller, no `panic_on_oom` on the host, and `MemAvailable` at
    /// least the scenario's RAM.
    public static func check(plan: LivePlan) throws -> MemoryController {
        guard geteuid() == 0 else { throw LiveError.unavailable("live runs need root (cgroups, tracefs, /dev/kmsg)") }
        guard let controller = MemoryController.find() else {
            throw LiveError.unavailable("no memory cgroup controller (neither cgroup v1 /sys/fs/cgroup/memory nor a v2 hierarchy listing memory)")
        }
        if let panic = try? Sysctl.panicOnOOM.read(), panic != 0 {
            throw LiveError.unavailable("the host has vm.panic_on_oom = \(panic): an OOM in the run would panic the machine")
        }
        let available = availablePages()
        if let available, available < plan.ramPages {
            throw LiveError.unavailable("free memory is short of the scenario: MemAvailable \(available) pages < machine.ram_pages \(plan.ramPages)")
        }
        return controller
    }

    /// `MemAvailable` of `/proc/meminfo`, pages.
    public static func availablePages() -> Int? {
        guard let text = try? SysFile.read("/proc/meminfo") else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("MemAvailable:") {
            let f = line.split(whereSeparator: \.isWhitespace)
            if f.count >= 2, let kb = Int(f[1]) { return kb / 4 }
        }
        return nil
    }
}
