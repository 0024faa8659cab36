// The periods of a service's life that differ from its baseline: error rates, outages, flapping and
// latency changes.

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

    /// Creates a flap; omitted arguments take the defaults a scenario file gets.
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

/// A period of a service's life that differs from its baseline.
///
/// Phases never overlap.
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

    /// Creates a phase; omitted arguments take the defaults a scenario file gets.
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
