/// How a file workload reaches its file (`access:` in a scenario, docs/scenarios.md).
public enum FileAccess: String, Sendable, Hashable, CaseIterable {
    /// read(2): page-cache pages no task maps, touched by `mark_page_accessed` (use-once).
    case read
    /// write(2): like `read`, and each written page is dirtied.
    case write
    /// A mapping of the file (shared for `file-dirty`): one pte per page, young bits.
    case mmap
}

extension WorkloadSpec {
    /// The `access:` a file workload gets when it names none: `write` for `file-dirty`,
    /// `read` for the other file kinds; nil for kinds without a file.
    public var defaultFileAccess: FileAccess? {
        switch self {
        case .fileStream, .fileWorkingSet: .read
        case .fileDirty: .write
        case .idle, .anonGrow, .anonWorkingSet, .fork: nil
        }
    }

    /// True for the kinds that reference a file (`file-stream`, `file-working-set`, `file-dirty`).
    public var hasFile: Bool { defaultFileAccess != nil }
}
