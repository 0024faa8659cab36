// A group of calling clients: their arrivals, timeout, retries and breaker settings.

/// How a client's calls are spaced in time.
public enum Arrival: String, Sendable, Equatable, CaseIterable {
    /// Open model: exponential gaps (a Poisson process).
    case poisson
    /// Fixed gaps of `1 / rate`.
    case uniform
}

/// Randomisation of retry backoff.
public enum Jitter: String, Sendable, Equatable, CaseIterable {
    /// Exactly the computed backoff.
    case none
    /// Uniform between zero and the computed backoff.
    case full
    /// Half the computed backoff plus a uniform share of the other half.
    case equal
}

/// Retries of failed or rejected calls.
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt (0 means none).
    public var max: Int
    /// Backoff before the first retry.
    public var backoff: Nanoseconds
    /// Growth of the backoff per retry.
    public var multiplier: Double
    /// Upper bound of the backoff.
    public var cap: Nanoseconds
    /// Randomisation of the backoff.
    public var jitter: Jitter
    /// Whether a call rejected by the breaker is retried too.
    public var retryRejected: Bool

    /// Creates a retry policy; omitted arguments take the defaults a scenario file gets.
    public init(
        max: Int, backoff: Nanoseconds, multiplier: Double = 2, cap: Nanoseconds, jitter: Jitter = .full,
        retryRejected: Bool = false
    ) {
        self.max = max
        self.backoff = backoff
        self.multiplier = multiplier
        self.cap = cap
        self.jitter = jitter
        self.retryRejected = retryRejected
    }
}

/// Circuit breaker parameters of a client, with the original's names.
public struct BreakerSettings: Sendable, Equatable {
    /// Consecutive failures that open the breaker (`allowed_fails`).
    public var allowedFails: Int
    /// Time the breaker stays open before it lets a probe through (`retry_timer`).
    public var retryTimer: Nanoseconds
    /// Probes allowed in flight while half-open (`half_open_probes`).
    public var halfOpenProbes: Int

    /// Creates breaker settings; omitted arguments take the defaults a scenario file gets.
    public init(allowedFails: Int = 3, retryTimer: Nanoseconds = 30_000_000_000, halfOpenProbes: Int = 1) {
        self.allowedFails = allowedFails
        self.retryTimer = retryTimer
        self.halfOpenProbes = halfOpenProbes
    }
}

/// A group of identical client instances, each with its own breaker.
public struct ClientProfile: Sendable, Equatable {
    /// Unique name; instances are shown as `name#1`, `name#2` and so on.
    public var name: String
    /// Number of independent copies.
    public var instances: Int
    /// Name of the service called.
    public var calls: String
    /// Calls per second per instance.
    public var rate: Double
    /// Spacing of calls.
    public var arrival: Arrival
    /// A call not answered within this time fails at the timeout.
    public var timeout: Nanoseconds
    /// Optional retries.
    public var retry: RetryPolicy?
    /// Breaker parameters, or `nil` for an unprotected client.
    public var breaker: BreakerSettings?

    /// Creates a client; omitted arguments take the defaults a scenario file gets.
    public init(
        name: String, instances: Int = 1, calls: String, rate: Double, arrival: Arrival = .poisson,
        timeout: Nanoseconds = 1_000_000_000, retry: RetryPolicy? = nil,
        breaker: BreakerSettings? = BreakerSettings()
    ) {
        self.name = name
        self.instances = instances
        self.calls = calls
        self.rate = rate
        self.arrival = arrival
        self.timeout = timeout
        self.retry = retry
        self.breaker = breaker
    }
}
