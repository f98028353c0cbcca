import ReclaimWorkloads
import Testing

@testable import ReclaimScenario

/// `workload.access`, `workload.file` and `machine.kernel_pages` (docs/scenarios.md).
@Suite struct ScenarioFileAccessTests {
    private func task(_ flow: String) throws -> Scenario.Task {
        try load("name: t\ntasks: [{name: a, workload: \(flow)}]").scenario.tasks[0]
    }

    @Test func accessDefaultsToReadAndWriteForFileDirty() throws {
        #expect(try task("{kind: file-stream, pages: 5}").access == .read)
        #expect(try task("{kind: file-working-set, pages: 5}").access == .read)
        #expect(try task("{kind: file-dirty, pages: 5}").access == .write)
        #expect(try task("{kind: file-dirty, pages: 5, access: mmap}").access == .mmap)
        #expect(try task("{kind: idle}").access == nil)
        #expect(try task("{kind: file-stream, pages: 5}").file == nil)
        #expect(try task("{kind: file-stream, pages: 5, file: logs}").file == "logs")
    }

    @Test func replicasCarryAccessAndFile() throws {
        let s = try load("name: t\ntasks: [{name: a, count: 2, workload: {kind: file-stream, pages: 5, file: logs}}]")
        #expect(s.scenario.replicas().map(\.fileAccess) == [.read, .read])
        #expect(s.scenario.replicas().map(\.file) == ["logs", "logs"])
    }

    @Test func canonicalJSONWritesAccessAndFile() throws {
        let json = try load("name: t\ntasks: [{name: a, workload: {kind: file-stream, pages: 5, file: logs}}]")
            .canonicalJSON
        #expect(json.contains(#""workload":{"access":"read","file":"logs","kind":"file-stream","pages":5,"refs_per_tick":32}"#))
    }

    @Test(arguments: [
        (
            "tasks: [{name: a, workload: {kind: file-stream, pages: 5, access: pread}}]",
            "t.yaml: tasks[0].workload.access: unknown access \"pread\" (expected one of read, write, mmap)"
        ),
        (
            "tasks: [{name: a, workload: {kind: anon-grow, access: read}}]",
            "t.yaml: tasks[0].workload.access: unknown key for kind anon-grow (expected one of kind, pages_per_s, max_pages, refs_per_tick, pattern, theta)"
        ),
        (
            "tasks: [{name: a, workload: {kind: file-stream, pages: 5, file: 'a b'}}]",
            "t.yaml: tasks[0].workload.file: \"a b\" contains \" \" (names may not contain . [ ] # = or whitespace)"
        ),
        (
            "machine: {ram_pages: 1000, kernel_pages: 1000}\ntasks: [{name: a, workload: {kind: idle}}]",
            "t.yaml: machine.kernel_pages: 1000 is out of range 0...999"
        ),
    ])
    func invalidValuesAreUsageErrors(yaml: String, message: String) {
        let error = loadError("name: t\n" + yaml)
        #expect(error?.description == message)
        #expect(error?.exitCode == 64)
    }

    @Test func mappersAndReadersMayShareAFile() throws {
        let s = try load(
            "name: t\ntasks: [{name: a, count: 2, workload: {kind: file-stream, pages: 5, file: f, access: mmap}}, {name: b, count: 3, workload: {kind: file-working-set, pages: 5, file: f}}]"
        )
        #expect(s.scenario.replicas().map(\.file) == Array(repeating: "f", count: 5))
    }

    @Test(arguments: [(65536, 512 + 1024 + 1024), (262144, 2048 + 1024 + 4096), (4096, 32 + 256 + 64), (1, 0)])
    func kernelPagesDefault(ram: Int, pages: Int) throws {
        // mem_map ram/128 + text and data min(1024, ram/16) + slab and page tables ram/64.
        let s = try load("name: t\nmachine: {ram_pages: \(ram)}\ntasks: [{name: a, workload: {kind: idle}}]")
        #expect(s.scenario.machine.kernelPages == pages)
    }
}
