import Testing

@testable import BreakerSimulation

/// The latency histogram keeps 3 significant digits, merges exactly and reports percentiles as
/// HdrHistogram does (the highest value of the bucket holding the rank, capped at the largest value).
@Suite struct LatencyHistogramTests {
    @Test func valuesBelow2048NanosecondsAreExact() {
        var histogram = LatencyHistogram()
        for value in [0, 1, 999, 2047] { histogram.record(Nanoseconds(value)) }
        #expect(histogram.count == 4)
        #expect(histogram.value(atPercentile: 25) == 0)
        #expect(histogram.value(atPercentile: 50) == 1)
        #expect(histogram.value(atPercentile: 75) == 999)
        #expect(histogram.value(atPercentile: 100) == 2047)
    }

    /// Every value from 1 µs to 1 h comes back within 1/1024 of itself (3 significant digits).
    @Test func largerValuesKeepThreeSignificantDigits() {
        var value: Nanoseconds = 1_000
        while value <= 3_600_000_000_000 {
            var histogram = LatencyHistogram()
            histogram.record(value)
            histogram.record(value * 2)  // so that the largest value does not cap the answer
            let reported = histogram.value(atPercentile: 50)
            #expect(reported >= value, "\(value)")
            #expect(Double(reported - value) <= Double(value) / 1024, "\(value) → \(reported)")
            value = value * 13 / 7
        }
    }

    @Test func percentilesOfAUniformSpread() throws {
        var histogram = LatencyHistogram()
        for millisecond in 1...10_000 { histogram.record(Nanoseconds(millisecond) * 1_000_000) }
        let summary = try #require(histogram.summary)
        #expect(summary.count == 10_000)
        for (reported, expected) in [
            (summary.p50, 5_000.0), (summary.p90, 9_000.0), (summary.p99, 9_900.0), (summary.p999, 9_990.0),
        ] {
            let milliseconds = Double(reported) / 1e6
            #expect(milliseconds >= expected && milliseconds <= expected * (1 + 1.0 / 1024))
        }
        #expect(summary.max == 10_000_000_000)
    }

    @Test func mergingEqualsRecordingEverything() {
        var a = LatencyHistogram()
        var b = LatencyHistogram()
        var all = LatencyHistogram()
        for index in 0..<5_000 {
            let value = Nanoseconds(index * index * 37 % 9_000_001)
            if index % 3 == 0 { a.record(value) } else { b.record(value) }
            all.record(value)
        }
        a.add(b)
        #expect(a.summary == all.summary)
        for percentile in [1.0, 10, 33, 50, 66, 90, 99, 99.9] {
            #expect(a.value(atPercentile: percentile) == all.value(atPercentile: percentile))
        }
    }

    @Test func emptyHasNoSummary() {
        #expect(LatencyHistogram().summary == nil)
        #expect(LatencyHistogram().value(atPercentile: 50) == 0)
    }

    /// The simulator's unmanaged bank gives the same histogram as the value type, in its sparse layout,
    /// as it grows, and after it turns dense.
    @Test(arguments: [1, 12, 200, 384, 385, 3_000, 50_000])
    func theBankMatchesTheValueType(values: Int) {
        let bank = HistogramBank(count: 3, sparseFirst: true)
        let denseBank = HistogramBank(count: 2, sparseFirst: false)
        var direct = LatencyHistogram()
        var other = LatencyHistogram()
        var random = RandomStream(seed: UInt64(values), kind: 98, index: 0)
        for index in 0..<values {
            // Repeated values and the whole range, 0 and the first octave's single nanoseconds included.
            let value: Nanoseconds =
                index % 5 == 0
                ? Nanoseconds(random.below(3_000))
                : Nanoseconds(index) * 7_919 % 5_000_000_000 + Nanoseconds(random.below(1_000))
            bank.record(value, in: 1)
            denseBank.record(value, in: 1)
            direct.record(value)
            bank.record(value / 3, in: 2)
            other.record(value / 3)
        }
        for (index, histogram) in [(1, direct), (2, other)] {
            let fromBank = bank[index]
            #expect(fromBank.summary == histogram.summary)
            for percentile in [0.1, 1, 10, 33, 50, 66, 90, 99, 99.9, 100] {
                #expect(fromBank.value(atPercentile: percentile) == histogram.value(atPercentile: percentile))
            }
        }
        let fromDense = denseBank[1]
        #expect(fromDense.summary == direct.summary)
        let empty = bank[0]
        let (emptyIsDense, isDense) = (bank.isDense(0), bank.isDense(1))
        #expect(empty.summary == nil)
        #expect(!emptyIsDense)
        // A few hundred distinct buckets stay sparse; more turn the histogram dense.
        if values <= Int(HistogramBank.sparseLimit) { #expect(!isDense) }
        if values >= 3_000 { #expect(isDense) }
    }

    /// A batched bank holds the same counts as one that adds every value at once, whether it is read
    /// after a whole batch, in the middle of one or again after more values, sparse or dense.
    @Test(arguments: [1, 27, 28, 29, 385, 3_000])
    func aBatchedBankMatchesAnUnbatchedOne(values: Int) {
        for sparseFirst in [false, true] {
            let batched = HistogramBank(count: 2, sparseFirst: sparseFirst, batched: true)
            let plain = HistogramBank(count: 2, sparseFirst: sparseFirst, batched: false)
            var random = RandomStream(seed: UInt64(values), kind: 98, index: 1)
            for round in 0..<2 {
                for _ in 0..<values {
                    let value = Nanoseconds(random.below(40_000_000)) - (round == 0 ? 0 : 100)
                    // All into the first histogram at first (so that 28 values fill exactly one batch), then
                    // into both.
                    let index = round == 0 ? 0 : Int(random.below(2))
                    batched.record(value, in: index)
                    plain.record(value, in: index)
                }
                for index in 0..<2 {
                    let (fromBatched, fromPlain) = (batched[index], plain[index])
                    #expect(fromBatched.count == fromPlain.count)
                    #expect(fromBatched.summary == fromPlain.summary)
                    for percentile in [1.0, 25, 50, 75, 99, 99.9, 100] {
                        #expect(
                            fromBatched.value(atPercentile: percentile)
                                == fromPlain.value(atPercentile: percentile))
                    }
                }
            }
        }
    }
}
