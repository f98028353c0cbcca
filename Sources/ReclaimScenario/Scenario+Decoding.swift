extension Scenario {
    /// The top-level keys, in the order they are read (and errors are reported).
    static let keys = ["name", "kernel", "seed", "duration_s", "hz", "sample_ms", "machine", "containers", "tasks"]

    /// Decodes and validates a whole scenario document, filling in every default.
    ///
    /// Reads keys in a fixed order and stops at the first problem, so the error for a given
    /// document is always the same one.
    ///
    /// - Throws: ``ScenarioIssue`` naming the key path.
    init(node: ScenarioNode) throws {
        let root = try MappingReader(node, at: ScenarioKeyPath(), allowed: Self.keys)
        name = try NodeReader.string(root.required("name", "the scenario's name"), at: root.path.appending("name"))
        guard !name.isEmpty else { throw ScenarioIssue(root.path.appending("name"), "must not be empty") }
        kernel = try root.word("kernel", default: Limits.kernels[0], oneOf: Limits.kernels, what: "kernel")
        seed = UInt64(try root.int("seed", default: 1, in: 0...Int.max))
        hz = try root.int("hz", default: 250, in: Int.min...Int.max)
        guard Limits.hzChoices.contains(hz) else {
            throw ScenarioIssue(
                root.path.appending("hz"),
                "\(hz) is not allowed (expected one of \(Limits.hzChoices.map(String.init).joined(separator: ", ")))")
        }
        durationSeconds = try root.number(
            "duration_s", default: 30,
            in: NumberRange(lower: 0, lowerInclusive: false, upper: Limits.maxDurationSeconds))
        guard Self.jiffies(durationSeconds, hz: hz) >= 1 else {
            throw ScenarioIssue(
                root.path.appending("duration_s"),
                "\(formatNumber(durationSeconds)) is shorter than one jiffy at hz \(hz) (at least \(formatNumber(0.5 / Double(hz))))"
            )
        }
        sampleMilliseconds = try root.int("sample_ms", default: 1000, in: 0...Limits.maxSampleMilliseconds)
        machine = try Machine(node: root["machine"] ?? .null, at: root.path.appending("machine"))
        containers = try Self.decodeContainers(root["containers"] ?? .null, at: root.path.appending("containers"))
        tasks = try Self.decodeTasks(
            root.required("tasks", "a non-empty list of tasks"), at: root.path.appending("tasks"),
            containers: containers, uptimeSeconds: machine.uptimeSeconds)
        try validateLive()
    }

    /// `seconds` in jiffies at `hz`, rounded half away from zero.
    public static func jiffies(_ seconds: Double, hz: Int) -> Int {
        Int((seconds * Double(hz)).rounded())
    }

    private static func decodeContainers(_ node: ScenarioNode, at path: ScenarioKeyPath) throws -> [Container] {
        let items = node.isNull ? [] : try NodeReader.sequence(node, at: path)
        var containers: [Container] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let container = try Container(node: item, at: path.appending(index))
            if let first = seen[container.name] {
                throw ScenarioIssue(
                    path.appending(index).appending("name"),
                    "duplicate container name \(quoted(container.name)) (also containers[\(first)])")
            }
            seen[container.name] = index
            containers.append(container)
        }
        return containers
    }
}

extension Scenario.Machine {
    static let keys = [
        "ram_pages", "swap_pages", "swappiness", "laptop_mode", "uptime_s", "panic_on_oom", "disk_pages_per_s",
        "disk_request_ms",         "dirty_ratio", "dirty_background_ratio", "dirty_writeback_centisecs", "dirty_expire_centisecs",
        "kernel_pages",
    ]

    /// Decodes `machine:`; null or absent means every default.
    init(node: ScenarioNode, at path: ScenarioKeyPath) throws {
        let map = try MappingReader(node, at: path, allowed: Self.keys, nullIsEmpty: true)
        let maxPages = Scenario.Limits.maxPages
        ramPages = try map.int("ram_pages", default: 65536, in: 1...maxPages)
        swapPages = try map.int("swap_pages", default: 0, in: 0...maxPages)
        swappiness = try map.int("swappiness", default: 60, in: 0...100)
        laptopMode = try map.int("laptop_mode", default: 0, in: 0...3600)
        uptimeSeconds = try map.int("uptime_s", default: 0, in: 0...Scenario.Limits.maxUptimeSeconds)
        panicOnOOM = try map.int("panic_on_oom", default: 0, in: 0...2)
        diskPagesPerSecond = try map.int("disk_pages_per_s", default: 12800, in: 1...100_000_000)
        diskRequestMs = try map.int("disk_request_ms", default: 1, in: 0...1000)
        dirtyRatio = try map.int("dirty_ratio", default: 40, in: 5...100)
        dirtyBackgroundRatio = try map.int("dirty_background_ratio", default: 10, in: 0...100)
        dirtyWritebackCentisecs = try map.int("dirty_writeback_centisecs", default: 500, in: 0...8_640_000)
        dirtyExpireCentisecs = try map.int("dirty_expire_centisecs", default: 3000, in: 0...8_640_000)
        kernelPages = try map.int(
            "kernel_pages", default: Self.defaultKernelPages(ramPages: ramPages), in: 0...(ramPages - 1))
    }

    /// The default `kernel_pages` for `ram_pages` of RAM: `mem_map` (one 32-byte i386
    /// `struct page` per page: ram/128) + kernel text, data and boot-time reservations
    /// (4 MiB = 1024 pages, at most ram/16) + slab and page tables of a booted, idle
    /// system (ram/64). 256 MiB (65536 pages): 512 + 1024 + 1024 = 2560 pages (10 MiB,
    /// 3.9 %), in line with a 2.6.20 i386 boot ("Memory: 255104k/262144k available
    /// (2084k kernel code, 6452k reserved, 876k data ...)") plus ~4 MiB of slab.
    public static func defaultKernelPages(ramPages: Int) -> Int {
        ramPages / 128 + min(1024, ramPages / 16) + ramPages / 64
    }
}

extension Scenario.Container {
    static let keys = ["name", "limit_pages"]

    /// Decodes one item of `containers:`.
    init(node: ScenarioNode, at path: ScenarioKeyPath) throws {
        let map = try MappingReader(node, at: path, allowed: Self.keys)
        name = try map.name(hint: "the container's name")
        limitPages = try map.int(
            "limit_pages", default: nil, in: 1...Scenario.Limits.maxPages,
            hint: "the limit in pages, 1...\(Scenario.Limits.maxPages)")
    }
}
