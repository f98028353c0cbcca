import Foundation
import ReclaimModel
import ReclaimScenario
import Testing

/// `kernel: live` (docs/live.md): it parses, refuses `panic_on_oom`, keys its runs
/// by the kernel release, and lists the keys the real kernel cannot honour.
@Suite struct ScenarioLiveTests {
    let base = "name: t\nkernel: live\ntasks: [{name: a, workload: {kind: idle}}]"

    @Test func liveParsesAndKeysByRelease() throws {
        let loaded = try load(base)
        #expect(loaded.scenario.isLive)
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        #expect(loaded.scenario.modelVersion == "linux-" + release)
        #expect(loaded.runKey == RunKey.make(canonicalJSON: loaded.canonicalJSON, modelVersion: "linux-" + release))
        let simulated = try load(base.replacingOccurrences(of: "kernel: live", with: "kernel: 2.6.20-rss"))
        #expect(simulated.runKey != loaded.runKey)
    }

    @Test func panicOnOOMIsRefusedWith64() {
        let error = loadError(base + "\nmachine: {panic_on_oom: 1}")
        #expect(error?.exitCode == 64)
        #expect(error?.description.contains("machine.panic_on_oom: 1 is refused with kernel: live") == true)
        // The simulated kernel still models it.
        #expect(loadError(base.replacingOccurrences(of: "kernel: live\n", with: "") + "\nmachine: {panic_on_oom: 1}") == nil)
    }

    @Test func ignoredKeys() throws {
        let plain = try load(base).scenario
        #expect(plain.liveIgnoredKeys == ["hz", "machine.disk_pages_per_s", "machine.kernel_pages"])
        let busy = try load(
            "name: t\nkernel: live\nmachine: {uptime_s: 100}\ntasks: [{name: a, cpu_s: 3, caps: [sys_admin], workload: {kind: idle}}, {name: b, start_s: -5, workload: {kind: idle}}]"
        ).scenario
        #expect(busy.liveIgnoredKeys == ["hz", "machine.disk_pages_per_s", "machine.kernel_pages", "machine.uptime_s", "tasks[0].cpu_s", "tasks[0].caps", "tasks[1].start_s"])
    }
}
