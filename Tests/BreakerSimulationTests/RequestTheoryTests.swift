import BreakerCore
import Foundation
import Testing

@testable import BreakerSimulation

private let ms: Nanoseconds = 1_000_000
private let s: Nanoseconds = 1_000_000_000

/// The request model against queueing theory: workers as an Erlang loss system, a capacity-limited
/// service as an M/M/1 queue, and deadlines on constant latency.
@Suite struct RequestTheoryTests {
    /// Erlang B, B(c, a) for c servers and offered load a = λ/μ, by the stable recurrence
    /// B(0) = 1, B(n) = a·B(n−1) / (n + a·B(n−1)).
    static func erlangB(servers: Int, load a: Double) -> Double {
        var b = 1.0
        for n in stride(from: 1, through: servers, by: 1) { b = a * b / (Double(n) + a * b) }
        return b
    }

    @Test func erlangBRecurrenceMatchesKnownValues() {
        // Textbook values: B(1, a) = a / (1 + a); B(5, 4) ≈ 0.1991; B(10, 8) ≈ 0.1217.
        #expect(abs(Self.erlangB(servers: 1, load: 0.5) - 1.0 / 3.0) < 1e-12)
        #expect(abs(Self.erlangB(servers: 5, load: 4) - 0.19915) < 1e-4)
        #expect(abs(Self.erlangB(servers: 10, load: 8) - 0.12166) < 1e-4)
    }

    /// `workers` c and no backlog, Poisson requests at λ per instance, exponential request times of
    /// mean 1/μ (a service with no capacity limit, so calls never wait there): each instance is an
    /// M/M/c/c loss system, and the shed fraction is B(c, λ/μ) whatever the service-time
    /// distribution's shape beyond its mean (Erlang B is insensitive).
    @Test(arguments: [
        (1, 50.0, 100.0, UInt64(3)), (5, 100.0, 25.0, UInt64(5)), (10, 160.0, 20.0, UInt64(8)),
    ])
    func shedFractionIsErlangB(workers: Int, lambda: Double, mu: Double, seed: UInt64) {
        let instances = 10
        let duration = 100 * s
        let scenario = Scenario(
            name: "erlang", seed: seed, duration: duration, sampleEvery: duration,
            services: [
                ServiceProfile(name: "svc", latency: .exponential(mean: Nanoseconds(1e9 / mu)))
            ],
            clients: [
                ClientProfile(
                    name: "web", instances: instances, calls: "svc", rate: lambda, arrival: .poisson,
                    // A call is never cut short: 1 h is over 10⁴ mean service times.
                    timeout: 3_600 * s, workers: workers, backlog: 0, breaker: nil)
            ])
        let summary = RunSummary.run(scenario)
        let stats = summary.clients[0].requests
        let expected = Self.erlangB(servers: workers, load: lambda / mu)
        let measured = Double(stats.shed) / Double(stats.requests)
        // About 10 instances × 100 s × λ = 50 000 to 160 000 requests. Were sheds independent the
        // standard error would be √(B(1−B)/n) ≤ 0.0023; successive arrivals at one instance see
        // correlated states, over about one service time (1/μ, 10 to 50 ms, a few arrivals), which
        // inflates it by a small factor (≈ 2–3). 0.012 absolute is about 5 such inflated errors, yet
        // far below any modelling mistake (for instance counting waiting or in-service requests
        // wrongly moves B by several points). The start from empty lasts a few 1/μ: negligible.
        #expect(
            abs(measured - expected) < 0.012,
            "c=\(workers) a=\(lambda / mu): shed \(measured), Erlang B \(expected)")
        #expect(stats.failed == 0 && stats.late == 0 && stats.degraded == 0)
        // Shed requests are not in the latency histogram: its count is the answered requests.
        let answered = stats.good + stats.degraded + stats.late + stats.failed
        #expect(summary.clients[0].latency?.count == answered)
    }

    /// An M/M/1 service (concurrency 1, a queue that never fills, Poisson arrivals at λ, exponential
    /// service of mean 1/μ, FIFO): a call's time in the system is exponential with rate μ − λ, so the
    /// request latency's q-quantile is −ln(1 − q) / (μ − λ).
    @Test(arguments: [(30.0, 50.0, UInt64(1)), (30.0, 50.0, UInt64(2)), (20.0, 100.0, UInt64(4))])
    func mm1LatencyPercentilesAreExponential(lambda: Double, mu: Double, seed: UInt64) throws {
        let duration = 4_000 * s
        let scenario = Scenario(
            name: "mm1", seed: seed, duration: duration, sampleEvery: duration,
            services: [
                ServiceProfile(
                    name: "svc", latency: .exponential(mean: Nanoseconds(1e9 / mu)),
                    capacity: Capacity(concurrency: 1, queue: 1_000_000))
            ],
            clients: [
                ClientProfile(
                    name: "web", calls: "svc", rate: lambda, arrival: .poisson, timeout: 3_600 * s,
                    deadline: 3_600 * s, breaker: nil)
            ])
        let summary = RunSummary.run(scenario)
        let latency = try #require(summary.clients[0].latency)
        let stats = summary.clients[0].requests
        #expect(stats.good == stats.ended)
        // 4 000 s × λ = 80 000 to 120 000 requests. Successive sojourn times are correlated over the
        // queue's relaxation time, 1/(√μ − √λ)² ≈ 0.4 s at ρ = 0.6 (about 12 requests), so the
        // effective sample is several thousand independent values; the standard error of an
        // exponential quantile estimate is then ≈ 1–2 % at p50/p90 and ≈ 3–4 % at p99 (the tail is
        // sampled thinly). Tolerances of 6 % and 12 % are about 3σ; the histogram's own 0.1 % and
        // the warm-up from an empty queue (seconds out of 4 000) are negligible. A wrong model (no
        // queueing: rate μ; LIFO or processor sharing change the tail) misses by far more.
        for (q, value, tolerance) in [
            (0.5, latency.p50, 0.06), (0.9, latency.p90, 0.06), (0.99, latency.p99, 0.12),
        ] {
            let expected = -log(1 - q) / (mu - lambda) * 1e9
            let error = abs(Double(value) - expected) / expected
            #expect(
                error < tolerance,
                "λ=\(lambda) μ=\(mu) q=\(q): \(Double(value) / 1e6) ms, theory \(expected / 1e6) ms")
        }
    }

    /// Constant latency longer than the deadline: every request ends late, none good, and the latency
    /// histogram holds the constant (to HdrHistogram's 3 significant digits).
    @Test(arguments: [Arrival.uniform, .poisson])
    func constantLatencyBeyondTheDeadlineIsAlwaysLate(arrival: Arrival) throws {
        let latencyValue = 300 * ms
        let deadline = 200 * ms
        let scenario = Scenario(
            name: "late", seed: 9, duration: 60 * s, sampleEvery: 60 * s,
            services: [ServiceProfile(name: "svc", latency: .constant(latencyValue))],
            clients: [
                ClientProfile(
                    name: "web", instances: 3, calls: "svc", rate: 20, arrival: arrival, timeout: s,
                    deadline: deadline, breaker: nil)
            ])
        let summary = RunSummary.run(scenario)
        let stats = summary.clients[0].requests
        #expect(stats.requests > 3_000)
        #expect(stats.good == 0)
        #expect(stats.failed == 0 && stats.degraded == 0 && stats.shed == 0)
        #expect(stats.late == stats.ended)
        #expect(stats.succeeded == stats.late)
        // The calls themselves succeed (the service answers within the client's timeout).
        #expect(summary.totals.failed == 0)
        // Each late request counts the deadline in user_wait (a user stops waiting then).
        #expect(stats.userWait == Nanoseconds(stats.late) * deadline)
        let latency = try #require(summary.clients[0].latency)
        for value in [latency.p50, latency.p99, latency.max] {
            #expect(abs(Double(value - latencyValue)) <= 0.001 * Double(latencyValue))
        }
        #expect(latency.count == stats.late)
    }
}
