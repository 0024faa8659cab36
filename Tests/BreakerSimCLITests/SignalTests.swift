import BreakerSimTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A signal during a long headless run or a sweep: a prompt exit with 128 + the signal, and the output so
/// far complete and valid (the dashboard's signals are tested under tmux).
@Suite struct SignalTests {
    typealias Sim = BreakerSimBinary

    @Test(
        "a long headless run stops on the signal, prints the partial summary, completes the timeline",
        arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143)), (SIGHUP, Int32(129))] as [(Int32, Int32)])
    func headlessRunStopsCleanly(signal: Int32, status: Int32) async throws {
        let csv = try Fixtures.temporaryFile("interrupted-\(signal).csv")
        unlink(csv)
        // Five simulated days would take hours of wall time: it can only end through the signal.
        let result = try await Sim.run(
            ["scenarios/flaky.json", "--duration", "120h", "--timeline", csv, "--format", "json"],
            signal: .init(signal, after: .seconds(1.5)))
        #expect(result.elapsed < .seconds(15), "the signal is noticed promptly")
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains("interrupted at"))

        // The summary is valid JSON that says where the run stopped.
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let stoppedAt = try #require(summary["interrupted_at_s"] as? Double)
        #expect(stoppedAt > 0 && stoppedAt < 120 * 3600)
        #expect((summary["duration_s"] as? NSNumber)?.doubleValue == 432_000.0)

        // The timeline is in place, every row complete, and it ends where the run stopped.
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let rows = text.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(rows.count > 10)
        #expect(Set(rows.map(\.count)).count == 1, "every row has the header's columns")
        let lastTime = try #require(Double(String(rows.last![0])))
        #expect(lastTime <= stoppedAt + 0.001)
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: URL(fileURLWithPath: csv).deletingLastPathComponent().path
        ).filter { $0.contains("interrupted-\(signal).csv") && $0.contains(".partial-") }
        #expect(leftovers.isEmpty, "no temporary file is left behind")
    }

    @Test("a signal is noticed inside a long slice: dense load with samples half an hour apart")
    func signalInsideOneSlice() async throws {
        // A million calls per simulated second and one sample at the end: the first slice alone (ten
        // simulated seconds) is minutes of work, so only a check inside the event loop stops it in time.
        let scenario = try Fixtures.temporaryFile(
            "dense-load.json",
            contents: """
                {"name": "Dense load", "seed": 1, "duration": "30m", "sample_every": "30m",
                 "services": [{"name": "db", "latency": {"dist": "lognormal", "p50": "5ms", "p99": "20ms"}}],
                 "clients": [{"name": "web", "instances": 1000, "calls": "db", "rate": 1000,
                              "breaker": {"allowed_fails": 5, "retry_timer": "10s"}}]}
                """)
        let result = try await Sim.run(
            ["run", scenario, "--format", "json"], signal: .init(SIGTERM, after: .seconds(1.5)))
        #expect(result.status == 143, "\(result.stderr)")
        #expect(result.elapsed < .seconds(60), "the signal is noticed within the first slice")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let stoppedAt = try #require(summary["interrupted_at_s"] as? Double)
        #expect(stoppedAt > 0 && stoppedAt < 10, "stopped inside the first ten-second slice")
    }

    @Test("a sweep stopped by SIGTERM prints valid JSON of the combinations that finished")
    func sweepStopsCleanly() async throws {
        let result = try await Sim.run(
            [
                "sweep", "scenarios/fleet.json", "--allowed-fails", "1...20", "--retry-timer",
                "1s,5s,10s,30s,60s",
                "--format", "json", "--jobs", "1",
            ], signal: .init(SIGTERM, after: .seconds(2)))
        #expect(result.status == 143, "\(result.stderr)")
        #expect(result.stderr.contains("interrupted: printed the"))
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["scenario"] as? String == "A fleet of 240 instances")
    }
}

/// Limits checked before any work starts.
@Suite struct OutputLimitTests {
    typealias Sim = BreakerSimBinary

    @Test("a timeline larger than the free disk space is refused before the run, with the way out")
    func timelineThatCannotFitIsRefused() async throws {
        // 50,000 instances, each with a breaker towards each of two services, sampled every 3 s for
        // 30 days: 86.4 billion rows (counting instances, not breakers, once made it half), terabytes of
        // CSV.
        let scenario = try Fixtures.temporaryFile(
            "huge.json",
            contents: """
                {"name": "Huge", "description": "Too big to record.", "seed": 1, "duration": "720h",
                 "sample_every": "3s",
                 "services": [{"name": "s", "latency": {"dist": "constant", "value": "1ms"}},
                              {"name": "t", "latency": {"dist": "constant", "value": "1ms"}}],
                 "clients": [{"name": "c", "instances": 50000, "rate": 0.0001,
                              "routes": [{"name": "r", "calls": ["s", "t"]}],
                              "breaker": {"allowed_fails": 3, "retry_timer": "10s"}}]}
                """)
        let csv = try Fixtures.temporaryFile("huge.csv")
        unlink(csv)
        let result = try await Sim.run(["run", scenario, "--timeline", csv])
        #expect(result.status == 73)
        #expect(result.stderr.contains("the timeline would take about 5.5 TB (86400000000 rows)"))
        #expect(result.stderr.contains("use a larger sample_every"))
        #expect(result.elapsed < .seconds(5), "refused up front, not after simulating")
        #expect(!FileManager.default.fileExists(atPath: csv))
    }
}
