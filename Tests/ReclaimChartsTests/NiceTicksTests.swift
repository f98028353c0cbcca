import Testing

@testable import ReclaimCharts

/// Tick choice: steps of 1, 2, 5 x 10^k, the smallest at least (upper - lower) / count;
/// every expected list below is worked out by hand from that rule.
@Suite struct NiceTicksTests {
    @Test func zeroTo9000In5TicksStepsBy2000Because1800RoundsUpTo2e3() {
        let ticks = NiceTicks(lower: 0, upper: 9000, count: 5)
        #expect(ticks.step == 2000)
        #expect(ticks.values == [0, 2000, 4000, 6000, 8000, 10000])
        #expect(ticks.lower == 0 && ticks.upper == 10000)
    }

    @Test func threeTo97StepsBy20From0To100() {
        // 94 / 5 = 18.8 -> 2 x 10^1; floor(3/20) = 0, ceil(97/20) = 5.
        #expect(NiceTicks(lower: 3, upper: 97, count: 5).values == [0, 20, 40, 60, 80, 100])
    }

    @Test func fractionsDoNotDrift() {
        // 1 / 5 = 0.2 exactly a step; 3 x 0.2 must print as 0.6, not 0.6000000000000001.
        #expect(NiceTicks(lower: 0, upper: 1, count: 5).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test func negativeToPositiveStepsBy5() {
        // 14 / 4 = 3.5 -> 5; floor(-7/5) = -2, ceil(7/5) = 2.
        #expect(NiceTicks(lower: -7, upper: 7, count: 4).values == [-10, -5, 0, 5, 10])
    }

    @Test func aSingleValueWidensToZero() {
        // 5...5 -> 0...5: 5 / 5 = 1 -> step 1.
        #expect(NiceTicks(lower: 5, upper: 5, count: 5).values == [0, 1, 2, 3, 4, 5])
        // -3...-3 -> -3...0: 3 / 5 = 0.6 -> step 1.
        #expect(NiceTicks(lower: -3, upper: -3, count: 5).values == [-3, -2, -1, 0])
        // 0...0 -> 0...1: step 0.2.
        #expect(NiceTicks(lower: 0, upper: 0, count: 5).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test func reversedAndNonFiniteInput() {
        #expect(NiceTicks(lower: 9000, upper: 0, count: 5).values == [0, 2000, 4000, 6000, 8000, 10000])
        #expect(NiceTicks(lower: .nan, upper: 3, count: 5).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test func stepIsTheSmallest125AtLeastTheRawStep() {
        #expect(NiceTicks.step(for: 1800) == 2000)
        #expect(NiceTicks.step(for: 2000) == 2000)  // a raw step that is already nice stays
        #expect(NiceTicks.step(for: 2001) == 5000)
        #expect(NiceTicks.step(for: 7) == 10)
        #expect(NiceTicks.step(for: 0.03) == 0.05)
        #expect(NiceTicks.step(for: 0) == 1)
    }

    @Test func labels() {
        #expect(TickFormat.number.label(2000, step: 2000) == "2000")
        #expect(TickFormat.number.label(250_000, step: 50_000) == "250k")
        #expect(TickFormat.number.label(1_500_000, step: 500_000) == "1.5M")
        #expect(TickFormat.number.label(200_000, step: 200_000) == "0.2M")
        #expect(TickFormat.number.label(50_000, step: 50_000) == "50k")
        #expect(TickFormat.number.label(0, step: 50_000) == "0")
        #expect(TickFormat.number.label(0.4, step: 0.2) == "0.4")
        #expect(TickFormat.number.label(0.15, step: 0.05) == "0.15")
        #expect(TickFormat.percent.label(0.25, step: 0.05) == "25%")
        #expect(TickFormat.percent.label(0.5, step: 0.002) == "50.0%")
        #expect(TickFormat.number.label(-0.0001, step: 1) == "0")
    }
}

@Suite struct LinearScaleTests {
    @Test func mapsLinearlyOntoTheRange() {
        // 72 + 2500 / 10000 x (1084 - 72) = 72 + 253 = 325.
        let x = LinearScale(domain: (0, 10000), range: (72, 1084))
        #expect(x(0) == 72)
        #expect(x(2500) == 325)
        #expect(x(10000) == 1084)
    }

    @Test func aYAxisRunsBackwards() {
        // 252 + 25 / 100 x (12 - 252) = 252 - 60 = 192.
        let y = LinearScale(domain: (0, 100), range: (252, 12))
        #expect(y(25) == 192)
        #expect(y(0) == 252)
    }

    @Test func aZeroWidthDomainMapsToTheMiddle() {
        #expect(LinearScale(domain: (4, 4), range: (0, 100))(4) == 50)
    }

    @Test func niceWidensTheDomainToItsTicks() {
        let (scale, ticks) = LinearScale.nice(3, 97, to: (0, 500))
        #expect(ticks.first == 0 && ticks.last == 100)
        #expect(scale(50) == 250)
    }
}
