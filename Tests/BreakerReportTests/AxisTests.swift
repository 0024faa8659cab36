import BreakerSimulation
import Testing

@testable import BreakerReport

/// Scales, ticks and number formats: round, locale-free, exact.
@Suite struct AxisTests {
    @Test(arguments: [
        (0.0, 1.0, 0.25), (1.0, 1.0, 0.25), (7.0, 8.0, 2.0), (640.0, 800.0, 200.0), (950.0, 1000.0, 250.0),
        (2300.0, 3000.0, 1000.0), (125_000.0, 150_000.0, 50_000.0), (0.03, 0.03, 0.01),
    ])
    func ticksAreRoundAndCoverTheMaximum(maximum: Double, top: Double, step: Double) {
        let ticks = NiceTicks(upTo: maximum, count: 4)
        #expect(abs(ticks.top - top) < 1e-9)
        #expect(abs(ticks.step - step) < 1e-9)
        #expect(ticks.values.first == 0)
        #expect(abs((ticks.values.last ?? 0) - ticks.top) < 1e-9)
        #expect(ticks.top >= maximum)
    }

    @Test func rangesStartAtARoundNumberBelowTheMinimum() {
        let ticks = NiceTicks(from: 0.43, to: 0.57, count: 5)
        #expect(ticks.bottom <= 0.43 && ticks.top >= 0.57)
        #expect(ticks.bottom > 0.3)
        #expect(formatShareTick(0.45, step: ticks.step) == "45%")
    }

    @Test func tickLabelsUseThousandsWhenLarge() {
        let ticks = NiceTicks(upTo: 120_000, count: 6)
        #expect(ticks.label(0) == "0")
        #expect(ticks.label(20_000) == "20k")
        #expect(NiceTicks(upTo: 1, count: 4).label(0.25) == "0.25")
        #expect(NiceTicks(upTo: 900, count: 4).label(750) == "750")
    }

    @Test func timeTicksAreWholeUnitsAndAtMostEleven() {
        #expect(
            timeTicks(span: 600_000_000_000).map(formatDuration) == (0...10).map { $0 == 0 ? "0s" : "\($0)m" }
        )
        #expect(timeTicks(span: 180_000_000_000).count == 7)
        #expect(timeTicks(span: 3_600_000_000_000).allSatisfy { $0 % 60_000_000_000 == 0 })
        for span: Nanoseconds in [1_000_000_000, 45_000_000_000, 7_200_000_000_000, 86_400_000_000_000 * 3] {
            #expect(timeTicks(span: span).count <= 11)
        }
    }

    @Test func numbersAreFormattedWithoutALocale() {
        #expect(formatFixed(2.5, decimals: 2) == "2.50")
        #expect(formatFixed(-0.125, decimals: 1) == "-0.1")
        #expect(formatFixed(3, decimals: 0) == "3")
        #expect(formatInteger(165_305) == "165,305")
        #expect(formatInteger(-1_000) == "-1,000")
        #expect(formatInteger(999) == "999")
        #expect(formatQuantity(96_351) == "96,351")
        #expect(formatQuantity(12.25) == "12.3")
        #expect(formatScore(0.6764) == "0.676")
        #expect(hexColor(255, 0, 16) == "#ff0010")
    }

    @Test func heatColoursGoFromWorstToBestInBothStyles() {
        let color = Palette(.color)
        #expect(color.heat(0) == "#440154")
        #expect(color.heat(1) == "#fde725")
        let mono = Palette(.mono)
        #expect(mono.heat(0) == "#f2f2f2")
        #expect(mono.heat(1) == "#262626")
        #expect(Set((0...10).map { mono.heat(Double($0) / 10) }).count == 11)
    }
}
