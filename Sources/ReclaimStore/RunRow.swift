import GRDB
import ReclaimRecords

/// One line of the `runs` command: a run's identity, knobs, status and headline totals.
public struct RunRow: Sendable, Hashable {
    public var runId: Int64
    public var runKey: String
    public var scenario: String
    /// The seed as stored (the `Int64` bit pattern of the run's `UInt64` seed).
    public var seed: Int64
    public var swappiness: Int
    public var swapPages: Int
    public var laptopMode: Int
    public var status: RunStatus
    /// Why the run failed; nil unless `failed`.
    public var error: String?
    /// Totals; nil until the run finishes.
    public var oomKills: Int?
    public var pagesScanned: Int?
    public var pagesReclaimed: Int?
    /// Wall-clock ISO-8601 timestamps (provenance only).
    public var startedAt: String
    public var finishedAt: String?

    public init(
        runId: Int64, runKey: String, scenario: String, seed: Int64, swappiness: Int,
        swapPages: Int, laptopMode: Int, status: RunStatus, error: String?, oomKills: Int?,
        pagesScanned: Int?, pagesReclaimed: Int?, startedAt: String, finishedAt: String?
    ) {
        self.runId = runId
        self.runKey = runKey
        self.scenario = scenario
        self.seed = seed
        self.swappiness = swappiness
        self.swapPages = swapPages
        self.laptopMode = laptopMode
        self.status = status
        self.error = error
        self.oomKills = oomKills
        self.pagesScanned = pagesScanned
        self.pagesReclaimed = pagesReclaimed
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// Decoded by column name (`run_id` -> `runId`), so the columns are listed once: here, as
/// the properties (GRDB's Codable records).
extension RunRow: Decodable, FetchableRecord, TableRecord {
    public static let databaseTableName = "runs"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    /// Only the properties' columns are read (not the whole `runs` row).
    public static var databaseSelection: [any SQLSelectable] {
        CodingKeys.allCases.map { Column($0.rawValue.snakeCased) }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case runId, runKey, scenario, seed, swappiness, swapPages, laptopMode, status, error, oomKills
        case pagesScanned, pagesReclaimed, startedAt, finishedAt
    }
}

extension String {
    /// `runKey` -> `run_key`.
    fileprivate var snakeCased: String {
        var out = ""
        for c in self {
            if c.isUppercase {
                out += "_" + c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out
    }
}
