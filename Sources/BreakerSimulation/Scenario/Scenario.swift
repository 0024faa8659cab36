/// Virtual time and durations inside the simulator, in integer nanoseconds.
///
/// Integers keep every run exact and reproducible; `Int64` nanoseconds cover about 292 years.
public typealias Nanoseconds = Int64

/// A validated scenario: synthetic services with failure profiles, and clients that call them.
///
/// Values of this type come from ``ScenarioLoader``, which has already checked every range and
/// reference, so the engine can trust them.
public struct Scenario: Sendable, Equatable {
    /// Human-readable title, shown in the dashboard header and summaries.
    public var name: String
    /// Text a speaker can read aloud: what happens in this scenario and what to watch.
    public var description: String
    /// Seed of every random stream in the run.
    public var seed: UInt64
    /// Simulated length of the run.
    public var duration: Nanoseconds
    /// Interval between snapshots (dashboard frames, timeline rows).
    public var sampleEvery: Nanoseconds
    /// The synthetic services, in file order.
    public var services: [ServiceProfile]
    /// The calling clients, in file order.
    public var clients: [ClientProfile]

    public init(
        name: String, description: String = "", seed: UInt64 = 1, duration: Nanoseconds,
        sampleEvery: Nanoseconds = 1_000_000_000, services: [ServiceProfile], clients: [ClientProfile]
    ) {
        self.name = name
        self.description = description
        self.seed = seed
        self.duration = duration
        self.sampleEvery = sampleEvery
        self.services = services
        self.clients = clients
    }
}

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

    public init(concurrency: Int, queue: Int) {
        self.concurrency = concurrency
        self.queue = queue
    }
}

/// How a service behaves while it is down.
public enum OutageMode: String, Sendable, Equatable, CaseIterable {
    /// Immediate error, like a connection reset.
    case failFast = "fail_fast"
    /// No answer at all: the client's timeout decides.
    case hang
}

/// Distribution of the up and down periods of a flapping service.
public enum PeriodDistribution: String, Sendable, Equatable, CaseIterable {
    /// Every period has exactly its nominal length.
    case constant
    /// Periods are exponential with the nominal length as mean.
    case exponential
}

/// A service that alternates between working and down.
public struct Flap: Sendable, Equatable {
    /// (Mean) length of an up period.
    public var up: Nanoseconds
    /// (Mean) length of a down period.
    public var down: Nanoseconds
    /// How period lengths are drawn.
    public var dist: PeriodDistribution
    /// Behaviour while down.
    public var outage: OutageMode

    public init(
        up: Nanoseconds, down: Nanoseconds, dist: PeriodDistribution = .constant,
        outage: OutageMode = .failFast
    ) {
        self.up = up
        self.down = down
        self.dist = dist
        self.outage = outage
    }
}

/// A change of a service's latency during a phase.
public enum LatencyChange: Sendable, Equatable {
    /// A fixed extra delay on top of the base latency.
    case add(Nanoseconds)
    /// A different distribution for the duration of the phase.
    case replace(LatencyDistribution)
}

/// A period of a service's life that differs from its baseline. Phases never overlap.
public struct Phase: Sendable, Equatable {
    /// Start, from the beginning of the run.
    public var at: Nanoseconds
    /// Length (the file's `for`).
    public var length: Nanoseconds
    /// Name shown in the dashboard and reports; defaults to a description of the effect.
    public var label: String
    /// Error probability during the phase, replacing the baseline.
    public var errorRate: Double?
    /// Hard outage during the phase.
    public var outage: OutageMode?
    /// Flapping during the phase.
    public var flap: Flap?
    /// Latency change during the phase.
    public var latency: LatencyChange?

    /// The end of the phase.
    public var end: Nanoseconds { at + length }

    public init(
        at: Nanoseconds, length: Nanoseconds, label: String, errorRate: Double? = nil,
        outage: OutageMode? = nil, flap: Flap? = nil, latency: LatencyChange? = nil
    ) {
        self.at = at
        self.length = length
        self.label = label
        self.errorRate = errorRate
        self.outage = outage
        self.flap = flap
        self.latency = latency
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

    public init(allowedFails: Int = 3, retryTimer: Nanoseconds = 30_000_000_000, halfOpenProbes: Int = 1) {
        self.allowedFails = allowedFails
        self.retryTimer = retryTimer
        self.halfOpenProbes = halfOpenProbes
    }
}

/// A group of identical client instances, each with its own breaker.
public struct ClientProfile: Sendable, Equatable {
    /// Unique name; instances are shown as `name#1`, `name#2`, …
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
