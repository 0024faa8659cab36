/// A point in virtual time: nanoseconds since the start of the run.
///
/// This is the `Instant` the simulator hands to BreakerCore's state machine, so the simulated breakers
/// run the very code that ships to services.
public struct SimInstant: InstantProtocol, Sendable, Hashable {
    /// The standard library's duration, so that breaker settings read the same in services and here.
    public typealias Duration = Swift.Duration

    /// Nanoseconds since the start of the run.
    public var nanoseconds: Nanoseconds

    /// The instant `nanoseconds` after the start of the run.
    @inlinable public init(_ nanoseconds: Nanoseconds) {
        self.nanoseconds = nanoseconds
    }

    /// The instant `duration` later (earlier when negative), to the whole nanosecond.
    ///
    /// A duration beyond the `Int64` range of nanoseconds is clamped, and the sum wraps rather than
    /// trapping; virtual times stay far below either limit.
    @inlinable public func advanced(by duration: Duration) -> SimInstant {
        SimInstant(nanoseconds &+ duration.nanosecondsClamped)
    }

    /// The time from this instant to `other`; negative when `other` is earlier.
    @inlinable public func duration(to other: SimInstant) -> Duration {
        .nanoseconds(other.nanoseconds &- nanoseconds)
    }

    /// Whether `lhs` comes before `rhs` in virtual time.
    @inlinable public static func < (lhs: SimInstant, rhs: SimInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}

extension Duration {
    /// Whole nanoseconds, clamped to the `Int64` range.
    @inlinable public var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return sum
    }
}

/// Rounds a non-negative number of nanoseconds to the nearest integer (halves up), without a libm call.
@inline(__always)
func nanoseconds(_ value: Double) -> Nanoseconds {
    Nanoseconds(value + 0.5)
}
