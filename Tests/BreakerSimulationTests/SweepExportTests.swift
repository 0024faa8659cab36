import BreakerSimTestSupport
import Foundation
import Testing

@testable import BreakerSimulation

/// `sweep --export`: the best settings as each library's configuration, held to checked-in files.
@Suite struct SweepExportTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("ExportExpected")

    static let header = [
        "breaker-sim sweep of \"Example\" (seed 1, objective balanced): best allowed_fails 5."
    ]

    /// Each library's text for allowed_fails 5, retry_timer 15 s, one probe, a 1 s timeout, 10 calls/s.
    @Test(arguments: BreakerLibrary.allCases)
    func matchesTheExpectedFile(library: BreakerLibrary) throws {
        let settings = SweepExportSettings(
            name: "payments", allowedFails: 5, retryTimer: 15_000_000_000, halfOpenProbes: 1,
            timeout: 1_000_000_000, rate: 10)
        let text = settings.text(for: library, header: Self.header)
        let expected = try String(
            contentsOf: Self.directory.appendingPathComponent("\(library.rawValue).txt"), encoding: .utf8)
        #expect(text == expected, "\(library): \(text)")
    }

    @Test("slow calls and jitter the sweep kept are written for BreakerCore and named for the others")
    func keptSettingsAndLimits() {
        let settings = SweepExportSettings(
            name: "payments", allowedFails: 1, retryTimer: 0, halfOpenProbes: 1, timeout: 90_000_000_000,
            rate: 10, slowCall: 500_000_000, retryJitter: 0.2)
        let swift = settings.text(for: .breakercore, header: [])
        #expect(swift.contains("policy: .consecutiveFailures(1),"))
        #expect(swift.contains("slowCallDuration: .nanoseconds(500000000),"))
        #expect(swift.hasSuffix("    retryJitter: 0.2)\n"), "\(swift)")
        #expect(settings.text(for: .gobreaker, header: []).contains("The sweep ran with slow_call 500ms"))
        #expect(settings.text(for: .gobreaker, header: []).contains("Timeout:     time.Nanosecond,"))
        #expect(settings.text(for: .gobreaker, header: []).contains("Timeout 0 would mean 60 s"))
        // A timer in milliseconds stays in milliseconds; the note on 0 is left out where it does not apply.
        var fractional = settings
        fractional.retryTimer = 1_500_000_000
        #expect(
            fractional.text(for: .gobreaker, header: []).contains("Timeout:     1500 * time.Millisecond,"))
        #expect(!fractional.text(for: .gobreaker, header: []).contains("Timeout 0"))
        let yaml = settings.text(for: .resilience4j, header: [])
        #expect(yaml.contains("waitDurationInOpenState: 1ms"))
        #expect(yaml.contains("slowCallDurationThreshold: 90001ms"), "above the 90 s timeout")
        #expect(yaml.contains("retry_jitter 20%"))
        let polly = settings.text(for: .polly, header: [])
        #expect(
            polly.contains("MinimumThroughput = 2,")
                && polly.contains("BreakDuration = TimeSpan.FromMilliseconds(500),"))
    }

    @Test("several probes: the libraries that close differently say so")
    func severalProbes() {
        let settings = SweepExportSettings(
            name: "payments", allowedFails: 3, retryTimer: 1_500_000_000, halfOpenProbes: 3, timeout: nil,
            rate: 100)
        #expect(settings.text(for: .breakercore, header: []).contains("retryTimer: .milliseconds(1500)"))
        #expect(
            settings.text(for: .gobreaker, header: []).contains("gobreaker closes only after 3 successes"))
        #expect(settings.text(for: .resilience4j, header: []).contains("closes if any of them succeeds"))
        #expect(
            settings.text(for: .polly, header: []).contains("FromMilliseconds(500)"),
            "3 calls at 100/s: 30 ms, at least 500")
        #expect(settings.text(for: .opossum, header: []).contains("timeout: false,"))
    }

    /// Each library's text for a failure-rate best: 50% of the last 20 calls (at least 10), 15 s, one
    /// probe, a 1 s timeout, 10 calls/s.
    @Test(arguments: BreakerLibrary.allCases)
    func failureRateMatchesTheExpectedFile(library: BreakerLibrary) throws {
        let settings = SweepExportSettings(
            name: "payments",
            trip: .failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 10),
            retryTimer: 15_000_000_000, halfOpenProbes: 1, timeout: 1_000_000_000, rate: 10)
        let header = [
            "breaker-sim sweep of \"Example\" (seed 1, objective balanced): best failure_rate 50% of the last 20 calls (at least 10)."
        ]
        let text = settings.text(for: library, header: header)
        let file = Self.directory.appendingPathComponent("failure-rate/\(library.rawValue).txt")
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "\(library): \(text)")
    }

    @Test("a time window is written as each library's time window, with its limits and rounding said")
    func failureRateTimeWindow() {
        let settings = SweepExportSettings(
            name: "payments",
            trip: .failureRate(threshold: 0.25, window: .duration(2_500_000_000), minimumCalls: 1),
            retryTimer: 300_000_000, halfOpenProbes: 2, timeout: nil, rate: 100,
            slowCall: 400_000_000)
        let swift = settings.text(for: .breakercore, header: [])
        #expect(
            swift.contains(
                "policy: .failureRate(threshold: 0.25, window: .duration(.milliseconds(2500)), minimumCalls: 1),"
            ))
        #expect(swift.contains("slowCallDuration: .milliseconds(400)"))
        let yaml = settings.text(for: .resilience4j, header: [])
        #expect(yaml.contains("slidingWindowType: TIME_BASED") && yaml.contains("slidingWindowSize: 3"))
        #expect(yaml.contains("rounded up to 3 s"), "\(yaml)")
        #expect(yaml.contains("failureRateThreshold: 25") && yaml.contains("slowCallRateThreshold: 25"))
        #expect(
            yaml.contains("slowCallDurationThreshold: 400ms")
                && yaml.contains("keeps the slow-call rate apart"))
        #expect(yaml.contains("waits for all 2 permitted calls"))
        let polly = settings.text(for: .polly, header: [])
        #expect(polly.contains("SamplingDuration = TimeSpan.FromMilliseconds(2500),"))
        #expect(polly.contains("MinimumThroughput = 2,") && polly.contains("raised to it"))
        #expect(polly.contains("BreakDuration = TimeSpan.FromMilliseconds(500),"))
        #expect(!polly.contains("no count window"))
        let go = settings.text(for: .gobreaker, header: [])
        #expect(go.contains("Interval:     2500 * time.Millisecond,"))
        #expect(go.contains("counts.Requests >= 1 &&") && go.contains(">= 0.25*float64(counts.Requests)"))
        #expect(go.contains("gobreaker closes only after 2 successes"))
        let js = settings.text(for: .opossum, header: [])
        #expect(js.contains("errorThresholdPercentage: 24.9,") && js.contains("rollingCountTimeout: 2500,"))
        #expect(js.contains("timeout: false,"))
    }

    @Test(
        "a count window for a library without one: the window as the time its calls take, clamped to the least"
    )
    func failureRateCountWindowElsewhere() {
        let settings = SweepExportSettings(
            name: "payments", trip: .failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 20),
            retryTimer: 10_000_000_000, halfOpenProbes: 1, timeout: nil, rate: 100)
        let polly = settings.text(for: .polly, header: [])
        #expect(polly.contains("(400 ms, raised to Polly's least)"), "\(polly)")
        #expect(polly.contains("SamplingDuration = TimeSpan.FromMilliseconds(500),"))
        let js = settings.text(for: .opossum, header: [])
        #expect(js.contains("rollingCountTimeout: 400,") && js.contains("opossum has no count window"))
        let go = settings.text(for: .gobreaker, header: [])
        #expect(
            go.contains("Interval:     400 * time.Millisecond,")
                && go.contains("BucketPeriod: 40 * time.Millisecond,"))
    }

    @Test("a client with several services: the window is sized for the least called, and each rate is said")
    func severalServices() throws {
        let scenario = SweepFixtures.twoClients
        #expect(
            SweepResult.dependencyRates(scenario.clients[1]).map { "\($0.service) \($0.callsPerSecond)" }
                == ["db 5.0", "cache 5.0"])
        var uneven = scenario
        uneven.clients[1].routes[0].share = 1
        uneven.clients[1].routes[1].share = 3
        let rates = SweepResult.dependencyRates(uneven.clients[1])
        #expect(rates.map(\.service) == ["db", "cache"] && rates.map(\.callsPerSecond) == [2.5, 7.5])
        let result = SweepRunner.run(
            scenario: uneven,
            grid: SweepGrid(
                trips: [.failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 20)],
                retryTimers: [10_000_000_000]),
            clients: ["web"], jobs: 2)
        let polly = try #require(result.export(as: .polly, scenario: uneven, client: "web"))
        #expect(polly.contains("the rate to db of 2.5 calls/s per instance"), "\(polly)")
        #expect(polly.contains("db 2.5/s, cache 7.5/s"))
        // Twice the time 20 calls take at 2.5/s.
        #expect(polly.contains("SamplingDuration = TimeSpan.FromMilliseconds(16000),"))
    }

    @Test(
        "a time window that holds fewer calls than the minimum at the call rate is said to open only faster")
    func tooFewCallsForTheMinimum() {
        let settings = SweepExportSettings(
            name: "payments",
            trip: .failureRate(threshold: 0.5, window: .duration(10_000_000_000), minimumCalls: 100),
            retryTimer: 10_000_000_000, halfOpenProbes: 1, timeout: nil, rate: 8)
        for library in BreakerLibrary.allCases {
            #expect(
                settings.text(for: library, header: []).contains(
                    "a 10s window holds about 80 calls, fewer than the minimum of 100"), "\(library)")
        }
    }
}
