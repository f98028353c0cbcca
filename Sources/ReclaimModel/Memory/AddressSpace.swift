/// A task's mm: its anonymous area's page table and its file mapping (docs/model.md §0, §7.1).
public struct MM: Sendable {
    /// One pte per anonymous page: 0 = none, > 0 = present at pfn `v - 1`,
    /// < 0 = swapped out to slot `-v - 1`.
    var anonPTE: [Int32]
    /// The bits of each present anonymous pte: ``AnonPTE/young``, ``AnonPTE/dirty`` and
    /// ``AnonPTE/write`` (a pte without it is write-protected: copy-on-write after fork,
    /// or a swap-in by a read; docs/model.md §13.F).
    var anonBits: [UInt8]
    /// The anon_vma of this mm's anonymous pages: the task index of the family's first mm
    /// (a forked child shares its parent's, `anon_vma_link`).
    var anonVMA: Int32
    /// The file this task uses (index into `Kernel.files`), or -1; mapped only with
    /// `access: mmap`.
    public let file: Int32
    /// Size of the file mapping in pages (0 when the file is read or written, not mapped).
    public let filePages: Int
    /// One pte per page of the file mapping: ``FilePTE/present`` and ``FilePTE/young``
    /// (shared file mappings dirty the page itself at the first write, docs/model.md §13.E).
    var filePTE: [UInt8]
    /// Resident (mapped) pages: `get_mm_rss`.
    public internal(set) var rss = 0
    /// Swap entries held by ptes of this mm.
    public internal(set) var swapEntries = 0
    /// The swap token's per-mm state (§13.G).
    var token = SwapTokenMM()

    init(anonPages: Int, file: Int32, filePages: Int, anonVMA: Int32) {
        anonPTE = Array(repeating: 0, count: anonPages)
        anonBits = Array(repeating: 0, count: anonPages)
        self.anonVMA = anonVMA
        self.file = file
        self.filePages = filePages
        filePTE = Array(repeating: 0, count: filePages)
    }

    /// `total_vm`: the size of every mapping, in pages.
    public var totalVM: Int { anonPTE.count + filePages }

    /// Grows the anonymous mapping (a leak's brk/mmap).
    mutating func growAnon(to pages: Int) {
        guard pages > anonPTE.count else { return }
        anonBits.append(contentsOf: repeatElement(0, count: pages - anonPTE.count))
        anonPTE.append(contentsOf: repeatElement(0, count: pages - anonPTE.count))
    }
}

/// A file's page cache: offset -> page frame, or -1 when not cached.
public struct FileSpace: Sendable {
    var pages: [Int32]
    /// The tasks that map the file (`access: mmap`) and still have their mm, in the order
    /// they mapped it (`i_mmap`): the file is "in use" (`page_mapping_inuse`) while one is
    /// left. Pages of a file nobody maps are read(2)/write(2) cache: use-once.
    var mappers: [Int] = []
    /// Dirty pages of the file, and the inode's `dirtied_when`: when it went from clean to
    /// dirty, or when a writer other than kupdate left it partly written (§13.C).
    var dirtyPages = 0
    var dirtiedWhen = 0
    /// `mapping->writeback_index`: where the next cyclic writeback of the file starts.
    var writebackIndex = 0
    /// `file_ra_state.mmap_hit` / `mmap_miss`: faults that found the page cached / not.
    var mmapHit = 0
    var mmapMiss = 0
    /// The mapping is `MADV_RANDOM` (`VM_RandomReadHint`): faults read their page only.
    var randomReadHint = false

    init(pages: Int) {
        self.pages = Array(repeating: -1, count: pages)
    }

    /// A task naming the file with a larger size extends it.
    mutating func grow(to count: Int) {
        if count > pages.count { pages.append(contentsOf: repeatElement(-1, count: count - pages.count)) }
    }
}

/// Bits of one file pte (`MM.filePTE`).
enum FilePTE {
    static let present: UInt8 = 1
    /// The accessed bit.
    static let young: UInt8 = 2
}

/// Bits of one anonymous pte (`MM.anonBits`).
enum AnonPTE {
    /// The accessed bit.
    static let young: UInt8 = 1
    static let dirty: UInt8 = 2
    /// Writable; fork clears it in parent and child (copy-on-write).
    static let write: UInt8 = 4
}
