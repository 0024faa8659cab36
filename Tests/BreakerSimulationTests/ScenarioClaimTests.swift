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
        /// Calls each service received in each sampling interval (ending at the sample's time).
        let received: [[Int]]

        init(_ scenario: Scenario, withBreakers: Bool) {
            var run = ScenarioRun(scenario: scenario, withBreakers: withBreakers)
            var recorder = Recorder()
            run.run(observer: &recorder)
            summary = run.summary()
            sampleTimes = recorder.times
            routeStats = recorder.stats
            transitions = recorder.transitions
            received = recorder.received
        }

        /// Calls service `service` received between `from` and `to` (sample times).
        func received(service: Int, from: Nanoseconds, to: Nanoseconds) -> Int {
            zip(sampleTimes, received).filter { $0.0 > from && $0.0 <= to }.reduce(0) { $0 + $1.1[service] }
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
        var received: [[Int]] = []
        mutating func observe(sample simulation: borrowing Simulation) {
            times.append(simulation.now)
            stats.append((0..<simulation.routeCount).map { simulation.requestStats(route: $0) })
            received.append(simulation.serviceSnapshots.map(\.intervalReceived))
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
    static let retryStorm = Pair("retry-storm")
    static let overload = Pair("overload")
    static let outage = Pair("outage")
    static let slow = Pair("slow")
    static let fleet = Pair("fleet")
    static let synchronised = Pair("synchronised")
    /// synchronised.json with `--set clients.shop.breaker.retry_jitter=0`: the fleet in step.
    static let inStep: ClaimRun = {
        var scenario = try! BundledScenariosTests.load("synchronised")
        scenario.clients[0].breaker!.retryJitter = 0
        return ClaimRun(scenario, withBreakers: true)
    }()

    /// The share of `stats`' requests that were good.
    static func good(_ stats: RequestStats) -> Double { Double(stats.good) / Double(max(1, stats.requests)) }

    /// The request outcomes of the first route of `run` from minute `from` to minute `to`.
    static func minutes(_ run: ClaimRun, route: Int = 0, _ from: Int64, _ to: Int64) -> RequestStats {
        run.window(route: route, from: from * minute, to: to * minute)
    }

    /// Opens of the breakers of `client`, as times in seconds.
    static func opens(_ run: ClaimRun, client: String) -> [(breaker: Int, time: Nanoseconds)] {
        let names = Set(run.summary.breakers.indices.filter { run.summary.breakers[$0].client == client })
        return run.transitions.filter { $0.to == .open && names.contains($0.breaker) }.map {
            ($0.breaker, $0.time)
        }
    }

    // MARK: flaky.json

    // Routes in file order: web browse (0), web checkout (1), refunds (2). The hang is 3m–5m, the
    // brownout 2m–3m.

    @Test func flakyBrowseKeepsWorkingThroughTheHangOnlyWithBreakers() {
        let on = Self.minutes(Self.flaky.on, route: 0, 3, 5)
        let off = Self.minutes(Self.flaky.off, route: 0, 3, 5)
        #expect(Self.good(on) > 0.99)
        // "Four in ten browse requests are shed during the hang."
        #expect(Double(off.shed) / Double(off.requests) > 0.35)
        #expect(Double(off.shed) / Double(off.requests) < 0.45)
        #expect(Self.good(off) < 0.7)
        // The catalog is healthy: browse fails for want of workers, not of the catalog.
        #expect(off.failed == 0)
    }

    @Test func flakyBreakersGiveMoreGoodRequestsALowerP99AndLessWaitingInTheHang() {
        let pair = Self.flaky
        #expect(pair.on.goodput > pair.off.goodput + 0.03)
        let on = pair.on.client("web").latency!.p99
        let off = pair.off.client("web").latency!.p99
        #expect(on * 3 < off)
        func hangWait(_ run: ClaimRun) -> Nanoseconds {
            (0..<3).reduce(0) { $0 + Self.minutes(run, route: $1, 3, 5).userWait }
        }
        #expect(hangWait(pair.on) * 10 < hangWait(pair.off))
        // Payments' breakers open within seconds of the hang's start.
        let payments = Self.opens(pair.on, client: "web").filter {
            pair.on.summary.breakers[$0.breaker].service == "payments" && $0.time >= 3 * Self.minute
        }
        let firstOpens = Dictionary(grouping: payments, by: \.breaker).mapValues { $0.map(\.time).min()! }
        #expect(firstOpens.count == 12)
        #expect(firstOpens.values.allSatisfy { $0 < 3 * Self.minute + 10 * Self.second })
    }

    @Test func flakyBrownoutCostsCheckoutsWithBreakers() {
        let on = Self.minutes(Self.flaky.on, route: 1, 2, 3)
        let off = Self.minutes(Self.flaky.off, route: 1, 2, 3)
        // "Far fewer checkouts succeed than without them."
        #expect(Self.good(on) * 2 < Self.good(off))
        #expect(
            Self.flaky.on.route("web", "checkout").requests.good
                < Self.flaky.off.route("web", "checkout").requests.good)
    }

    // MARK: brownout.json

    @Test func brownoutBreakersRejectCallsThatWouldHaveSucceeded() {
        let pair = Self.brownout
        let on = Self.minutes(pair.on, 2, 3)
        let off = Self.minutes(pair.off, 2, 3)
        // "Retries rescue nearly nine requests in ten"; with breakers "about one in ten is good".
        #expect(Self.good(off) > 0.85)
        #expect(Self.good(on) < 0.15)
        // "From about 97% to 80%."
        #expect(abs(pair.off.goodput - 0.97) < 0.01)
        #expect(abs(pair.on.goodput - 0.80) < 0.01)
        // No overload: the service has no capacity limit to protect.
        #expect(pair.scenario.services.allSatisfy { $0.capacity == nil })
    }

    @Test func brownoutFallbackTurnsErrorsIntoDegradedAnswersAndALargerAllowedFailsKeepsTheBreakersClosed() {
        let pair = Self.brownout
        var withFallback = pair.scenario
        withFallback.clients[0].routes[0].calls[0].fallback = true
        let fallback = ClaimRun(withFallback, withBreakers: true)
        // Not one more good request; the errors become degraded answers.
        #expect(fallback.summary.totals.requests.good == pair.on.summary.totals.requests.good)
        #expect(fallback.summary.totals.requests.failed == 0)
        #expect(fallback.summary.totals.requests.degraded == pair.on.summary.totals.requests.failed)

        var tolerant = pair.scenario
        tolerant.clients[0].breaker!.allowedFails = 20
        let patient = ClaimRun(tolerant, withBreakers: true)
        #expect(patient.summary.totals.opens == 0)
        #expect(patient.summary.totals.requests.good == pair.off.summary.totals.requests.good)
    }

    // MARK: retry-storm.json

    @Test func retryStormOutlivesTheFailureWithoutBreakersOnly() {
        let pair = Self.retryStorm
        let normal = pair.off.received(service: 0, from: 0, to: Self.minute)
        // "More than three times its normal traffic" in the failing minute.
        #expect(pair.off.received(service: 0, from: Self.minute, to: 2 * Self.minute) > 3 * normal)
        // "Not one request is good from the end of the failing minute to the end of the run."
        #expect(Self.minutes(pair.off, 2, 4).good == 0)
        // With breakers: "a fraction of its normal traffic" during the failing minute.
        #expect(pair.on.received(service: 0, from: Self.minute, to: 2 * Self.minute) < normal / 5)
        // "Within a minute of the failure's end almost every request is good again."
        #expect(Self.good(Self.minutes(pair.on, 3, 4)) > 0.99)
        #expect(pair.on.goodput > pair.off.goodput * 2)
        // "Neither run saves the failing minute itself."
        #expect(Self.good(Self.minutes(pair.on, 1, 2)) < 0.1)
        #expect(Self.good(Self.minutes(pair.off, 1, 2)) < 0.1)
    }

    // MARK: overload.json

    @Test func overloadStaysDownWithoutBreakersAndRecoversWithThem() {
        let pair = Self.overload
        let normal = pair.off.received(service: 0, from: 0, to: Self.minute)
        // "Triples the load" and "stays down long after the slowdown ends" (1m–1m30s).
        #expect(
            pair.off.received(service: 0, from: 2 * Self.minute, to: 5 * Self.minute) > 3 * 3 * normal * 9
                / 10)
        #expect(Self.good(Self.minutes(pair.off, 2, 5)) < 0.01)
        // "The timeouts open them, the load drops, the queue drains and the service recovers."
        #expect(!Self.opens(pair.on, client: "api").isEmpty)
        #expect(pair.on.received(service: 0, from: Self.minute, to: 2 * Self.minute) < normal)
        #expect(Self.good(Self.minutes(pair.on, 2, 5)) > 0.99)
        #expect(pair.on.goodput > pair.off.goodput + 0.5)
    }

    // MARK: outage.json

    @Test func outageBreakersSaveNoRequestButTheWaitingAndTheCalls() {
        let pair = Self.outage
        // "The share of good requests is the same ... a little lower with them."
        #expect(pair.on.goodput <= pair.off.goodput)
        #expect(pair.off.goodput - pair.on.goodput < 0.01)
        // "They wait for the first probe, up to 20 seconds, to close after it returns" (at 3m).
        let returned = 3 * Self.minute
        let closes = pair.on.transitions.filter { $0.to == .closed && $0.time >= returned }
        #expect(Set(closes.map(\.breaker)).count == 10)
        #expect(closes.allSatisfy { $0.time <= returned + 21 * Self.second })
        // Without breakers: "about a third of a second for each error", "three calls for every request".
        let down = Self.minutes(pair.off, 1, 3)
        let perError = Double(down.userWait) / Double(down.failed) / 1e9
        #expect(perError > 0.25 && perError < 0.4)
        let calls = pair.off.received(service: 0, from: Self.minute, to: 3 * Self.minute)
        #expect(abs(Double(calls) / Double(down.requests) - 3) < 0.05)
        // With them: "the breakers open after three failures and the error comes back at once".
        let onDown = Self.minutes(pair.on, 1, 3)
        #expect(Double(onDown.userWait) / Double(onDown.failed) / 1e9 < 0.001)
        #expect(pair.on.received(service: 0, from: Self.minute, to: 3 * Self.minute) < calls / 100)
    }

    // MARK: slow.json

    @Test func slowBreakersTripOnlyPastTheTimeoutAndStopTheWaiting() {
        let pair = Self.slow
        // "The breakers only trip once latency crosses the timeout" (the +1.5s phase, from 3m).
        let opens = Self.opens(pair.on, client: "frontend")
        #expect(!opens.isEmpty)
        #expect(opens.allSatisfy { $0.time >= 3 * Self.minute })
        // "Nothing errors, yet in the last phase every call fails by timing out."
        #expect(pair.off.service("search").failed == 0)
        #expect(
            pair.off.window(route: 0, from: 3 * Self.minute + 5 * Self.second, to: 5 * Self.minute).good == 0)
        // "About the same ... slightly lower with them."
        #expect(pair.on.goodput < pair.off.goodput)
        #expect(pair.off.goodput - pair.on.goodput < 0.02)
        #expect(pair.on.summary.metrics.goodCallsRejected > 0)
        // "Users wait forty times less and far fewer requests are shed."
        #expect(pair.on.summary.totals.requests.userWait * 40 < pair.off.summary.totals.requests.userWait)
        #expect(pair.on.summary.totals.requests.shed * 5 < pair.off.summary.totals.requests.shed)
    }

    // MARK: fleet.json

    @Test func fleetBreakersSaveCallsAndWaitingButNotRequests() {
        let pair = Self.fleet
        #expect(pair.scenario.clients.reduce(0) { $0 + $1.instances } == 240)
        // "They open and close at slightly different moments": auth goes down at 2m.
        let web = Self.opens(pair.on, client: "web").filter { $0.time >= 2 * Self.minute }
        let firstOpens = Dictionary(grouping: web, by: \.breaker).mapValues { $0.map(\.time).min()! }
        #expect(firstOpens.count == 80)
        #expect(Set(firstOpens.values).count == 80)
        #expect(firstOpens.values.max()! - firstOpens.values.min()! < 5 * Self.second)
        // "The catalog breakers ... never open."
        #expect(Self.opens(pair.on, client: "mobile").isEmpty)
        #expect(Self.opens(pair.on, client: "emails").isEmpty)
        // "Slightly fewer requests are good with them."
        #expect(pair.on.goodput < pair.off.goodput)
        #expect(pair.off.goodput - pair.on.goodput < 0.03)
        // "Calls to failing services, a third fewer."
        let saved =
            Double(pair.on.summary.metrics.callsToFailingService)
            / Double(pair.off.summary.metrics.callsToFailingService)
        #expect(saved > 0.6 && saved < 0.72)
        // "Feed's users wait about a third as long ..., while legacy's users wait as long as without them."
        let feed =
            Double(pair.on.client("feed").requests.userWait)
            / Double(pair.off.client("feed").requests.userWait)
        #expect(feed > 0.25 && feed < 0.4)
        let legacy =
            Double(pair.on.client("legacy").requests.userWait)
            / Double(pair.off.client("legacy").requests.userWait)
        #expect(abs(legacy - 1) < 0.05)
    }

    // MARK: synchronised.json

    /// Probes sent in each second of the run (each is an open → half-open transition).
    static func probesPerSecond(_ run: ClaimRun) -> [Nanoseconds: Int] {
        Dictionary(grouping: run.transitions.filter { $0.to == .halfOpen }, by: { $0.time / second })
            .mapValues(\.count)
    }

    /// When each breaker first closed after `time`.
    static func firstCloses(_ run: ClaimRun, after time: Nanoseconds) -> [Nanoseconds] {
        let closes = run.transitions.filter { $0.to == .closed && $0.time > time }
        return Dictionary(grouping: closes, by: \.breaker).values.map { $0.map(\.time).min()! }
    }

    @Test func synchronisedJitterSpreadsProbesAndClosesButNotTheOutage() {
        let jittered = Self.synchronised.on
        let inStep = Self.inStep
        // "The shop breakers all open within about a second of each other": stock goes down at 1m.
        for run in [jittered, inStep] {
            let opens = Self.opens(run, client: "shop").filter { $0.time >= Self.minute }
            let first = Dictionary(grouping: opens, by: \.breaker).mapValues { $0.map(\.time).min()! }
            #expect(first.count == 60)
            #expect(first.values.max()! - first.values.min()! < 3 * Self.second / 2)
        }
        // "At most 11 in one second, against 56 in step."
        #expect(Self.probesPerSecond(jittered).values.max() == 11)
        #expect(Self.probesPerSecond(inStep).values.max() == 56)
        // "They all close within a second and a half ... over about twenty seconds instead of all at once":
        // stock recovers at 2m40s.
        let end = Self.minute + 100 * Self.second
        let stepCloses = Self.firstCloses(inStep, after: end)
        let jitterCloses = Self.firstCloses(jittered, after: end)
        #expect(stepCloses.count == 60 && jitterCloses.count == 60)
        #expect(stepCloses.max()! - stepCloses.min()! < 3 * Self.second / 2)
        #expect(jitterCloses.max()! - jitterCloses.min()! > 15 * Self.second)
        // "7.9 s after the recovery on average, against 6.2 s in step."
        let jitterRecovery = Double(jittered.summary.metrics.recoveryDelay!) / 1e9
        let stepRecovery = Double(inStep.summary.metrics.recoveryDelay!) / 1e9
        #expect(abs(jitterRecovery - 7.9) < 0.05 && abs(stepRecovery - 6.2) < 0.05)
        // "Without them slightly more requests are good (66.6% against 64.0%); ... 656 instead of 60,254."
        let pair = Self.synchronised
        #expect(abs(pair.off.goodput - 0.666) < 0.0005 && abs(pair.on.goodput - 0.640) < 0.0005)
        #expect(pair.on.summary.metrics.callsToFailingService == 656)
        #expect(pair.off.summary.metrics.callsToFailingService == 60_254)
    }

    // MARK: the engine

    /// A flap phase with exponential periods draws them from a random stream of its own, not from the
    /// one every call's latency and errors use: otherwise a run with breakers (which send fewer calls)
    /// would see the service go down at other moments, and for other lengths, than the run without, and
    /// a comparison of the two would measure luck as well as breakers.
    @Test func theFlapScheduleDoesNotDependOnTheBreakers() throws {
        var scenario = try BundledScenariosTests.load("fleet")
        scenario.services[2].phases[0].flap!.dist = .exponential
        func downSamples(_ withBreakers: Bool) -> [Bool] {
            struct Down: RunObserver {
                var samples: [Bool] = []
                mutating func observe(sample simulation: borrowing Simulation) {
                    samples.append(simulation.serviceSnapshots[2].condition.outage != nil)
                }
            }
            var run = ScenarioRun(scenario: scenario, withBreakers: withBreakers)
            var down = Down()
            run.run(observer: &down)
            return down.samples
        }
        #expect(downSamples(true) == downSamples(false))
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
