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

    @Test("several probes: the libraries that close differently say so")
    func severalProbes() {
        let settings = SweepExportSettings(
            name: "payments", allowedFails: 3, retryTimer: 1_500_000_000, halfOpenProbes: 3, timeout: nil,
            rate: 100)
        #expect(settings.text(for: .breakercore, header: []).contains("retryTimer: .milliseconds(1500)"))
        #expect(
            settings.text(for: .gobreaker, header: []).contains("gobreaker closes only after 3 successes"))
        #expect(settings.text(for: .resilience4j, header: []).contains("waits for all 3 permitted calls"))
        #expect(
            settings.text(for: .polly, header: []).contains("FromMilliseconds(500)"),
            "3 calls at 100/s: 30 ms, at least 500")
        #expect(settings.text(for: .opossum, header: []).contains("timeout: false,"))
    }
}
