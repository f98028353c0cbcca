import ReclaimWorkloads

extension Scenario {
    /// The scenario as canonical JSON: the same snake_case keys as the file, every default
    /// written out (`swappiness` 60 when omitted, `total_vm` = `rss`, each task's resolved
    /// first `pid`), `container` and `parent` as null when absent, `theta` only with
    /// `pattern: zipf`, `caps` sorted. Lists keep their order (it is meaningful).
    public var canonical: CanonicalJSON {
        .object([
            "name": .string(name),
            "kernel": .string(kernel),
            "seed": .int(Int64(seed)),
            "duration_s": .number(durationSeconds),
            "hz": .int(Int64(hz)),
            "sample_ms": .int(Int64(sampleMilliseconds)),
            "machine": .object([
                "ram_pages": .int(Int64(machine.ramPages)),
                "swap_pages": .int(Int64(machine.swapPages)),
                "swappiness": .int(Int64(machine.swappiness)),
                "laptop_mode": .int(Int64(machine.laptopMode)),
                "uptime_s": .int(Int64(machine.uptimeSeconds)),
                "panic_on_oom": .int(Int64(machine.panicOnOOM)),
                "disk_pages_per_s": .int(Int64(machine.diskPagesPerSecond)),
                "disk_request_ms": .int(Int64(machine.diskRequestMs)),
                "dirty_ratio": .int(Int64(machine.dirtyRatio)),
                "dirty_background_ratio": .int(Int64(machine.dirtyBackgroundRatio)),
                "dirty_writeback_centisecs": .int(Int64(machine.dirtyWritebackCentisecs)),
                "dirty_expire_centisecs": .int(Int64(machine.dirtyExpireCentisecs)),
                "kernel_pages": .int(Int64(machine.kernelPages)),
            ]),
            "containers": .array(
                containers.map {
                    .object(["name": .string($0.name), "limit_pages": .int(Int64($0.limitPages))])
                }),
            "tasks": .array(tasks.map(\.canonical)),
        ])
    }

    /// ``canonical`` as text: sorted keys, no whitespace.
    public var canonicalJSON: String { canonical.text }
}

extension Scenario.Task {
    var canonical: CanonicalJSON {
        .object([
            "name": .string(name),
            "container": container.map(CanonicalJSON.string) ?? .null,
            "count": .int(Int64(count)),
            "pid": .int(Int64(pid)),
            "uid": .int(Int64(uid)),
            "nice": .int(Int64(nice)),
            "caps": .array(caps.map { .string($0.rawValue) }),
            "oom_adj": .int(Int64(oomAdj)),
            "start_s": .number(startSeconds),
            "cpu_s": .number(cpuSeconds),
            "parent": parent.map(CanonicalJSON.string) ?? .null,
            "workload": workloadCanonical,
        ])
    }
}

extension Scenario.Task {
    /// The workload with `access` (always written for a file workload) and `file` (when named).
    var workloadCanonical: CanonicalJSON {
        guard case .object(var members) = workload.canonical else { return workload.canonical }
        if let access { members["access"] = .string(access.rawValue) }
        if let file { members["file"] = .string(file) }
        return .object(members)
    }
}

extension Scenario.Workload {
    var canonical: CanonicalJSON {
        var members: [String: CanonicalJSON] = ["kind": .string(kindName)]
        func int(_ key: String, _ value: Int) { members[key] = .int(Int64(value)) }
        func pattern(_ value: AccessPattern) {
            members["pattern"] = .string(value.name)
            if case .zipf(let theta) = value { members["theta"] = .number(theta) }
        }
        switch self {
        case .idle(let totalVM, let rss):
            int("total_vm", totalVM)
            int("rss", rss)
        case .anonGrow(let pagesPerSecond, let maxPages, let refsPerTick, let accessPattern):
            int("pages_per_s", pagesPerSecond)
            int("max_pages", maxPages)
            int("refs_per_tick", refsPerTick)
            pattern(accessPattern)
        case .anonWorkingSet(let pages, let refsPerTick, let accessPattern, let writeRatio),
            .fileDirty(let pages, let refsPerTick, let accessPattern, let writeRatio):
            int("pages", pages)
            int("refs_per_tick", refsPerTick)
            pattern(accessPattern)
            members["write_ratio"] = .number(writeRatio)
        case .fileStream(let pages, let refsPerTick):
            int("pages", pages)
            int("refs_per_tick", refsPerTick)
        case .fileWorkingSet(let pages, let refsPerTick, let accessPattern):
            int("pages", pages)
            int("refs_per_tick", refsPerTick)
            pattern(accessPattern)
        case .fork(let children, let childPages, let intervalSeconds, let pages):
            int("pages", pages)
            int("children", children)
            int("child_pages", childPages)
            members["interval_s"] = .number(intervalSeconds)
        }
        return .object(members)
    }
}
