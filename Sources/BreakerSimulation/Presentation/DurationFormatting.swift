// Durations written back the way people write them: the shortest text that parses to the same
// nanoseconds ("1m30s", "250ms"), for messages, labels and summaries.

/// Formats nanoseconds compactly, the way people write durations.
///
/// `90_000_000_000` → `"1m30s"`, `250_000_000` → `"250ms"`, `1_500_000_000` → `"1.5s"`,
/// `0` → `"0s"`. The result parses back with ``parseDuration(_:)``.
public func formatDuration(_ ns: Nanoseconds) -> String {
    if ns == 0 { return "0s" }
    let sign = ns < 0 ? "-" : ""
    var rest = ns.magnitude
    if rest < 1_000 { return "\(sign)\(rest)ns" }
    if rest < 1_000_000 { return sign + decimal(rest, unit: 1_000, digits: 3) + "us" }
    if rest < 1_000_000_000 { return sign + decimal(rest, unit: 1_000_000, digits: 6) + "ms" }
    let hour: UInt64 = 3_600_000_000_000
    let minute: UInt64 = 60_000_000_000
    var text = sign
    if rest >= hour {
        text += "\(rest / hour)h"
        rest %= hour
    }
    if rest >= minute {
        text += "\(rest / minute)m"
        rest %= minute
    }
    if rest > 0 {
        text += decimal(rest, unit: 1_000_000_000, digits: 9) + "s"
    }
    return text
}

/// `value / unit` written with as many decimals as needed (at most `digits`).
private func decimal(_ value: UInt64, unit: UInt64, digits: Int) -> String {
    let whole = value / unit
    let fraction = value % unit
    if fraction == 0 { return "\(whole)" }
    var fractionText = String(fraction)
    fractionText = String(repeating: "0", count: digits - fractionText.count) + fractionText
    while fractionText.hasSuffix("0") { fractionText.removeLast() }
    return "\(whole).\(fractionText)"
}

/// A measured delay for people: milliseconds below ten seconds, tenths of a second above.
package func formatDelay(_ ns: Nanoseconds) -> String {
    let unit: Nanoseconds = ns < 10_000_000_000 ? 1_000_000 : 100_000_000
    return formatDuration((ns + unit / 2) / unit * unit)
}

/// Seconds in a narrow column: "2.5s" below ten seconds, whole seconds above.
package func formatSecondsShort(_ seconds: Double) -> String {
    seconds < 10 ? String((seconds * 10).rounded() / 10) + "s" : String(Int(seconds.rounded())) + "s"
}

/// Wall-clock seconds to the millisecond: 1.2345 → "1.235 s".
package func formatSeconds(_ seconds: Double) -> String {
    let millis = Int((seconds * 1000).rounded())
    return
        "\(millis / 1000).\(String(repeating: "0", count: 3 - String(millis % 1000).count))\(millis % 1000) s"
}

/// A countdown in whole seconds, rounded up, in at most five characters: "45s", "2m05s".
package func formatCountdown(_ ns: Nanoseconds) -> String {
    let seconds = (ns + 999_999_999) / 1_000_000_000
    return seconds >= 60 ? "\(seconds / 60)m\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)" : "\(seconds)s"
}

/// A latency for people, to about three significant digits: "412µs", "38.2ms", "1.23s", "2m05s".
package func formatLatency(_ ns: Nanoseconds) -> String {
    func digits(_ value: Double, _ unit: String) -> String {
        let decimals = value < 10 ? 2 : value < 100 ? 1 : 0
        return formatFixed(value, decimals: decimals) + unit
    }
    return latencyText(ns, digits: digits)
}

/// A latency to two significant digits, for live figures that are only that exact: "840µs", "38ms",
/// "1.8s", "12s".
package func formatLatencyShort(_ ns: Nanoseconds) -> String {
    if ns == 0 { return "0ms" }
    func digits(_ value: Double, _ unit: String) -> String {
        value < 9.95 ? formatFixed(value, decimals: 1) + unit : "\(Int(value.rounded()))" + unit
    }
    return latencyText(ns, digits: digits)
}

/// A latency in the unit that suits it (ns, µs, ms, s, then minutes), its number written by `digits`.
private func latencyText(_ ns: Nanoseconds, digits: (Double, String) -> String) -> String {
    if ns < 1_000 { return "\(ns)ns" }
    if ns < 999_500 { return digits(Double(ns) / 1e3, "µs") }
    if ns < 999_500_000 { return digits(Double(ns) / 1e6, "ms") }
    if ns < 99_500_000_000 { return digits(Double(ns) / 1e9, "s") }
    return formatDuration((ns + 500_000_000) / 1_000_000_000 * 1_000_000_000)
}

/// User-seconds, to three significant digits: "412 user-s", "1.23 user-h".
package func formatUserSeconds(_ ns: Nanoseconds) -> String {
    let seconds = Double(ns) / 1e9
    if seconds >= 36_000 { return formatFixed(seconds / 3600, decimals: 1) + " user-h" }
    if seconds >= 100 { return formatFixed(seconds, decimals: 0) + " user-s" }
    return formatFixed(seconds, decimals: seconds >= 10 ? 1 : 2) + " user-s"
}
