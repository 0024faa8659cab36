import Testing

@testable import BreakerSimulation

@Suite struct DurationTests {
    @Test(
        arguments: [
            ("250ms", 250_000_000),
            ("1m30s", 90_000_000_000),
            ("2h", 7_200_000_000_000),
            ("1.5s", 1_500_000_000),
            ("0ms", 0),
            ("0s", 0),
            ("0", 0),
            ("100us", 100_000),
            ("100µs", 100_000),  // micro sign
            ("100μs", 100_000),  // Greek mu
            ("10ns", 10),
            ("1ns", 1),
            ("1h30m", 5_400_000_000_000),
            ("1h0m5s", 3_605_000_000_000),
            ("1h2m3s4ms5us6ns", 3_723_004_005_006),
            ("1m30.5s", 90_500_000_000),
            ("0.5ms", 500_000),
            (".5s", 500_000_000),
            ("1.25h", 4_500_000_000_000),
            ("1.0000000001s", 1_000_000_000),  // below a nanosecond: truncated
            ("0.1ns", 0),
            ("30", 30_000_000_000),  // a plain number is seconds
            ("0.25", 250_000_000),
            ("1e3", 1_000_000_000_000),
            ("1.5E-3", 1_500_000),
            ("2.5e+1", 25_000_000_000),
            (" 5m ", 300_000_000_000),
            ("-0s", 0),
            ("00010s", 10_000_000_000),
            ("720h", 2_592_000_000_000_000),
            ("9223372036854775807ns", Int64.max),
            ("2562047h47m16.854775807s", Int64.max),
            ("9223372036.854775807", Int64.max),
        ] as [(String, Int64)])
    func valid(text: String, nanoseconds: Int64) {
        #expect(parseDuration(text) == nanoseconds)
    }

    @Test(
        arguments: [
            ("", DurationParseFailure.malformed),
            ("   ", .malformed),
            ("s", .malformed),
            ("ms", .malformed),
            (".", .malformed),
            ("-", .malformed),
            ("5x", .malformed),
            ("5 m", .malformed),
            ("5min", .malformed),
            ("5sec", .malformed),
            ("1d", .malformed),
            ("5M", .malformed),
            ("5S", .malformed),
            ("5MS", .malformed),
            ("1s30m", .malformed),  // units must decrease
            ("1s1s", .malformed),
            ("1m1m", .malformed),
            ("5ms5", .malformed),
            ("1h-5m", .malformed),
            ("+5s", .malformed),
            ("1..5s", .malformed),
            ("1.5.5s", .malformed),
            ("1e", .malformed),
            ("1e5s", .malformed),
            ("e5", .malformed),
            ("0x10s", .malformed),
            ("NaN", .malformed),
            ("inf", .malformed),
            ("infinity", .malformed),
            ("1_000ms", .malformed),
            ("1,5s", .malformed),
            ("--5s", .malformed),
            ("5s ago", .malformed),
            ("-5s", .negative),
            ("-1", .negative),
            ("-0.001ms", .negative),
            ("-1e3", .negative),
            ("9999999999h", .overflow),
            ("9223372036854775808ns", .overflow),
            ("2562048h", .overflow),
            ("9223372037", .overflow),
            ("99999999999999999999999999999999999999999s", .overflow),
            ("1e400", .overflow),
            ("1e10", .overflow),
            ("2562047h47m16.854775808s", .overflow),
        ] as [(String, DurationParseFailure)])
    func invalid(text: String, reason: DurationParseFailure) {
        #expect(parseDuration(text) == nil)
        #expect(parseDurationDetailed(text) == .failure(reason))
    }

    @Test(
        arguments: [
            (0, "0s"),
            (1, "1ns"),
            (999, "999ns"),
            (1_000, "1us"),
            (1_500, "1.5us"),
            (100_000, "100us"),
            (1_000_000, "1ms"),
            (1_234_567, "1.234567ms"),
            (250_000_000, "250ms"),
            (999_999_999, "999.999999ms"),
            (1_000_000_000, "1s"),
            (1_500_000_000, "1.5s"),
            (90_000_000_000, "1m30s"),
            (60_000_000_000, "1m"),
            (7_200_000_000_000, "2h"),
            (3_723_000_000_000, "1h2m3s"),
            (3_600_000_000_001, "1h0.000000001s"),
            (5_400_000_000_000, "1h30m"),
            (2_592_000_000_000_000, "720h"),
            (-250_000_000, "-250ms"),
            (-90_000_000_000, "-1m30s"),
            (Int64.max, "2562047h47m16.854775807s"),
            (Int64.min, "-2562047h47m16.854775808s"),
        ] as [(Int64, String)])
    func format(nanoseconds: Int64, text: String) {
        #expect(formatDuration(nanoseconds) == text)
    }

    @Test func formattedDurationsParseBack() {
        var values: [Int64] = [0, 1, 999, 1_000, 1_001, 999_999_999, Int64.max]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let bits = Int(state >> 58)  // 0...63 significant bits
            values.append(Int64(bitPattern: state >> 1) >> (63 - bits))
        }
        for value in values where value >= 0 {
            #expect(parseDuration(formatDuration(value)) == value, "\(value) → \(formatDuration(value))")
        }
    }
}
