public import BreakerCore

/// One transition of one simulated breaker.
public struct BreakerTransition: Sendable, Equatable {
    /// When it happened.
    public var time: Nanoseconds
    /// Index into ``Simulation/breakers``.
    public var breaker: Int
    /// The state it left.
    public var from: CircuitState
    /// The state it entered.
    public var to: CircuitState
    /// Why.
    public var reason: TransitionReason
    /// How long the breaker stays open, when it opened.
    public var openFor: Nanoseconds?

    /// Describes a transition.
    public init(
        time: Nanoseconds, breaker: Int, from: CircuitState, to: CircuitState, reason: TransitionReason,
        openFor: Nanoseconds? = nil
    ) {
        self.time = time
        self.breaker = breaker
        self.from = from
        self.to = to
        self.reason = reason
        self.openFor = openFor
    }
}
