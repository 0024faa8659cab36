/// When a closed breaker opens.
///
/// ```swift
/// // Opens after 5 failures in a row (the original library's `allowed_fails`).
/// let consecutive = TripPolicy.consecutiveFailures(5)
/// // Opens when half or more of the last 20 calls failed, once 10 calls have been seen
/// // (Resilience4j's count-based sliding window).
/// let rate = TripPolicy.failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 10)
/// // The same over the calls of the last 10 seconds (Polly's sampling duration, opossum's window).
/// let timed = TripPolicy.failureRate(threshold: 0.5, window: .duration(.seconds(10)), minimumCalls: 10)
/// ```
///
/// Both policies keep every other behaviour of the breaker: the half-open probes and their count,
/// generations (a result from before a transition changes nothing), the open period and its backoff,
/// and no lock held during a call. A call that ends ``CallOutcome/ignored`` is not counted by either.
public enum TripPolicy: Sendable, Hashable {
    /// Opens after this many failures in a row; a success while closed starts the count again.
    case consecutiveFailures(Int)
    /// Opens when at least `minimumCalls` calls are in `window` and the share of them that failed is
    /// `threshold` or more (0 < threshold ≤ 1).
    ///
    /// The window starts empty whenever the breaker closes. A ``FailureWindow/calls(_:)`` window needs
    /// `minimumCalls` at most its size.
    case failureRate(threshold: Double, window: FailureWindow, minimumCalls: Int)

    /// The fewest failures that can open the breaker: the count of a consecutive policy; for a rate
    /// policy, ⌈threshold × minimumCalls⌉ (the failures of a window that holds just the minimum).
    public var fewestFailuresToTrip: Int {
        switch self {
        case .consecutiveFailures(let count):
            return count
        case .failureRate(let threshold, _, let minimumCalls):
            // The smallest k with k / minimumCalls ≥ threshold, as the breaker compares it.
            var failures = max(1, Int((threshold * Double(minimumCalls)).rounded(.down)))
            while failures > 1 && Double(failures - 1) / Double(minimumCalls) >= threshold { failures -= 1 }
            while Double(failures) / Double(minimumCalls) < threshold { failures += 1 }
            return failures
        }
    }

    /// The first value that cannot be used, or `nil`.
    func problem() -> CircuitBreakerConfigurationError? {
        switch self {
        case .consecutiveFailures(let count):
            if count < 1 {
                return .init(parameter: "allowedFails", requirement: "must be at least 1", value: "\(count)")
            }
        case .failureRate(let threshold, let window, let minimumCalls):
            if !(threshold > 0 && threshold <= 1) {
                return .init(
                    parameter: "threshold",
                    requirement: "must be more than 0 and at most 1 (a share of the calls)",
                    value: "\(threshold)")
            }
            if minimumCalls < 1 || minimumCalls > 1 << 53 {
                return .init(
                    parameter: "minimumCalls", requirement: "must be from 1 to 2^53", value: "\(minimumCalls)"
                )
            }
            switch window {
            case .calls(let size):
                if size < 1 || size > FailureWindow.largestCallCount {
                    return .init(
                        parameter: "window",
                        requirement: "must hold 1 to \(FailureWindow.largestCallCount) calls",
                        value: "\(size) calls")
                }
                if minimumCalls > size {
                    return .init(
                        parameter: "minimumCalls",
                        requirement: "must be at most the window's \(size) calls (more can never be in it)",
                        value: "\(minimumCalls)")
                }
            case .duration(let length):
                if length < .nanoseconds(FailureWindow.bucketCount) {
                    return .init(
                        parameter: "window",
                        requirement: "must be at least \(FailureWindow.bucketCount) ns (one per bucket)",
                        value: "\(length)")
                }
            }
        }
        return nil
    }
}

/// Which calls a failure-rate policy looks at.
public enum FailureWindow: Sendable, Hashable {
    /// The last N calls (at most ``largestCallCount``), as Resilience4j's count-based sliding window.
    ///
    /// Kept as one bit per call, allocated once when the breaker is made: counting a call allocates
    /// nothing, and while the window is full of successes a success changes nothing and takes no lock.
    case calls(Int)
    /// The calls that ended in the last D, counted in ``bucketCount`` buckets of D / 10 each, as
    /// opossum's rolling buckets do (Resilience4j's time-based window counts in one-second buckets).
    ///
    /// The window holds the current bucket and the nine before it, so it covers between 0.9 D and D;
    /// a bucket is dropped whole when it falls out. Counting a call reads the clock and takes the
    /// breaker's lock (a success changes the counts), and the buckets (16 bytes each) are allocated
    /// once when the breaker is made.
    case duration(Duration)

    /// The most calls a ``calls(_:)`` window may hold: 2²⁴ (2 MiB of bits).
    public static let largestCallCount = 1 << 24

    /// How many buckets a ``duration(_:)`` window is counted in.
    public static let bucketCount = 10
}
