import ReclaimWorkloads

extension Scenario.Workload {
    /// Every kind with the parameters it accepts besides `kind`, in documentation order.
    static let parameters: [(kind: String, keys: [String])] = [
        ("idle", ["total_vm", "rss"]),
        ("anon-grow", ["pages_per_s", "max_pages", "refs_per_tick", "pattern", "theta"]),
        ("anon-working-set", ["pages", "refs_per_tick", "pattern", "theta", "write_ratio"]),
        ("file-stream", ["pages", "refs_per_tick", "access", "file"]),
        ("file-working-set", ["pages", "refs_per_tick", "pattern", "theta", "access", "file"]),
        ("file-dirty", ["pages", "refs_per_tick", "pattern", "theta", "write_ratio", "access", "file"]),
        ("fork", ["pages", "children", "child_pages", "interval_s"]),
    ]

    static let patterns = ["uniform", "zipf", "sequential"]

    /// Decodes a `workload:` mapping: the kind first, then only that kind's parameters.
    init(node: ScenarioNode, at path: ScenarioKeyPath) throws {
        guard case .mapping = node else {
            throw ScenarioIssue(path, "expected a mapping, got \(node.summary)")
        }
        guard let kindNode = node["kind"] else {
            throw ScenarioIssue(
                path.appending("kind"),
                "missing required key (one of \(Self.parameters.map(\.kind).joined(separator: ", ")))")
        }
        let kind = try NodeReader.word(
            kindNode, at: path.appending("kind"), oneOf: Self.parameters.map(\.kind), what: "workload kind")
        let keys = Self.parameters.first { $0.kind == kind }!.keys
        let map = try MappingReader(node, at: path, allowed: ["kind"] + keys, context: "for kind \(kind)")
        let maxPages = Scenario.Limits.maxPages
        let pagesHint = "the number of pages, 1...\(maxPages), for kind \(kind)"
        func refs(_ fallback: Int) throws -> Int {
            try map.int("refs_per_tick", default: fallback, in: 0...Scenario.Limits.maxRefsPerTick)
        }
        func pattern(_ fallback: String) throws -> AccessPattern {
            try Self.pattern(map, default: fallback)
        }
        func writeRatio(_ fallback: Double) throws -> Double {
            try map.number("write_ratio", default: fallback, in: NumberRange(lower: 0, upper: 1))
        }
        let defaults = WorkloadSpec.Defaults.self
        switch kind {
        case "idle":
            let rss = try map.int("rss", default: 0, in: 0...maxPages)
            let totalVM = try map.int("total_vm", default: rss, in: 0...maxPages)
            guard totalVM >= rss else {
                throw ScenarioIssue(path.appending("total_vm"), "\(totalVM) is less than rss \(rss) (total_vm >= rss)")
            }
            self = .idle(totalVM: totalVM, rss: rss)
        case "anon-grow":
            self = .anonGrow(
                pagesPerSecond: try map.int("pages_per_s", default: 100, in: 1...maxPages),
                maxPages: try map.int("max_pages", default: 0, in: 0...maxPages),
                refsPerTick: try refs(defaults.refsPerTick), pattern: try pattern("uniform"))
        case "anon-working-set":
            self = .anonWorkingSet(
                pages: try map.int("pages", default: nil, in: 1...maxPages, hint: pagesHint),
                refsPerTick: try refs(defaults.refsPerTick), pattern: try pattern("zipf"),
                writeRatio: try writeRatio(defaults.anonWriteRatio))
        case "file-stream":
            self = .fileStream(
                pages: try map.int("pages", default: nil, in: 1...maxPages, hint: pagesHint),
                refsPerTick: try refs(defaults.streamRefsPerTick))
        case "file-working-set":
            self = .fileWorkingSet(
                pages: try map.int("pages", default: nil, in: 1...maxPages, hint: pagesHint),
                refsPerTick: try refs(defaults.refsPerTick), pattern: try pattern("zipf"))
        case "file-dirty":
            self = .fileDirty(
                pages: try map.int("pages", default: nil, in: 1...maxPages, hint: pagesHint),
                refsPerTick: try refs(defaults.refsPerTick), pattern: try pattern("uniform"),
                writeRatio: try writeRatio(defaults.fileDirtyWriteRatio))
        default:  // "fork"
            self = .fork(
                children: try map.int("children", default: 1, in: 0...Scenario.Limits.maxChildren),
                childPages: try map.int("child_pages", default: 256, in: 1...maxPages),
                intervalSeconds: try map.number(
                    "interval_s", default: 1, in: NumberRange(lower: 0, upper: Scenario.Limits.maxDurationSeconds)),
                pages: try map.int("pages", default: 0, in: 0...maxPages))
        }
    }

    /// `access` and `file` of a file workload (nil, nil for the other kinds): `access` one
    /// of read, write, mmap (default: write for `file-dirty`, read otherwise); `file` a name
    /// (default: none, a file of the task's own).
    static func fileKeys(
        _ node: ScenarioNode, at path: ScenarioKeyPath, workload: WorkloadSpec
    ) throws -> (access: FileAccess?, file: String?) {
        guard let fallback = workload.defaultFileAccess else { return (nil, nil) }
        var access = fallback
        if let a = node["access"] {
            let word = try NodeReader.word(
                a, at: path.appending("access"), oneOf: FileAccess.allCases.map(\.rawValue), what: "access")
            access = FileAccess(rawValue: word)!
        }
        let file = try node["file"].flatMap { $0.isNull ? nil : try NodeReader.name($0, at: path.appending("file")) }
        return (access, file)
    }

    /// `pattern` and `theta`; `theta` is only allowed with `zipf` (0 < theta <= 5, default 0.99).
    private static func pattern(_ map: MappingReader, default fallback: String) throws -> AccessPattern {
        let name = try map.word("pattern", default: fallback, oneOf: patterns, what: "pattern")
        guard name == "zipf" else {
            if map.has("theta") {
                throw ScenarioIssue(map.path.appending("theta"), "only allowed with pattern zipf (pattern is \(name))")
            }
            return name == "uniform" ? .uniform : .sequential
        }
        let theta = try map.number(
            "theta", default: WorkloadSpec.Defaults.theta,
            in: NumberRange(lower: 0, lowerInclusive: false, upper: Scenario.Limits.maxTheta))
        return .zipf(theta: theta)
    }
}
