/// Time since a breaker was created: the instant `CircuitBreaker` hands to its state machine.
///
/// A clock's own `Instant` may be a type whose layout is only known at run time (the standard
/// library's `ContinuousClock.Instant` is), and then every copy of a decision that carries one goes
/// through runtime calls. A `Duration` offset has a fixed layout, so the machine's code compiles down
/// to plain integer work; the breaker converts back to its clock's instants only for events.
public struct ElapsedInstant: InstantProtocol, Sendable, Hashable {
    /// Offsets are the standard library's `Duration`, as the breaker's clocks use.
    public typealias Duration = Swift.Duration

    /// Time since the breaker's origin.
    public var sinceOrigin: Duration

    /// The instant `sinceOrigin` after the breaker's creation.
    @inlinable public init(_ sinceOrigin: Duration) {
        self.sinceOrigin = sinceOrigin
    }

    /// The instant `duration` later.
    @inlinable public func advanced(by duration: Duration) -> ElapsedInstant {
        ElapsedInstant(sinceOrigin + duration)
    }

    /// The time from this instant to `other` (negative when `other` is earlier).
    @inlinable public func duration(to other: ElapsedInstant) -> Duration {
        other.sinceOrigin - sinceOrigin
    }

    /// Whether `lhs` comes before `rhs`.
    @inlinable public static func < (lhs: ElapsedInstant, rhs: ElapsedInstant) -> Bool {
        lhs.sinceOrigin < rhs.sinceOrigin
    }
}
