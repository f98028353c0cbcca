import Foundation
import ReclaimScenario
import ReclaimStore

/// The table `sweep` prints when it ends: one row per configuration (the values of every
/// axis but `seed`), with its number of runs, how many are done or failed and the means over its
/// done runs of OOM kills, pages scanned and pages reclaimed — read back from the
/// database, so it shows what landed (including runs a previous invocation did).
enum SweepSummary {
    /// Renders the summary of `points` (a grid or a shard) from `store`.
    static func render(points: [SweepPoint], axes: [SweepAxis], store: Store) throws -> String {
        let rows = try store.reader.runs(keys: points.map(\.runKey))
        let shown = axes.indices.filter { !axes[$0].isSeed }
        struct Group {
            var values: [String]
            var runs = 0
            var done = 0
            var failed = 0
            var oomKills = 0
            var scanned = 0
            var reclaimed = 0
        }
        var groups: [Group] = []
        var position: [[Int]: Int] = [:]
        for point in points {
            let key = shown.map { point.valueIndices[$0] }
            let at =
                position[key]
                ?? {
                    groups.append(Group(values: shown.map { point.values[$0].flowText }))
                    position[key] = groups.count - 1
                    return groups.count - 1
                }()
            groups[at].runs += 1
            guard let row = rows[point.runKey] else { continue }
            switch row.status {
            case .done:
                groups[at].done += 1
                groups[at].oomKills += row.oomKills ?? 0
                groups[at].scanned += row.pagesScanned ?? 0
                groups[at].reclaimed += row.pagesReclaimed ?? 0
            case .failed:
                groups[at].failed += 1
            default:
                break
            }
        }
        func mean(_ sum: Int, _ count: Int) -> String {
            count == 0 ? "-" : String(format: "%.1f", Double(sum) / Double(count))
        }
        let header =
            (shown.isEmpty ? ["configuration"] : shown.map { axes[$0].keyPath.description })
            + ["runs", "done", "failed", "OOM kills (mean)", "scanned (mean)", "reclaimed (mean)"]
        return Table.render(
            header: header,
            rows: groups.map { group in
                (shown.isEmpty ? ["all"] : group.values) + [
                    String(group.runs), String(group.done), String(group.failed), mean(group.oomKills, group.done),
                    mean(group.scanned, group.done), mean(group.reclaimed, group.done),
                ]
            })
    }
}
