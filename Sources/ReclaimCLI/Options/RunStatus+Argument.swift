import ArgumentParser
import ReclaimRecords

/// `--status done|failed|running`.
extension RunStatus: ExpressibleByArgument {}
