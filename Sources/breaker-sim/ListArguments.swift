import ArgumentParser
import BreakerReport
import BreakerSimulation
import Synchronization
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// "1...10", "1..10", "1-10", "1,2,3", or a mix: "1...5,8,13": whole numbers from 1 to the scenario's
/// limit for `allowed_fails`, ranges with both ends.
func parseIntegerList(_ text: String, option: String, what: String = "allowed_fails") throws -> [Int] {
    try refuseOptionAsValue(text, option: option, example: "1...10")
    let limit = ScenarioLimits.maximumAllowedFails
    var values: [Int] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingSpaces }) {
        guard !part.isEmpty else { throw ValidationError("\(option): empty value in \"\(text)\"") }
        let (low, high) = try integerRange(part, option: option, limit: limit, what: what)
        guard low <= high else { throw ValidationError("\(option): empty range (got \"\(part)\")") }
        guard high - low < 100_000 else {
            throw ValidationError(
                "\(option): range too large (got \"\(part)\"); at most 100000 values per range")
        }
        values += Array(low...high)
        guard values.count <= 10_000 else {
            throw ValidationError("\(option): too many values (more than 10000)")
        }
    }
    var seen = Set<Int>()
    return values.filter { seen.insert($0).inserted }
}

/// One element of an integer list: a number, or two joined by "...", ".." or "-".
private func integerRange(_ part: String, option: String, limit: Int, what: String) throws -> (Int, Int) {
    let characters = Array(part)
    let digits = characters.prefix(while: \.isASCIIDigit)
    let rest = String(characters.dropFirst(digits.count))
    guard !digits.isEmpty else {
        if let first = characters.first, first == "-" || first == "+",
            characters.dropFirst().allSatisfy(\.isASCIIDigit), characters.count > 1
        {
            throw ValidationError(
                "\(option): values are whole numbers from 1 (got \"\(part)\"); a count of \(what == "allowed_fails" ? "failures" : "calls") has no sign"
            )
        }
        throw ValidationError("\(option): not a number or range (got \"\(part)\"); use e.g. 1...10 or 1,2,3")
    }
    var high = String(digits)
    if !rest.isEmpty {
        guard let separator = ["...", "..", "-"].first(where: rest.hasPrefix) else {
            throw ValidationError(
                "\(option): not a number or range (got \"\(part)\"); use e.g. 1...10 or 1,2,3")
        }
        high = String(rest.dropFirst(separator.count))
        guard !high.isEmpty, high.allSatisfy(\.isASCIIDigit) else {
            throw ValidationError(
                "\(option): a range is two whole numbers joined by ..., .. or - (got \"\(part)\"); use e.g. 1...10"
            )
        }
    }
    func value(_ text: String) throws -> Int {
        guard let value = Int(text), value <= limit else {
            throw ValidationError(
                "\(option): values are at most \(limit), the scenario's limit for \(what) (got \"\(part)\")"
            )
        }
        guard value >= 1 else {
            throw ValidationError("\(option): values must be at least 1 (got \"\(part)\")")
        }
        return value
    }
    return (try value(String(digits)), try value(high))
}

/// "5s,10s,1m": durations as the scenario writes them, from 0 to the scenario's limit for `retry_timer`.
func parseDurationList(_ text: String, option: String) throws -> [Nanoseconds] {
    try refuseOptionAsValue(text, option: option, example: "5s,10s")
    let (limit, limitText) = ScenarioLimits.longestDuration
    var values: [Nanoseconds] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingSpaces }) {
        guard !part.isEmpty else { throw ValidationError("\(option): empty value in \"\(text)\"") }
        if part.hasPrefix("-"), parseDuration(String(part.dropFirst())) != nil {
            throw ValidationError("\(option): a duration cannot be negative (got \"\(part)\")")
        }
        guard let value = parseDuration(part) else {
            throw ValidationError("\(option): not a duration (got \"\(part)\"); use e.g. 5s,10s,1m")
        }
        guard value <= limit else {
            throw ValidationError(
                "\(option): values are at most \(limitText), the scenario's limit for retry_timer (got \"\(part)\")"
            )
        }
        values.append(value)
        guard values.count <= 10_000 else {
            throw ValidationError("\(option): too many values (more than 10000)")
        }
    }
    var seen = Set<Nanoseconds>()
    return values.filter { seen.insert($0).inserted }
}

/// These options read the next argument whatever it looks like (so `--allowed-fails -3` reaches the
/// list's own check); another option there means the value was left out.
private func refuseOptionAsValue(_ text: String, option: String, example: String) throws {
    guard text.hasPrefix("--") || (text.hasPrefix("-") && text.dropFirst().first?.isLetter == true) else {
        return
    }
    throw ValidationError(
        "\(option) needs a value before the next option (got \"\(text)\"); e.g. \(option) \(example), or \(option)=VALUE"
    )
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Substring {
    var trimmingSpaces: String { String(self).trimmingCharacters(" ") }
}

extension String {
    func trimmingCharacters(_ character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}

/// "0.25,0.5,75%": failure-rate thresholds, as shares (more than 0, at most 1) or percentages.
func parseRateList(_ text: String, option: String) throws -> [Double] {
    try refuseOptionAsValue(text, option: option, example: "0.25,0.5,0.75")
    var values: [Double] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingSpaces }) {
        guard !part.isEmpty else { throw ValidationError("\(option): empty value in \"\(text)\"") }
        let percent = part.hasSuffix("%")
        let digits = percent ? String(part.dropLast()) : part
        guard digits.allSatisfy({ $0.isASCIIDigit || $0 == "." }), let number = Double(digits) else {
            throw ValidationError(
                "\(option): not a share of calls (got \"\(part)\"); use e.g. 0.25,0.5 or 25%,50%")
        }
        // "0.7%" is read as the decimal 0.007 (not 0.7 / 100, a different double), so that the two
        // spellings of one rate are one row.
        guard let value = percent ? Double(digits + "e-2") : number else {
            throw ValidationError("\(option): not a share of calls (got \"\(part)\")")
        }
        guard value > 0, value <= 1 else {
            throw ValidationError(
                "\(option): a failure rate is more than 0 and at most 1 (100%) (got \"\(part)\")")
        }
        values.append(value)
        guard values.count <= 1000 else {
            throw ValidationError("\(option): too many values (more than 1000)")
        }
    }
    var seen = Set<Double>()
    return values.filter { seen.insert($0).inserted }
}

/// "20,100,10s": failure-rate windows as the scenario writes them: a whole number is the last N calls
/// (1 to the scenario's limit), a duration the calls of the last D (at least the shortest window).
func parseWindowList(_ text: String, option: String) throws -> [BreakerSettings.Window] {
    try refuseOptionAsValue(text, option: option, example: "20,100 or 10s,30s")
    var values: [BreakerSettings.Window] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingSpaces }) {
        guard !part.isEmpty else { throw ValidationError("\(option): empty value in \"\(text)\"") }
        if part.allSatisfy(\.isASCIIDigit) {
            guard let calls = Int(part), (1...ScenarioLimits.maximumWindowCalls).contains(calls) else {
                throw ValidationError(
                    "\(option): a window of calls holds 1 to \(ScenarioLimits.maximumWindowCalls) calls, the scenario's limit (got \"\(part)\")"
                )
            }
            values.append(.calls(calls))
        } else {
            guard let length = parseDuration(part) else {
                throw ValidationError(
                    "\(option): not a number of calls or a duration (got \"\(part)\"); use e.g. 20,100 or 10s,30s"
                )
            }
            let (shortest, shortestText) = ScenarioLimits.shortestWindow
            let (longest, longestText) = ScenarioLimits.longestDuration
            guard length >= shortest, length <= longest else {
                throw ValidationError(
                    "\(option): a time window is \(shortestText) to \(longestText), the scenario's limits (got \"\(part)\")"
                )
            }
            values.append(.duration(length))
        }
        guard values.count <= 1000 else {
            throw ValidationError("\(option): too many values (more than 1000)")
        }
    }
    var seen = Set<BreakerSettings.Window>()
    return values.filter { seen.insert($0).inserted }
}

/// "consecutive,failure_rate": the policies a sweep compares.
func parsePolicyList(_ text: String, option: String) throws -> [SweepPolicy] {
    try refuseOptionAsValue(text, option: option, example: "consecutive,failure_rate")
    var values: [SweepPolicy] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingSpaces }) {
        guard let policy = SweepPolicy(rawValue: part) else {
            throw ValidationError(
                "\(option): not a policy (got \"\(part)\"); use consecutive, failure_rate or both, comma-separated"
            )
        }
        if !values.contains(policy) { values.append(policy) }
    }
    return values.sorted()
}
