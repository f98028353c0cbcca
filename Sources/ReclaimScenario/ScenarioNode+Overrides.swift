extension ScenarioNode {
    /// Keys whose value is a list addressed by item `name`; used to explain a path into an
    /// absent list instead of creating a mapping there.
    private static let namedLists: Set<String> = ["containers", "tasks"]

    /// Returns the document with every override applied in order.
    ///
    /// A missing mapping key is created (so `machine.swappiness` works on a file without
    /// `machine:`); whether the key is allowed is checked when the result is decoded. List
    /// items are addressed by `[index]` or by their `name`, and must exist.
    ///
    /// - Parameter sourceName: the file name used in error messages.
    /// - Throws: ``ScenarioError/invalid(file:keyPath:problem:)`` (exit 64) naming the path.
    public func applying(_ overrides: [Override], sourceName: String) throws -> ScenarioNode {
        try applyingResolved(overrides, sourceName: sourceName).node
    }

    /// Parses each `(keyPath, value)` as ``Override/init(keyPath:value:)`` does and applies it.
    public func applying(
        _ overrides: [(keyPath: String, value: String)], sourceName: String = "scenario"
    ) throws -> ScenarioNode {
        try applying(overrides.map { try Override(keyPath: $0.keyPath, value: $0.value) }, sourceName: sourceName)
    }

    /// Applies overrides and returns, for each, the path it set in index form
    /// (`containers.web` becomes `containers[0]`), to attribute later validation errors.
    func applyingResolved(
        _ overrides: [Override], sourceName: String
    ) throws -> (node: ScenarioNode, resolved: [ScenarioKeyPath]) {
        var node = self
        var resolved: [ScenarioKeyPath] = []
        for override in overrides {
            var path = ScenarioKeyPath()
            do {
                node = try node.setting(
                    override.keyPath.components[...], to: override.value, under: nil, resolved: &path)
            } catch let issue as ScenarioIssue {
                throw ScenarioError.invalid(
                    file: sourceName, keyPath: override.keyPath.description,
                    problem: "\(issue.problem) (from \(override.description))")
            }
            resolved.append(path)
        }
        return (node, resolved)
    }

    /// Sets the value at `components` below this node; `key` is this node's own key.
    private func setting(
        _ components: ArraySlice<ScenarioKeyPath.Component>, to value: ScenarioNode, under key: String?,
        resolved: inout ScenarioKeyPath
    ) throws -> ScenarioNode {
        guard let first = components.first else { return value }
        let rest = components.dropFirst()
        let here = resolved
        let hereName = here.components.isEmpty ? "the document" : here.description
        switch (self, first) {
        case (.mapping(var entries), .key(let name)):
            resolved = resolved.appending(name)
            if let index = entries.firstIndex(where: { $0.key == name }) {
                entries[index].value = try entries[index].value.setting(
                    rest, to: value, under: name, resolved: &resolved)
            } else {
                entries.append(
                    Entry(
                        key: name,
                        value: try ScenarioNode.null.setting(rest, to: value, under: name, resolved: &resolved)))
            }
            return .mapping(entries)
        case (_, .key(let name)) where isNull:
            if let key, Self.namedLists.contains(key) {
                throw ScenarioIssue(here, "no item named \(quoted(name)) in \(here) (\(here) is empty)")
            }
            return try ScenarioNode.mapping([]).setting(components, to: value, under: key, resolved: &resolved)
        case (.sequence(var items), .key(let name)):
            guard let index = items.firstIndex(where: { $0["name"].map(\.nameText) == name }) else {
                let names = items.compactMap { $0["name"]?.nameText }
                throw ScenarioIssue(
                    here,
                    "no item named \(quoted(name)) in \(here) (names: \(names.isEmpty ? "none" : names.joined(separator: ", ")))"
                )
            }
            resolved = resolved.appending(index)
            items[index] = try items[index].setting(rest, to: value, under: nil, resolved: &resolved)
            return .sequence(items)
        case (.sequence(var items), .index(let index)):
            guard index < items.count else {
                throw ScenarioIssue(here, "index \(index) is out of range (\(here) has \(items.count) items)")
            }
            resolved = resolved.appending(index)
            items[index] = try items[index].setting(rest, to: value, under: nil, resolved: &resolved)
            return .sequence(items)
        case (.mapping, .index(let index)):
            throw ScenarioIssue(here, "\(hereName) is a mapping, not a list, so [\(index)] does not apply")
        case (_, .index(let index)) where isNull:
            throw ScenarioIssue(here, "index \(index) is out of range (\(here) is empty)")
        default:
            throw ScenarioIssue(here, "\(hereName) is \(summary), which has no keys or items")
        }
    }

    /// The text of a scalar, for matching list items by `name`.
    fileprivate var nameText: String? {
        if case .scalar(let scalar) = self, scalar.kind != .null { return scalar.text }
        return nil
    }
}
