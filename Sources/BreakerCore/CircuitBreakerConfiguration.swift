/// The parameters of a circuit breaker, with the original library's names in Swift spelling.
///
/// Every field is a constant checked once, in ``init(allowedFails:retryTimer:halfOpenProbes:openBackoff:probeTimeout:)``:
/// a configuration that exists is valid.
public struct CircuitBreakerConfiguration: Sendable, Hashable {
    /// Consecutive failures while closed that open the breaker (`allowed_fails`).
    public let allowedFails: Int
    /// How long the breaker stays open before the next call becomes a probe (`retry_timer`).
    public let retryTimer: Duration
    /// How many probe calls may be in flight at once while half-open.
    public let halfOpenProbes: Int
    /// Optional growth of the open period when probes keep failing.
    public let openBackoff: OpenBackoff?
    /// How long a probe may stay out before it counts as failed; `nil` means the ``retryTimer``.
    public let probeTimeout: Duration?

    /// Creates a configuration; invalid values stop the program with a message naming the parameter.
    public init(
        allowedFails: Int = 3,
        retryTimer: Duration = .seconds(30),
        halfOpenProbes: Int = 1,
        openBackoff: OpenBackoff? = nil,
        probeTimeout: Duration? = nil
    ) {
        precondition(
            allowedFails >= 1, "CircuitBreaker: allowedFails must be at least 1 (got \(allowedFails))")
        precondition(
            retryTimer >= .zero, "CircuitBreaker: retryTimer must not be negative (got \(retryTimer))")
        precondition(
            halfOpenProbes >= 1, "CircuitBreaker: halfOpenProbes must be at least 1 (got \(halfOpenProbes))")
        if let probeTimeout {
            precondition(
                probeTimeout >= .zero,
                "CircuitBreaker: probeTimeout must not be negative (got \(probeTimeout))")
        }
        self.allowedFails = allowedFails
        self.retryTimer = retryTimer
        self.halfOpenProbes = halfOpenProbes
        self.openBackoff = openBackoff
        self.probeTimeout = probeTimeout
    }

    /// The probe timeout in force: ``probeTimeout``, or the ``retryTimer`` when that is `nil`.
    @inlinable public var effectiveProbeTimeout: Duration { probeTimeout ?? retryTimer }

    /// The longest open period a breaker keeps: 4×10⁹ seconds, about 126 years.
    ///
    /// A longer ``retryTimer`` or backoff cap ("open for longer than the process will live", up to
    /// `.seconds(Int64.max)`) is valid and means this, so that the time arithmetic of an opening never
    /// overflows and the deadline fits the breaker's 64-bit nanosecond word.
    public static let longestOpenPeriod = Duration.seconds(4_000_000_000)

    /// The open period after `reopenings` consecutive failed probes (0 for the first opening), at most
    /// ``longestOpenPeriod``.
    public func openPeriod(afterReopenings reopenings: Int) -> Duration {
        let longest = Self.longestOpenPeriod
        guard let backoff = openBackoff, reopenings > 0 else { return min(retryTimer, longest) }
        let cap = min(backoff.maxRetryTimer, longest)
        var period = min(retryTimer, longest)
        for _ in 0..<min(reopenings, 64) {
            // Compare in floating point before multiplying: a product beyond `Duration`'s range traps.
            guard period / .seconds(1) * backoff.multiplier < cap / .seconds(1) else { return cap }
            period = period * backoff.multiplier
        }
        return min(Self.wholeNanoseconds(period), cap)
    }

    /// `duration` rounded up to whole nanoseconds: a product with a multiplier can carry a fraction of
    /// a nanosecond that the breaker's deadline (in nanoseconds) would lose, and a caller who waited
    /// out `retryAfter` would find it still open.
    static func wholeNanoseconds(_ duration: Duration) -> Duration {
        let (seconds, attoseconds) = duration.components
        let nanosecond: Int64 = 1_000_000_000
        return Duration(
            secondsComponent: seconds,
            attosecondsComponent: (attoseconds + nanosecond - 1) / nanosecond * nanosecond)
    }
}

/// Growth of the open period while a dependency stays down, so that a long outage costs fewer probes.
///
/// Both fields are constants checked once, in ``init(multiplier:maxRetryTimer:)``.
public struct OpenBackoff: Sendable, Hashable {
    /// Factor applied to the open period after each failed probe (at least 1).
    public let multiplier: Double
    /// Upper bound of the open period.
    public let maxRetryTimer: Duration

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
