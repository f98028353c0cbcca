/// Which mapping of a task a reference goes to.
public enum MappingArea: UInt8, Sendable, Hashable {
    /// The task's private anonymous memory.
    case anon
    /// The task's mapping of its own file (shared mapping for `file-dirty`).
    case file
}

/// One page reference made by a task: a page index inside one of its mappings.
public struct PageRef: Sendable, Hashable {
    public var area: MappingArea
    public var index: Int32
    public var write: Bool

    @inlinable
    public init(area: MappingArea, index: Int32, write: Bool) {
        self.area = area
        self.index = index
        self.write = write
    }
}
