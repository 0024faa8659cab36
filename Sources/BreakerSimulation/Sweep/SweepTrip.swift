/// The rule that opens a breaker, as a sweep varies it: one row of the grid.
///
/// A consecutive-failure breaker varies `allowed_fails`; a failure-rate breaker varies its threshold,
/// its window and its minimum number of calls. A sweep over both (`--policies consecutive,failure_rate`)
/// holds rows of each kind, and every row runs on the same seeds.
public enum SweepTrip: Sendable, Hashable {
    /// Opens after `allowedFails` failures in a row (`"policy": "consecutive"`).
    case consecutive(allowedFails: Int)
    /// Opens when at least `minimumCalls` calls are in `window` and `threshold` or more of them failed
    /// (`"policy": "failure_rate"`).
    case failureRate(threshold: Double, window: BreakerSettings.Window, minimumCalls: Int)

    /// The trip rule of `settings`.
    public init(_ settings: BreakerSettings) {
        switch settings.policy {
        case .consecutive: self = .consecutive(allowedFails: settings.allowedFails)
        case .failureRate(let threshold, let window, let minimumCalls):
            self = .failureRate(threshold: threshold, window: window, minimumCalls: minimumCalls)
        }
    }

    /// The policy this rule belongs to.
    public var policy: SweepPolicy {
        switch self {
        case .consecutive: .consecutive
        case .failureRate: .failureRate
        }
    }

    /// `allowed_fails` of a consecutive rule; `nil` for a failure rate.
    public var allowedFails: Int? {
        if case .consecutive(let fails) = self { return fails }
        return nil
    }

    /// `settings` with this rule in place of theirs (`slow_call`, `retry_jitter` and the probes stay).
    public func applied(to settings: BreakerSettings) -> BreakerSettings {
        var copy = settings
        switch self {
        case .consecutive(let fails):
            copy.policy = .consecutive
            copy.allowedFails = fails
        case .failureRate(let threshold, let window, let minimumCalls):
            copy.policy = .failureRate(threshold: threshold, window: window, minimumCalls: minimumCalls)
        }
        return copy
    }

    /// In the scenario's words: "allowed_fails 3", "failure_rate 50% of the last 20 calls (at least 10)".
    public var description: String {
        switch self {
        case .consecutive: rule
        case .failureRate: "failure_rate " + rule
        }
    }

    /// The same where the policy is said beside it: "allowed_fails 3", "50% of the last 20 calls".
    public var rule: String {
        switch self {
        case .consecutive(let fails): "allowed_fails \(fails)"
        case .failureRate: applied(to: BreakerSettings()).tripRule
        }
    }

    /// A grid row's label: "3" (allowed_fails), "50% of 20", "50% of 20 ≥10", "50% in 10s ≥100".
    public var label: String {
        switch self {
        case .consecutive(let fails): return String(fails)
        case .failureRate(let threshold, .calls(let size), let minimum):
            return "\(formatPercent(threshold)) of \(size)" + (minimum == size ? "" : " ≥\(minimum)")
        case .failureRate(let threshold, .duration(let length), let minimum):
            return "\(formatPercent(threshold)) in \(formatDuration(length)) ≥\(minimum)"
        }
    }
}

/// The kinds of breaker a sweep can compare (`--policies`).
public enum SweepPolicy: String, Sendable, CaseIterable, Comparable {
    /// Consecutive failures (`allowed_fails`).
    case consecutive
    /// A failure rate over a window (`failure_rate`, `window`, `minimum_calls`).
    case failureRate = "failure_rate"

    /// "consecutive breaker", "failure-rate breaker".
    public var noun: String {
        switch self {
        case .consecutive: "consecutive breaker"
        case .failureRate: "failure-rate breaker"
        }
    }

    /// Consecutive before failure rate, the order of ``allCases``.
    public static func < (lhs: SweepPolicy, rhs: SweepPolicy) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension SweepTrip {
    /// How many rules ``failureRates(thresholds:windows:minimumCalls:)`` makes, counted without making
    /// them (so that a grid too large to run is refused before it takes memory); saturates at `Int.max`.
    public static func failureRateCount(
        thresholds: Int, windows: [BreakerSettings.Window], minimumCalls: [Int]?
    ) -> Int {
        windows.reduce(0) { total, window in
            let (product, overflow) = minimums(for: window, minimumCalls).count.multipliedReportingOverflow(
                by: thresholds)
            let (sum, carry) = total.addingReportingOverflow(product)
            return overflow || carry ? Int.max : sum
        }
    }

    /// The minimums a window takes: those given that it can reach, or its default.
    private static func minimums(for window: BreakerSettings.Window, _ minimumCalls: [Int]?) -> [Int] {
        switch window {
        case .calls(let size): (minimumCalls ?? [size]).filter { $0 <= size }
        case .duration: minimumCalls ?? [ScenarioLimits.defaultMinimumCalls]
        }
    }

    /// The failure-rate rules of every threshold × window × minimum, windows outermost, then minimums,
    /// then thresholds (so a heat map's neighbouring rows differ in threshold).
    ///
    /// - Parameters:
    ///   - thresholds: The failed shares to try.
    ///   - windows: The windows to try.
    ///   - minimumCalls: The minimums to try; `nil` for each window's default (its size for a count
    ///     window, 100 for a time window, as in a scenario file). A minimum larger than a count window
    ///     can never be reached and is left out for that window.
    /// - Returns: One rule per combination; empty when every minimum exceeds every count window.
    public static func failureRates(
        thresholds: [Double], windows: [BreakerSettings.Window], minimumCalls: [Int]?
    ) -> [SweepTrip] {
        windows.flatMap { window -> [SweepTrip] in
            minimums(for: window, minimumCalls).flatMap { minimum in
                thresholds.map { .failureRate(threshold: $0, window: window, minimumCalls: minimum) }
            }
        }
    }
}
