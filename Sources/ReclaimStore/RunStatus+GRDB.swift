import GRDB
import ReclaimRecords

/// `runs.status` is stored as the raw value (`running`, `done`, `failed`).
extension RunStatus: DatabaseValueConvertible {}
