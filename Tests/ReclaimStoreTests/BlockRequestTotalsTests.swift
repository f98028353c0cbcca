import Foundation
import GRDB
import ReclaimRecords
import Testing

@testable import ReclaimStore

/// `runs.read_requests` / `write_requests` (block requests after merging, issue 13) and
/// run_metrics' `pages_per_write_request` = pages_written_back / write_requests.
@Suite struct BlockRequestTotalsTests {
    @Test func requestTotalsAreStoredAndDivided() throws {
        let store = try Store(writer: DatabaseQueue())
        let id = try store.beginRun(Fixtures.descriptor()).runId
        var totals = RunTotals()
        totals.readRequests = 7
        totals.writeRequests = 4
        totals.pagesWrittenBack = 10
        try store.finishRun(runId: id, events: RecordingSink(), summary: RunSummary(totals: totals, tasks: [], containers: []))
        let row = try store.reader.read { db in
            try Row.fetchOne(db, sql: "SELECT r.read_requests, r.write_requests, m.pages_per_write_request FROM runs r JOIN run_metrics m USING (run_id)")
        }
        #expect(row?["read_requests"] == 7 && row?["write_requests"] == 4)
        #expect(row?["pages_per_write_request"] == 2.5, "10 pages / 4 requests")
    }
}
