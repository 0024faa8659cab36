import BreakerSimTestSupport
import Foundation
import Testing

/// `--report` and `--report-style` on the real command line.
@Suite struct ReportCommandTests {
    typealias Sim = BreakerSimBinary

    @Test func runWritesTheReportAndPrintsTheUsualSummary() async throws {
        let directory = URL(fileURLWithPath: try Fixtures.temporaryDirectory("run"))
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("report.html").path
        let second = directory.appendingPathComponent("again.html").path
        let plain = try await Sim.run([
            "run", "scenarios/outage.json", "--duration", "90s", "--format", "json",
        ])
        let reported = try await Sim.run([
            "run", "scenarios/outage.json", "--duration", "90s", "--format", "json", "--report", first,
        ])
        #expect(reported.status == 0, "\(reported.stderr)")
        #expect(reported.stdout == plain.stdout)
        let html = try String(contentsOfFile: first, encoding: .utf8)
        let document = try XHTMLDocument(html)
        #expect(document.series.contains("succeeded:without-breakers"))
        #expect(document.series.contains("breaker:storefront#1"))
        #expect(document.all("h1").first?.text == "Hard outage")
        // Nothing is left beside it, and the same command writes the same bytes.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.html"])
        let again = try await Sim.run([
            "run", "scenarios/outage.json", "--duration", "90s", "--report", second,
        ])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: second)) == Data(html.utf8))

        // --no-breakers prints the unprotected summary, and the report compares the same two runs.
        let third = directory.appendingPathComponent("no-breakers.html").path
        let unprotected = try await Sim.run([
            "run", "scenarios/outage.json", "--duration", "90s", "--no-breakers", "--report", third,
        ])
        #expect(unprotected.status == 0, "\(unprotected.stderr)")
        #expect(unprotected.stdout.contains("breakers off"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: third)) == Data(html.utf8))
    }

    @Test func monoIsAskedForByName() async throws {
        let directory = URL(fileURLWithPath: try Fixtures.temporaryDirectory("mono"))
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mono.html").path
        let result = try await Sim.run([
            "run", "scenarios/outage.json", "--duration", "30s", "--report", path, "--report-style", "mono",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("half-open\" patternUnits"))
        #expect(!html.contains("#D55E00"))
        let bad = try await Sim.run([
            "run", "scenarios/outage.json", "--report", path, "--report-style", "plaid",
        ])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--report-style"))
    }

    @Test(arguments: [
        ["run", "scenarios/flaky.json"],
        ["sweep", "scenarios/flaky.json", "--allowed-fails", "1,2", "--retry-timer", "5s"],
    ])
    func anUnwritableReportFailsBeforeAnyWork(command: [String]) async throws {
        let result = try await Sim.run(
            command + ["--report", "/nonexistent-dir/r.html"], timeout: .seconds(60))
        #expect(result.status == 73)
        #expect(result.stderr.hasPrefix("breaker-sim: /nonexistent-dir/r.html: cannot write the report"))
        #expect(result.stdout.isEmpty)
    }

    @Test func sweepWritesTheReportBesideItsOutputAndMergeToo() async throws {
        let directory = URL(fileURLWithPath: try Fixtures.temporaryDirectory("sweep"))
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sweep.html").path
        let grid = ["--allowed-fails", "1,3", "--retry-timer", "5s,30s", "--set", "duration=\"2m\""]
        let sweep = try await Sim.run(
            ["sweep", "scenarios/outage.json", "--format", "json", "--report", path] + grid)
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(sweep.stdout.hasPrefix("{"))
        let html = try String(contentsOfFile: path, encoding: .utf8)
        let document = try XHTMLDocument(html)
        #expect(document.inside(series: "heat-map").filter { $0.name == "rect" }.count == 4)

        let shard = try await Sim.run(
            ["sweep", "scenarios/outage.json", "--shard", "1/2", "--report", path] + grid)
        #expect(shard.status == 64)
        #expect(shard.stderr.contains("sweep merge"))

        var shards: [String] = []
        for k in 1...2 {
            let part = try await Sim.run(["sweep", "scenarios/outage.json", "--shard", "\(k)/2"] + grid)
            #expect(part.status == 0, "\(part.stderr)")
            let file = directory.appendingPathComponent("shard-\(k).json")
            try part.stdout.write(to: file, atomically: true, encoding: .utf8)
            shards.append(file.path)
        }
        let merged = directory.appendingPathComponent("merged.html").path
        let merge = try await Sim.run(["sweep", "merge"] + shards + ["--report", merged])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try String(contentsOfFile: merged, encoding: .utf8) == html)
    }
}
