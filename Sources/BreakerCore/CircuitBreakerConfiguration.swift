/// The parameters of a circuit breaker, with the original library's names in Swift spelling.
public struct CircuitBreakerConfiguration: Sendable, Hashable {
    /// Consecutive failures while closed that open the breaker (`allowed_fails`).
    public var allowedFails: Int
    /// How long the breaker stays open before the next call becomes a probe (`retry_timer`).
    public var retryTimer: Duration
    /// How many probe calls may be in flight at once while half-open.
    public var halfOpenProbes: Int
    /// Optional growth of the open period when probes keep failing.
    public var openBackoff: OpenBackoff?

    /// Creates a configuration; invalid values stop the program with a message naming the parameter.
    public init(
        allowedFails: Int = 3,
        retryTimer: Duration = .seconds(30),
        halfOpenProbes: Int = 1,
        openBackoff: OpenBackoff? = nil
    ) {
        precondition(
            allowedFails >= 1, "CircuitBreaker: allowedFails must be at least 1 (got \(allowedFails))")
        precondition(
            retryTimer >= .zero, "CircuitBreaker: retryTimer must not be negative (got \(retryTimer))")
        precondition(
            halfOpenProbes >= 1, "CircuitBreaker: halfOpenProbes must be at least 1 (got \(halfOpenProbes))")
        self.allowedFails = allowedFails
        self.retryTimer = retryTimer
        self.halfOpenProbes = halfOpenProbes
        self.openBackoff = openBackoff
    }

    /// The open period after `reopenings` consecutive failed probes (0 for the first opening).
    public func openPeriod(afterReopenings reopenings: Int) -> Duration {
        guard let backoff = openBackoff, reopenings > 0 else { return retryTimer }
        let cap = backoff.maxRetryTimer
        var period = retryTimer
        for _ in 0..<min(reopenings, 64) {
            // Compare in floating point before multiplying: a product beyond `Duration`'s range traps.
            guard period / .seconds(1) * backoff.multiplier < cap / .seconds(1) else { return cap }
            period = period * backoff.multiplier
        }
        return min(period, cap)
    }
}

/// Growth of the open period while a dependency stays down, so that a long outage costs fewer probes.
public struct OpenBackoff: Sendable, Hashable {
    /// Factor applied to the open period after each failed probe (at least 1).
    public var multiplier: Double
    /// Upper bound of the open period.
    public var maxRetryTimer: Duration

    /// Creates a backoff; invalid values stop the program with a message naming the parameter.
    public init(multiplier: Double = 2, maxRetryTimer: Duration) {
        precondition(
            multiplier >= 1 && multiplier.isFinite,
            "OpenBackoff: multiplier must be at least 1 (got \(multiplier))")
        precondition(maxRetryTimer >= .zero, "OpenBackoff: maxRetryTimer must not be negative")
        self.multiplier = multiplier
        self.maxRetryTimer = maxRetryTimer
    }
}
