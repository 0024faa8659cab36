import BreakerCore
import Foundation
import Testing

@testable import BreakerSimulation

/// The scenarios shipped in `scenarios/` load, run, and show what their descriptions promise.
@Suite struct BundledScenariosTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios")

    static let files = [
        "flaky", "brownout", "outage", "slow", "overload", "retry-storm", "fleet", "synchronised",
    ]

    static func load(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(file: directory.appendingPathComponent("\(name).json").path)
    }

    @Test(arguments: files)
    func scenarioLoadsWithADescriptionToReadAloud(name: String) throws {
        let scenario = try Self.load(name)
        #expect(scenario.description.count > 80)
        #expect(!scenario.name.isEmpty)
    }

    @Test func everyFileInTheFolderIsListed() throws {
        let present = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        #expect(present == Self.files.sorted())
    }

    @Test func flakyIsAFleetThroughBrownoutOutageAndFlapping() throws {
        let scenario = try Self.load("flaky")
        #expect(scenario.clients.reduce(0) { $0 + $1.instances } >= 10)
        #expect(scenario.duration >= 9 * 60_000_000_000)
        let summary = RunSummary.run(scenario)
        // The breakers of the failing service open and probe; the catalog's stay closed.
        let protected = summary.breakers.filter(\.protected)
        let payments = protected.filter { $0.service == "payments" }
        #expect(payments.count == 16)
        #expect(payments.allSatisfy { $0.stats.opens >= 2 && $0.stats.probes >= 2 })
        #expect(protected.filter { $0.service == "catalog" }.allSatisfy { $0.stats.opens == 0 })
        #expect(summary.metrics.unrecovered == 0)
        // Every breaker had closed before the episode ended, so there is no recovery delay to show:
        // the text says why instead of leaving a bare dash beside the detection delay.
        #expect(summary.metrics.recoveryDelay == nil)
        #expect(
            summary.text().contains(
                "detection  15.9s mean;  recovery – (no breaker was still open when its episode ended)\n"))
    }

    @Test func fleetHasTwoHundredBreakers() throws {
        let scenario = try Self.load("fleet")
        #expect(scenario.clients.reduce(0) { $0 + $1.instances } >= 200)
    }

    @Test func overloadRecoversOnlyWithBreakers() throws {
        let scenario = try Self.load("overload")
        let protected = RunSummary.run(scenario)
        let unprotected = RunSummary.run(scenario, withBreakers: false)
        // Goodput over the last minute tells recovery apart from collapse.
        func lastMinuteGoodput(_ withBreakers: Bool) -> Double {
            var simulation = Simulation(scenario: scenario, withBreakers: withBreakers)
            simulation.advance(to: scenario.duration - 60_000_000_000)
            let before = simulation.breakers.reduce(0) { $0 + $1.stats.requestsSucceeded }
            let requestsBefore = simulation.breakers.reduce(0) { $0 + $1.stats.requests }
            simulation.run()
            let after = simulation.breakers.reduce(0) { $0 + $1.stats.requestsSucceeded }
            let requestsAfter = simulation.breakers.reduce(0) { $0 + $1.stats.requests }
            return Double(after - before) / Double(max(1, requestsAfter - requestsBefore))
        }
        #expect(lastMinuteGoodput(true) > 0.95)
        #expect(lastMinuteGoodput(false) < 0.2)
        #expect(protected.metrics.goodputRatio! > unprotected.metrics.goodputRatio!)
    }

    @Test func retriesAmplifyTheStormAndBreakersDampIt() throws {
        let scenario = try Self.load("retry-storm")
        let protected = RunSummary.run(scenario)
        let unprotected = RunSummary.run(scenario, withBreakers: false)
        #expect(unprotected.totals.offered > unprotected.totals.requests.requests * 23 / 20)
        #expect(protected.services[0].received < unprotected.services[0].received * 9 / 10)
    }

    @Test func slowServiceFailsByTimeoutAndTripsTheBreakers() throws {
        let summary = RunSummary.run(try Self.load("slow"))
        #expect(summary.services[0].failed == 0)
        #expect(summary.totals.failed > 0)
        #expect(summary.breakers.allSatisfy { $0.stats.opens >= 1 })
    }

    @Test func outageIsDetectedWithinSecondsAndRecovered() throws {
        let summary = RunSummary.run(try Self.load("outage"))
        let episode = try #require(summary.episodes.first)
        #expect(episode.detected == episode.breakers)
        #expect(episode.meanDetectionDelay.map { $0 < 2_000_000_000 } == true)
        #expect(episode.recovered == episode.breakers)
    }
}
