import Testing

@testable import ReclaimKernelFunctions

/// docs/model.md §9 and golden fact G17: the modern `get_scan_count`, for contrast with 2.6.20.
@Suite struct ModernScanCountTests {
    /// Four lists of 409600 pages at priority 12: 409600 >> 12 = 100 each.
    static func lists(priority: Int = 12, swappiness: Int = 60) -> ModernScanInput {
        ModernScanInput(
            inactiveAnon: 409_600, activeAnon: 409_600, inactiveFile: 409_600, activeFile: 409_600,
            priority: priority, swappiness: swappiness)
    }

    /// G17: zero costs, T = 0, a = f = 0, T2 = 0; ap = 60*1/1 = 60, fp = 140*1/1 = 140;
    /// anon scans 100*60/200 = 30, file 100*140/200 = 70.
    @Test func g17FractWithZeroCostsScans30Anon70File() {
        let s = getScanCount(Self.lists())
        #expect(s.balance == .fract)
        #expect(s.anonFraction == 60)
        #expect(s.fileFraction == 140)
        #expect(s.inactiveAnon == 30)
        #expect(s.activeAnon == 30)
        #expect(s.inactiveFile == 70)
        #expect(s.activeFile == 70)
    }

    /// Costs weigh the fractions: anon_cost 100, file_cost 0 -> T 100, a 200, f 100, T2 300;
    /// ap = 60*301/201 = 89, fp = 140*301/101 = 417; anon 100*89/506 = 17, file 100*417/506 = 82
    /// (each rounded down: 17 + 82 < 100).
    @Test func costsWeighTheFractions89And417() {
        var input = Self.lists()
        input.costs = .cost(anon: 100, file: 0)
        let s = getScanCount(input)
        #expect(s.anonFraction == 89)
        #expect(s.fileFraction == 417)
        #expect(s.inactiveAnon == 17)
        #expect(s.inactiveFile == 82)
    }

    /// Before 5.8: ap = 60*(1000+1)/(400+1) = 149, fp = 140*(500+1)/(100+1) = 694;
    /// anon 100*149/843 = 17, file 100*694/843 = 82.
    @Test func before58RecentScannedAndRotated149And694() {
        var input = Self.lists()
        input.costs = .recent(scannedAnon: 1000, rotatedAnon: 400, scannedFile: 500, rotatedFile: 100)
        let s = getScanCount(input)
        #expect(s.anonFraction == 149)
        #expect(s.fileFraction == 694)
        #expect(s.activeAnon == 17)
        #expect(s.activeFile == 82)
    }

    /// The first matching rule wins, in the order of §9.
    @Test func rulesApplyInOrder() {
        var noSwap = Self.lists(priority: 0)
        noSwap.swapUsable = false
        noSwap.fileIsTiny = true
        let file = getScanCount(noSwap)
        #expect(file.balance == .file, "rule 1 before rules 3 and 4")
        #expect(file.inactiveAnon == 0)
        #expect(file.inactiveFile == 409_600)

        var cgroupZero = Self.lists(swappiness: 0)
        cgroupZero.cgroupReclaim = true
        cgroupZero.fileIsTiny = true
        #expect(getScanCount(cgroupZero).balance == .file, "rule 2: a cgroup at swappiness 0 never swaps")
        cgroupZero.cgroupReclaim = false
        #expect(getScanCount(cgroupZero).balance == .anon, "global reclaim at swappiness 0 still may (rule 4)")

        let equal = getScanCount(Self.lists(priority: 0))
        #expect(equal.balance == .equal, "rule 3: priority 0 with swappiness > 0")
        #expect(equal.activeAnon == 409_600)
        #expect(equal.activeFile == 409_600)
        #expect(getScanCount(Self.lists(priority: 0, swappiness: 0)).balance == .fract, "not at swappiness 0")

        var tiny = Self.lists()
        tiny.fileIsTiny = true
        tiny.cacheTrimMode = true
        let anon = getScanCount(tiny)
        #expect(anon.balance == .anon, "rule 4 before rule 5")
        #expect(anon.inactiveAnon == 100)
        #expect(anon.inactiveFile == 0)

        var trim = Self.lists()
        trim.cacheTrimMode = true
        #expect(getScanCount(trim).balance == .file, "rule 5")
    }

    /// The 5.8+ range ends at MAX_SWAPPINESS = 200: all pressure on anon, none on file.
    @Test func swappiness200PutsAllPressureOnAnon() {
        let s = getScanCount(Self.lists(swappiness: 200))
        #expect(s.fileFraction == 0)
        #expect(s.inactiveFile == 0)
        #expect(s.anonFraction == 200)
        #expect(s.inactiveAnon == 100)
    }
}
