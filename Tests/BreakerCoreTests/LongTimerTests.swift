import BreakerCore
import BreakerCoreTesting
import Synchronization
import Testing

/// "Open for longer than the process will live" is a valid setting: time arithmetic saturates at
/// ``CircuitBreakerConfiguration/longestOpenPeriod`` instead of trapping.
@Suite struct LongTimerTests {
    let clock = ManualClock()
    static let longest = CircuitBreakerConfiguration.longestOpenPeriod

    @Test(
        "a retry timer up to Int64.max seconds trips, rejects and says how long is left",
        arguments: [Duration.seconds(Int64.max), .seconds(Int64.max / 2), .seconds(5_000_000_000)])
    func aHugeRetryTimerSaturates(retryTimer: Duration) {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: retryTimer, clock: clock)
        clock.advance(by: .seconds(1_000))
        breaker.fail()
        #expect(breaker.state == .open)
        clock.advance(by: .seconds(1_000_000_000))
        let error = breaker.expectRejection()
        #expect(error?.state == .open)
        #expect(error?.retryAfter == Self.longest - .seconds(1_000_000_000))
    }

    @Test("an open backoff capped at Int64.max seconds grows to the longest period without trapping")
    func aHugeBackoffCapSaturates() {
        let breaker = ManualBreaker.manual(
            allowedFails: 1, retryTimer: .seconds(1),
            openBackoff: OpenBackoff(multiplier: 1_000, maxRetryTimer: .seconds(Int64.max)), clock: clock)
        breaker.fail()
        // 1 s, 1,000 s, 10⁶ s, 10⁹ s: wait each out exactly as reported, and fail the probe.
        var periods: [Duration] = []
        for _ in 0..<4 {
            guard let wait = breaker.expectRejection()?.retryAfter else { break }
            periods.append(wait)
            clock.advance(by: wait)
            breaker.fail()
            #expect(breaker.state == .open)
        }
        // (The multiplier works in floating point: each within a microsecond of the exact product.)
        let exact: [Duration] = [.seconds(1), .seconds(1_000), .seconds(1_000_000), .seconds(1_000_000_000)]
        #expect(periods.count == 4)
        for (period, expected) in zip(periods, exact) {
            #expect(period - expected < .microseconds(1) && expected - period < .microseconds(1), "\(period)")
        }
        // Then the cap, however much longer the cap that was asked for.
        #expect(breaker.expectRejection()?.retryAfter == Self.longest)
        let configuration = CircuitBreakerConfiguration(
            retryTimer: .seconds(1),
            openBackoff: OpenBackoff(multiplier: 1_000, maxRetryTimer: .seconds(Int64.max)))
        #expect(configuration.openPeriod(afterReopenings: 40) == Self.longest)
    }

    @Test("a period the multiplier leaves with a fraction of a nanosecond is rounded up to whole ones")
    func backoffPeriodsAreWholeNanoseconds() {
        let configuration = CircuitBreakerConfiguration(
            retryTimer: .nanoseconds(1), openBackoff: OpenBackoff(multiplier: 1.5, maxRetryTimer: .seconds(1))
        )
        // 1 ns × 1.5 = 1.5 ns: the breaker's deadline counts whole nanoseconds, so it is 2 ns.
        #expect(configuration.openPeriod(afterReopenings: 1) == .nanoseconds(2))
        let breaker = ManualBreaker.manual(
            allowedFails: 1, retryTimer: .milliseconds(1),
            openBackoff: OpenBackoff(multiplier: 1.1, maxRetryTimer: .seconds(60)), clock: clock)
        breaker.fail()
        // Whoever waits out the retryAfter it is told finds the breaker half-open, every time.
        for _ in 0..<50 {
            guard let wait = breaker.expectRejection()?.retryAfter else { break }
            clock.advance(by: wait)
            breaker.fail()
        }
        #expect(breaker.state == .open)
    }
}

/// A clock that a test may step backwards, as a wall clock can be.
final class SteppingClock: Clock, Sendable {
    typealias Instant = ManualClock.Instant
    private let current = Mutex(ManualClock.Instant(offset: .zero))
    var now: Instant { current.withLock { $0 } }
    var minimumResolution: Duration { .nanoseconds(1) }
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {}
    func set(seconds: Int) { current.withLock { $0 = Instant(offset: .seconds(seconds)) } }
}

/// What a clock that steps back, and a zero retry timer with a backoff, must not do.
@Suite struct OpenPeriodEdgeTests {
    @Test("retryAfter is never longer than the open period, even when the clock steps back")
    func retryAfterIsClampedToTheOpenPeriod() {
        let clock = SteppingClock()
        clock.set(seconds: 100)
        let breaker = CircuitBreaker(
            name: "payments", allowedFails: 1, retryTimer: .seconds(10), clock: clock, logger: .quiet)
        breaker.fail()
        clock.set(seconds: 104)
        #expect(breaker.expectRejection()?.retryAfter == .seconds(6))
        // The clock steps back 54 s: the deadline is 60 s away on it, but the breaker opened for 10 s.
        clock.set(seconds: 50)
        #expect(breaker.expectRejection()?.retryAfter == .seconds(10))

        // The pure state machine says the same.
        var machine = CircuitBreakerStateMachine<ManualClock.Instant>(
            configuration: CircuitBreakerConfiguration(allowedFails: 1, retryTimer: .seconds(10)))
        guard case .permitted(let permit, _) = machine.acquire(now: { .at(100) }) else {
            Issue.record("a closed breaker admits")
            return
        }
        _ = machine.record(.failure, for: permit, now: { .at(100) })
        #expect(machine.openPeriod == .seconds(10))
        guard case .rejected(_, let retryAfter, _, _) = machine.acquire(now: { .at(50) }) else {
            Issue.record("an open breaker rejects")
            return
        }
        #expect(retryAfter == .seconds(10))
    }

    @Test("a zero retry timer with an open backoff is refused: 0 × multiplier never grows")
    func zeroRetryTimerWithBackoffIsRefused() {
        #expect {
            try CircuitBreakerConfiguration.validated(
                retryTimer: .zero, openBackoff: OpenBackoff(multiplier: 2, maxRetryTimer: .seconds(60)))
        } throws: { error in
            (error as? CircuitBreakerConfigurationError)?.description
                == "CircuitBreaker: retryTimer must be positive when openBackoff is set (0 never grows) (got 0.0 seconds)"
        }
        // Without a backoff, zero stays valid: every call after a trip is a probe.
        #expect(throws: Never.self) { try CircuitBreakerConfiguration.validated(retryTimer: .zero) }
    }
}
