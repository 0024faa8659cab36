import Testing

@testable import BreakerSimulation

/// When a call times out, with and without a service's capacity limits: exact instants, on constant
/// latencies and evenly spaced calls.
@Suite struct TimeoutTests {
    static let millisecond: Nanoseconds = 1_000_000
    static let seed: UInt64 = 3

    /// One client instance calling every `gap`, unprotected or with a breaker that opens on the first
    /// failure and stays open for the rest of the run.
    static func scenario(
        latency: Nanoseconds, timeout: Nanoseconds, capacity: Capacity?, gap: Nanoseconds,
        duration: Nanoseconds, breaker: Bool = false
    ) -> Scenario {
        Scenario(
            name: "timeouts", seed: seed, duration: duration, sampleEvery: duration,
            services: [ServiceProfile(name: "s", latency: .constant(latency), capacity: capacity)],
            clients: [
                ClientProfile(
                    name: "c", calls: "s", rate: 1e9 / Double(gap), arrival: .uniform, timeout: timeout,
                    breaker: breaker ? BreakerSettings(allowedFails: 1, retryTimer: 3_600_000_000_000) : nil)
            ])
    }

    /// When the first call is sent: evenly spaced clients start at a random offset within one gap,
    /// drawn first from the instance's own stream (as `Simulation.init` does).
    static func firstCall(gap: Nanoseconds) -> Nanoseconds {
        var random = RandomStream(seed: seed, kind: 2, index: 0)
        return Nanoseconds(random.unit() * Double(gap))
    }

    static func run(_ scenario: Scenario) -> Simulation.Breaker {
        var simulation = Simulation(scenario: scenario)
        simulation.run()
        return simulation.breaker(0)
    }

    @Test(
        "an answer exactly at the timeout succeeds, with or without capacity limits",
        arguments: [nil, Capacity(concurrency: 4, queue: 4)])
    func answerAtTheTimeoutSucceeds(capacity: Capacity?) {
        let stats = Self.run(
            Self.scenario(
                latency: 100 * Self.millisecond, timeout: 100 * Self.millisecond, capacity: capacity,
                gap: 1_000 * Self.millisecond, duration: 10_000 * Self.millisecond)
        ).stats
        #expect(stats.executed >= 9)
        #expect(stats.succeeded == stats.executed)
        #expect(stats.failed == 0)
    }

    @Test(
        "an answer one nanosecond late fails at the timeout, not when it comes",
        arguments: [nil, Capacity(concurrency: 4, queue: 4)])
    func lateAnswerFailsAtTheTimeout(capacity: Capacity?) {
        let gap = 1_000 * Self.millisecond
        let breaker = Self.run(
            Self.scenario(
                latency: 100 * Self.millisecond + 1, timeout: 100 * Self.millisecond, capacity: capacity,
                gap: gap, duration: 10_000 * Self.millisecond, breaker: true))
        #expect(breaker.stats.failed == 1)
        #expect(breaker.stats.firstOpenAt == Self.firstCall(gap: gap) + 100 * Self.millisecond)
    }

    /// One call at a time, 200 ms each, a call every 100 ms: the n-th call (from 0) waits 100·n ms and is
    /// answered 200 + 100·n ms after it was sent.
    /// - With a 250 ms timeout, the second call fails at its deadline (100 + 250 ms), although the
    ///   service has started on it and would answer at 400 ms.
    /// - With a 300 ms timeout, the second call is answered exactly at its deadline and succeeds (its
    ///   deadline event, scheduled when it joined the queue, runs before the answer's); the third fails
    ///   at 200 + 300 ms.
    @Test(
        "a call waiting in a capacity queue fails at its deadline; answered exactly then, it succeeds",
        arguments: [(250, 1, 350), (300, 2, 500)])
    func queuedCallsAndTheirDeadlines(timeout: Nanoseconds, succeeded: Int, firstFailure: Nanoseconds) {
        let gap = 100 * Self.millisecond
        let breaker = Self.run(
            Self.scenario(
                latency: 200 * Self.millisecond, timeout: timeout * Self.millisecond,
                capacity: Capacity(concurrency: 1, queue: 8), gap: gap, duration: 5_000 * Self.millisecond,
                breaker: true))
        #expect(breaker.stats.succeeded == succeeded)
        #expect(breaker.stats.firstOpenAt == Self.firstCall(gap: gap) + firstFailure * Self.millisecond)
    }
}
