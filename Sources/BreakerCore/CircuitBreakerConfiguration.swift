/// The parameters of a circuit breaker, with the original library's names in Swift spelling.
///
/// Every field is a constant checked once, in ``init(allowedFails:retryTimer:halfOpenProbes:openBackoff:probeTimeout:)``
/// or ``init(policy:retryTimer:halfOpenProbes:openBackoff:probeTimeout:slowCallDuration:retryJitter:)``:
/// a configuration that exists is valid.
public struct CircuitBreakerConfiguration: Sendable, Hashable {
    /// When the closed breaker opens: after consecutive failures, or at a failure rate.
    public let policy: TripPolicy
    /// Consecutive failures while closed that open the breaker (`allowed_fails`); for a failure-rate
    /// policy, the fewest failures that can open it (``TripPolicy/fewestFailuresToTrip``).
    public let allowedFails: Int
    /// How long the breaker stays open before the next call becomes a probe (`retry_timer`).
    public let retryTimer: Duration
    /// How many probe calls may be in flight at once while half-open.
    public let halfOpenProbes: Int
    /// Optional growth of the open period when probes keep failing.
    public let openBackoff: OpenBackoff?
    /// How long a probe may stay out before it counts as failed; `nil` means the ``retryTimer``.
    public let probeTimeout: Duration?
    /// A success that takes longer than this counts as a failure; `nil`: durations do not count.
    ///
    /// The caller still gets its result. Resilience4j's slow calls, folded into the one failure count
    /// of the policy.
    public let slowCallDuration: Duration?
    /// Spread of the open period, 0 … 1: each open period is drawn uniformly within ± this fraction
    /// of its length, so that breakers that opened together do not all probe together.
    public let retryJitter: Double

    /// Creates a configuration that opens after `allowedFails` consecutive failures; invalid values
    /// stop the program with a message naming the parameter.
    ///
    /// For values written in code. Values read from a file or the environment go through
    /// ``validated(allowedFails:retryTimer:halfOpenProbes:openBackoff:probeTimeout:)``, which throws
    /// instead.
    public init(
        allowedFails: Int = 3,
        retryTimer: Duration = .seconds(30),
        halfOpenProbes: Int = 1,
        openBackoff: OpenBackoff? = nil,
        probeTimeout: Duration? = nil
    ) {
        self.init(
            policy: .consecutiveFailures(allowedFails), retryTimer: retryTimer,
            halfOpenProbes: halfOpenProbes,
            openBackoff: openBackoff, probeTimeout: probeTimeout)
    }

    /// Creates a configuration with any ``TripPolicy``, slow calls and jitter; invalid values stop the
    /// program with a message naming the parameter.
    ///
    /// ```swift
    /// let settings = CircuitBreakerConfiguration(
    ///     policy: .failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 10),
    ///     retryTimer: .seconds(15), slowCallDuration: .milliseconds(500), retryJitter: 0.2)
    /// ```
    ///
    /// Values read at run time go through
    /// ``validated(policy:retryTimer:halfOpenProbes:openBackoff:probeTimeout:slowCallDuration:retryJitter:)``.
    public init(
        policy: TripPolicy,
        retryTimer: Duration = .seconds(30),
        halfOpenProbes: Int = 1,
        openBackoff: OpenBackoff? = nil,
        probeTimeout: Duration? = nil,
        slowCallDuration: Duration? = nil,
        retryJitter: Double = 0
    ) {
        if let problem = Self.problem(
            policy: policy, retryTimer: retryTimer, halfOpenProbes: halfOpenProbes,
            openBackoff: openBackoff, probeTimeout: probeTimeout, slowCallDuration: slowCallDuration,
            retryJitter: retryJitter)
        {
            preconditionFailure(problem.description)
        }
        self.policy = policy
        self.allowedFails = policy.fewestFailuresToTrip
        self.retryTimer = retryTimer
        self.halfOpenProbes = halfOpenProbes
        self.openBackoff = openBackoff
        self.probeTimeout = probeTimeout
        self.slowCallDuration = slowCallDuration
        self.retryJitter = retryJitter
    }

    /// A configuration from values the program did not write itself (a settings file, the
    /// environment): the first invalid one is thrown, naming its parameter, instead of stopping the
    /// program.
    ///
    /// ```swift
    /// let settings = try CircuitBreakerConfiguration.validated(
    ///     allowedFails: file.allowedFails, retryTimer: .seconds(file.retrySeconds))
    /// let breaker = CircuitBreaker(name: "payments", configuration: settings)
    /// ```
    public static func validated(
        allowedFails: Int = 3,
        retryTimer: Duration = .seconds(30),
        halfOpenProbes: Int = 1,
        openBackoff: OpenBackoff? = nil,
        probeTimeout: Duration? = nil
    ) throws(CircuitBreakerConfigurationError) -> CircuitBreakerConfiguration {
        try validated(
            policy: .consecutiveFailures(allowedFails), retryTimer: retryTimer,
            halfOpenProbes: halfOpenProbes,
            openBackoff: openBackoff, probeTimeout: probeTimeout)
    }

    /// A configuration with any ``TripPolicy`` from values the program did not write itself; the
    /// first invalid one is thrown, naming its parameter.
    public static func validated(
        policy: TripPolicy,
        retryTimer: Duration = .seconds(30),
        halfOpenProbes: Int = 1,
        openBackoff: OpenBackoff? = nil,
        probeTimeout: Duration? = nil,
        slowCallDuration: Duration? = nil,
        retryJitter: Double = 0
    ) throws(CircuitBreakerConfigurationError) -> CircuitBreakerConfiguration {
        if let problem = problem(
            policy: policy, retryTimer: retryTimer, halfOpenProbes: halfOpenProbes,
            openBackoff: openBackoff, probeTimeout: probeTimeout, slowCallDuration: slowCallDuration,
            retryJitter: retryJitter)
        {
            throw problem
        }
        return CircuitBreakerConfiguration(
            policy: policy, retryTimer: retryTimer, halfOpenProbes: halfOpenProbes,
            openBackoff: openBackoff, probeTimeout: probeTimeout, slowCallDuration: slowCallDuration,
            retryJitter: retryJitter)
    }

    /// The first value that cannot be used, or `nil`: the one rule every initialiser follows.
    static func problem(
        policy: TripPolicy, retryTimer: Duration, halfOpenProbes: Int, openBackoff: OpenBackoff?,
        probeTimeout: Duration?, slowCallDuration: Duration?, retryJitter: Double
    ) -> CircuitBreakerConfigurationError? {
        if let problem = policy.problem() { return problem }
        if retryTimer < .zero {
            return .init(parameter: "retryTimer", requirement: "must not be negative", value: "\(retryTimer)")
        }
        if openBackoff != nil && retryTimer == .zero {
            // 0 × multiplier is 0: the backoff would never grow the open period.
            return .init(
                parameter: "retryTimer",
                requirement: "must be positive when openBackoff is set (0 never grows)",
                value: "\(retryTimer)")
        }
        if halfOpenProbes < 1 {
            return .init(
                parameter: "halfOpenProbes", requirement: "must be at least 1", value: "\(halfOpenProbes)")
        }
        if let probeTimeout, probeTimeout < .zero {
            return .init(
                parameter: "probeTimeout", requirement: "must not be negative", value: "\(probeTimeout)")
        }
        if let slowCallDuration, slowCallDuration <= .zero {
            return .init(
                parameter: "slowCallDuration", requirement: "must be positive", value: "\(slowCallDuration)")
        }
        if !(retryJitter >= 0 && retryJitter <= 1) {
            return .init(
                parameter: "retryJitter", requirement: "must be from 0 to 1 (a fraction of the open period)",
                value: "\(retryJitter)")
        }
        return nil
    }

    /// How a call that ended with `outcome` after `lasted` counts: a success slower than
    /// ``slowCallDuration`` counts as a failure.
    @inlinable
    public func countedOutcome(_ outcome: CallOutcome, lasted: Duration?) -> CallOutcome {
        guard outcome == .success, let slowCallDuration, let lasted, lasted > slowCallDuration else {
            return outcome
        }
        return .failure
    }

    /// An open period spread by ``retryJitter``.
    ///
    /// `period` × (1 + jitter × (2 `unit` − 1)), where `unit` is a uniform draw from 0 ..< 1, in whole
    /// nanoseconds and at most ``longestOpenPeriod``. Jitter
    /// applies after the backoff's cap, so a jittered period can reach (1 + jitter) × its
    /// `maxRetryTimer`.
    public func jittered(_ period: Duration, unit: Double) -> Duration {
        guard retryJitter > 0, period > .zero else { return period }
        let factor = 1 + retryJitter * (2 * min(max(unit, 0), 1) - 1)
        return min(Self.wholeNanoseconds(period * factor), Self.longestOpenPeriod)
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
    ///
    /// For values read at run time, ``validated(multiplier:maxRetryTimer:)`` throws instead.
    public init(multiplier: Double = 2, maxRetryTimer: Duration) {
        if let problem = Self.problem(multiplier: multiplier, maxRetryTimer: maxRetryTimer) {
            preconditionFailure(problem.description)
        }
        self.multiplier = multiplier
        self.maxRetryTimer = maxRetryTimer
    }

    /// A backoff from values the program did not write itself; the first invalid one is thrown.
    public static func validated(multiplier: Double = 2, maxRetryTimer: Duration)
        throws(CircuitBreakerConfigurationError) -> OpenBackoff
    {
        if let problem = problem(multiplier: multiplier, maxRetryTimer: maxRetryTimer) { throw problem }
        return OpenBackoff(multiplier: multiplier, maxRetryTimer: maxRetryTimer)
    }

    static func problem(multiplier: Double, maxRetryTimer: Duration) -> CircuitBreakerConfigurationError? {
        if !(multiplier >= 1 && multiplier.isFinite) {
            return .init(
                type: "OpenBackoff", parameter: "multiplier", requirement: "must be at least 1 and finite",
                value: "\(multiplier)")
        }
        if maxRetryTimer < .zero {
            return .init(
                type: "OpenBackoff", parameter: "maxRetryTimer", requirement: "must not be negative",
                value: "\(maxRetryTimer)")
        }
        return nil
    }
}

/// A breaker setting that cannot be used: which parameter, what it must be, and what it was.
///
/// Its description is the message the initialisers stop the program with, e.g.
/// `CircuitBreaker: allowedFails must be at least 1 (got 0)`.
public struct CircuitBreakerConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `CircuitBreaker` or `OpenBackoff`.
    public let type: String
    /// The parameter's name, as `allowedFails`.
    public let parameter: String
    /// What it must be, as `must be at least 1`.
    public let requirement: String
    /// The value given, as text.
    public let value: String

    init(type: String = "CircuitBreaker", parameter: String, requirement: String, value: String) {
        self.type = type
        self.parameter = parameter
        self.requirement = requirement
        self.value = value
    }

    /// `TYPE: PARAMETER REQUIREMENT (got VALUE)`.
    public var description: String { "\(type): \(parameter) \(requirement) (got \(value))" }
}
