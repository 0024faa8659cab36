import BreakerCore

/// Outcomes of user requests (of one route, one client or the whole run).
///
/// Every request that arrived is in `requests`; each one answered is in exactly one of `good`,
/// `degraded`, `late` and `failed`, and each refused for want of a worker is in `shed`. Requests still
/// in progress when the run ends are in none of them.
public struct RequestStats: Sendable, Equatable {
    /// Requests that arrived.
    public var requests = 0
    /// Answered successfully (every call of the route succeeded) within the deadline.
    public var good = 0
    /// Answered by a fallback within the deadline: a call with `fallback` failed or was rejected.
    public var degraded = 0
    /// Answered after the deadline, whatever the answer.
    public var late = 0
    /// Refused at once: every worker busy and the backlog full.
    public var shed = 0
    /// Answered with an error within the deadline: a call without fallback failed after its retries, or
    /// its breaker rejected it.
    public var failed = 0
    /// Answered successfully, however late (`good` plus the late successes).
    public var succeeded = 0
    /// Time users spent waiting on requests that did not end good, in nanoseconds: each one's time
    /// from arrival to answer, cut at the deadline (a user stops waiting then).
    public var userWait: Nanoseconds = 0

    /// All zero.
    public init() {}

    /// Requests answered or shed: all but those still in progress.
    public var ended: Int { good + degraded + late + shed + failed }

    /// Adds another set of counts to this one.
    public mutating func add(_ other: RequestStats) {
        requests += other.requests
        good += other.good
        degraded += other.degraded
        late += other.late
        shed += other.shed
        failed += other.failed
        succeeded += other.succeeded
        userWait += other.userWait
    }
}

/// Request outcomes of one client instance in one sampling interval, reset after every sample.
public struct RequestIntervalCounts: Sendable, Equatable {
    /// Requests answered good in the interval.
    public var good = 0
    /// Requests answered by a fallback in the interval.
    public var degraded = 0
    /// Requests answered late in the interval.
    public var late = 0
    /// Requests shed in the interval.
    public var shed = 0
    /// Requests failed in the interval.
    public var failed = 0
}
