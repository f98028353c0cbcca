import CTraceFS
import Foundation

/// The run's own tracing instance (`instances/reclaimlab-...`), through libtracefs: the
/// `vmscan` and `oom` events, the monotonic clock, per-CPU buffers of ``bufferKB``, and a
/// pid filter that follows forks (`set_event_pid` + `options/event-fork`).
public final class TraceInstance: @unchecked Sendable {
    /// The events enabled, `(system, name)`.
    public static let events: [(String, String)] = [
        ("vmscan", "mm_vmscan_memcg_reclaim_begin"), ("vmscan", "mm_vmscan_memcg_reclaim_end"),
        ("vmscan", "mm_vmscan_direct_reclaim_begin"), ("vmscan", "mm_vmscan_direct_reclaim_end"),
        ("vmscan", "mm_vmscan_lru_shrink_inactive"), ("vmscan", "mm_vmscan_lru_shrink_active"),
        ("vmscan", "mm_vmscan_write_folio"), ("vmscan", "mm_vmscan_throttled"), ("oom", "mark_victim"),
    ]
    /// 8 MiB per CPU drained every 20 ms lost no event at 10-19k events/s on the probe.
    public static let bufferKB = 8192

    public let name: String
    let instance: OpaquePointer
    let decoder: TraceDecoder

    /// Creates the instance, tracing off, configured; ``start(pids:)`` turns it on.
    public init(name: String, tracingDir: String) throws {
        precondition(name.hasPrefix(LiveNames.prefix), "live tracing instances carry the reclaimlab- prefix")
        self.name = name
        decoder = try TraceDecoder(tracingDir: tracingDir)
        guard let instance = tracefs_instance_create(name) else {
            throw LiveError.system(path: tracingDir + "/instances/" + name, operation: "create tracing instance", detail: String(cString: strerror(errno)))
        }
        self.instance = instance
        do {
            try write("tracing_on", "0")
            try write("buffer_size_kb", String(Self.bufferKB))
            try write("trace_clock", "mono")
            for (system, event) in Self.events {
                guard tracefs_event_enable(instance, system, event) == 0 else {
                    throw LiveError.unavailable("tracepoint \(system):\(event) is missing (kernel without CONFIG_TRACEPOINTS or too old)")
                }
            }
            guard tracefs_option_enable(instance, TRACEFS_OPTION_EVENT_FORK) == 0 else {
                throw LiveError.system(path: name, operation: "enable option", detail: "event-fork")
            }
        } catch {
            tracefs_instance_destroy(instance)
            tracefs_instance_free(instance)
            throw error
        }
    }

    /// Filters the events to `pids` (and, by event-fork, their children) and turns tracing on.
    public func start(pids: [Int32]) throws {
        try write("set_event_pid", pids.map(String.init).joined(separator: " "))
        try write("tracing_on", "1")
    }

    /// Turns tracing off (events already in the buffers stay readable).
    public func stop() {
        _ = try? write("tracing_on", "0")
    }

    /// Reads and consumes everything in the per-CPU buffers now, decoded.
    public func drain() -> [TraceEvent] {
        decoder.events.removeAll(keepingCapacity: true)
        let context = Unmanaged.passUnretained(decoder).toOpaque()
        tracefs_iterate_raw_events(decoder.tep, instance, nil, 0, { event, record, _, context in
            guard let event, let record, let context else { return 0 }
            Unmanaged<TraceDecoder>.fromOpaque(context).takeUnretainedValue().decode(event, record)
            return 0
        }, context)
        return decoder.events
    }

    /// Events the ring buffers lost: `overrun` + `dropped events` of every `per_cpu/cpuN/stats`.
    public func eventsLost() -> Int {
        var lost = 0
        var cpu = 0
        while let text = fileText("per_cpu/cpu\(cpu)/stats") {
            for line in text.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let key = parts[0].trimmingCharacters(in: .whitespaces)
                if key == "overrun" || key == "dropped events" {
                    lost += Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            cpu += 1
        }
        return lost + decoder.missedEvents
    }

    /// Turns tracing off and removes the instance.
    public func destroy() {
        stop()
        tracefs_instance_destroy(instance)
        tracefs_instance_free(instance)
    }

    /// Removes an instance by name (cleanup of a dead run): true when it is gone.
    @discardableResult
    public static func remove(name: String, tracingDir: String) -> Bool {
        let dir = tracingDir + "/instances/" + name
        guard SysFile.exists(dir) else { return true }
        try? SysFile.write(dir + "/tracing_on", "0")
        return rmdir(dir) == 0
    }

    private func write(_ file: String, _ value: String) throws {
        guard tracefs_instance_file_write(instance, file, value) >= 0 else {
            throw LiveError.system(path: "instances/\(name)/\(file)", operation: "write '\(value)' to", detail: String(cString: strerror(errno)))
        }
    }

    private func fileText(_ file: String) -> String? {
        var size: Int32 = 0
        guard let raw = tracefs_instance_file_read(instance, file, &size) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }
}
