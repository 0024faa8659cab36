import BreakerCore

/// Counters of one client instance and its breaker over the whole run.
public struct BreakerStats: Sendable, Equatable {
    /// Attempts that reached the breaker, retries included.
    public var offered = 0
    /// Attempts the breaker let through (or all of them without a breaker).
    public var executed = 0
    /// Executed attempts that succeeded within the timeout.
    public var succeeded = 0
    /// Executed attempts that failed or timed out.
    public var failed = 0
    /// First attempts of logical requests (retries excluded).
    public var requests = 0
    /// Logical requests that eventually succeeded, retries included.
    public var requestsSucceeded = 0
    /// Attempts rejected by the breaker.
    public var rejected = 0
    /// Transitions to open.
    public var opens = 0
    /// Transitions to closed.
    public var closes = 0
    /// Half-open probes sent.
    public var probes = 0
    /// Probes that failed.
    public var probesFailed = 0
    /// Probes that succeeded.
    public var probesSucceeded = 0
    /// Time spent closed, in nanoseconds.
    ///
    /// The three times cover the states a viewer sees: an open breaker whose retry timer has elapsed
    /// counts as half-open until its probe resolves.
    public var timeClosed: Nanoseconds = 0
    /// Time spent open, in nanoseconds, up to the end of each retry timer.
    public var timeOpen: Nanoseconds = 0
    /// Time spent half-open, in nanoseconds, including waits for the first probe after a retry timer.
    public var timeHalfOpen: Nanoseconds = 0
    /// When the breaker first opened, if it did.
    public var firstOpenAt: Nanoseconds?
    /// Executed attempts while the called service was in a degraded phase.
    public var executedWhileDegraded = 0
    /// Rejections while the called service was healthy.
    public var rejectedWhileHealthy = 0
    /// Opens while the called service was healthy.
    public var falseOpens = 0

    /// All zero.
    public init() {}
}

/// Counts of one sampling interval, reset after every snapshot.
public struct IntervalCounts: Sendable, Equatable {
    /// Attempts that reached the breaker in the interval, retries included.
    public var offered = 0
    /// Executed attempts that succeeded in the interval.
    public var succeeded = 0
    /// Executed attempts that failed or timed out in the interval.
    public var failed = 0
    /// Of the failed attempts, those that got no answer within the client's timeout.
    public var timedOut = 0
    /// Of the failed attempts, those the service refused for capacity (its slots and queue full).
    public var refused = 0
    /// Attempts the breaker rejected in the interval.
    public var rejected = 0
    /// Half-open probes sent in the interval.
    public var probesSent = 0
    /// Probes that succeeded in the interval.
    public var probesSucceeded = 0
    /// Probes that failed in the interval.
    public var probesFailed = 0

    /// All zero.
    public init() {}
}
