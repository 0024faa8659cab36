import BreakerCore
import Testing

@testable import BreakerSimulation

/// The simulator against closed-form results for a breaker in front of a service that fails each call
/// independently with probability p, with Poisson arrivals at rate λ and zero latency.
@Suite struct SimulationTheoryTests {
    static func scenario(
        p: Double, rate: Double, allowedFails: Int, retryTimer: Nanoseconds, instances: Int,
        duration: Nanoseconds,
        seed: UInt64 = 7
    ) -> Scenario {
        Scenario(
            name: "theory", seed: seed, duration: duration, sampleEvery: duration,
            services: [ServiceProfile(name: "s", latency: .constant(0), errorRate: p)],
            clients: [
                ClientProfile(
                    name: "c", instances: instances, calls: "s", rate: rate, arrival: .poisson,
                    timeout: 1_000_000_000,
                    breaker: BreakerSettings(allowedFails: allowedFails, retryTimer: retryTimer))
            ])
    }

    /// N: expected calls until `k` consecutive failures; G: expected probes until one succeeds.
    static func expectedRejectedFraction(p: Double, rate: Double, k: Int, retryTimer seconds: Double)
        -> Double
    {
        let pk = pow(p, Double(k))
        let n = (1 - pk) / ((1 - p) * pk)
        let g = 1 / (1 - p)
        return rate * seconds * g / (n + rate * seconds * g + g)
    }

    @Test(arguments: [
        (0.5, 3, 0.1), (0.3, 2, 0.05), (0.7, 5, 0.2),
    ])
    func longRunRejectedFractionMatchesTheory(p: Double, k: Int, timer: Double) {
        let rate = 100.0
        let summary = RunSummary.run(
            Self.scenario(
                p: p, rate: rate, allowedFails: k, retryTimer: Nanoseconds(timer * 1e9), instances: 20,
                duration: 400_000_000_000))
        let measured = Double(summary.totals.rejected) / Double(summary.totals.offered)
        let expected = Self.expectedRejectedFraction(p: p, rate: rate, k: k, retryTimer: timer)
        // About 800k calls and thousands of open/close cycles: sampling error is well under 2%.
        #expect(abs(measured - expected) / expected < 0.03, "measured \(measured), theory \(expected)")
    }

    @Test func meanTimeToFirstOpenMatchesTheory() {
        let p = 0.5
        let k = 3
        let rate = 100.0
        let summary = RunSummary.run(
            Self.scenario(
                p: p, rate: rate, allowedFails: k, retryTimer: 1_000_000_000, instances: 4000,
                duration: 10_000_000_000))
        let firstOpens = summary.breakers.compactMap(\.stats.firstOpenAt)
        #expect(firstOpens.count > 3990)
        let mean = Double(firstOpens.reduce(0, +)) / Double(firstOpens.count) / 1e9
        let n = (1 - pow(p, Double(k))) / ((1 - p) * pow(p, Double(k)))
        #expect(abs(mean - n / rate) / (n / rate) < 0.05, "measured \(mean) s, theory \(n / rate) s")
    }
}

@Suite struct SimulationInvariantTests {
    static let flakyish = Scenario(
        name: "invariants", seed: 42, duration: 300_000_000_000, sampleEvery: 1_000_000_000,
        services: [
            ServiceProfile(
                name: "api", latency: .lognormal(p50: 40_000_000, p99: 400_000_000), errorRate: 0.02,
                capacity: Capacity(concurrency: 64, queue: 128),
                phases: [
                    Phase(at: 60_000_000_000, length: 30_000_000_000, label: "brownout", errorRate: 0.6),
                    Phase(at: 90_000_000_000, length: 60_000_000_000, label: "outage", outage: .hang),
                    Phase(
                        at: 150_000_000_000, length: 60_000_000_000, label: "flapping",
                        flap: Flap(up: 10_000_000_000, down: 3_000_000_000, dist: .exponential)),
                ])
        ],
        clients: [
            ClientProfile(
                name: "web", instances: 10, calls: "api", rate: 40, timeout: 1_000_000_000,
                retry: RetryPolicy(max: 2, backoff: 100_000_000, cap: 2_000_000_000),
                breaker: BreakerSettings(allowedFails: 5, retryTimer: 10_000_000_000)),
            ClientProfile(name: "batch", instances: 2, calls: "api", rate: 10, breaker: nil),
        ])

    @Test func sameSeedGivesByteIdenticalOutput() {
        let first = RunSummary.run(Self.flakyish).json()
        let second = RunSummary.run(Self.flakyish).json()
        #expect(first == second)
        var reseeded = Self.flakyish
        reseeded.seed = 43
        #expect(RunSummary.run(reseeded).json() != first)
    }

    @Test func everyAttemptIsExecutedOrRejected() {
        let summary = RunSummary.run(Self.flakyish)
        for breaker in summary.breakers {
            #expect(breaker.stats.offered == breaker.stats.executed + breaker.stats.rejected)
            #expect(breaker.stats.succeeded + breaker.stats.failed <= breaker.stats.executed)
            #expect(breaker.stats.executed - breaker.stats.succeeded - breaker.stats.failed < 200)
            let time = breaker.stats.timeClosed + breaker.stats.timeOpen + breaker.stats.timeHalfOpen
            #expect(time == Self.flakyish.duration)
        }
        let unprotected = summary.breakers.filter { !$0.protected }
        #expect(unprotected.count == 2)
        #expect(unprotected.allSatisfy { $0.stats.rejected == 0 && $0.stats.opens == 0 })
        #expect(summary.totals.offered == summary.breakers.reduce(0) { $0 + $1.stats.offered })
    }

    @Test func breakersOpenDuringTheOutageAndCloseAfterIt() {
        let summary = RunSummary.run(Self.flakyish)
        let protected = summary.breakers.filter(\.protected)
        #expect(protected.allSatisfy { $0.stats.opens >= 1 && $0.stats.closes >= 1 })
        let episode = try! #require(summary.episodes.first)
        #expect(episode.episode.label == "brownout → outage → flapping")
        #expect(episode.detected == 10)
        #expect(episode.unrecovered == 0)
        #expect(summary.metrics.detectionDelay.map { $0 < 30_000_000_000 } == true)
    }

    @Test func withoutBreakersNothingIsRejected() {
        let summary = RunSummary.run(Self.flakyish, withBreakers: false)
        #expect(summary.totals.rejected == 0)
        #expect(summary.totals.opens == 0)
        let protectedRun = RunSummary.run(Self.flakyish)
        // Breakers shield the failing service from most of the calls it would otherwise receive.
        #expect(protectedRun.metrics.callsToFailingService < summary.metrics.callsToFailingService / 2)
    }

    @Test func samplesArriveAtEveryBoundary() {
        var simulation = Simulation(scenario: Self.flakyish)
        var times: [Nanoseconds] = []
        var offered = 0
        simulation.run(onSample: { sim in
            times.append(sim.now)
            offered += sim.breakers.reduce(0) { $0 + $1.interval.offered }
        })
        #expect(times.count == 300)
        #expect(times.first == 1_000_000_000 && times.last == 300_000_000_000)
        #expect(offered == simulation.simulatedCalls)
    }

    @Test func steppingInSlicesGivesTheSameRunAsOneGo() {
        var whole = Simulation(scenario: Self.flakyish)
        whole.run()
        var sliced = Simulation(scenario: Self.flakyish)
        while !sliced.isFinished { sliced.advance(to: sliced.now + 7_300_000_000) }
        #expect(whole.breakers.map(\.stats) == sliced.breakers.map(\.stats))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
