/// The migrations applied to a database, in registration order.
public struct SchemaVersion: Sendable, Hashable, CustomStringConvertible {
    /// Identifiers of the applied migrations (file names without `.sql`).
    public var applied: [String]
    /// How many migrations are applied.
    public var count: Int { applied.count }
    /// The last applied migration, nil for an empty database.
    public var latest: String? { applied.last }

    public init(applied: [String]) { self.applied = applied }

    /// E.g. `1 (m0001_initial)`.
    public var description: String { "\(count) (\(latest ?? "empty"))" }
}
