import BreakerCore
import BreakerCoreTesting
import Testing

/// A probe that never reports cannot wedge the breaker half-open.
@Suite struct ProbeTimeoutTests {
    let clock = ManualClock()

    /// Tripped and past its retry timer: the next call is the probe.
    func elapsedBreaker(
        retryTimer: Duration = .seconds(10), probeTimeout: Duration? = nil, halfOpenProbes: Int = 1,
        openBackoff: OpenBackoff? = nil, onStateChange: (@Sendable (ManualBreaker.StateChange) -> Void)? = nil
    ) -> ManualBreaker {
        let breaker = CircuitBreaker(
            name: "search", allowedFails: 1, retryTimer: retryTimer, halfOpenProbes: halfOpenProbes,
            openBackoff: openBackoff, probeTimeout: probeTimeout, clock: clock, logger: .quiet,
            onStateChange: onStateChange)
        breaker.fail()
        clock.advance(by: retryTimer)
        return breaker
    }

    @Test("a hung probe counts as failed at the next call past the timeout: reopened, probeTimedOut")
    func hungProbeReopens() throws {
        let changes = Recorder<ManualBreaker.StateChange>()
        let breaker = elapsedBreaker(probeTimeout: .seconds(3), onStateChange: changes.append)
        let hung = try breaker.acquire()
        clock.advance(by: .seconds(2))
        #expect(breaker.expectRejection()?.state == .halfOpen, "still within the probe timeout")
        clock.advance(by: .seconds(1))
        let rejection = breaker.expectRejection()
        #expect(rejection?.state == .open)
        #expect(rejection?.retryAfter == .seconds(10))
        #expect(breaker.state == .open)
        let last = changes.elements.last
        #expect(last?.from == .halfOpen && last?.to == .open)
        #expect(last?.reason == .probeTimedOut)
        #expect(last?.openFor == .seconds(10))
        // The late result is stale: it changes nothing.
        breaker.finish(hung, outcome: .success)
        #expect(breaker.state == .open)
        // After the retry timer a new probe decides.
        clock.advance(by: .seconds(10))
        breaker.succeed()
        #expect(breaker.state == .closed)
    }

    @Test("without probeTimeout, the retry timer is the probe's timeout")
    func defaultIsRetryTimer() throws {
        let breaker = elapsedBreaker(retryTimer: .seconds(10))
        #expect(breaker.configuration.probeTimeout == nil)
        #expect(breaker.configuration.effectiveProbeTimeout == .seconds(10))
        let hung = try breaker.acquire()
        clock.advance(by: .seconds(9))
        #expect(breaker.expectRejection()?.state == .halfOpen)
        clock.advance(by: .seconds(1))
        #expect(breaker.expectRejection()?.state == .open)
        breaker.finish(hung, outcome: .failure)
        #expect(breaker.state == .open, "a stale failure does not reopen again")
        #expect(breaker.expectRejection()?.retryAfter == .seconds(10))
    }

    @Test("a timed-out probe counts as a failed probe for the backoff")
    func timeoutBacksOff() throws {
        let breaker = elapsedBreaker(
            retryTimer: .seconds(10), probeTimeout: .seconds(1),
            openBackoff: OpenBackoff(multiplier: 2, maxRetryTimer: .seconds(60)))
        let hung = try breaker.acquire()
        clock.advance(by: .seconds(1))
        #expect(breaker.expectRejection()?.retryAfter == .seconds(20))
        clock.advance(by: .seconds(20))
        let again = try breaker.acquire()
        clock.advance(by: .seconds(1))
        #expect(breaker.expectRejection()?.retryAfter == .seconds(40))
        breaker.finish(hung, outcome: .success)
        breaker.finish(again, outcome: .success)
        #expect(breaker.state == .open)
    }

    @Test("with a free probe slot, a new probe is admitted instead of timing the old one out")
    func freeSlotAdmits() throws {
        let breaker = elapsedBreaker(probeTimeout: .seconds(1), halfOpenProbes: 2)
        let hung = try breaker.acquire()
        clock.advance(by: .seconds(5))
        let second = try breaker.acquire()
        let secondIsProbe = second.isProbe
        #expect(secondIsProbe)
        #expect(breaker.expectRejection()?.state == .open, "both slots taken, the oldest past its timeout")
        breaker.finish(second, outcome: .success)
        breaker.finish(hung, outcome: .success)
        #expect(breaker.state == .open)
    }

    @Test("the pure machine reports the timeout as a rejection carrying the transition")
    func machineAdmission() {
        var machine = CircuitBreakerStateMachine<ManualClock.Instant>(
            configuration: CircuitBreakerConfiguration(
                allowedFails: 1, retryTimer: .seconds(4), probeTimeout: .seconds(2)))
        guard case .permitted(let first, _) = machine.acquire(now: { .at(0) }) else { return }
        _ = machine.record(.failure, for: first, now: { .at(0) })
        guard case .permitted(let probe, _) = machine.acquire(now: { .at(4) }) else { return }
        guard case .rejected(.open, .seconds(4), false, let transition?) = machine.acquire(now: { .at(6) })
        else {
            Issue.record("no timeout at 6s")
            return
        }
        #expect(transition.reason == .probeTimedOut)
        #expect(transition.at == .at(6))
        #expect(machine.record(.success, for: probe, now: { .at(7) }) == nil)
        #expect(machine.openUntil == .at(10))
    }
}
