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
}
