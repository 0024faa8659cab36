import BreakerSimTestSupport
import Testing

/// `breaker-sim check`: bounds on a run's metrics, with the exit statuses a CI job relies on.
@Suite struct CheckCommandTests {
    typealias Sim = BreakerSimBinary

    @Test("every bound holds: exit 0 and a line per expectation with the value")
    func holds() async throws {
        let result = try await Sim.run([
            "check", "scenarios/flaky.json", "--duration", "1m", "--expect", "goodput_ratio >= 0.9",
            "--expect", "clients.web.latency_ms.p99 < 800", "--expect",
            "clients.web.routes.browse.good>20000",
            "--expect", "requests_shed == 0",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "scenarios/flaky.json: Flaky payments API, seed 42, 1m with breakers")
        #expect(lines.count == 5)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("ok    ") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("ok    goodput_ratio = 0.99") && $0.hasSuffix("(>= 0.9)") })
    }

    @Test("the README's example holds")
    func readmeExample() async throws {
        let result = try await Sim.run([
            "check", "scenarios/flaky.json", "--expect", "goodput_ratio >= 0.9", "--expect",
            "clients.web.latency_ms.p99 < 2500", "--expect", "clients.web.routes.browse.good >= 0.99e5",
        ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("ok    goodput_ratio = 0.915098 (>= 0.9)"))
    }

    @Test("a bound that fails: exit 1, the metric, its value and the bound on one line")
    func fails() async throws {
        let result = try await Sim.run([
            "check", "scenarios/flaky.json", "--expect", "goodput_ratio >= 0.99", "--expect",
            "clients.web.latency_ms.p99 < 800", "--no-breakers", "--seed", "3",
        ])
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("seed 3, 10m without breakers") == true)
        let failures = lines.filter { $0.hasPrefix("FAIL  ") }
        #expect(failures.count == 2, "\(lines)")
        #expect(
            failures.contains {
                $0.hasPrefix("FAIL  goodput_ratio = 0.") && $0.hasSuffix(", expected >= 0.99")
            })
        // A metric with no value in the run is a failed bound, not a pass.
        let none = try await Sim.run([
            "check", "scenarios/flaky.json", "--duration", "30s", "--expect", "recovery_delay_s < 10",
        ])
        #expect(none.status == 1)
        #expect(none.stdout.contains("FAIL  recovery_delay_s has no value in this run, expected < 10"))
    }

    @Test("a bound that names no metric: exit 65 with the nearest key; a malformed one: 64")
    func unknownMetric() async throws {
        let unknown = try await Sim.run([
            "check", "scenarios/flaky.json", "--duration", "10s", "--expect", "goodput_rato >= 0.9",
            "--expect",
            "clients.wbe.good > 1", "--expect", "clients.web > 1",
        ])
        #expect(unknown.status == 65)
        #expect(
            unknown.stdout.contains(#"the summary has no "goodput_rato" (did you mean "goodput_ratio"?)"#))
        #expect(unknown.stdout.contains(#"clients has no element named "wbe" (did you mean "web"?)"#))
        #expect(unknown.stdout.contains("clients.web is a group, not a number"))
        let malformed = try await Sim.run(["check", "scenarios/flaky.json", "--expect", "goodput_ratio 0.9"])
        #expect(malformed.status == 64)
        #expect(malformed.stderr.contains("no comparison"))
        #expect(malformed.stdout.isEmpty)
        let noBound = try await Sim.run(["check", "scenarios/flaky.json"])
        #expect(noBound.status == 64)
        let invalid = try await Sim.run([
            "check", "scenarios/flaky.json", "--set", "clients.web.rate=-1", "--expect", "goodput_ratio > 0",
        ])
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("clients[0].rate"))
    }
}
