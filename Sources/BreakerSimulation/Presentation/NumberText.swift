// Numbers as people read them: the one set of formatters that every output (text summaries, the
// dashboard, the sweep's map and reports, the command line's messages) shares. Durations are in
// DurationText.swift, beside their parser.

/// A share with one decimal for summaries: 0.1234 → "12.3%".
package func formatShare(_ ratio: Double) -> String {
    let tenths = (ratio * 1000).rounded()
    return "\(Int(tenths) / 10).\(abs(Int(tenths)) % 10)%"
}

/// A rate with one decimal and a unit for large values: "12.3", "12.3k", "3.4M".
package func formatRate(_ value: Double) -> String {
    func oneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
    if value >= 1e6 { return oneDecimal(value / 1e6) + "M" }
    if value >= 1e4 { return oneDecimal(value / 1e3) + "k" }
    return oneDecimal(value)
}

/// A measured delay for people: milliseconds below ten seconds, tenths of a second above.
package func formatDelay(_ ns: Nanoseconds) -> String {
    let unit: Nanoseconds = ns < 10_000_000_000 ? 1_000_000 : 100_000_000
    return formatDuration((ns + unit / 2) / unit * unit)
}

/// A sweep score with three decimals: 0.9534 → "0.953".
package func formatScore(_ score: Double) -> String {
    let thousandths = Int((score * 1000).rounded())
    let sign = thousandths < 0 ? "-" : ""
    let magnitude = abs(thousandths)
    let fraction = String(magnitude % 1000)
    return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
}

/// A difference of two shares in percentage points: 0.013 → "1.3 points".
package func formatPoints(_ value: Double) -> String {
    "\((value * 1000).rounded() / 10) points"
}

/// A count that may be a mean over seeds: whole numbers as they are, others with one decimal.
package func formatCount(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
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

/// A size in bytes with decimal units, as disk sizes are sold: 1536 → "1.5 KB".
package func formatBytes(_ bytes: Int64) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB", "PB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000 && unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : "\((value * 10).rounded() / 10) \(units[unit])"
}

/// A count in a narrow column: whole up to 99,999, then thousands ("123k"), then millions ("12M").
package func formatAbbreviated(_ value: Int) -> String {
    if value >= 10_000_000 { return "\(value / 1_000_000)M" }
    if value >= 100_000 { return "\(value / 1000)k" }
    return String(value)
}

/// A speed factor: whole above 1 ("10"), as it is below ("0.5").
package func formatSpeed(_ speed: Double) -> String {
    speed >= 1 ? String(Int(speed.rounded())) : String(speed)
}

/// A countdown in whole seconds, rounded up, in at most five characters: "45s", "2m05s".
package func formatCountdown(_ ns: Nanoseconds) -> String {
    let seconds = (ns + 999_999_999) / 1_000_000_000
    return seconds >= 60 ? "\(seconds / 60)m\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)" : "\(seconds)s"
}
