// Durations as people write them in scenario files and on the command line: "250ms", "1m30s",
// "1.5s", "2h", or a plain number of seconds. Parsing is exact (integer arithmetic, no rounding
// through Double) except for numbers written with an exponent.

/// Why a duration text was rejected.
enum DurationParseFailure: Error, Sendable, Equatable {
    /// Not a duration at all.
    case malformed
    /// A well-formed but negative duration.
    case negative
    /// Beyond `Int64` nanoseconds (about 292 years).
    case overflow
}

/// Parses "250ms", "1m30s", "2h", "1.5s", "0ms", "100us", "10ns" or a JSON number of seconds.
///
/// Units are `ns`, `us` (or `µs`), `ms`, `s`, `m` and `h`; several may be combined from the largest
/// to the smallest (`"1h30m"`, `"1m30.5s"`), each with an optional decimal fraction. A plain number
/// (`"30"`, `"0.25"`, `"1e3"`) is a number of seconds. Surrounding whitespace is ignored.
///
/// - Returns: the duration in nanoseconds, or `nil` when the text is invalid, negative, or too long
///   for `Int64` nanoseconds.
public func parseDuration(_ text: String) -> Nanoseconds? {
    try? parseDurationDetailed(text).get()
}

/// Parses a duration and says why when it fails.
///
/// See ``parseDuration(_:)``.
func parseDurationDetailed(_ text: String) -> Result<Nanoseconds, DurationParseFailure> {
    var bytes = Array(text.utf8)
    while let last = bytes.last, isJSONWhitespace(last) { bytes.removeLast() }
    var start = 0
    while start < bytes.count, isJSONWhitespace(bytes[start]) { start += 1 }
    guard start < bytes.count else { return .failure(.malformed) }
    var negative = false
    if bytes[start] == UInt8(ascii: "-") {
        negative = true
        start += 1
    }
    let body = Array(bytes[start...])
    guard !body.isEmpty else { return .failure(.malformed) }
    let magnitude: Result<Int128, DurationParseFailure>
    if let seconds = plainSeconds(body) {
        magnitude = seconds
    } else {
        magnitude = unitSum(body)
    }
    switch magnitude {
    case .failure(let failure):
        return .failure(failure)
    case .success(let value):
        if value > Int128(Int64.max) { return .failure(.overflow) }
        if negative, value != 0 { return .failure(.negative) }
        return .success(Nanoseconds(value))
    }
}

private let saturation = Int128(Int64.max) + 1

private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

/// Scans a decimal number such as `123.456` at `index`.
///
/// Returns its integer part (saturated), up to 18 fraction digits and their count. Advances `index`;
/// nil when there is no digit at all.
private func scanDecimal(_ bytes: [UInt8], _ index: inout Int) -> (
    whole: Int128, fraction: Int128, scale: Int
)? {
    var whole: Int128 = 0
    var fraction: Int128 = 0
    var scale = 0
    var digits = 0
    while index < bytes.count, isDigit(bytes[index]) {
        whole = min(whole * 10 + Int128(bytes[index] - UInt8(ascii: "0")), saturation)
        digits += 1
        index += 1
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        while index < bytes.count, isDigit(bytes[index]) {
            if scale < 18 {
                fraction = fraction * 10 + Int128(bytes[index] - UInt8(ascii: "0"))
                scale += 1
            }
            digits += 1
            index += 1
        }
    }
    return digits > 0 ? (whole, fraction, scale) : nil
}

private func powerOfTen(_ exponent: Int) -> Int128 {
    var value: Int128 = 1
    for _ in 0..<exponent { value *= 10 }
    return value
}

/// A plain number of seconds (`30`, `0.25`, `1e3`), or nil when the text has a unit.
private func plainSeconds(_ bytes: [UInt8]) -> Result<Int128, DurationParseFailure>? {
    var index = 0
    guard let number = scanDecimal(bytes, &index) else { return nil }
    if index == bytes.count {
        return .success(
            min(
                number.whole * 1_000_000_000 + number.fraction * 1_000_000_000 / powerOfTen(number.scale),
                saturation))
    }
    guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") else { return nil }
    index += 1
    if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index += 1
    }
    guard index < bytes.count, bytes[index...].allSatisfy(isDigit) else { return .failure(.malformed) }
    guard let seconds = Double(String(decoding: bytes, as: UTF8.self)) else { return .failure(.malformed) }
    let nanoseconds = (seconds * 1e9).rounded()
    guard nanoseconds.isFinite, nanoseconds < 9.223_372_036_854_775_807e18 else { return .failure(.overflow) }
    return .success(Int128(nanoseconds))
}

/// Units from the largest to the smallest, with their rank and length in nanoseconds.
private let units: [(symbol: [UInt8], rank: Int, nanoseconds: Int128)] = [
    (Array("ns".utf8), 1, 1),
    (Array("us".utf8), 2, 1_000),
    (Array("µs".utf8), 2, 1_000),  // micro sign
    (Array("μs".utf8), 2, 1_000),  // Greek mu
    (Array("ms".utf8), 3, 1_000_000),
    (Array("s".utf8), 4, 1_000_000_000),
    (Array("m".utf8), 5, 60_000_000_000),
    (Array("h".utf8), 6, 3_600_000_000_000),
]

/// A sum of `number unit` parts, units strictly decreasing: `1h30m`, `1m30.5s`.
private func unitSum(_ bytes: [UInt8]) -> Result<Int128, DurationParseFailure> {
    var index = 0
    var total: Int128 = 0
    var lastRank = Int.max
    while index < bytes.count {
        guard let number = scanDecimal(bytes, &index) else { return .failure(.malformed) }
        // Two-letter units first, so that "ms" is not read as "m" followed by "s".
        guard
            let unit = units.first(where: { unit in
                index + unit.symbol.count <= bytes.count
                    && Array(bytes[index..<(index + unit.symbol.count)]) == unit.symbol
            })
        else { return .failure(.malformed) }
        guard unit.rank < lastRank else { return .failure(.malformed) }
        lastRank = unit.rank
        index += unit.symbol.count
        let part =
            number.whole * unit.nanoseconds + number.fraction * unit.nanoseconds / powerOfTen(number.scale)
        total = min(total + part, saturation)
    }
    return .success(total)
}
