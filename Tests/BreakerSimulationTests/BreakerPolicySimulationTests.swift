import BreakerCore
import Foundation
import Testing

@testable import BreakerSimulation

/// Failure-rate breakers, slow calls and jittered open periods in scenarios and in the engine.
@Suite struct BreakerPolicySimulationTests {
    /// One service and one client of `instances`, the client's breaker given as JSON members.
    static func scenario(
        breaker: String,
        service: String = #""latency": {"dist": "constant", "value": "1ms"}, "error_rate": 0.3"#,
        instances: Int = 1, rate: Double = 1, duration: String = "10m", seed: Int = 1
    ) throws -> Scenario {
        let json = """
            {"name": "policy", "seed": \(seed), "duration": "\(duration)",
             "services": [{"name": "dependency", \(service)}],
             "clients": [{"name": "caller", "instances": \(instances), "calls": "dependency", "rate": \(rate),
                          "timeout": "10s", "breaker": {\(breaker)}}]}
            """
        return try ScenarioLoader.parse(Array(json.utf8), file: "policy.json")
    }

    @Test("a failure-rate breaker loads with its window, minimum (defaulted), slow calls and jitter")
    func loading() throws {
        let count = try Self.scenario(
            breaker: #""policy": "failure_rate", "failure_rate": 0.5, "window": 20"#)
        let settings = try #require(count.clients[0].breaker)
        #expect(settings.policy == .failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 20))
        #expect(settings.tripRule == "50% of the last 20 calls")
        #expect(settings.shortTripRule == "50% of 20")
        let timed = try Self.scenario(
            breaker:
                #""policy": "failure_rate", "failure_rate": 0.25, "window": "10s", "slow_call": "500ms", "retry_jitter": 0.2"#
        )
        let timedSettings = try #require(timed.clients[0].breaker)
        #expect(
            timedSettings.policy
                == .failureRate(threshold: 0.25, window: .duration(10_000_000_000), minimumCalls: 100))
        #expect(timedSettings.slowCall == 500_000_000)
        #expect(timedSettings.retryJitter == 0.2)
        #expect(timedSettings.tripRule == "25% of the calls in 10s (at least 100)")
        let configuration = timedSettings.configuration
        #expect(
            configuration.policy
                == .failureRate(threshold: 0.25, window: .duration(.seconds(10)), minimumCalls: 100))
        #expect(configuration.slowCallDuration == .milliseconds(500))
        let consecutive = try Self.scenario(breaker: #""allowed_fails": 4"#)
        #expect(consecutive.clients[0].breaker?.tripRule == "4 consecutive failures")
    }

    @Test("--set switches a bundled scenario's breaker to a failure rate")
    func overrides() throws {
        let scenario = try ScenarioLoader.load(
            file: BundledScenariosTests.directory.appendingPathComponent("flaky.json").path,
            overrides: [
                #"clients.web.breaker={"policy": "failure_rate", "failure_rate": 0.5, "window": "30s", "minimum_calls": 20}"#
            ])
        #expect(
            scenario.clients[0].breaker?.policy
                == .failureRate(threshold: 0.5, window: .duration(30_000_000_000), minimumCalls: 20))
        var simulation = Simulation(scenario: scenario)
        simulation.run()
        #expect(simulation.breakers.contains { $0.stats.opens > 0 }, "the outage opens the rate breakers")
    }

    /// The expected number of calls until a count window of `size` (minimum `size`) first holds
    /// `fewest` failures or more, each call failing with probability `p`: the survival probabilities
    /// summed, by dynamic programming over the window's contents (its last `size` outcomes as bits).
    static func expectedCallsToTrip(p: Double, size: Int, fewest: Int) -> (
        mean: Double, atFirstWindow: Double
    ) {
        // One more call: the window's bits shift, the new outcome enters as the lowest bit.
        func oneMoreCall(_ distribution: [Double]) -> [Double] {
            var next = [Double](repeating: 0, count: 1 << size)
            for (bits, mass) in distribution.enumerated() where mass > 0 {
                let shifted = (bits << 1) & ((1 << size) - 1)
                next[shifted] += mass * (1 - p)
                next[shifted | 1] += mass * p
            }
            return next
        }
        // Before the window is full no call trips: the first `size` calls are all the sequences.
        var distribution = [Double](repeating: 0, count: 1 << size)
        distribution[0] = 1
        for _ in 0..<size {
            distribution = oneMoreCall(distribution)
        }
        var mean = Double(size)  // P(K > k) = 1 for k < size
        var atFirst = 0.0
        var first = true
        while true {
            // Trip the windows that hold enough failures; what is left has survived this call.
            var survived = 0.0
            for (bits, mass) in distribution.enumerated() where mass > 0 {
                if bits.nonzeroBitCount >= fewest {
                    if first { atFirst += mass }
                    distribution[bits] = 0
                } else {
                    survived += mass
                }
            }
            first = false
            guard survived > 1e-13 else { break }
            mean += survived
            distribution = oneMoreCall(distribution)
        }
        return (mean, atFirst)
    }

    @Test(
        "calls to the first opening of a count window match the sliding window's first-passage time",
        arguments: [(0.3, 5, 0.6), (0.2, 8, 0.5), (0.5, 4, 1.0)])
    func firstPassage(p: Double, size: Int, threshold: Double) throws {
        // 2,000 breakers, each a sample: one call a second, answered in 1 ms (no call overlaps the
        // next), failing with probability p; once open, a breaker stays open for the rest of the run.
        let scenario = try Self.scenario(
            breaker:
                #""policy": "failure_rate", "failure_rate": \#(threshold), "window": \#(size), "retry_timer": "720h""#,
            service: #""latency": {"dist": "constant", "value": "1ms"}, "error_rate": \#(p)"#,
            instances: 2_000, rate: 1, duration: "20m")
        var simulation = Simulation(scenario: scenario)
        simulation.run()
        let breakers = simulation.breakers
        #expect(breakers.allSatisfy { $0.stats.opens == 1 }, "every breaker opened once within the run")
        let calls = breakers.map { Double($0.stats.executed) }
        let mean = calls.reduce(0, +) / Double(calls.count)
        let fewest = Int((threshold * Double(size)).rounded(.up))
        let theory = Self.expectedCallsToTrip(p: p, size: size, fewest: fewest)
        // The number of calls to the first opening is roughly geometric: its standard deviation is
        // about its mean, so the mean of 2,000 is within 4 standard errors (9%) of the theory.
        #expect(
            abs(mean - theory.mean) < 4 * theory.mean / Double(calls.count).squareRoot(),
            "mean calls to the first opening \(mean), theory \(theory.mean)")
        // The first full window trips with the binomial tail P(X ≥ ⌈threshold·N⌉).
        let atFirst = Double(calls.filter { $0 == Double(size) }.count) / Double(calls.count)
        let error = (theory.atFirstWindow * (1 - theory.atFirstWindow) / Double(calls.count)).squareRoot()
        #expect(
            abs(atFirst - theory.atFirstWindow) < 4 * error + 1e-9,
            "share opened by the first window \(atFirst), binomial tail \(theory.atFirstWindow)")
    }

    @Test("the dynamic programme agrees with the binomial tail and with a consecutive breaker's mean")
    func theoryChecks() {
        // The first full window: P(X ≥ 3) for X ~ Bin(5, 0.3) = 0.16308.
        #expect(abs(Self.expectedCallsToTrip(p: 0.3, size: 5, fewest: 3).atFirstWindow - 0.16308) < 1e-5)
        // k of k is k failures in a row: the mean run-waiting time (1 − pᵏ) / ((1 − p) pᵏ).
        let p = 0.4
        let k = 3
        let runs = (1 - pow(p, Double(k))) / ((1 - p) * pow(p, Double(k)))
        #expect(abs(Self.expectedCallsToTrip(p: p, size: k, fewest: k).mean - runs) < 1e-6)
    }

    @Test("a success slower than slow_call counts as a failure: a slow, error-free service opens the breaker")
    func slowCallsOpen() throws {
        let slow = #""latency": {"dist": "constant", "value": "200ms"}, "error_rate": 0"#
        var timed = Simulation(
            scenario: try Self.scenario(
                breaker: #""allowed_fails": 3, "slow_call": "100ms""#, service: slow, duration: "1m"))
        timed.run()
        #expect(timed.breakers[0].stats.opens > 0)
        #expect(timed.breakers[0].stats.rejected > 0)
        var untimed = Simulation(
            scenario: try Self.scenario(breaker: #""allowed_fails": 3"#, service: slow, duration: "1m"))
        untimed.run()
        #expect(untimed.breakers[0].stats.opens == 0, "without slow_call the answers are successes")
    }

    @Test("jittered open periods spread a fleet's probes apart, the same for the same seed")
    func jitterSpreadsProbes() throws {
        // 200 instances opened together by an outage at 1 m; with jitter their first probes spread.
        func probeTimes(jitter: Double, seed: Int = 3) throws -> [Nanoseconds] {
            let scenario = try Self.scenario(
                breaker: #""allowed_fails": 1, "retry_timer": "20s", "retry_jitter": \#(jitter)"#,
                service:
                    #""latency": {"dist": "constant", "value": "1ms"}, "phases": [{"at": "1m", "for": "5m", "outage": "fail_fast"}]"#,
                instances: 200, rate: 20, duration: "2m", seed: seed)
            var simulation = Simulation(scenario: scenario)
            var firstRetry: [Int: Nanoseconds] = [:]
            simulation.run(onSample: { sample in
                for (index, breaker) in sample.breakers.enumerated() where firstRetry[index] == nil {
                    if let retryAt = breaker.retryAt { firstRetry[index] = retryAt }
                }
            })
            return firstRetry.keys.sorted().map { firstRetry[$0]! }
        }
        let together = try probeTimes(jitter: 0)
        let spread = try probeTimes(jitter: 0.5)
        #expect(together.count == 200 && spread.count == 200)
        func width(_ times: [Nanoseconds]) -> Double { Double(times.max()! - times.min()!) / 1e9 }
        // Without jitter every breaker opened within a call gap of the outage's start (20 calls/s)
        // and reopens as one; with ±50% the 20 s period is spread over 10 … 30 s.
        #expect(width(together) < 0.5, "without jitter: \(width(together)) s")
        #expect(width(spread) > 15, "with jitter: \(width(spread)) s")
        #expect(try probeTimes(jitter: 0.5) == spread, "the same seed draws the same periods")
        #expect(try probeTimes(jitter: 0.5, seed: 4) != spread)
    }
}
