// Numbers written for people: in messages, labels and summaries.

/// A number for a message: whole numbers without a fraction, others in their shortest exact form.
func formatNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
        return String(Int64(value))
    }
    return String(value)
}

/// A probability as a percentage for labels: 0.6 → "60%", 0.025 → "2.5%".
func formatPercent(_ probability: Double) -> String {
    formatNumber((probability * 100 * 1e6).rounded() / 1e6) + "%"
}

/// A large count in short scientific notation: 5e12 → "5.0e12".
func formatScientific(_ value: Double) -> String {
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
