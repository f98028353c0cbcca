import GRDB
import ReclaimOOMReports
import ReclaimRecords

/// What storing one report did.
public struct OOMReportImport: Sendable, Hashable {
    /// `oom_reports.report_id`: the new row, or the row already holding the same report.
    public var reportId: Int64
    /// False when a report with the same `report_key` was already stored.
    public var isNew: Bool

    public init(reportId: Int64, isNew: Bool) {
        self.reportId = reportId
        self.isNew = isNew
    }
}

extension Store {
    /// Stores imported OOM reports (`oom_reports`, `oom_report_tasks`, m0005) in ONE
    /// transaction: either all new ones land or none does.
    ///
    /// A report whose `report_key` is already stored (an earlier import, or an earlier
    /// report of the same batch) is not written again; its existing `report_id` is returned.
    ///
    /// - Returns: one entry per report, in order.
    /// - Complexity: O(reports + task rows); cached prepared statements.
    /// - Throws: ``StoreError`` when SQLite fails (nothing is written then).
    public func importOOMReports(_ reports: [ScoredOOMReport]) throws -> [OOMReportImport] {
        try writing { db in
            let find = try db.cachedStatement(sql: "SELECT report_id FROM oom_reports WHERE report_key = ?")
            let placeholders = Array(repeating: "?", count: Self.oomReportColumns.count).joined(separator: ", ")
            let insertReport = try db.cachedStatement(sql: """
                INSERT INTO oom_reports (\(Self.oomReportColumns.joined(separator: ", ")), imported_at)
                VALUES (\(placeholders), \(Self.nowSQL)) RETURNING report_id
                """)
            let insertTask = try db.cachedStatement(sql: Self.insertSQL("oom_report_tasks", Self.oomReportTaskColumns))
            var outcomes: [OOMReportImport] = []
            for scored in reports {
                let key = scored.report.key
                if let existing = try Int64.fetchOne(find, arguments: [key]) {
                    outcomes.append(OOMReportImport(reportId: existing, isNew: false))
                    continue
                }
                guard let reportId = try Int64.fetchOne(insertReport, arguments: Self.reportArguments(scored, key: key)) else {
                    throw StoreError.io(path: path, detail: "inserting an OOM report returned no report_id")
                }
                for row in scored.report.tasks.indices {
                    try Self.insert(insertTask, Self.taskArguments(scored, row: row, reportId: reportId))
                }
                outcomes.append(OOMReportImport(reportId: reportId, isNew: true))
            }
            return outcomes
        }
    }

    static let oomReportColumns = [
        "report_key", "source", "first_line", "last_line", "uptime_us", "logged_at", "kernel_version",
        "trigger_comm", "trigger_pid", "gfp_mask", "gfp_flags", "alloc_order", "trigger_oom_score_adj",
        "oom_constraint", "scope", "memcg", "task_memcg",
        "mem_usage_kb", "mem_limit_kb", "mem_failcnt", "memsw_usage_kb", "memsw_limit_kb", "memsw_failcnt",
        "swap_usage_kb", "swap_limit_kb", "kmem_usage_kb", "kmem_limit_kb", "memcg_stats",
        "ram_pages", "total_swap_kb", "page_size", "total_pages", "total_pages_basis",
        "killed_pid", "killed_comm", "killed_uid", "killed_total_vm_kb", "killed_anon_rss_kb",
        "killed_file_rss_kb", "killed_shmem_rss_kb", "killed_pgtables_kb", "killed_oom_score_adj",
        "modern_victim_pid", "modern_victim_points", "legacy_victim_pid", "legacy_victim_points",
        "tool_version",
    ]

    static let oomReportTaskColumns = [
        "report_id", "row_no", "pid", "uid", "tgid", "total_vm", "rss", "rss_anon", "rss_file", "rss_shmem",
        "pgtables_bytes", "swapents", "oom_score_adj", "name", "kernel_killed",
        "modern_eligible", "modern_skip_reason", "modern_points", "modern_chosen",
        "legacy_oom_adj", "legacy_eligible", "legacy_skip_reason", "legacy_points", "legacy_chosen",
    ]

    static func reportArguments(_ s: ScoredOOMReport, key: String) -> StatementArguments {
        let r = s.report
        let k = r.killed
        let modern = s.modernChosen.map { r.tasks[$0] }
        let legacy = s.legacyChosen.map { r.tasks[$0] }
        var arguments: StatementArguments = [
            key, r.source, r.firstLine, r.lastLine, r.timestamp.uptimeMicroseconds, r.timestamp.wallClock, r.kernelVersion,
            r.trigger.comm, r.trigger.pid, r.trigger.gfpMask, r.trigger.gfpFlags, r.trigger.order, r.trigger.oomScoreAdj,
            r.constraint, r.scope, r.memcg, r.taskMemcg,
        ]
        arguments += [
            r.memory?.usageKB, r.memory?.limitKB, r.memory?.failcnt,
            r.memorySwap?.usageKB, r.memorySwap?.limitKB, r.memorySwap?.failcnt,
            r.swap?.usageKB, r.swap?.limitKB, r.kmem?.usageKB, r.kmem?.limitKB,
            r.memcgStats.isEmpty ? nil : statsJSON(r.memcgStats),
            r.ramPages, r.totalSwapKB, s.pageSize, s.totalPages, s.totalPagesBasis.rawValue,
        ]
        arguments += [
            k.pid, k.comm, k.uid, k.totalVMKB, k.anonRSSKB, k.fileRSSKB, k.shmemRSSKB, k.pgtablesKB, k.oomScoreAdj,
            modern?.pid, s.modernChosen.flatMap { s.scores[$0].modernPoints },
            legacy?.pid, storedPoints(s.legacyChosen.flatMap { s.scores[$0].legacyPoints }),
        ]
        arguments += [ToolInfo.toolVersion]
        return arguments
    }

    static func taskArguments(_ s: ScoredOOMReport, row: Int, reportId: Int64) -> StatementArguments {
        let t = s.report.tasks[row]
        let score = s.scores[row]
        let pgtablesBytes = t.pgtablesBytes ?? t.pgtablesPages.map { $0 * s.pageSize }
        return [
            reportId, row + 1, t.pid, t.uid, t.tgid, t.totalVM, t.rss, t.rssAnon, t.rssFile, t.rssShmem,
            pgtablesBytes, t.swapents, t.oomScoreAdj, t.name, row == s.kernelKilled,
            score.modernSkip == nil, score.modernSkip, score.modernPoints, row == s.modernChosen,
            score.legacyOOMAdj, score.legacySkip == nil, score.legacySkip, storedPoints(score.legacyPoints),
            row == s.legacyChosen,
        ]
    }

    /// `{"name":value,...}` in printed order.
    static func statsJSON(_ stats: [MemcgStat]) -> String {
        "{" + stats.map { "\(jsonString($0.name)):\($0.value)" }.joined(separator: ",") + "}"
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
