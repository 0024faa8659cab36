// Numbers written for people: the one set of formatters that every output shares (messages, labels,
// text summaries, the dashboard, the sweep's map, the reports, the command line). Durations are in
// DurationFormatting.swift.

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

/// A sweep score with three decimals: 0.9534 → "0.953" ("–" for a score that is not a number).
package func formatScore(_ score: Double) -> String {
    formatFixed(score, decimals: 3)
}

/// A difference of two shares in percentage points: 0.013 → "1.3 points".
package func formatPoints(_ value: Double) -> String {
    "\((value * 1000).rounded() / 10) points"
}

/// A count that may be a mean over seeds: whole numbers as they are, others with one decimal.
package func formatCount(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
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

/// A number for a message: whole numbers without a fraction, others in their shortest exact form.
package func formatNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
        return String(Int64(value))
    }
    return String(value)
}

/// A probability as a percentage for labels: 0.6 → "60%", 0.025 → "2.5%".
package func formatPercent(_ probability: Double) -> String {
    formatNumber((probability * 100 * 1e6).rounded() / 1e6) + "%"
}

/// A large count in short scientific notation: 5e12 → "5.0e12".
package func formatScientific(_ value: Double) -> String {
    guard value.isFinite, value >= 1 else { return formatNumber(value) }
    var mantissa = value
    var exponent = 0
    while mantissa >= 10 {
        mantissa /= 10
        exponent += 1
    }
    mantissa = (mantissa * 10).rounded() / 10
    if mantissa >= 10 {
        mantissa /= 10
        exponent += 1
    }
    return "\(mantissa)e\(exponent)"
}

/// `value` with exactly `decimals` decimals, without locale or `String(format:)`: `formatFixed(2.5, 2)` →
/// `"2.50"`.
package func formatFixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let sign = scaled < 0 ? "-" : ""
    let magnitude = scaled.magnitude
    guard decimals > 0 else { return sign + String(magnitude) }
    let unit = UInt(scale)
    let fraction = String(magnitude % unit)
    return "\(sign)\(magnitude / unit)." + String(repeating: "0", count: decimals - fraction.count) + fraction
}

/// A share as a whole percentage for tick labels: 0.25 → "25%".
package func formatPercentTick(_ ratio: Double) -> String {
    formatFixed(ratio * 100, decimals: 0) + "%"
}

/// A share tick, with a decimal when the ticks are closer than a percentage point.
package func formatShareTick(_ ratio: Double, step: Double) -> String {
    formatFixed(ratio * 100, decimals: step < 0.01 ? (step < 0.001 ? 2 : 1) : 0) + "%"
}

/// 165305 → "165,305".
package func formatInteger(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
        out.append(digit)
    }
    return (value < 0 ? "-" : "") + out
}

/// A count that may be a mean over seeds: 96351 → "96,351", 12.25 → "12.3".
package func formatQuantity(_ value: Double) -> String {
    guard value.isFinite else { return "–" }
    let tenths = Int((value * 10).rounded())
    let whole = formatInteger(tenths / 10)
    return tenths % 10 == 0 ? whole : whole + "." + String(abs(tenths % 10))
}

/// A count with its noun, singular for one, grouped by thousands: "1 service", "100,000 breakers".
package func counted(_ count: Int, _ noun: String) -> String {
    "\(formatInteger(count)) \(noun)\(count == 1 ? "" : "s")"
}
