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
