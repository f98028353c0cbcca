/// Capabilities that `badness()` looks at (docs/model.md §7.1).
public struct Capabilities: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let sysAdmin = Capabilities(rawValue: 1)
    public static let sysRawio = Capabilities(rawValue: 2)
}
