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

/// "1...10", "1..10", "1-10", "1,2,3", or a mix: "1...5,8,13".
func parseIntegerList(_ text: String, option: String) throws -> [Int] {
    var values: [Int] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingSpaces }) {
        guard !part.isEmpty else { throw ValidationError("\(option): empty value in \"\(text)\"") }
        let bounds = part.replacingRangeSeparators.split(separator: "~").map(String.init)
        guard (1...2).contains(bounds.count), let low = Int(bounds[0]), let high = Int(bounds.last ?? "")
        else {
            throw ValidationError(
                "\(option): not a number or range (got \"\(part)\"); use e.g. 1...10 or 1,2,3")
        }
        guard low >= 1, high >= 1 else {
            throw ValidationError("\(option): values must be at least 1 (got \"\(part)\")")
        }
        guard low <= high else { throw ValidationError("\(option): empty range (got \"\(part)\")") }
        guard high - low < 100_000 else {
            throw ValidationError("\(option): range too large (got \"\(part)\")")
        }
        values += Array(low...high)
    }
    guard values.count <= 10_000 else {
        throw ValidationError("\(option): too many values (\(values.count))")
    }
    var seen = Set<Int>()
    return values.filter { seen.insert($0).inserted }
}

/// "5s,10s,1m".
func parseDurationList(_ text: String, option: String) throws -> [Nanoseconds] {
    var values: [Nanoseconds] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingSpaces }) {
        guard !part.isEmpty else { throw ValidationError("\(option): empty value in \"\(text)\"") }
        guard let value = parseDuration(part) else {
            throw ValidationError("\(option): not a duration (got \"\(part)\"); use e.g. 5s,10s,1m")
        }
        values.append(value)
    }
    guard values.count <= 10_000 else {
        throw ValidationError("\(option): too many values (\(values.count))")
    }
    var seen = Set<Nanoseconds>()
    return values.filter { seen.insert($0).inserted }
}

extension Substring {
    var trimmingSpaces: String { String(self).trimmingCharacters(" ") }
}

extension String {
    func trimmingCharacters(_ character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }

    /// Range separators "...", "..", "-" become "~" for splitting.
    var replacingRangeSeparators: String {
        var text = self
        for separator in ["...", "..", "-"] {
            text = text.split(separator: separator, omittingEmptySubsequences: false).joined(separator: "~")
        }
        return text
    }
}
