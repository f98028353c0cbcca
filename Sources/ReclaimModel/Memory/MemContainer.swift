/// One RSS container: a resource counter (docs/model.md §8.2) and the container's own LRU lists
/// (docs/model.md §8.3: "container_isolate_pages takes entries from the tail of the container's own
/// list; each page still also lives on its zone list").
///
/// [I] The container lists mirror the zone lists: a charged page sits on the container list
/// of the same kind (active or inactive) and moves with every zone-list move.
public struct MemContainer: Sendable {
    public let name: String
    public let limit: Int
    /// Charged pages.
    public internal(set) var usage = 0
    public internal(set) var maxUsage = 0
    /// Failed charges (`usage + 1 > limit`).
    public internal(set) var failcnt = 0
    public internal(set) var active = LRUList()
    public internal(set) var inactive = LRUList()

    public init(name: String, limit: Int) {
        self.name = name
        self.limit = limit
    }

    /// `container_nr_physpages`: pages on the container's lists.
    public var physpages: Int { active.count + inactive.count }

    /// The resource-counter charge of docs/model.md §8.2: fails iff `usage + pages > limit`, counting
    /// the failure in `failcnt`; usage may reach exactly `limit` (G15).
    public mutating func charge(_ pages: Int = 1) -> Bool {
        if usage + pages > limit {
            failcnt += 1
            return false
        }
        usage += pages
        if usage > maxUsage { maxUsage = usage }
        return true
    }

    /// Gives back a charge (the page's last mapping went away, or a prepared charge was unused).
    public mutating func uncharge(_ pages: Int = 1) {
        precondition(usage >= pages, "uncharge below zero in container \(name)")
        usage -= pages
    }
}
