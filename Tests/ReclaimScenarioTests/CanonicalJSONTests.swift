import Testing

@testable import ReclaimScenario

@Suite struct CanonicalJSONTests {
    @Test func sortsKeysAndDropsWhitespace() {
        let value = CanonicalJSON.object([
            "b": .int(1), "a": .array([.null, .bool(true), .string("x")]), "B": .number(2.5),
        ])
        #expect(value.text == #"{"B":2.5,"a":[null,true,"x"],"b":1}"#)
    }

    @Test(arguments: [
        (30.0, "30"), (0.99, "0.99"), (-0.0, "0"), (1e-5, "1e-05"), (-3600, "-3600"), (12.5, "12.5"), (1e20, "1e+20"),
    ])
    func normalizesNumbers(value: Double, text: String) {
        #expect(CanonicalJSON.number(value).text == text)
    }

    @Test func escapesStrings() {
        #expect(CanonicalJSON.string("a\"b\\c\nd\u{01}é").text == #""a\"b\\c\nd\u0001é""#)
    }

    @Test func theMinimalScenarioHasEveryDefaultWrittenOut() throws {
        let expected =
            #"{"containers":[],"duration_s":30,"hz":250,"kernel":"2.6.20-rss","#
            + #""machine":{"dirty_background_ratio":10,"dirty_expire_centisecs":3000,"dirty_ratio":40,"dirty_writeback_centisecs":500,"disk_pages_per_s":12800,"disk_request_ms":1,"kernel_pages":2560,"laptop_mode":0,"panic_on_oom":0,"ram_pages":65536,"swap_pages":0,"swappiness":60,"uptime_s":0},"#
            + #""name":"t","sample_ms":1000,"seed":1,"#
            + #""tasks":[{"caps":[],"container":null,"count":1,"cpu_s":0,"name":"a","nice":0,"oom_adj":0,"parent":null,"pid":100,"start_s":0,"uid":1000,"#
            + #""workload":{"kind":"idle","rss":0,"total_vm":0}}]}"#
        #expect(try load(minimalYAML).canonicalJSON == expected)
    }

    @Test func thetaAppearsOnlyWithZipf() throws {
        let zipf = try load("name: t\ntasks: [{name: a, workload: {kind: file-working-set, pages: 3}}]").canonicalJSON
        #expect(
            zipf.contains(
                #""workload":{"access":"read","kind":"file-working-set","pages":3,"pattern":"zipf","refs_per_tick":64,"theta":0.99}"#))
        let uniform = try load("name: t\ntasks: [{name: a, workload: {kind: anon-grow}}]").canonicalJSON
        #expect(
            uniform.contains(
                #""workload":{"kind":"anon-grow","max_pages":0,"pages_per_s":100,"pattern":"uniform","refs_per_tick":64}"#
            ))
    }
}
