/// Constants of Linux 2.6.20 that the model uses (docs/model.md §0, §7).
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
    /// `max_sectors` of the modelled disk (docs/model.md §13.A: `min(driver, 1024)`; SCSI and LBA48
    /// SATA drivers allow 1024): a request holds up to 1024 / 8 = 128 pages.
    public static let maxSectors = 1024
    /// `MAX_WRITEBACK_PAGES`: pages per `background_writeout` / `wb_kupdate` pass (§13.C).
    public static let maxWritebackPages = 1024
    /// `balance_dirty_pages` ratelimit while `dirty_exceeded` is set (§13.C).
    public static let dirtyExceededRatelimit = 8

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
