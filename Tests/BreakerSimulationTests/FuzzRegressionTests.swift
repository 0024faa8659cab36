import Foundation
import Testing

@testable import BreakerSimulation

/// Inputs that the fuzzer (`Fuzz/run.sh`) found to crash the loader or the engine, or to break one of
/// the loader's promises, minimised: each with what the user should get instead.
///
/// The inputs are files in `FuzzRegressions/`, which also seed the fuzzer: `*.set` files are `--set`
/// overrides, one per line, applied to `scenarios/flaky.json` (a `*.json` file would be a scenario).
enum FuzzRegressions {
    static let directory: String = {
        let here = #filePath
        return here[..<(here.lastIndex(of: "/") ?? here.startIndex)] + "/FuzzRegressions"
    }()

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
    }

    /// The lines of a `*.set` file (bytes as they would arrive in arguments, so invalid UTF-8 is kept
    /// as replacement characters).
    static func overrides(_ name: String) throws -> [String] {
        try bytes(name).split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    }

    static let flakyPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios/flaky.json").path

    /// The problems of flaky.json with the overrides of a `*.set` file.
    static func problemsWithOverrides(_ name: String) throws -> [String] {
        let flaky = [UInt8](try Data(contentsOf: URL(fileURLWithPath: flakyPath)))
        return scenarioProblems(bytes: flaky, file: "flaky.json", overrides: try overrides(name))
    }
}

@Suite struct FuzzRegressionTests {
    /// Every problem is one line: control characters in `--set` arguments (which a shell passes on
    /// untouched) used to reach the message as they were, in "--set PATH" and "(from --set ...)".
    @Test func controlCharactersInOverridesAreEscaped() throws {
        let problems = try FuzzRegressions.problemsWithOverrides("override-control-characters.set")
        #expect(
            problems == [
                #"flaky.json: --set bad\u007Fpath: malformed override "#
                    + "(expected PATH=VALUE, e.g. clients.checkout.rate=20)",
                #"flaky.json: --set clients.web\t.rate: no client named "web\t" in clients "#
                    + #"(did you mean "web"?)"#,
                #"flaky.json: services[0]: unknown key "x\u0000" "#
                    + "(known keys: name, latency, error_rate, capacity, phases) "
                    + #"(from --set services.payments.x\u0000=1)"#,
                #"flaky.json: clients[0].rate: must be a number (got string "\u001B[31mfast") "#
                    + #"(from --set clients.web.rate=\u001B[31mfast)"#,
            ])
        #expect(problems.allSatisfy { !$0.unicodeScalars.contains(where: isControl) })
    }

    /// A rate too low for virtual time is refused.
    ///
    /// A rate so low that the gap between calls does not fit in Int64 nanoseconds used to pass
    /// validation, then crash the engine at its first arrival (Double to Int64 conversion). Found as
    /// `scenarios/retry-storm.json --set clients.0.rate=1e-300`.
    @Test func aRateTooLowForVirtualTimeIsRejected() throws {
        #expect(
            try FuzzRegressions.problemsWithOverrides("tiny-rate.set") == [
                "flaky.json: clients[0].rate: must be at least 0.000001 calls per second (got 1e-300) "
                    + "(from --set clients.web.rate=1e-300)",
                "flaky.json: clients[1].rate: must be at least 0.000001 calls per second (got 1e-12) "
                    + "(from --set clients.refunds.rate=1e-12)",
            ])
    }

    /// Durations near Int64.max nanoseconds (about 292 years) used to pass validation, then overflow
    /// the engine: `now + timeout` (found as `retry-storm.json --set
    /// clients.0.timeout=2562047h47m16.854775807s`), `now + latency` (`fleet.json --set
    /// services.1.latency={"dist": "constant", "value": "9223372036854775807ns"}`), the retry backoff
    /// (`fleet.json --set clients.1.retry={"max": 10, "backoff": ..., "cap": ...}`), a latency `add`, a
    /// flap period and a breaker's retry timer.
    @Test func durationsBeyondTheLongestRunAreRejected() throws {
        let int64Max = #""9223372036854775807ns")"#
        // The override as the message shows it: shortened to 80 characters.
        let retrySet =
            #" (from --set clients.web.retry={"max": 2, "backoff": "9223372036854775807ns", "#
            + #""cap": "9223372...)"#
        #expect(
            try FuzzRegressions.problemsWithOverrides("huge-durations.set") == [
                #"flaky.json: services[0].latency.value: must be at most 30 days (got "# + int64Max
                    + #" (from --set services.payments.latency={"dist": "constant", "#
                    + #""value": "9223372036854775807ns"})"#,
                #"flaky.json: services[0].phases[2].flap.up: must be at most 30 days (got "# + int64Max
                    + " (from --set services.payments.phases.flapping.flap.up=9223372036854775807ns)",
                #"flaky.json: services[0].phases[3].latency.add: must be at most 30 days (got "# + int64Max
                    + " (from --set services.payments.phases.slow.latency.add=9223372036854775807ns)",
                #"flaky.json: clients[0].timeout: must be at most 30 days (got "2562047h47m16.854775807s") "#
                    + "(from --set clients.web.timeout=2562047h47m16.854775807s)",
                #"flaky.json: clients[0].retry.backoff: must be at most 30 days (got "# + int64Max
                    + retrySet,
                #"flaky.json: clients[0].retry.cap: must be at most 30 days (got "# + int64Max
                    + retrySet,
                #"flaky.json: clients[1].breaker.retry_timer: must be at most 30 days (got "# + int64Max
                    + " (from --set clients.refunds.breaker.retry_timer=9223372036854775807ns)",
            ])
    }

    /// Right at those limits a scenario loads, and the engine runs it to the end.
    @Test func aScenarioAtTheLimitsRuns() throws {
        let flaky = [UInt8](try Data(contentsOf: URL(fileURLWithPath: FuzzRegressions.flakyPath)))
        let scenario = try ScenarioLoader.parse(
            flaky, file: "flaky.json", overrides: try FuzzRegressions.overrides("at-the-limits.set"))
        #expect(scenario.clients[0].rate == 0.000_001)
        #expect(scenario.clients[0].timeout == 720 * 60 * ScenarioUnits.min)
        for withBreakers in [true, false] {
            var simulation = Simulation(scenario: scenario, withBreakers: withBreakers)
            simulation.run()
            let finished = simulation.isFinished
            #expect(finished)
        }
    }
}
