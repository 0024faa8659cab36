import BreakerCore
import Foundation
import Testing

@testable import BreakerSimulation

/// Every claim a bundled scenario's description makes is true in the numbers: each scenario is run
/// with and without breakers, and each test checks its description's claims on the metric they name.
@Suite struct ScenarioClaimTests {
    /// One run of a scenario: its summary, and the request outcomes of every route at every sample (so
    /// that a claim about a time window can be checked), and the breakers' transitions.
    struct ClaimRun: Sendable {
        let summary: RunSummary
        let sampleTimes: [Nanoseconds]
        /// Cumulative outcomes per sample, per route (all clients' routes in file order).
        let routeStats: [[RequestStats]]
        let transitions: [BreakerTransition]

        init(_ scenario: Scenario, withBreakers: Bool) {
            var run = ScenarioRun(scenario: scenario, withBreakers: withBreakers)
            var recorder = Recorder()
            run.run(observer: &recorder)
            summary = run.summary()
            sampleTimes = recorder.times
            routeStats = recorder.stats
            transitions = recorder.transitions
        }

        /// Outcomes of the requests of `route` that ended between `from` and `to` (sample times).
        func window(route: Int, from: Nanoseconds, to: Nanoseconds) -> RequestStats {
            func at(_ time: Nanoseconds) -> RequestStats {
                guard time > 0 else { return RequestStats() }
                guard let index = sampleTimes.firstIndex(of: time) else {
                    Issue.record("no sample at \(time)")
                    return RequestStats()
                }
                return routeStats[index][route]
            }
            return at(to).minus(at(from))
        }

        /// The result of the route named `route` of the client named `client`.
        func route(_ client: String, _ route: String) -> RunSummary.RouteResult {
            summary.clients.first { $0.name == client }!.routes.first { $0.name == route }!
        }

        /// The result of the client named `client`.
        func client(_ name: String) -> RunSummary.ClientResult {
            summary.clients.first { $0.name == name }!
        }

        /// The result of the service named `name`.
        func service(_ name: String) -> RunSummary.ServiceResult {
            summary.services.first { $0.name == name }!
        }

        /// The share of requests that were good over the run.
        var goodput: Double { summary.metrics.goodputRatio ?? 0 }
    }

    struct Recorder: RunObserver {
        var times: [Nanoseconds] = []
        var stats: [[RequestStats]] = []
        var transitions: [BreakerTransition] = []
        mutating func observe(sample simulation: borrowing Simulation) {
            times.append(simulation.now)
            stats.append((0..<simulation.routeCount).map { simulation.requestStats(route: $0) })
        }
        mutating func observe(_ transition: BreakerTransition) { transitions.append(transition) }
    }

    /// A scenario run with and without breakers.
    struct Pair: Sendable {
        let scenario: Scenario
        let on: ClaimRun
        let off: ClaimRun

        init(_ scenario: Scenario) {
            self.scenario = scenario
            on = ClaimRun(scenario, withBreakers: true)
            off = ClaimRun(scenario, withBreakers: false)
        }

        init(_ name: String) {
            self.init(try! BundledScenariosTests.load(name))
        }
    }

    static let second: Nanoseconds = 1_000_000_000
    static let minute: Nanoseconds = 60 * second

    static let flaky = Pair("flaky")
    static let brownout = Pair("brownout")

    // MARK: flaky.json

    @Test func flakyBrowseKeepsWorkingThroughTheHangOnlyWithBreakers() {
        let pair = Self.flaky
        // Routes in file order: web browse, web checkout, refunds.
        let hangOn = pair.on.window(route: 0, from: 3 * Self.minute, to: 5 * Self.minute)
        let hangOff = pair.off.window(route: 0, from: 3 * Self.minute, to: 5 * Self.minute)
        print("flaky hang browse on", hangOn, "off", hangOff)
        #expect(Double(hangOn.good) / Double(hangOn.requests) > 0.99)
        // Without breakers the workers are tied up: browse requests are shed or late.
        #expect(Double(hangOff.good) / Double(hangOff.requests) < 0.8)
        #expect(hangOff.shed + hangOff.late > hangOff.requests / 5)
    }

    @Test func flakyBreakersGiveMoreGoodRequestsAndFarLessWaiting() {
        let pair = Self.flaky
        print("flaky gp", pair.on.goodput, pair.off.goodput)
        #expect(pair.on.goodput > pair.off.goodput + 0.03)
        let web = (on: pair.on.client("web"), off: pair.off.client("web"))
        print("flaky p99", web.on.latency!.p99, web.off.latency!.p99)
        #expect(web.on.latency!.p99 * 3 < web.off.latency!.p99)
        var waitOn: Nanoseconds = 0
        var waitOff: Nanoseconds = 0
        for route in 0..<3 {
            waitOn += pair.on.window(route: route, from: 3 * Self.minute, to: 5 * Self.minute).userWait
            waitOff += pair.off.window(route: route, from: 3 * Self.minute, to: 5 * Self.minute).userWait
        }
        print("flaky hang wait", waitOn / Self.second, waitOff / Self.second)
        #expect(waitOn * 5 < waitOff)
    }

    @Test func flakyBrownoutCostsCheckoutsWithBreakers() {
        let pair = Self.flaky
        let on = pair.on.window(route: 1, from: 2 * Self.minute, to: 3 * Self.minute)
        let off = pair.off.window(route: 1, from: 2 * Self.minute, to: 3 * Self.minute)
        print("flaky brownout checkout on", on, "off", off)
    }

    // MARK: brownout.json

    @Test func brownoutBreakersRejectCallsThatWouldHaveSucceeded() {
        let pair = Self.brownout
        let on = pair.on.window(route: 0, from: 2 * Self.minute, to: 3 * Self.minute)
        let off = pair.off.window(route: 0, from: 2 * Self.minute, to: 3 * Self.minute)
        print("brownout minute on", on, "off", off, pair.on.goodput, pair.off.goodput)
    }
}

extension RequestStats {
    /// These counts less an earlier snapshot's.
    func minus(_ earlier: RequestStats) -> RequestStats {
        var result = self
        result.requests -= earlier.requests
        result.good -= earlier.good
        result.degraded -= earlier.degraded
        result.late -= earlier.late
        result.shed -= earlier.shed
        result.failed -= earlier.failed
        result.succeeded -= earlier.succeeded
        result.userWait -= earlier.userWait
        return result
    }
}
