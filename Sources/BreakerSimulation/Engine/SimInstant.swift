/// A point in virtual time: nanoseconds since the start of the run.
///
/// This is the `Instant` the simulator hands to BreakerCore's state machine, so the simulated breakers
/// run the very code that ships to services.
public struct SimInstant: InstantProtocol, Sendable, Hashable {
    public typealias Duration = Swift.Duration

    /// Nanoseconds since the start of the run.
    public var nanoseconds: Nanoseconds

    @inlinable public init(_ nanoseconds: Nanoseconds) {
        self.nanoseconds = nanoseconds
    }

    @inlinable public func advanced(by duration: Duration) -> SimInstant {
        SimInstant(nanoseconds &+ duration.nanosecondsClamped)
    }

    @inlinable public func duration(to other: SimInstant) -> Duration {
        .nanoseconds(other.nanoseconds &- nanoseconds)
    }

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
