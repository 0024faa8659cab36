// `breaker-sim check FILE --expect 'goodput_ratio >= 0.95'`: a bound on one number of a run's JSON
// summary. The metric is a path into that summary (the README's "JSON output"): object keys, and
// elements of `breakers`, `services`, `clients` and `routes` by name (or index), as `--set` addresses
// a scenario: `clients.web.latency_ms.p99`, `clients["web.v2"].good` for a name with dots. A bare key that is not at the top is looked up in `metrics`,
// then in `totals`: `goodput_ratio` is `metrics.goodput_ratio`.

/// A bound on one metric of a run: `PATH OPERATOR NUMBER`.
public struct MetricExpectation: Sendable, Equatable, CustomStringConvertible {
    /// How the metric is compared with the bound.
    public enum Comparison: String, Sendable, CaseIterable {
        case atMost = "<="
        case atLeast = ">="
        case below = "<"
        case above = ">"
        case equal = "=="
        case notEqual = "!="

        func holds(_ value: Double, _ bound: Double) -> Bool {
            switch self {
            case .atMost: value <= bound
            case .atLeast: value >= bound
            case .below: value < bound
            case .above: value > bound
            case .equal: value == bound
            case .notEqual: value != bound
            }
        }
    }

    /// The metric's path as written.
    public var metric: String
    /// The comparison.
    public var comparison: Comparison
    /// The bound.
    public var bound: Double
    /// The bound's text as written, for messages.
    public var boundText: String

    /// The expectation as written, normalised: `goodput_ratio >= 0.95`.
    public var description: String { "\(metric) \(comparison.rawValue) \(boundText)" }

    /// Reads `PATH OPERATOR NUMBER` (spaces around the operator optional); `nil` with the reason when it
    /// is not one.
    public static func parse(_ text: String) -> Result<MetricExpectation, MetricExpectationError> {
        // The operator is the last run of `<>=!`: the bound after it is a number, which holds none of
        // them, and a name before it may (`clients["a=b"].good`). All of the run, so that `=>` or `=`
        // is refused as what it is, not read as `>` after a metric named `goodput_ratio =`.
        let characters = Array(text)
        let isOperator: (Character) -> Bool = { "<>=!".contains($0) }
        let list = "operators: <= >= < > == !="
        guard let last = characters.lastIndex(where: isOperator) else {
            return .failure(.malformed(text, "no comparison; write e.g. 'goodput_ratio >= 0.95' (\(list))"))
        }
        var start = last
        while start > 0 && isOperator(characters[start - 1]) { start -= 1 }
        let end = last + 1
        let written = String(characters[start..<end])
        guard let comparison = Comparison(rawValue: written) else {
            let hint =
                switch written {
                case "=": "; for equality write =="
                case "=>": "; did you mean >=?"
                case "=<": "; did you mean <=?"
                default: ""
                }
            return .failure(.malformed(text, "\(quoted(written)) is not a comparison (\(list))\(hint)"))
        }
        let metric = Substring(characters[..<start]).trimmingSpaces
        let boundText = Substring(characters[end...]).trimmingSpaces
        guard !metric.isEmpty else {
            return .failure(.malformed(text, "nothing before \(comparison.rawValue) names a metric"))
        }
        guard let bound = Double(boundText), bound.isFinite else {
            return .failure(
                .malformed(
                    text, "the bound after \(comparison.rawValue) must be a number (got \(quoted(boundText)))"
                ))
        }
        return .success(
            MetricExpectation(metric: metric, comparison: comparison, bound: bound, boundText: boundText))
    }

    /// What this expectation finds in `summary` (a run's JSON summary).
    public func check(_ summary: JSONDocument) -> Outcome {
        switch summary.number(at: metric) {
        case .failure(let problem): .noMetric(problem.reason)
        case .success(nil): .noValue
        case .success(let value?): comparison.holds(value, bound) ? .holds(value) : .fails(value)
        }
    }

    /// What a check found.
    public enum Outcome: Sendable, Equatable {
        /// The metric's value meets the bound.
        case holds(Double)
        /// It does not.
        case fails(Double)
        /// The metric exists but has no value in this run (JSON `null`: no breaker recovered, say).
        case noValue
        /// The path names no number of the summary; the reason, with the nearest key.
        case noMetric(String)
    }
}

/// An expectation that cannot be read.
public enum MetricExpectationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text, and what is wrong with it.
    case malformed(String, String)

    /// `--expect "TEXT": REASON`.
    public var description: String {
        switch self {
        case .malformed(let text, let reason): "--expect \(quoted(text)): \(reason)"
        }
    }
}

/// Why a path names no number.
struct LookupProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// A parsed JSON document, for looking metrics up in a run's summary.
public struct JSONDocument: Sendable {
    let root: JSONValue

    /// Parses `text`; `nil` when it is not JSON.
    public init?(_ text: String) {
        guard let document = try? JSONParser.parse(Array(text.utf8)) else { return nil }
        root = document.value
    }

    /// The number at `path` (`nil` for a JSON null), or why there is none.
    func number(at path: String) -> Result<Double?, LookupProblem> {
        guard var segments = fieldPathSegments(path) else {
            return .failure(
                LookupProblem(
                    "\(quoted(path)) is not a path: keys separated by dots, e.g. clients.web.latency_ms.p99 (a name "
                        + "with dots in brackets and quotes: clients[\"web.v2\"].good)"))
        }
        guard case .object(let top) = root else {
            return .failure(LookupProblem("the summary is not an object"))
        }
        if let first = segments.first, !top.has(first) {
            // A bare name: the derived metrics, then the totals.
            if case .object(let metrics)? = top.value(for: "metrics"), metrics.has(first) {
                segments.insert("metrics", at: 0)
            } else if case .object(let totals)? = top.value(for: "totals"), totals.has(first) {
                segments.insert("totals", at: 0)
            }
        }
        var value = root
        var walked = ""
        for segment in segments {
            let here = walked.isEmpty ? "the summary" : walked
            switch value {
            case .object(let members):
                guard let next = members.value(for: segment) else {
                    var keys = members.map(\.key)
                    if walked.isEmpty {
                        // Bare names reach into metrics and totals: suggest among those too.
                        for inner in ["metrics", "totals"] {
                            if case .object(let more)? = members.value(for: inner) { keys += more.map(\.key) }
                        }
                    }
                    let close =
                        suggestion(for: segment, among: keys).map { " (did you mean \(quoted($0))?)" } ?? ""
                    return .failure(LookupProblem("\(here) has no \(quoted(segment))\(close)"))
                }
                value = next
            case .array(let elements):
                let named = elements.firstIndex {
                    if case .object(let members) = $0, case .string(let name)? = members.value(for: "name") {
                        return name == segment
                    }
                    return false
                }
                if let named {
                    value = elements[named]
                } else if elements.isEmpty {
                    // A list empty in this run (no episode yet in a short one): whatever is asked of its
                    // elements has no value here, as a delay with nothing to measure has none.
                    return .success(Double?.none)
                } else if let index = Int(segment), elements.indices.contains(index) {
                    value = elements[index]
                } else {
                    let names = elements.compactMap { element -> String? in
                        if case .object(let members) = element,
                            case .string(let name)? = members.value(for: "name")
                        {
                            return name
                        }
                        return nil
                    }
                    let close =
                        suggestion(for: segment, among: names).map { " (did you mean \(quoted($0))?)" } ?? ""
                    let indices =
                        elements.count == 1 ? "the index 0" : "an index from 0 to \(elements.count - 1)"
                    return .failure(
                        LookupProblem(
                            "\(here) has no element named \(quoted(segment))\(close); give "
                                + (names.isEmpty ? indices : "a name or \(indices)")))
                }
            default:
                return .failure(
                    LookupProblem("\(here) is a single value; \(quoted(segment)) cannot be inside it"))
            }
            walked =
                Int(segment) != nil && !walked.isEmpty ? walked + "[\(segment)]" : joinPath(walked, segment)
        }
        switch value {
        case .number(let number): return .success(number.value)
        case .null: return .success(Double?.none)
        case .object(let members):
            return .failure(
                LookupProblem(
                    "\(path) is a group, not a number; one of its keys: \(members.map(\.key).prefix(8).joined(separator: ", "))"
                ))
        case .array: return .failure(LookupProblem("\(path) is a list, not a number; add a name or index"))
        case .bool, .string: return .failure(LookupProblem("\(path) is \(value.kind), not a number"))
        }
    }
}

extension Substring {
    /// Without spaces and tabs at either end.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
