import ReclaimRecords
import ReclaimTestSupport
import ReclaimWorkloads
import Testing

@testable import ReclaimModel

/// pdflush's `background_writeout` (mm/page-writeback.c of 2.6.20): it stops only once the
/// dirty count is *below* the background threshold (`NR_FILE_DIRTY + NR_UNSTABLE_NFS <
/// background_thresh && min_pages <= 0`).
@Suite struct WritebackTests {
    /// 2048 pages, nothing mapped: background threshold 10% = 204. With exactly 204 dirty
    /// pages pdflush still writes one (203 left); at 203 it writes none.
    @Test func backgroundWriteoutStopsBelowTheThreshold204() {
        var k = Kernel.fixture(ram: 2048, tasks: [.fileTask(pages: 300)])
        let pfns = k.faultFile(0..<210, write: true)
        for p in pfns { k.tryToUnmap(p) }
        #expect(k.dirtyLimits().background == 204)
        #expect(k.nrFileDirty == 210)
        for p in pfns[..<6] { k.startWrite(p, forReclaim: false) }
        #expect(k.nrFileDirty == 204)
        k.pdflushActive = true
        k.pdflushMinPages = 0
        k.runPdflush()
        #expect(k.nrFileDirty == 203, "at the threshold pdflush writes on")
        #expect(!k.pdflushActive)
        k.pdflushActive = true
        k.runPdflush()
        #expect(k.nrFileDirty == 203, "below it, it stops")
    }
}
