/// Where an engine (the simulator, a live-kernel runner) reports what happened: the store is
/// one implementation of this protocol, tests use another (docs/README.md, "Where the code
/// is").
///
/// The simulator is generic over its sink, so there is no existential call per event.
/// Events arrive in simulated-time order; within a reclaim call the passes come before
/// the call row (the call row is complete only when the call ends).
public protocol EventSink {
    mutating func reclaimCall(_ record: ReclaimCallRecord)
    mutating func scanPass(_ record: ScanPassRecord)
    mutating func oomEvent(_ record: OOMEventRecord)
    mutating func oomCandidate(_ record: OOMCandidateRecord)
    mutating func sample(_ record: SampleRecord)
}

/// A sink that keeps every event in arrays: for tests and for runs recorded in one go.
public struct RecordingSink: EventSink, Sendable {
    public var reclaimCalls: [ReclaimCallRecord] = []
    public var scanPasses: [ScanPassRecord] = []
    public var oomEvents: [OOMEventRecord] = []
    public var oomCandidates: [OOMCandidateRecord] = []
    public var samples: [SampleRecord] = []

    public init() {}

    public mutating func reclaimCall(_ record: ReclaimCallRecord) { reclaimCalls.append(record) }
    public mutating func scanPass(_ record: ScanPassRecord) { scanPasses.append(record) }
    public mutating func oomEvent(_ record: OOMEventRecord) { oomEvents.append(record) }
    public mutating func oomCandidate(_ record: OOMCandidateRecord) { oomCandidates.append(record) }
    public mutating func sample(_ record: SampleRecord) { samples.append(record) }

    /// Empties every list, keeping their storage for the next batch (a streaming recorder
    /// reuses one buffer instead of growing fresh arrays after every flush).
    public mutating func removeAll(keepingCapacity: Bool) {
        reclaimCalls.removeAll(keepingCapacity: keepingCapacity)
        scanPasses.removeAll(keepingCapacity: keepingCapacity)
        oomEvents.removeAll(keepingCapacity: keepingCapacity)
        oomCandidates.removeAll(keepingCapacity: keepingCapacity)
        samples.removeAll(keepingCapacity: keepingCapacity)
    }
}

/// A sink that drops everything (benchmarks of the model alone).
public struct NullSink: EventSink, Sendable {
    public init() {}
    public mutating func reclaimCall(_ record: ReclaimCallRecord) {}
    public mutating func scanPass(_ record: ScanPassRecord) {}
    public mutating func oomEvent(_ record: OOMEventRecord) {}
    public mutating func oomCandidate(_ record: OOMCandidateRecord) {}
    public mutating func sample(_ record: SampleRecord) {}
}
