import Testing

@testable import BreakerSimulation

private let ms = ScenarioUnits.ms
private let s = ScenarioUnits.s
private let min = ScenarioUnits.min

@Suite struct ScenarioLoaderTests {
    @Test func designExampleLoadsToTheExactScenario() throws {
        let scenario = try ScenarioLoader.parse(Array(designExampleJSON.utf8), file: "flaky.json")
        let expected = Scenario(
            name: "Flaky payments API",
            description: "Brownout, hard outage, then flapping.",
            seed: 42,
            duration: 10 * min,
            sampleEvery: 1 * s,
            services: [
                ServiceProfile(
                    name: "payments",
                    latency: .lognormal(p50: 40 * ms, p99: 400 * ms),
                    errorRate: 0.02,
                    capacity: Capacity(concurrency: 64, queue: 256),
                    phases: [
                        Phase(at: 2 * min, length: 1 * min, label: "brownout", errorRate: 0.6),
                        Phase(at: 3 * min, length: 2 * min, label: "outage", outage: .hang),
                        Phase(
                            at: 5 * min, length: 3 * min, label: "flapping",
                            flap: Flap(up: 20 * s, down: 5 * s, dist: .exponential, outage: .failFast)),
                        Phase(at: 8 * min, length: 1 * min, label: "+800ms latency", latency: .add(800 * ms)),
                    ])
            ],
            clients: [
                ClientProfile(
                    name: "checkout", instances: 20, calls: "payments", rate: 50, arrival: .poisson,
                    timeout: 1 * s,
                    retry: RetryPolicy(
                        max: 2, backoff: 100 * ms, multiplier: 2, cap: 2 * s, jitter: .full,
                        retryRejected: false),
                    breaker: BreakerSettings(allowedFails: 5, retryTimer: 30 * s, halfOpenProbes: 1))
            ])
        #expect(scenario == expected)
    }

    @Test func omittedFieldsTakeTheirDefaults() throws {
        let scenario = try ScenarioLoader.parse(Array(scenarioJSON().utf8), file: "t.json")
        #expect(scenario.description == "")
        #expect(scenario.seed == 1)
        #expect(scenario.sampleEvery == 1 * s)
        #expect(scenario.services == [ServiceProfile(name: "payments", latency: .constant(0))])
        #expect(
            scenario.clients == [
                ClientProfile(
                    name: "checkout", instances: 1, calls: "payments", rate: 10, arrival: .poisson,
                    timeout: 1 * s,
                    retry: nil,
                    breaker: BreakerSettings(allowedFails: 3, retryTimer: 30 * s, halfOpenProbes: 1))
            ])
    }

    @Test func nullBreakerMeansAnUnprotectedClient() throws {
        let json = scenarioJSON(client: #""name": "c", "calls": "payments", "rate": 1, "breaker": null"#)
        let scenario = try ScenarioLoader.parse(Array(json.utf8), file: "t.json")
        #expect(scenario.clients[0].breaker == nil)
    }

    @Test func partialObjectsFillInDefaults() throws {
        let json = scenarioJSON(
            service: #""name": "payments", "capacity": {"concurrency": 8}"#,
            client: #"""
                "name": "c", "calls": "payments", "rate": 1, "retry": {"max": 3},
                "breaker": {"allowed_fails": 7}, "arrival": "uniform", "timeout": "250ms"
                """#)
        let scenario = try ScenarioLoader.parse(Array(json.utf8), file: "t.json")
        #expect(scenario.services[0].capacity == Capacity(concurrency: 8, queue: 0))
        let client = scenario.clients[0]
        #expect(
            client.retry == RetryPolicy(max: 3, backoff: 100 * ms, multiplier: 2, cap: 10 * s, jitter: .full))
        #expect(client.breaker == BreakerSettings(allowedFails: 7, retryTimer: 30 * s, halfOpenProbes: 1))
        #expect(client.arrival == .uniform)
        #expect(client.timeout == 250 * ms)
    }

    @Test func retryCapDefaultsToAtLeastTheBackoff() throws {
        let json = scenarioJSON(
            client: #""name": "c", "calls": "payments", "rate": 1, "retry": {"max": 1, "backoff": "20s"}"#)
        let scenario = try ScenarioLoader.parse(Array(json.utf8), file: "t.json")
        #expect(scenario.clients[0].retry?.cap == 20 * s)
    }

    @Test func everyLatencyDistribution() throws {
        let cases: [(String, LatencyDistribution)] = [
            (#"{"dist": "constant", "value": "0ms"}"#, .constant(0)),
            (#"{"dist": "constant", "value": 0.5}"#, .constant(500 * ms)),
            (#"{"dist": "uniform", "min": "10ms", "max": "10ms"}"#, .uniform(min: 10 * ms, max: 10 * ms)),
            (#"{"dist": "exponential", "mean": "1.5ms"}"#, .exponential(mean: 1_500_000)),
            (#"{"dist": "lognormal", "p50": "40ms", "p99": "40ms"}"#, .lognormal(p50: 40 * ms, p99: 40 * ms)),
        ]
        for (latency, expected) in cases {
            let json = scenarioJSON(service: #""name": "payments", "latency": \#(latency)"#)
            let scenario = try ScenarioLoader.parse(Array(json.utf8), file: "t.json")
            #expect(scenario.services[0].latency == expected, "\(latency)")
        }
    }

    @Test func phasesAreSortedAndGetDescriptiveDefaultLabels() throws {
        let json = scenarioJSON(
            service: #"""
                "name": "payments", "phases": [
                  {"at": "9m", "for": "5m", "latency": {"dist": "constant", "value": "2s"}},
                  {"at": "4m", "for": "1m", "flap": {"up": "10s", "down": "2s", "outage": "hang"}, "error_rate": 0.1},
                  {"at": "0s", "for": "1m", "error_rate": 0.6},
                  {"at": "2m", "for": "1m", "outage": "hang"},
                  {"at": "3m", "for": "1m", "outage": "fail_fast", "latency": {"add": 0.8}}
                ]
                """#)
        let phases = try ScenarioLoader.parse(Array(json.utf8), file: "t.json").services[0].phases
        #expect(phases.map(\.at) == [0, 2 * min, 3 * min, 4 * min, 9 * min])
        #expect(
            phases.map(\.label) == [
                "error_rate 60%", "outage (hang)", "outage (fail_fast), +800ms latency",
                "flapping, error_rate 10%", "latency 2s",
            ])
        #expect(phases[3].flap == Flap(up: 10 * s, down: 2 * s, dist: .constant, outage: .hang))
        #expect(phases[4].latency == .replace(.constant(2 * s)))
        // The last phase extends past the end of the 10-minute run, which is fine.
        #expect(phases[4].end == 14 * min)
    }

    @Test func adjacentPhasesDoNotOverlap() throws {
        let json = scenarioJSON(
            service: #"""
                "name": "payments", "phases": [
                  {"at": "1m", "for": "1m", "error_rate": 1}, {"at": "2m", "for": "1m", "error_rate": 0}
                ]
                """#)
        #expect(scenarioProblems(json) == [])
    }

    @Test func numbersMayBeWrittenInSeveralWays() throws {
        let json = """
            {
              "name": "n", "seed": 18446744073709551615, "duration": 600, "sample_every": 0.5,
              "services": [{"name": "a", "error_rate": 1e-2}],
              "clients": [{"name": "c", "calls": "a", "rate": 2.5e1, "instances": 3.0, "timeout": 1e-1,
                           "breaker": {"allowed_fails": 1e1, "retry_timer": 0}}]
            }
            """
        let scenario = try ScenarioLoader.parse(Array(json.utf8), file: "t.json")
        #expect(scenario.seed == UInt64.max)
        #expect(scenario.duration == 10 * min)
        #expect(scenario.sampleEvery == 500 * ms)
        #expect(scenario.services[0].errorRate == 0.01)
        #expect(scenario.clients[0].rate == 25)
        #expect(scenario.clients[0].instances == 3)
        #expect(scenario.clients[0].timeout == 100 * ms)
        #expect(
            scenario.clients[0].breaker == BreakerSettings(allowedFails: 10, retryTimer: 0, halfOpenProbes: 1)
        )
    }

    @Test func clientsMayCallServicesDefinedAfterThem() throws {
        let json = """
            {"clients": [{"name": "c", "calls": "late", "rate": 1}], "name": "n", "duration": "1m",
             "services": [{"name": "late"}]}
            """
        #expect(scenarioProblems(json) == [])
    }

    @Test func unicodeNamesAndEscapesAndAByteOrderMark() throws {
        let json =
            #"{"name": "Zahlungen \u00fcber \ud83d\udcb3", "duration": "1m", "#
            + #""services": [{"name": "zahlungsdienst-ü"}], "clients": [{"name": "ç", "calls": "zahlungsdienst-ü", "rate": 1}]}"#
        let scenario = try ScenarioLoader.parse([0xEF, 0xBB, 0xBF] + Array(json.utf8), file: "t.json")
        #expect(scenario.name == "Zahlungen über 💳")
        #expect(scenario.clients[0].calls == "zahlungsdienst-ü")
    }

    @Test func valuesAtTheLimitsAreAccepted() throws {
        // 100_000 instances, 30 days, 1_000_000 samples, the largest capacities, retries and breaker settings;
        // about 1.996e9 expected calls, just under the limit of 2e9.
        let json = """
            {"name": "n", "duration": "720h", "sample_every": 2.592,
             "services": [{"name": "a", "capacity": {"concurrency": 10000000, "queue": 10000000}}],
             "clients": [{"name": "c", "calls": "a", "instances": 100000, "rate": 0.0007,
                          "retry": {"max": 10}, "breaker": {"allowed_fails": 1000000, "half_open_probes": 10000}}]}
            """
        let problems = scenarioProblems(json)
        #expect(problems == [])
    }
}
