import Foundation
import GRDB
import Testing

/// `--record passes|calls|oom` trades detail for size (issue 6).
@Suite struct RecordLevelTests {
    @Test(arguments: [("passes", true, true), ("calls", false, true), ("oom", false, false)])
    func levels(level: String, passes: Bool, calls: Bool) throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let r = fixture.main(["run", fixture.path("tiny.yaml"), "--db", fixture.path("x.db"), "--record", level])
        #expect(r.status == 0, "\(r.stderr)")
        let queue = try SweepFixture.readOnly(fixture.path("x.db"))
        defer { try? queue.close() }
        let counts = try queue.read { db in
            try ["scan_passes", "reclaim_calls", "oom_events", "tasks"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0 }
        }
        #expect((counts[0] > 0) == passes, "scan_passes at \(level): \(counts)")
        #expect((counts[1] > 0) == calls, "reclaim_calls at \(level): \(counts)")
        #expect(counts[3] == 3, "tasks are always recorded: \(counts)")
    }
}
