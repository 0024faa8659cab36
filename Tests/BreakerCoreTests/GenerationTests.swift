import BreakerCore
import BreakerCoreTesting
import Testing

/// Results that arrive after the state changed must not change it again.
@Suite struct GenerationTests {
    let clock = ManualClock()

    @Test("a slow success admitted while closed does not close a breaker that opened meanwhile")
    func slowSuccessDoesNotCloseOpenBreaker() throws {
        let breaker = ManualBreaker.manual(allowedFails: 2, retryTimer: .seconds(10), clock: clock)
        let slow = try breaker.acquire()
        let slowIsProbe = slow.isProbe
        #expect(!slowIsProbe)
        breaker.fail(2)
        #expect(breaker.state == .open)
        breaker.finish(slow, outcome: .success)
        #expect(breaker.state == .open)
        #expect(breaker.expectRejection()?.retryAfter == .seconds(10))
    }

    @Test("a slow success from before an opening does not close the half-open breaker either")
    func slowSuccessDoesNotDecideTheProbe() throws {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(10), clock: clock)
        let slow = try breaker.acquire()
        breaker.fail()
        clock.advance(by: .seconds(10))
        let probe = try breaker.acquire()
        breaker.finish(slow, outcome: .success)
        #expect(breaker.state == .halfOpen)
        breaker.expectRejection()
        breaker.finish(probe, outcome: .failure)
        #expect(breaker.state == .open)
    }

    @Test("a slow failure from before an opening does not reopen a closed breaker")
    func slowFailureFromEarlierClosedPeriodDoesNotCount() throws {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(10), clock: clock)
        let slow = try breaker.acquire()
        breaker.fail()
        clock.advance(by: .seconds(10))
        breaker.succeed()  // the probe closes it
        breaker.finish(slow, outcome: .failure)
        #expect(breaker.state == .closed)
        #expect(breaker.consecutiveFailures == 0)
    }

    @Test("a late failure from before reset() does not count", arguments: [1, 2, 3])
    func lateFailureBeforeResetDoesNotCount(allowedFails: Int) throws {
        let breaker = ManualBreaker.manual(allowedFails: allowedFails, clock: clock)
        let late = try breaker.acquire()
        breaker.fail(allowedFails - 1)
        breaker.reset()
        #expect(breaker.consecutiveFailures == 0)
        breaker.finish(late, outcome: .failure)
        #expect(breaker.consecutiveFailures == 0)
        #expect(breaker.state == .closed)
    }

    @Test("a late failure from before reset() of an open breaker does not count")
    func lateFailureAfterResetFromOpen() throws {
        let breaker = ManualBreaker.manual(allowedFails: 1, clock: clock)
        let late = try breaker.acquire()
        breaker.fail()
        breaker.reset()
        breaker.finish(late, outcome: .failure)
        #expect(breaker.state == .closed)
    }

    @Test(
        "a stale probe result after forceOpen does nothing",
        arguments: [CallOutcome.success, .failure, .ignored])
    func staleProbeAfterForceOpen(outcome: CallOutcome) throws {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(10), clock: clock)
        breaker.fail()
        clock.advance(by: .seconds(10))
        let probe = try breaker.acquire()
        breaker.forceOpen()
        breaker.finish(probe, outcome: outcome)
        #expect(breaker.state == .open)
        clock.advance(by: .seconds(1_000))
        #expect(breaker.state == .open)
        #expect(breaker.expectRejection()?.state == .open)
        breaker.reset()
        #expect(breaker.state == .closed)
        breaker.succeed()
    }

    @Test("a stale probe result after reset does nothing to the fresh closed breaker")
    func staleProbeAfterReset() throws {
        let breaker = ManualBreaker.manual(allowedFails: 2, retryTimer: .seconds(10), clock: clock)
        breaker.fail(2)
        clock.advance(by: .seconds(10))
        let probe = try breaker.acquire()
        breaker.reset()
        breaker.fail()
        breaker.finish(probe, outcome: .failure)
        #expect(breaker.consecutiveFailures == 1)
        #expect(breaker.state == .closed)
    }

    @Test("the state machine's token, reported twice after a transition, counts once")
    func doubleFinishCountsOnceAcrossTransitions() {
        // `CircuitBreaker`'s permit cannot be reported twice (see PermitTests); the machine's copyable
        // token, kept by drivers like the simulator, still meets the generation check.
        var machine = CircuitBreakerStateMachine<ManualClock.Instant>(
            configuration: CircuitBreakerConfiguration(allowedFails: 1, retryTimer: .seconds(10)))
        guard case .permitted(let first, _) = machine.acquire(now: { .at(0) }) else { return }
        _ = machine.record(.failure, for: first, now: { .at(0) })
        guard case .permitted(let probe, _) = machine.acquire(now: { .at(10) }) else {
            Issue.record("no probe after the retry timer")
            return
        }
        _ = machine.record(.success, for: probe, now: { .at(10) })
        _ = machine.record(.failure, for: probe, now: { .at(10) })
        #expect(machine.storedState == .closed)
    }
}
