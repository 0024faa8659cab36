import BreakerCore
import BreakerCoreTesting
import MetricsTestKit
import Testing

/// What the breaker reports through swift-metrics.
@Suite struct MetricsTests {
    let clock = ManualClock()
    let metrics = TestMetrics()

    func breaker(allowedFails: Int = 2) -> ManualBreaker {
        CircuitBreaker(
            name: "payments", allowedFails: allowedFails, retryTimer: .seconds(10),
            errorPolicy: .ignoring([IgnoredError.self]), clock: clock, metricsFactory: metrics, logger: .quiet
        )
    }

    func calls(_ outcome: String) -> Int64 {
        metrics.counterTotal(
            label: "circuit_breaker_calls", dimensions: [("name", "payments"), ("outcome", outcome)])
    }

    func transitions(to state: String) -> Int64 {
        metrics.counterTotal(
            label: "circuit_breaker_transitions", dimensions: [("name", "payments"), ("to", state)])
    }

    func gauge() throws -> Double? {
        try metrics.expectGauge("circuit_breaker_state", [("name", "payments")]).lastValue
    }

    @Test("calls are counted by outcome, with the dimensions in order: name, outcome")
    func callsByOutcome() throws {
        let breaker = breaker()
        breaker.succeed(3)
        breaker.fail()
        #expect(throws: IgnoredError()) { try breaker.run { () throws -> Int in throw IgnoredError() } }
        breaker.fail()
        breaker.expectRejection()
        breaker.expectRejection()
        #expect(calls("success") == 3)
        #expect(calls("failure") == 2)
        #expect(calls("ignored") == 1)
        #expect(calls("rejected") == 2)
        let counter = try metrics.expectCounter(
            "circuit_breaker_calls", [("name", "payments"), ("outcome", "success")])
        #expect(counter.dimensions.map(\.0) == ["name", "outcome"])
    }

    @Test("a slow success is a success in circuit_breaker_calls and counted in circuit_breaker_slow_calls")
    func slowCalls() throws {
        let breaker = CircuitBreaker(
            name: "payments", policy: .consecutiveFailures(2), slowCallDuration: .milliseconds(100),
            clock: clock, metricsFactory: metrics, logger: .quiet)
        let clock = self.clock
        breaker.succeed()
        for _ in 0..<2 {
            _ = try breaker.run { () -> Int in
                clock.advance(by: .milliseconds(150))
                return 1
            }
        }
        #expect(calls("success") == 3)
        #expect(
            metrics.counterTotal(label: "circuit_breaker_slow_calls", dimensions: [("name", "payments")]) == 2
        )
        #expect(breaker.state == .open, "the two slow successes counted as failures")
    }

    @Test("the state gauge reads 0 closed, 1 half-open, 2 open; transitions are counted by target")
    func stateAndTransitions() throws {
        let breaker = breaker(allowedFails: 1)
        #expect(try gauge() == 0)
        breaker.fail()
        #expect(try gauge() == 2)
        clock.advance(by: .seconds(10))
        let probe = try breaker.acquire()
        #expect(try gauge() == 1)
        breaker.finish(probe, outcome: .success)
        #expect(try gauge() == 0)
        breaker.forceOpen()
        #expect(try gauge() == 2)
        #expect(transitions(to: "open") == 2)
        #expect(transitions(to: "half_open") == 1)
        #expect(transitions(to: "closed") == 1)
    }

    @Test("without a bootstrapped backend, nothing is made")
    func noBackend() {
        let breaker = CircuitBreaker(name: "quiet", clock: clock, logger: .quiet)
        breaker.succeed()
        #expect(metrics.counters.isEmpty)
    }
}
