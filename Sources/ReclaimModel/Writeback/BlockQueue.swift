import ReclaimKernelFunctions
import ReclaimRecords
import DequeModule

/// The disk's request queue of 2.6.20 (block/ll_rw_blk.c, docs/model.md §13.A) in front of one disk
/// that serves one request at a time: pages arrive as one-page bios, a bio contiguous with a
/// queued request that has not started (same direction, same file and the next or previous
/// page index, or the next or previous swap slot) merges into it up to `max_sectors`,
/// otherwise it takes a new request. Requests are counted per direction from allocation to
/// completion, dispatched ones included (A2); the counts drive congestion (on at 113, off
/// below 103 for 128 requests, A3-A5) and fullness (128, A6).
///
/// Dispatch: reads before writes (CFQ's sync queues preempt the async write queue, A10;
/// no seek sorting), FIFO within a direction; a started request no longer merges (A8).
/// Plugging (A1): a request added to an empty queue waits for the unplug — the next jiffy
/// (`max(1, 3*HZ/1000)` jiffies), the 4th queued request, or a task that waits for a page
/// (`sync_page` unplugs at once, ``unplugNow(_:)``).
///
/// Service time of a request: `requestCost` plus its pages at `pagesPerSecond`. Time is in
/// units of `1 / (hz * pagesPerSecond)` s, so a jiffy (`pagesPerSecond` units) and a page
/// transfer (`hz` units) are whole numbers.
struct BlockQueue: Sendable {
    enum Direction: Int, Sendable {
        case read = 0
        case write = 1
    }

    /// Who is asleep on the queue (a task, kswapd or a pdflush thread).
    enum Sleeper: Hashable, Sendable {
        case task(Int)
        case kswapd
        case pdflush
        case kupdate
        case laptopSync
    }

    /// A request: contiguous pages of one file (or of swap, `space == -1`) in one direction.
    struct Request: Sendable {
        var dir: Direction
        var space: Int32
        /// Disk position of the first page: the page index in the file, or the swap slot.
        var first: Int32
        /// The pages, in disk order.
        var pfns: [Int32]
        var started = false
        /// When the transfer ends (set when started).
        var done: Int64 = 0
        /// Tasks waiting for this read to finish.
        var readers: [Int] = []
    }

    /// `nr_requests` (A1).
    static let nrRequests = 128
    /// `blk_queue_congestion_threshold` (A3): congested once a direction holds this many
    /// requests (`nr - nr/8 + 1` = 113 for 128).
    static func congestionOn(nrRequests nr: Int) -> Int { min(nr, nr - nr / 8 + 1) }
    /// ... and uncongested when a free leaves fewer than this (`nr - nr/8 - nr/16 - 1` = 103).
    static func congestionOff(nrRequests nr: Int) -> Int { max(1, nr - nr / 8 - nr / 16 - 1) }
    /// Requests queued that unplug a plugged queue (`unplug_thresh`, A1).
    static let unplugThreshold = 4

    let hz: Int64
    let pagesPerSecond: Int64
    /// Pages one request may hold: `max_sectors / 8` (4 KiB pages of 512-byte sectors).
    let maxPages: Int
    /// Per-request cost in disk units (`machine.disk_request_ms`).
    let requestCost: Int64
    let congestionOn: Int
    let congestionOff: Int

    private var requests: [Int: Request] = [:]
    private var nextID = 0
    /// Requests waiting for the disk, per direction, oldest first.
    private var pending: [Deque<Int>] = [[], []]
    /// Started requests, in completion order (one disk: start order).
    private var inService = Deque<Int>()
    /// Merge candidates among pending requests: disk position just past the end (back
    /// merge) and just before the start (front merge) -> request.
    private var backMerge: [Int64: Int] = [:]
    private var frontMerge: [Int64: Int] = [:]
    /// When the disk finishes what it has started.
    private var freeAt: Int64 = 0
    /// The queue is plugged until this disk time (nil = unplugged).
    private var pluggedUntil: Int64?
    /// `rl->count[READ|WRITE]`: requests allocated and not yet completed.
    private(set) var count = [0, 0]
    /// The per-direction congested bits (`set_bdi_congested` / `clear_bdi_congested`).
    private(set) var congested = [false, false]
    /// Requests ever allocated per direction (after merging): `runs.read_requests` and
    /// `write_requests`.
    private(set) var allocated = [0, 0]

    init(hz: Int, pagesPerSecond: Int, requestMs: Double = 0, maxSectors: Int = KernelConstants.maxSectors, nrRequests: Int = BlockQueue.nrRequests) {
        self.hz = Int64(hz)
        self.pagesPerSecond = Int64(pagesPerSecond)
        maxPages = max(1, maxSectors / 8)
        requestCost = Int64((requestMs * Double(hz) * Double(pagesPerSecond) / 1000).rounded())
        congestionOn = Self.congestionOn(nrRequests: nrRequests)
        congestionOff = Self.congestionOff(nrRequests: nrRequests)
    }

    /// Disk time at the start of jiffy `now`.
    func time(_ now: Int) -> Int64 { Int64(now) * pagesPerSecond }

    /// The write queue is congested (`bdi_write_congested`).
    var isWriteCongested: Bool { congested[Direction.write.rawValue] }
    var isReadCongested: Bool { congested[Direction.read.rawValue] }
    /// A direction is full: an allocator would sleep in `get_request_wait` (A6-A7).
    func isFull(_ dir: Direction) -> Bool { count[dir.rawValue] >= Self.nrRequests }
    /// Write requests allocated and not completed.
    var pendingWrites: Int { count[Direction.write.rawValue] }

    private static func key(_ dir: Direction, _ space: Int32, _ index: Int32) -> Int64 {
        Int64(space) << 33 | Int64(dir.rawValue) << 32 | Int64(UInt32(bitPattern: index))
    }

    /// What a submission did.
    struct Submitted: Sendable {
        /// The request the page joined or opened.
        var request: Int
        /// A new request was allocated (not a merge).
        var allocated: Bool
    }

    /// Submits a one-page bio at jiffy `now` (`__make_request`): merges it into a pending
    /// contiguous request of the same direction when the result stays within `max_sectors`,
    /// else allocates a request (setting the congested bit when the count reaches the "on"
    /// threshold).
    @discardableResult
    mutating func submit(now: Int, dir: Direction, space: Int32, index: Int32, pfn: Int32) -> Submitted {
        let t = time(now)
        dispatch(upTo: t)
        let d = dir.rawValue
        if let id = backMerge[Self.key(dir, space, index)], let r = requests[id], r.pfns.count < maxPages {
            backMerge[Self.key(dir, space, index)] = nil
            requests[id]!.pfns.append(pfn)
            backMerge[Self.key(dir, space, index &+ 1)] = id
            return Submitted(request: id, allocated: false)
        }
        if let id = frontMerge[Self.key(dir, space, index)], let r = requests[id], r.pfns.count < maxPages {
            frontMerge[Self.key(dir, space, index)] = nil
            requests[id]!.pfns.insert(pfn, at: 0)
            requests[id]!.first = index
            frontMerge[Self.key(dir, space, index &- 1)] = id
            return Submitted(request: id, allocated: false)
        }
        let id = nextID
        nextID += 1
        requests[id] = Request(dir: dir, space: space, first: index, pfns: [pfn])
        backMerge[Self.key(dir, space, index &+ 1)] = id
        frontMerge[Self.key(dir, space, index &- 1)] = id
        let wasEmpty = pending[0].isEmpty && pending[1].isEmpty
        pending[d].append(id)
        count[d] += 1
        allocated[d] += 1
        if count[d] >= congestionOn { congested[d] = true }
        if wasEmpty && inService.isEmpty && pluggedUntil == nil {
            pluggedUntil = time(now + 1)  // blk_plug_device: the unplug timer, one jiffy at HZ <= 333
        }
        if pending[0].count + pending[1].count >= Self.unplugThreshold { unplug(at: t) }
        dispatch(upTo: t)
        return Submitted(request: id, allocated: true)
    }

    /// A task waits on a page of the queue: unplug and start what the disk can start now.
    mutating func unplugNow(_ now: Int) {
        unplug(at: time(now))
        dispatch(upTo: time(now))
    }

    private mutating func unplug(at t: Int64) {
        if let p = pluggedUntil, p > t { pluggedUntil = t }
    }

    /// Starts the requests the disk has begun by disk time `t`: whenever it is free and the
    /// queue unplugged, the oldest pending read, else the oldest pending write.
    mutating func dispatch(upTo t: Int64) {
        while true {
            let d: Int
            if !pending[0].isEmpty { d = 0 } else if !pending[1].isEmpty { d = 1 } else {
                pluggedUntil = nil
                return
            }
            var start = freeAt
            if let p = pluggedUntil { start = max(start, p) }
            guard start <= t else { return }
            pluggedUntil = nil
            let id = pending[d].removeFirst()
            var r = requests[id]!
            let back = Self.key(r.dir, r.space, r.first &+ Int32(r.pfns.count))
            if backMerge[back] == id { backMerge[back] = nil }
            let front = Self.key(r.dir, r.space, r.first &- 1)
            if frontMerge[front] == id { frontMerge[front] = nil }
            r.started = true
            r.done = start + requestCost + Int64(r.pfns.count) * hz
            freeAt = r.done
            requests[id] = r
            inService.append(id)
        }
    }

    /// When request `id` ends, if it has started (its time is then fixed).
    func doneTime(_ id: Int) -> Int64? {
        guard let r = requests[id], r.started else { return nil }
        return r.done
    }

    /// A task waits for read request `id` (woken by ``popCompleted(by:)``'s caller).
    mutating func addReader(_ task: Int, to id: Int) { requests[id]?.readers.append(task) }

    /// Whether a transfer ending at `done` ends within jiffy `now`.
    func endsWithin(jiffy now: Int, _ done: Int64) -> Bool { done <= time(now + 1) }

    /// The first jiffy at whose start a transfer ending at `done` is complete.
    func jiffy(after done: Int64) -> Int { Int((done + pagesPerSecond - 1) / pagesPerSecond) }

    /// What one completion freed.
    struct Completion: Sendable {
        var request: Request
        /// The free left the direction's count below the "off" threshold: the congested bit
        /// is cleared and every `congestion_wait` sleeper of that direction woken (A5, B2).
        var cleared: Bool
        /// The free left room (count <= nr_requests - 1): one `get_request_wait` sleeper wakes.
        var room: Bool
    }

    /// Takes the next request completed by the start of jiffy `now` (`end_that_request_last`
    /// -> `__freed_request`), if any.
    mutating func popCompleted(by now: Int) -> Completion? {
        let t = time(now)
        dispatch(upTo: t)
        guard let id = inService.first, requests[id]!.done <= t else { return nil }
        inService.removeFirst()
        let r = requests.removeValue(forKey: id)!
        let d = r.dir.rawValue
        count[d] -= 1
        var cleared = false
        if count[d] < congestionOff {
            congested[d] = false
            cleared = true
        }
        dispatch(upTo: t)
        return Completion(request: r, cleared: cleared, room: count[d] < Self.nrRequests)
    }
}
