// Numbers as the charts and tables print them: fixed decimals, no locale, no `String(format:)`, so
// that the same run always gives the same bytes.

/// `value` with exactly `decimals` decimals, without locale or `String(format:)`: `formatFixed(2.5, 2)` →
/// `"2.50"`.
func formatFixed(_ value: Double, decimals: Int) -> String {
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
func formatPercentTick(_ ratio: Double) -> String {
    formatFixed(ratio * 100, decimals: 0) + "%"
}

/// A share tick, with a decimal when the ticks are closer than a percentage point.
func formatShareTick(_ ratio: Double, step: Double) -> String {
    formatFixed(ratio * 100, decimals: step < 0.01 ? (step < 0.001 ? 2 : 1) : 0) + "%"
}

/// 165305 → "165,305".
func formatInteger(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
        out.append(digit)
    }
    return (value < 0 ? "-" : "") + out
}

/// A count that may be a mean over seeds: 96351 → "96,351", 12.25 → "12.3".
func formatQuantity(_ value: Double) -> String {
    guard value.isFinite else { return "–" }
    let tenths = Int((value * 10).rounded())
    let whole = formatInteger(tenths / 10)
    return tenths % 10 == 0 ? whole : whole + "." + String(abs(tenths % 10))
}

/// A score for labels, three decimals.
func formatScoreText(_ score: Double) -> String { formatFixed(score, decimals: 3) }
