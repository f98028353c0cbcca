import CTraceFS
import Foundation

/// Decodes raw ring-buffer records with libtraceevent: each event by its own format file,
/// fields looked up by name once, so a field a later kernel adds does not break decoding.
final class TraceDecoder {
    let tep: OpaquePointer
    var events: [TraceEvent] = []
    /// Records whose `missed_events` said the buffer dropped events before them.
    var missedEvents = 0

    private enum Which { case memcgBegin, memcgEnd, directBegin, directEnd, inactive, active, writeFolio, throttled, markVictim }
    private var byId: [Int32: Which] = [:]
    private var fields: [String: UnsafeMutablePointer<tep_format_field>] = [:]

    init(tracingDir: String) throws {
        let owned: [UnsafeMutablePointer<CChar>?] = [strdup("vmscan"), strdup("oom")]
        defer { for s in owned { free(s) } }
        let systems: [UnsafePointer<CChar>?] = owned.map { UnsafePointer($0) } + [nil]
        guard let tep = systems.withUnsafeBufferPointer({ tracefs_local_events_system(tracingDir, $0.baseAddress) }) else {
            throw LiveError.unavailable("libtracefs could not read the event formats under \(tracingDir)/events")
        }
        self.tep = tep
        let names: [(String, Which)] = [
            ("mm_vmscan_memcg_reclaim_begin", .memcgBegin), ("mm_vmscan_memcg_reclaim_end", .memcgEnd),
            ("mm_vmscan_direct_reclaim_begin", .directBegin), ("mm_vmscan_direct_reclaim_end", .directEnd),
            ("mm_vmscan_lru_shrink_inactive", .inactive), ("mm_vmscan_lru_shrink_active", .active),
            ("mm_vmscan_write_folio", .writeFolio), ("mm_vmscan_throttled", .throttled), ("mark_victim", .markVictim),
        ]
        for (name, which) in names {
            let system = which == .markVictim ? "oom" : "vmscan"
            guard let event = tep_find_event_by_name(tep, system, name) else { continue }
            byId[event.pointee.id] = which
            for field in Self.fieldNames(which) {
                if let f = tep_find_field(event, field) { fields[name + "." + field] = f }
            }
        }
    }

    deinit { tep_free(tep) }

    private static func fieldNames(_ which: Which) -> [String] {
        switch which {
        case .memcgBegin, .directBegin: []
        case .memcgEnd, .directEnd: ["nr_reclaimed"]
        case .inactive:
            ["nr_scanned", "nr_reclaimed", "nr_dirty", "nr_writeback", "nr_activate0", "nr_activate1", "priority", "reclaim_flags"]
        case .active: ["nr_taken", "nr_deactivated", "priority", "reclaim_flags"]
        case .writeFolio: ["reclaim_flags"]
        case .throttled: ["usec_delayed"]
        case .markVictim: ["pid"]
        }
    }

    func decode(_ event: UnsafeMutablePointer<tep_event>, _ record: UnsafeMutablePointer<tep_record>) {
        if record.pointee.missed_events != 0 { missedEvents += max(1, Int(record.pointee.missed_events)) }
        guard let which = byId[event.pointee.id] else { return }
        let name = String(cString: event.pointee.name)
        let data = record.pointee.data
        func f(_ field: String) -> Int {
            guard let fp = fields[name + "." + field] else { return 0 }
            var value: UInt64 = 0
            guard tep_read_number_field(fp, data, &value) == 0 else { return 0 }
            // Signed fields of 4 bytes (priority, flags, pid, usec) come back zero-extended.
            if fp.pointee.size == 4 { return Int(Int32(truncatingIfNeeded: value)) }
            return Int(truncatingIfNeeded: value)
        }
        let kind: TraceEvent.Kind
        switch which {
        case .memcgBegin: kind = .memcgReclaimBegin
        case .memcgEnd: kind = .memcgReclaimEnd(nrReclaimed: f("nr_reclaimed"))
        case .directBegin: kind = .directReclaimBegin
        case .directEnd: kind = .directReclaimEnd(nrReclaimed: f("nr_reclaimed"))
        case .inactive:
            kind = .shrinkInactive(
                ShrinkInactive(
                    nrScanned: f("nr_scanned"), nrReclaimed: f("nr_reclaimed"), nrDirty: f("nr_dirty"),
                    nrWriteback: f("nr_writeback"), nrActivateAnon: f("nr_activate0"),
                    nrActivateFile: f("nr_activate1"), priority: f("priority"), flags: f("reclaim_flags")))
        case .active:
            kind = .shrinkActive(
                ShrinkActive(
                    nrTaken: f("nr_taken"), nrDeactivated: f("nr_deactivated"), priority: f("priority"),
                    flags: f("reclaim_flags")))
        case .writeFolio: kind = .writeFolio(anon: f("reclaim_flags") & ReclaimWBFlags.anon != 0)
        case .throttled: kind = .throttled(usecDelayed: f("usec_delayed"))
        case .markVictim: kind = .markVictim(victim: Int32(truncatingIfNeeded: f("pid")))
        }
        events.append(TraceEvent(ts: record.pointee.ts, pid: tep_data_pid(tep, record), kind: kind))
    }
}
