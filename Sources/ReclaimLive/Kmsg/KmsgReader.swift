import Foundation

/// Reads the kernel log from `/dev/kmsg` from the moment it was opened (seeked to the end,
/// so older reports are never taken for the run's), without blocking.
public final class KmsgReader: @unchecked Sendable {
    public static let path = "/dev/kmsg"
    private let fd: Int32
    public private(set) var records: [KmsgRecord] = []

    public init() throws {
        fd = open(Self.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SysFile.failure(Self.path, "open") }
        lseek(fd, 0, SEEK_END)
    }

    deinit { close(fd) }

    /// Reads every record available now; returns how many were added.
    @discardableResult
    public func poll() -> Int {
        var buffer = [UInt8](repeating: 0, count: 8192)
        var added = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EPIPE || errno == EINTR { continue }  // overwritten records: skip on
                break  // EAGAIN: nothing more now
            }
            if n == 0 { break }
            let text = String(decoding: buffer[0..<n], as: UTF8.self)
            if let record = KmsgRecord(Substring(text)) {
                records.append(record)
                added += 1
            }
        }
        return added
    }

    /// Writes `marker` to the log and returns the offset of the log clock from
    /// `CLOCK_MONOTONIC`, µs (log time - monotonic time), measured on the marker's record
    /// (`/dev/kmsg` time is the `global` trace clock, not `mono`).
    public func measureClockOffset(marker: String) throws -> Int64 {
        let out = open(Self.path, O_WRONLY | O_CLOEXEC)
        guard out >= 0 else { throw SysFile.failure(Self.path, "open for writing") }
        defer { close(out) }
        let before = LiveClock.monotonicMicroseconds()
        let bytes = Array((marker + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(out, $0.baseAddress, $0.count) }
        let after = LiveClock.monotonicMicroseconds()
        for _ in 0..<50 {
            poll()
            if let record = records.last(where: { $0.message.hasSuffix(marker) }) {
                return record.microseconds - (before + after) / 2
            }
            usleep(2000)
        }
        return 0
    }
}

/// The monotonic clock (`CLOCK_MONOTONIC`, the trace instance's `mono` clock).
public enum LiveClock {
    public static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    public static func monotonicMicroseconds() -> Int64 {
        Int64(monotonicNanoseconds() / 1000)
    }
}
