import BreakerCore
import BreakerCoreTesting
import Testing

/// Parameters, their defaults, and the backed-off open period.
@Suite struct ConfigurationTests {
    @Test("defaults follow the original library")
    func defaults() {
        let configuration = CircuitBreakerConfiguration()
        #expect(configuration.allowedFails == 3)
        #expect(configuration.retryTimer == .seconds(30))
        #expect(configuration.halfOpenProbes == 1)
        #expect(configuration.openBackoff == nil)
        #expect(OpenBackoff(maxRetryTimer: .seconds(60)).multiplier == 2)
    }

    @Test("the breaker reports the configuration it was made with")
    func breakerConfiguration() {
        let backoff = OpenBackoff(multiplier: 1.5, maxRetryTimer: .seconds(90))
        let breaker = ManualBreaker.manual(
            allowedFails: 4, retryTimer: .seconds(12), halfOpenProbes: 2, openBackoff: backoff,
            clock: ManualClock())
        #expect(
            breaker.configuration
                == CircuitBreakerConfiguration(
                    allowedFails: 4, retryTimer: .seconds(12), halfOpenProbes: 2, openBackoff: backoff))
    }

    @Test("without backoff every open period is retryTimer", arguments: [0, 1, 2, 10, Int.max])
    func openPeriodWithoutBackoff(reopenings: Int) {
        let configuration = CircuitBreakerConfiguration(retryTimer: .seconds(30))
        #expect(configuration.openPeriod(afterReopenings: reopenings) == .seconds(30))
    }

    @Test(
        "doubling backoff grows the open period and caps it",
        arguments: [
            (0, Duration.seconds(10)), (1, .seconds(20)), (2, .seconds(40)), (3, .seconds(80)),
            (4, .seconds(100)),
            (5, .seconds(100)), (64, .seconds(100)), (Int.max, .seconds(100)),
        ])
    func openPeriodWithDoubling(reopenings: Int, expected: Duration) {
        let configuration = CircuitBreakerConfiguration(
            retryTimer: .seconds(10), openBackoff: OpenBackoff(multiplier: 2, maxRetryTimer: .seconds(100)))
        #expect(configuration.openPeriod(afterReopenings: reopenings) == expected)
    }

    @Test("fractional multipliers keep sub-second precision")
    func openPeriodFractional() {
        let configuration = CircuitBreakerConfiguration(
            retryTimer: .seconds(10), openBackoff: OpenBackoff(multiplier: 1.5, maxRetryTimer: .seconds(60)))
        #expect(configuration.openPeriod(afterReopenings: 1) == .seconds(15))
        #expect(configuration.openPeriod(afterReopenings: 2) == .milliseconds(22_500))
        #expect(configuration.openPeriod(afterReopenings: 5) == .seconds(60))
    }

    @Test("a multiplier of 1 keeps retryTimer")
    func openPeriodMultiplierOne() {
        let configuration = CircuitBreakerConfiguration(
            retryTimer: .seconds(10), openBackoff: OpenBackoff(multiplier: 1, maxRetryTimer: .seconds(60)))
        #expect(configuration.openPeriod(afterReopenings: 1_000) == .seconds(10))
    }

    // A zero retryTimer with a backoff, which would stay zero for ever, is refused: see OpenPeriodEdgeTests.

    @Test(
        "a huge multiplier caps instead of overflowing",
        arguments: [1e12, 1e30, Double.greatestFiniteMagnitude])
    func openPeriodHugeMultiplier(multiplier: Double) {
        let configuration = CircuitBreakerConfiguration(
            retryTimer: .seconds(30),
            openBackoff: OpenBackoff(multiplier: multiplier, maxRetryTimer: .seconds(3_600)))
        #expect(configuration.openPeriod(afterReopenings: 1) == .seconds(3_600))
        #expect(configuration.openPeriod(afterReopenings: 50) == .seconds(3_600))
    }

    @Test("the backed-off period is what the breaker waits", arguments: 0...5)
    func breakerUsesOpenPeriod(reopenings: Int) {
        let clock = ManualClock()
        let backoff = OpenBackoff(multiplier: 2, maxRetryTimer: .seconds(100))
        let breaker = ManualBreaker.manual(
            allowedFails: 1, retryTimer: .seconds(10), openBackoff: backoff, clock: clock)
        breaker.fail()
        for _ in 0..<reopenings {
            clock.advance(by: .seconds(100))
            breaker.fail()
        }
        #expect(
            breaker.expectRejection()?.retryAfter
                == breaker.configuration.openPeriod(afterReopenings: reopenings))
    }
}

/// Whether `field` can be written through (a `var`), checked at run time.
func isWritable<Root, Value>(_ field: KeyPath<Root, Value>) -> Bool {
    field is WritableKeyPath<Root, Value>
}

/// A configuration cannot be changed after its values were checked.
@Suite struct ConfigurationImmutabilityTests {
    @Test("no field of CircuitBreakerConfiguration or OpenBackoff is writable")
    func fieldsAreConstants() {
        #expect(!isWritable(\CircuitBreakerConfiguration.allowedFails))
        #expect(!isWritable(\CircuitBreakerConfiguration.retryTimer))
        #expect(!isWritable(\CircuitBreakerConfiguration.halfOpenProbes))
        #expect(!isWritable(\CircuitBreakerConfiguration.openBackoff))
        #expect(!isWritable(\CircuitBreakerConfiguration.probeTimeout))
        #expect(!isWritable(\OpenBackoff.multiplier))
        #expect(!isWritable(\OpenBackoff.maxRetryTimer))
    }

    @Test("the probe timeout is part of the configuration")
    func probeTimeout() {
        #expect(CircuitBreakerConfiguration().probeTimeout == nil)
        #expect(CircuitBreakerConfiguration(retryTimer: .seconds(7)).effectiveProbeTimeout == .seconds(7))
        #expect(CircuitBreakerConfiguration(probeTimeout: .seconds(2)).effectiveProbeTimeout == .seconds(2))
    }
}

/// Settings read at run time are checked by a throwing twin of the initialisers: the same rules, an
/// error naming the parameter instead of a trap.
@Suite struct ThrowingValidationTests {
    @Test(
        "each invalid value is thrown with its parameter and the initialisers' message",
        arguments: [
            (
                0, Duration.seconds(30), 1, Duration?.none,
                "CircuitBreaker: allowedFails must be at least 1 (got 0)"
            ),
            (3, .seconds(-1), 1, nil, "CircuitBreaker: retryTimer must not be negative (got -1.0 seconds)"),
            (3, .seconds(30), 0, nil, "CircuitBreaker: halfOpenProbes must be at least 1 (got 0)"),
            (
                3, .seconds(30), 1, .seconds(-2),
                "CircuitBreaker: probeTimeout must not be negative (got -2.0 seconds)"
            ),
        ])
    func invalidSettingsThrow(
        allowedFails: Int, retryTimer: Duration, probes: Int, probeTimeout: Duration?, message: String
    ) {
        #expect {
            try CircuitBreakerConfiguration.validated(
                allowedFails: allowedFails, retryTimer: retryTimer, halfOpenProbes: probes,
                probeTimeout: probeTimeout)
        } throws: { error in
            (error as? CircuitBreakerConfigurationError)?.description == message
        }
    }

    @Test("a valid configuration from validated is the one the initialiser makes, and a breaker takes it")
    func validSettingsMakeABreaker() throws {
        let backoff = try OpenBackoff.validated(multiplier: 2, maxRetryTimer: .seconds(300))
        let settings = try CircuitBreakerConfiguration.validated(
            allowedFails: 5, retryTimer: .seconds(10), openBackoff: backoff)
        #expect(
            settings
                == CircuitBreakerConfiguration(
                    allowedFails: 5, retryTimer: .seconds(10),
                    openBackoff: OpenBackoff(multiplier: 2, maxRetryTimer: .seconds(300))))
        let breaker = CircuitBreaker(
            name: "payments", configuration: settings, clock: ManualClock(), logger: .quiet)
        #expect(breaker.configuration == settings)
        breaker.fail(5)
        #expect(breaker.state == .open)
        let continuous = CircuitBreaker(name: "payments", configuration: settings, logger: .quiet)
        #expect(continuous.configuration.allowedFails == 5)
    }

    @Test(
        "a bad backoff is thrown too",
        arguments: [
            (0.5, "must be at least 1 and finite (got 0.5)"),
            (.infinity, "must be at least 1 and finite (got inf)"),
        ])
    func invalidBackoffThrows(multiplier: Double, message: String) {
        #expect {
            try OpenBackoff.validated(multiplier: multiplier, maxRetryTimer: .seconds(1))
        } throws: { error in
            (error as? CircuitBreakerConfigurationError)?.description == "OpenBackoff: multiplier " + message
        }
        #expect(throws: CircuitBreakerConfigurationError.self) {
            try OpenBackoff.validated(maxRetryTimer: .seconds(-1))
        }
    }
}
