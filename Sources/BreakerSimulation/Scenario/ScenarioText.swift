// Small text helpers shared by the JSON parser, the scenario validator and the overrides:
// quoting user text into one-line messages, building field paths, and "did you mean" suggestions.

/// Quotes user-provided text for a one-line message, JSON style, shortened when long.
///
/// Control characters are escaped so that a problem is always exactly one line.
func quoted(_ text: some StringProtocol, limit: Int = 60) -> String {
    var out = "\""
    var count = 0
    for scalar in text.unicodeScalars {
        if count == limit {
            out += "..."
            break
        }
        count += 1
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        default: appendEscapingControls(scalar, to: &out)
        }
    }
    return out + "\""
}

/// Appends a scalar, control characters as `\n`, `\r`, `\t` or `\u001B`.
private func appendEscapingControls(_ scalar: Unicode.Scalar, to out: inout String) {
    switch scalar {
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
        if isControl(scalar) {
            out += "\\u" + hex(scalar.value, digits: 4)
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
}

/// Whether a scalar is a C0 or C1 control character (or DEL).
func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
}

/// Upper-case hexadecimal with at least `digits` digits.
func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}

/// Shortens text (a number literal, a path, a `--set` override) for a message, with control
/// characters escaped as in ``quoted(_:limit:)`` so that the message stays one line.
func shortened(_ text: some StringProtocol, limit: Int = 40) -> String {
    let isShort = text.count <= limit
    var out = ""
    for scalar in (isShort ? Substring(text) : Substring(text.prefix(limit))).unicodeScalars {
        appendEscapingControls(scalar, to: &out)
    }
    return isShort ? out : out + "..."
}

/// Appends a key to a field path: `services[0]` + `name` → `services[0].name`.
///
/// Keys that are not plain identifiers are written in brackets: `services[0]["odd key"]`.
func joinPath(_ parent: String, _ key: String) -> String {
    let plain =
        !key.isEmpty
        && key.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        }
    if !plain {
        return parent + "[" + quoted(key) + "]"
    }
    return parent.isEmpty ? key : parent + "." + key
}

/// Appends an array index to a field path: `services` + 0 → `services[0]`.
func joinPath(_ parent: String, _ index: Int) -> String {
    parent + "[\(index)]"
}

/// The candidate closest to `input`, if one is close enough to be a plausible typo.
///
/// Case, `_` and `-` are ignored first (`allowedFails` → `allowed_fails`); otherwise the
/// optimal-string-alignment distance (insertions, deletions, substitutions, transpositions) must be
/// small relative to the candidate's length.
func suggestion(for input: String, among candidates: [String]) -> String? {
    func normalized(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " })
    }
    guard !input.isEmpty, input.utf8.count <= 256 else { return nil }
    let normalizedInput = normalized(input)
    if let exact = candidates.first(where: { normalized($0) == normalizedInput }) {
        return exact
    }
    let a = Array(input.lowercased().unicodeScalars)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let b = Array(candidate.lowercased().unicodeScalars)
        let limit = max(1, min(3, b.count / 3))
        guard abs(a.count - b.count) <= limit else { continue }
        let distance = editDistance(a, b)
        if distance <= limit, distance < (best?.distance ?? Int.max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                value = min(value, previousPrevious[j - 2] + 1)
            }
            current[j] = value
        }
        (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
}

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
