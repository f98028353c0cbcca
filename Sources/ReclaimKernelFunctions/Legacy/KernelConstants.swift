/// Constants of Linux 2.6.20 that the model uses (spec §0, §7).
public enum KernelConstants {
    /// `SWAP_CLUSTER_MAX`: pages per isolation batch and per scan chunk.
    public static let swapClusterMax = 32
    /// `DEF_PRIORITY`: the first (lightest) reclaim priority.
    public static let defPriority = 12
    /// `OOM_DISABLE`: an `oomkilladj` that excludes a task from the OOM killer.
    public static let oomDisable = -17
    /// `vm_dirty_ratio` and `dirty_background_ratio` defaults (percent); `MachineSpec`'s
    /// defaults.
    public static let dirtyRatio = 40
    public static let dirtyBackgroundRatio = 10
    /// Block-queue congestion threshold for the default `nr_requests` = 128:
    /// `128 - 128/8 + 1` outstanding writes ([I]: one request per page, no merging).
    public static let congestionThreshold = 113

    /// `SHIFT_HZ` of include/linux/jiffies.h (log2 of HZ rounded to the nearest power of
    /// two): 7 for HZ=100, 8 for 250 and 300, 10 for 1000.
    public static func shiftHZ(_ hz: Int) -> Int {
        switch hz {
        case ..<192: 7
        case ..<384: 8
        case ..<768: 9
        default: 10
        }
    }
}
