// A synthetic service: its baseline latency, errors and capacity, and its phases over time.

/// How long a synthetic service takes to answer.
public enum LatencyDistribution: Sendable, Equatable {
    /// Always the same latency.
    case constant(Nanoseconds)
    /// Uniform between `min` and `max` inclusive.
    case uniform(min: Nanoseconds, max: Nanoseconds)
    /// Exponential with the given mean.
    case exponential(mean: Nanoseconds)
    /// Log-normal, given by its median and 99th percentile.
    case lognormal(p50: Nanoseconds, p99: Nanoseconds)
}

/// Limits that make overload real: calls beyond them wait, then fail fast.
public struct Capacity: Sendable, Equatable {
    /// Calls served at once.
    public var concurrency: Int
    /// Calls that may wait for a free slot; more fail immediately.
    public var queue: Int

    /// Creates capacity limits; omitted arguments take the defaults a scenario file gets.
    public init(concurrency: Int, queue: Int) {
        self.concurrency = concurrency
        self.queue = queue
    }
}

/// A synthetic service and its failure profile over time.
public struct ServiceProfile: Sendable, Equatable {
    /// Unique name that clients refer to.
    public var name: String
    /// Baseline latency.
    public var latency: LatencyDistribution
    /// Baseline error probability per call.
    public var errorRate: Double
    /// Optional concurrency and queue limits.
    public var capacity: Capacity?
    /// Non-overlapping phases, sorted by start.
    public var phases: [Phase]

    /// Creates a service; omitted arguments take the defaults a scenario file gets.
    public init(
        name: String, latency: LatencyDistribution, errorRate: Double = 0, capacity: Capacity? = nil,
        phases: [Phase] = []
    ) {
        self.name = name
        self.latency = latency
        self.errorRate = errorRate
        self.capacity = capacity
        self.phases = phases
    }
}
