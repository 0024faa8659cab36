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
    /// Time spent in each visible state, in nanoseconds.
    public var timeClosed: Nanoseconds = 0
    public var timeOpen: Nanoseconds = 0
    public var timeHalfOpen: Nanoseconds = 0
    /// When the breaker first opened, if it did.
    public var firstOpenAt: Nanoseconds?
    /// First attempts of logical requests (retries excluded).
    public var requests = 0
    /// Logical requests that eventually succeeded, retries included.
    public var requestsSucceeded = 0
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
    public var offered = 0
    public var succeeded = 0
    public var failed = 0
    public var rejected = 0
    public var probesSent = 0
    public var probesSucceeded = 0
    public var probesFailed = 0
}
