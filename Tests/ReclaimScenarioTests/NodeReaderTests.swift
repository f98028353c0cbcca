import Testing

@testable import ReclaimScenario

@Suite struct NodeReaderTests {
    @Test(arguments: [
        ("12", NodeReader.IntegerParse.value(12)), ("-3", .value(-3)), ("+4", .value(4)), ("1_000", .value(1000)),
        ("0x1F", .value(31)), ("-0x10", .value(-16)), ("0o17", .value(15)), ("0b101", .value(5)), ("0", .value(0)),
        ("9223372036854775807", .value(Int.max)), ("9223372036854775808", .overflow),
        ("99999999999999999999999999999999", .overflow), ("0xFFFFFFFFFFFFFFFFFF", .overflow),
    ])
    func parsesIntegersWithoutTrapping(text: String, expected: NodeReader.IntegerParse) {
        #expect(NodeReader.parseInteger(text) == expected)
    }

    @Test func refusesAmbiguousIntegers() {
        guard case .unsupported = NodeReader.parseInteger("010") else {
            Issue.record("010")
            return
        }
        guard case .unsupported = NodeReader.parseInteger("999999999999:59:59:59:59:59:59") else {
            Issue.record("sexagesimal")
            return
        }
    }

    @Test func numbersAcceptIntegersAndFloats() throws {
        let path = ScenarioKeyPath()
        let range = NumberRange(lower: -1e300, upper: 1e300)
        #expect(try NodeReader.number(.scalar(.init(text: "30", kind: .int)), at: path, in: range) == 30)
        #expect(try NodeReader.number(.scalar(.init(text: "1_0.5", kind: .float)), at: path, in: range) == 10.5)
        #expect(try NodeReader.number(.scalar(.init(text: "-0.0", kind: .float)), at: path, in: range).sign == .plus)
        #expect(
            try NodeReader.number(.scalar(.init(text: "100000000000000000000", kind: .int)), at: path, in: range)
                == 1e20)
    }

    @Test func numberRangeDescriptions() {
        #expect(NumberRange(lower: 0, upper: 1).description == "0...1")
        #expect(NumberRange(lower: 0, lowerInclusive: false, upper: 5).description == "> 0 and <= 5")
    }
}
