import DequeModule
import ReclaimKernelFunctions

/// The one disk for writeback, swap-out and reads: a FIFO served at `disk_pages_per_s`.
///
/// Time inside the disk is in units of `1 / (hz * pagesPerSecond)` s, so that a jiffy
/// (`pagesPerSecond` units) and a page transfer (`hz` units) are both whole numbers.
struct Disk: Sendable {
    enum Kind: Sendable { case write, read }
    struct Request: Sendable {
        var done: Int64
        var pfn: Int32
        var kind: Kind
    }

    let hz: Int64
    let pagesPerSecond: Int64
    private(set) var queue = Deque<Request>()
    private var busyUntil: Int64 = 0
    /// Writes queued and not yet complete.
    private(set) var pendingWrites = 0

    init(hz: Int, pagesPerSecond: Int) {
        self.hz = Int64(hz)
        self.pagesPerSecond = Int64(pagesPerSecond)
    }

    /// Queues one page of I/O at jiffy `now`; returns when the transfer ends, in disk units.
    @discardableResult
    mutating func submit(now: Int, pfn: Int32, kind: Kind) -> Int64 {
        let start = max(busyUntil, Int64(now) * pagesPerSecond)
        busyUntil = start + hz
        queue.append(Request(done: busyUntil, pfn: pfn, kind: kind))
        if kind == .write { pendingWrites += 1 }
        return busyUntil
    }

    /// Whether a transfer ending at `done` ends within jiffy `now`.
    func endsWithin(jiffy now: Int, _ done: Int64) -> Bool { done <= Int64(now + 1) * pagesPerSecond }

    /// The first jiffy at whose start a transfer ending at `done` is complete.
    func jiffy(after done: Int64) -> Int { Int((done + pagesPerSecond - 1) / pagesPerSecond) }

    /// The block queue is congested (spec §4 rule 9 for file pages).
    var isCongested: Bool { pendingWrites >= KernelConstants.congestionThreshold }

    /// Takes the next request completed by jiffy `now`, if any.
    mutating func popCompleted(by now: Int) -> Request? {
        guard let first = queue.first, first.done <= Int64(now) * pagesPerSecond else { return nil }
        queue.removeFirst()
        if first.kind == .write { pendingWrites -= 1 }
        return first
    }
}
