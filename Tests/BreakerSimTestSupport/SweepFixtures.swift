package import BreakerSimulation

/// Scenarios that several test targets sweep.
package enum SweepFixtures {
    /// One long hard outage: every call during it fails at once.
    package static let longOutage = Scenario(
        name: "long outage", seed: 11, duration: 240_000_000_000, sampleEvery: 1_000_000_000,
        services: [
            ServiceProfile(
                name: "db", latency: .constant(5_000_000), errorRate: 0,
                phases: [Phase(at: 30_000_000_000, length: 180_000_000_000, label: "down", outage: .failFast)]
            )
        ],
        clients: [
            ClientProfile(
                name: "app", instances: 4, calls: "db", rate: 20, timeout: 1_000_000_000,
                breaker: BreakerSettings(allowedFails: 5, retryTimer: 30_000_000_000))
        ])
}

extension SweepFixtures {
    /// Two clients: `app` calls the failing `db` (one route) and `web` serves two routes, one on the
    /// failing `db` and one on the healthy `cache`.
    package static let twoClients = Scenario(
        name: "two clients", seed: 5, duration: 60_000_000_000, sampleEvery: 1_000_000_000,
        services: [
            ServiceProfile(
                name: "db", latency: .constant(5_000_000), errorRate: 0,
                phases: [Phase(at: 10_000_000_000, length: 40_000_000_000, label: "down", outage: .failFast)]),
            ServiceProfile(name: "cache", latency: .constant(1_000_000)),
        ],
        clients: [
            ClientProfile(
                name: "app", instances: 2, calls: "db", rate: 10, timeout: 1_000_000_000,
                breaker: BreakerSettings(allowedFails: 5, retryTimer: 30_000_000_000)),
            ClientProfile(
                name: "web", instances: 1,
                routes: [
                    Route(name: "orders", calls: [RouteCall(service: "db")]),
                    Route(name: "lookup", calls: [RouteCall(service: "cache")]),
                ], rate: 10, timeout: 1_000_000_000,
                breaker: BreakerSettings(allowedFails: 5, retryTimer: 30_000_000_000)),
        ])
}
