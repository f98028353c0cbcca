import Foundation
import Testing

/// `reclaimlab merge` end to end: exit codes for bad inputs, nothing written.
@Suite struct MergeTests {
    @Test func badInputsAreRefusedBeforeAnythingIsWritten() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let out = fixture.path("out.db")
        let missing = fixture.main(["merge", out, fixture.path("missing.db")])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("missing.db"))
        try "text".write(toFile: fixture.path("text.db"), atomically: true, encoding: .utf8)
        let text = fixture.main(["merge", out, fixture.path("text.db")])
        #expect(text.status == 65)
        #expect(!FileManager.default.fileExists(atPath: out))
        let noInputs = fixture.main(["merge", out])
        #expect(noInputs.status == 64)

        #expect(fixture.sweep(db: "a.db", ["--shard", "1/4"]).status == 0)
        let itself = fixture.main(["merge", fixture.path("a.db"), fixture.path("a.db")])
        #expect(itself.status == 64)
        let ok = fixture.main(["merge", out, fixture.path("a.db")])
        #expect(ok.status == 0)
        #expect(
            ok.stdout.contains("3 runs added, 0 replaced, 0 already done, 0 not copied; 1 sweep added"), "\(ok.stdout)")
    }
}
