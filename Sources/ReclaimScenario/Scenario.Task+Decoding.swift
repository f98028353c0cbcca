extension Scenario.Task {
    static let keys = [
        "name", "container", "count", "pid", "uid", "nice", "caps", "oom_adj", "start_s", "cpu_s", "parent",
        "workload",
    ]

    /// Decodes one item of `tasks:` except what needs the other tasks: `pid` is the explicit
    /// pid or nil, and `parent` is checked later by ``Scenario/resolveReferences(_:at:)``.
    ///
    /// - Parameters:
    ///   - containers: the scenario's containers, to check `container:` against.
    ///   - uptimeSeconds: `machine.uptime_s`, the earliest allowed `start_s` negated.
    static func decode(
        _ node: ScenarioNode, at path: ScenarioKeyPath, containers: [Scenario.Container], uptimeSeconds: Int
    ) throws -> (task: Scenario.Task, explicitPid: Int?) {
        let map = try MappingReader(node, at: path, allowed: keys)
        let name = try map.name(hint: "the task's name")
        let container = try map.optionalString("container")
        if let container, !containers.contains(where: { $0.name == container }) {
            let known =
                containers.isEmpty
                ? "no containers are defined" : "containers: \(containers.map(\.name).joined(separator: ", "))"
            throw ScenarioIssue(path.appending("container"), "no container named \(quoted(container)) (\(known))")
        }
        let count = try map.int("count", default: 1, in: 1...Scenario.Limits.maxCount)
        let explicitPid: Int? =
            try map["pid"].flatMap {
                $0.isNull ? nil : try NodeReader.int($0, at: path.appending("pid"), in: 1...Scenario.Limits.maxPid)
            }
        let uid = try map.int("uid", default: 1000, in: 0...65535)
        let nice = try map.int("nice", default: 0, in: -20...19)
        let caps = try decodeCaps(map["caps"] ?? .null, at: path.appending("caps"))
        let oomAdj = try map.int("oom_adj", default: 0, in: -17...15)
        let start = try map.number(
            "start_s", default: 0,
            in: NumberRange(lower: -Double(Scenario.Limits.maxUptimeSeconds), upper: Scenario.Limits.maxDurationSeconds)
        )
        if Double(uptimeSeconds) + start < 0 {
            throw ScenarioIssue(
                path.appending("start_s"),
                "\(formatNumber(start)) is before boot (machine.uptime_s is \(uptimeSeconds), so start_s >= \(formatNumber(-Double(uptimeSeconds))))"
            )
        }
        let cpu = try map.number("cpu_s", default: 0, in: NumberRange(lower: 0, upper: Scenario.Limits.maxCPUSeconds))
        let parent = try map.optionalString("parent")
        let workloadNode = try map.required("workload", "a mapping with a kind")
        let workload = try Scenario.Workload(node: workloadNode, at: path.appending("workload"))
        let (access, file) = try Scenario.Workload.fileKeys(
            workloadNode, at: path.appending("workload"), workload: workload.spec(hz: 1))
        let task = Scenario.Task(
            name: name, container: container, count: count, pid: explicitPid ?? 0, uid: uid, nice: nice, caps: caps,
            oomAdj: oomAdj, startSeconds: start, cpuSeconds: cpu, parent: parent, workload: workload,
            access: access, file: file)
        return (task, explicitPid)
    }

    /// `caps:`: a list of capability names, each at most once; null = none. Sorted.
    private static func decodeCaps(_ node: ScenarioNode, at path: ScenarioKeyPath) throws -> [Scenario.Capability] {
        let items = node.isNull ? [] : try NodeReader.sequence(node, at: path)
        var caps: [Scenario.Capability] = []
        let names = Scenario.Capability.allCases.map(\.rawValue)
        for (index, item) in items.enumerated() {
            let word = try NodeReader.word(item, at: path.appending(index), oneOf: names, what: "capability")
            let cap = Scenario.Capability(rawValue: word)!
            guard !caps.contains(cap) else {
                throw ScenarioIssue(path.appending(index), "\(quoted(word)) is listed twice")
            }
            caps.append(cap)
        }
        return caps.sorted()
    }
}
