/// A path to one value inside a scenario: `seed`, `machine.swappiness`,
/// `containers.web.limit_pages`, `tasks[0].nice`.
///
/// Components are separated by `.`; `[N]` addresses a list item by its index; a plain
/// component applied to a list addresses the item whose `name` is that component (names
/// may not contain `.`, `[`, `]`, `#` or `=`, so the forms cannot clash). The same paths
/// name values in error messages (always in index form there), in `--set` and in sweep axes.
public struct ScenarioKeyPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Component: Sendable, Hashable {
        /// A mapping key, or the `name` of a list item.
        case key(String)
        /// A list index, from 0.
        case index(Int)
    }

    public var components: [Component]

    /// The empty path: the whole document.
    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// Parses `machine.swappiness`, `containers.web.limit_pages` or `tasks[0].nice`.
    ///
    /// - Returns: nil when the text is not a path (empty component, bad index, stray bracket).
    public init?(parsing text: String) {
        var components: [Component] = []
        for segment in text.split(separator: ".", omittingEmptySubsequences: false) {
            let open = segment.firstIndex(of: "[") ?? segment.endIndex
            let key = segment[..<open]
            guard !key.isEmpty, !key.contains("]") else { return nil }
            components.append(.key(String(key)))
            var rest = segment[open...]
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
                let digits = rest[rest.index(after: rest.startIndex)..<close]
                guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                    let index = Int(digits)
                else { return nil }
                components.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
        }
        self.components = components
    }

    /// The path one level down.
    public func appending(_ component: Component) -> ScenarioKeyPath {
        ScenarioKeyPath(components + [component])
    }

    /// The path to the key `key` below this one.
    public func appending(_ key: String) -> ScenarioKeyPath { appending(.key(key)) }

    /// The path to the list item at `index` below this one.
    public func appending(_ index: Int) -> ScenarioKeyPath { appending(.index(index)) }

    /// Whether `self` equals `other` or lies below it.
    public func hasPrefix(_ other: ScenarioKeyPath) -> Bool {
        components.starts(with: other.components)
    }

    /// `tasks[1].workload.kind`; empty for the whole document.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}
