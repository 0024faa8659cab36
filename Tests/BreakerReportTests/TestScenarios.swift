import BreakerSimTestSupport
import BreakerSimulation

/// Scenarios the report tests run.
enum TestScenarios {
    /// A bundled scenario from `scenarios/`.
    static func bundled(_ name: String, overrides: [String] = []) throws -> Scenario {
        try ScenarioLoader.load(file: Fixtures.scenario(name), overrides: overrides)
    }

    /// Three minutes: a service down for one, a protected client and an unprotected one.
    static func outage(name: String = "Report test", seed: UInt64 = 9) -> Scenario {
        Scenario(
            name: name, description: "A service goes down for a minute, then comes back.", seed: seed,
            duration: 180_000_000_000, sampleEvery: 1_000_000_000,
            services: [
                ServiceProfile(
                    name: "payments", latency: .constant(10_000_000), errorRate: 0.01,
                    capacity: Capacity(concurrency: 8, queue: 16),
                    phases: [
                        Phase(at: 30_000_000_000, length: 60_000_000_000, label: "outage", outage: .failFast)
                    ])
            ],
            clients: [
                ClientProfile(
                    name: "checkout", instances: 3, calls: "payments", rate: 20,
                    breaker: BreakerSettings(allowedFails: 3, retryTimer: 10_000_000_000)),
                ClientProfile(name: "legacy", instances: 1, calls: "payments", rate: 5, breaker: nil),
            ])
    }
}
