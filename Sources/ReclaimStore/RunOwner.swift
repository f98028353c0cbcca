import Foundation

/// The process that claimed a `running` run: its host, pid and start time
/// (`runs.owner_host`, `owner_pid`, `owner_start`, migration m0007).
///
/// Several processes may sweep into one database at once. A run's claim is taken in the
/// same transaction that makes its row `running`; another process that finds the row
/// `running` asks ``liveness(on:)`` whether the claim still has an owner: a live owner's run
/// is left alone, a dead owner's run is taken over. The start time tells a live owner from a
/// later process that reuses its pid.
public struct RunOwner: Sendable, Equatable, Hashable {
    /// Host name, as `gethostname(2)` gives it.
    public var host: String
    /// Process id on that host.
    public var pid: Int32
    /// Start time of the process, clock ticks after boot (`/proc/PID/stat` field 22); 0
    /// where the system has no `/proc`.
    public var start: Int64

    public init(host: String, pid: Int32, start: Int64) {
        self.host = host
        self.pid = pid
        self.start = start
    }

    /// This process.
    public static let current = RunOwner(
        host: ProcessInfo.processInfo.hostName, pid: getpid(), start: startTime(of: getpid()) ?? 0)

    /// Whether an owner is still running, as far as this host can tell.
    public enum Liveness: Sendable, Equatable {
        /// The owner's process exists with the recorded start time.
        case alive
        /// The owner was on this host and its process is gone (or the pid now belongs to a
        /// process started at another time).
        case dead
        /// The owner is on another host: nothing here can tell.
        case unknown
    }

    /// Whether this owner is alive, seen from `host`.
    public func liveness(on host: String = RunOwner.current.host) -> Liveness {
        guard host == self.host else { return .unknown }
        if let start = Self.startTime(of: pid) {
            return self.start == 0 || start == self.start ? .alive : .dead
        }
        // No /proc entry: on Linux the process is gone; elsewhere ask kill(2).
        if FileManager.default.fileExists(atPath: "/proc/self/stat") { return .dead }
        return kill(pid, 0) == 0 || errno == EPERM ? .alive : .dead
    }

    /// Field 22 (`starttime`) of `/proc/PID/stat`, clock ticks after boot; nil when the file
    /// is missing or unreadable. The command name (field 2) is in parentheses and may hold
    /// spaces and parentheses, so the fields are counted after its last `)`.
    static func startTime(of pid: Int32) -> Int64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return nil }
        return startTime(fromStat: text)
    }

    /// Field 22 of a `/proc/PID/stat` line.
    static func startTime(fromStat text: String) -> Int64? {
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so field 22 is fields[19].
        guard fields.count > 19 else { return nil }
        return Int64(fields[19])
    }
}

extension RunOwner: CustomStringConvertible {
    /// `pid 4242 on build-3`.
    public var description: String { "pid \(pid) on \(host)" }
}
