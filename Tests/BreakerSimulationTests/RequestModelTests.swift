import BreakerCore
import Foundation
import Testing

@testable import BreakerSimulation

private let ms: Nanoseconds = 1_000_000
private let s: Nanoseconds = 1_000_000_000

/// A scenario document from its services and clients (JSON array members).
private func document(seed: Int = 5, duration: String = "10s", services: String, clients: String) -> String {
    """
    {
      "name": "requests", "seed": \(seed), "duration": "\(duration)", "sample_every": "1s",
      "services": [ \(services) ],
      "clients": [ \(clients) ]
    }
    """
}

/// A service with constant latency and optional extra members.
private func service(_ name: String, latency: String, _ extra: String = "") -> String {
    let members = extra.isEmpty ? "" : ", " + extra
    return #"{"name": "\#(name)", "latency": {"dist": "constant", "value": "\#(latency)"}\#(members)}"#
}

private func load(_ json: String, overrides: [String] = []) throws -> Scenario {
    try ScenarioLoader.parse(Array(json.utf8), file: "t.json", overrides: overrides)
}

private func run(_ json: String, withBreakers: Bool = true) throws -> RunSummary {
    RunSummary.run(try load(json), withBreakers: withBreakers)
}

/// Within HdrHistogram's 3 significant digits.
private func close(_ value: Nanoseconds?, _ expected: Nanoseconds) -> Bool {
    guard let value else { return false }
    return abs(Double(value - expected)) <= 0.001 * Double(expected)
}

private func service(named name: String, in summary: RunSummary) -> RunSummary.ServiceResult? {
    summary.services.first { $0.name == name }
}

/// What a user of the request model relies on: routes, workers, backlogs, deadlines, fallbacks,
/// breaker names and the JSON output.
@Suite struct RequestModelTests {
    // MARK: Routes

    @Test(arguments: [UInt64(1), 2, 3])
    func routeSharesSplitRequestsInProportion(seed: UInt64) throws {
        let json = document(
            seed: Int(seed), duration: "60s",
            services: service("catalog", latency: "1ms") + ", " + service("payments", latency: "1ms"),
            clients: #"""
                {"name": "web", "instances": 2, "rate": 200, "routes": [
                  {"name": "browse", "share": 3, "calls": ["catalog"]},
                  {"name": "checkout", "share": 1, "calls": ["catalog", "payments"]},
                  {"name": "search", "share": 0.5, "calls": ["catalog"]}]}
                """#)
        let summary = try run(json)
        let client = summary.clients[0]
        #expect(client.routes.map(\.name) == ["browse", "checkout", "search"])
        let total = client.requests.requests
        #expect(client.routes.reduce(0) { $0 + $1.requests.requests } == total)
        #expect(total > 20_000)
        // Each arrival picks its route independently: a route's count is binomial(n, share/Σshares).
        // 4.5 standard errors make a false failure about 1 in 150 000 per check, while a share off
        // by even 2 % of the total is > 10σ at n ≈ 24 000.
        for (route, share) in zip(client.routes, [3.0, 1.0, 0.5]) {
            let p = share / 4.5
            let n = Double(total)
            let sigma = (p * (1 - p) / n).squareRoot()
            let measured = Double(route.requests.requests) / n
            #expect(abs(measured - p) < 4.5 * sigma, "\(route.name): \(measured) vs \(p)")
        }
        // Only checkout calls payments, once per request.
        let checkout = client.routes[1].requests
        let payments = try #require(service(named: "payments", in: summary))
        #expect(abs(payments.received - checkout.requests) <= 4)  // a few still on their first call
    }

    @Test func aTwoCallRouteCallsBothServicesInOrder() throws {
        let json = document(
            services: service("first", latency: "10ms") + ", " + service("second", latency: "20ms"),
            clients:
                #"{"name": "web", "arrival": "uniform", "rate": 10, "routes": [{"name": "r", "calls": ["first", "second"]}]}"#
        )
        let summary = try run(json)
        let stats = summary.clients[0].requests
        #expect(stats.requests == 100)
        #expect(stats.good == stats.ended && stats.ended >= 99)
        // Request latency is the sum of the two calls: they are made one after the other.
        #expect(close(summary.clients[0].latency?.p50, 30 * ms))
        #expect(close(summary.clients[0].latency?.max, 30 * ms))
        #expect(summary.breakers.map(\.name) == ["web first", "web second"])
        #expect(close(summary.breakers[0].latency?.max, 10 * ms))
        #expect(close(summary.breakers[1].latency?.max, 20 * ms))
        #expect(service(named: "first", in: summary)?.received == 100)
        #expect(service(named: "second", in: summary).map { $0.received >= 99 } == true)
    }

    /// A request ends at its first failing call: the second service never hears of it.
    @Test(arguments: ["fail_fast", "hang", "errors"], [true, false])
    func aFailingFirstCallEndsTheRequest(failure: String, withBreakers: Bool) throws {
        let broken =
            failure == "errors"
            ? service("first", latency: "10ms", #""error_rate": 1"#)
            : service(
                "first", latency: "10ms", #""phases": [{"at": "0s", "for": "10s", "outage": "\#(failure)"}]"#)
        let json = document(
            services: broken + ", " + service("second", latency: "20ms"),
            clients:
                #"{"name": "web", "arrival": "uniform", "rate": 10, "timeout": "100ms", "routes": [{"name": "r", "calls": ["first", "second"]}]}"#
        )
        let summary = try run(json, withBreakers: withBreakers)
        let stats = summary.clients[0].requests
        #expect(stats.requests == 100)
        #expect(stats.failed == stats.ended && stats.ended >= 99)
        #expect(stats.good == 0 && stats.degraded == 0 && stats.succeeded == 0)
        #expect(service(named: "second", in: summary)?.received == 0)
        #expect(summary.breakers[1].stats.offered == 0)
        if withBreakers {
            #expect(summary.breakers[0].stats.rejected > 0)
        } else {
            #expect(service(named: "first", in: summary)?.received == 100)
        }
    }

    @Test func aFailingSecondCallFailsTheRequestAfterTheFirstSucceeded() throws {
        let json = document(
            services: service("first", latency: "10ms") + ", "
                + service("second", latency: "20ms", #""error_rate": 1"#),
            clients:
                #"{"name": "web", "arrival": "uniform", "rate": 10, "breaker": null, "routes": [{"name": "r", "calls": ["first", "second"]}]}"#
        )
        let summary = try run(json)
        let stats = summary.clients[0].requests
        #expect(stats.failed == stats.ended && stats.ended >= 99)
        #expect(service(named: "first", in: summary)?.succeeded == 100)
        #expect(service(named: "second", in: summary).map { $0.received >= 99 } == true)
        #expect(close(summary.clients[0].latency?.max, 30 * ms))
    }

    // MARK: Fallbacks

    /// A failed call with `fallback` answers the request at once, degraded; calls after it are not made.
    @Test func aFailedCallWithFallbackDegradesTheRequest() throws {
        let json = document(
            services: service("payments", latency: "5ms", #""error_rate": 1"#) + ", "
                + service("catalog", latency: "1ms"),
            clients: #"""
                {"name": "web", "arrival": "uniform", "rate": 10, "breaker": null, "routes": [
                  {"name": "r", "calls": [{"service": "payments", "fallback": true}, "catalog"]}]}
                """#)
        let summary = try run(json)
        let stats = summary.clients[0].requests
        #expect(stats.requests == 100)
        #expect(stats.degraded == stats.ended && stats.ended >= 99)
        #expect(stats.failed == 0 && stats.good == 0 && stats.succeeded == 0)
        #expect(service(named: "catalog", in: summary)?.received == 0)
        // A degraded request is not good: its user waited for the failed call.
        #expect(stats.userWait == Nanoseconds(stats.degraded) * 5 * ms)
        #expect(close(summary.clients[0].latency?.max, 5 * ms))
    }

    /// A call the breaker rejects falls back too: degraded, not failed, and answered at once.
    @Test func aRejectedCallWithFallbackDegradesTheRequest() throws {
        let json = document(
            services: service("catalog", latency: "1ms") + ", "
                + service("payments", latency: "5ms", #""error_rate": 1"#),
            clients: #"""
                {"name": "web", "rate": 20, "breaker": {"allowed_fails": 3, "retry_timer": "2s"}, "routes": [
                  {"name": "checkout", "calls": ["catalog", {"service": "payments", "fallback": true}]}]}
                """#)
        let summary = try run(json)
        let stats = summary.clients[0].requests
        let payments = summary.breakers[1]
        #expect(payments.name == "web payments")
        #expect(payments.stats.rejected > 100)
        #expect(stats.degraded == stats.ended && stats.ended > 150)
        #expect(stats.failed == 0)
        // Executed payments calls waited 1 + 5 ms; rejected ones only the catalog's 1 ms.
        let executed = Nanoseconds(payments.stats.succeeded + payments.stats.failed)
        let rejected = Nanoseconds(payments.stats.rejected)
        #expect(stats.userWait == executed * 6 * ms + rejected * 1 * ms)
    }

    @Test func withoutFallbackTheSameFailureFails() throws {
        let json = document(
            services: service("payments", latency: "5ms", #""error_rate": 1"#),
            clients:
                #"{"name": "web", "rate": 20, "routes": [{"name": "checkout", "calls": [{"service": "payments", "fallback": false}]}]}"#
        )
        let stats = try run(json).clients[0].requests
        #expect(stats.failed == stats.ended && stats.ended > 150)
        #expect(stats.degraded == 0)
    }

    // MARK: Breaker names

    @Test func breakerNamesNameTheServiceOnlyForClientsWithSeveralDependencies() throws {
        let json = document(
            services: service("catalog", latency: "1ms") + ", " + service("payments", latency: "1ms"),
            clients: #"""
                {"name": "web", "instances": 2, "rate": 1, "routes": [
                  {"name": "browse", "calls": ["catalog"]}, {"name": "checkout", "calls": ["catalog", "payments"]}]},
                {"name": "api", "rate": 1, "calls": "payments"},
                {"name": "batch", "instances": 2, "rate": 1, "routes": [
                  {"name": "a", "calls": ["payments"]}, {"name": "b", "calls": [{"service": "payments"}]}]},
                {"name": "solo", "rate": 1, "routes": [{"name": "r", "calls": ["payments", "catalog"]}]}
                """#)
        let summary = try run(json)
        #expect(
            summary.breakers.map(\.name) == [
                "web#1 catalog", "web#1 payments", "web#2 catalog", "web#2 payments", "api", "batch#1",
                "batch#2", "solo payments", "solo catalog",
            ])
        #expect(
            summary.breakers.map(\.service) == [
                "catalog", "payments", "catalog", "payments", "payments", "payments", "payments", "payments",
                "catalog",
            ])
        #expect(
            summary.breakers.map(\.client) == [
                "web", "web", "web", "web", "api", "batch", "batch", "solo", "solo",
            ])
        let names = try jsonObject(summary.json())["breakers"] as? [[String: Any]]
        #expect(names?.compactMap { $0["name"] as? String } == summary.breakers.map(\.name))
    }

    // MARK: Workers and backlog

    /// Uniform requests every 100 ms, each taking 130 ms, on one worker for 10 s: the worker never
    /// idles once busy, so requests queue up.
    private func backlogScenario(_ limits: String) throws -> Scenario {
        try load(
            document(
                services: service("svc", latency: "130ms"),
                clients:
                    #"{"name": "web", "arrival": "uniform", "rate": 10, "timeout": "1s", "calls": "svc"\#(limits)}"#
            ))
    }

    @Test func requestsWaitInTheBacklogAndTheirLatencyIncludesTheWait() throws {
        var simulation = Simulation(scenario: try backlogScenario(#", "workers": 1, "backlog": 1000"#))
        simulation.run()
        let stats = simulation.requestStats(route: 0)
        // Arrivals at o + 100k ms (o < 100 ms): 100 of them. Request k starts when k − 1 ends, at
        // o + 130k, so it ends at o + 130(k + 1): 76 end by 10 s, the k-th after a latency of
        // 130 + 30k ms.
        #expect(stats.requests == 100)
        #expect(stats.shed == 0)
        #expect(stats.good == 76)
        #expect(simulation.caller(0).busy == 1)
        #expect(simulation.caller(0).waiting == 23)
        let latency = try #require(simulation.requestLatency(route: 0).summary)
        #expect(close(latency.max, 2_380 * ms))
        #expect(close(latency.p50, (130 + 30 * 37) * ms) || close(latency.p50, (130 + 30 * 38) * ms))
    }

    @Test func requestsAreShedOnlyWhenTheBacklogIsFull() throws {
        var simulation = Simulation(scenario: try backlogScenario(#", "workers": 1, "backlog": 2"#))
        var waitingSeen = 0
        simulation.run(onSample: { waitingSeen = max(waitingSeen, $0.caller(0).waiting) })
        let stats = simulation.requestStats(route: 0)
        let caller = simulation.caller(0)
        #expect(stats.requests == 100)
        // The worker is never idle either: the same 76 end as with an unbounded backlog…
        #expect(stats.good == 76)
        // …and the rest is shed, in progress (1) or waiting (at most 2).
        #expect(caller.busy == 1)
        #expect((1...2).contains(caller.waiting))
        #expect(waitingSeen <= 2)
        #expect(stats.shed == 100 - 76 - 1 - caller.waiting)
        // One waits for at most the rest of the current request and the one ahead of it.
        let latency = try #require(simulation.requestLatency(route: 0).summary)
        #expect(latency.max <= 390 * ms + 390 * ms / 1000)
        #expect(latency.max > 140 * ms)
        #expect(latency.count == 76)
    }

    @Test func withNoBacklogEveryRequestArrivingToABusyWorkerIsShed() throws {
        var simulation = Simulation(scenario: try backlogScenario(#", "workers": 1"#))
        simulation.run()
        let stats = simulation.requestStats(route: 0)
        // Request k (at o + 100k) finds the worker busy exactly when k is odd.
        #expect(stats.requests == 100)
        #expect(stats.shed == 50)
        #expect(stats.good == 50)
        #expect(close(simulation.requestLatency(route: 0).summary?.max, 130 * ms))
    }

    @Test func withoutWorkersNothingIsShedAndNothingWaits() throws {
        var simulation = Simulation(scenario: try backlogScenario(""))
        simulation.run()
        let stats = simulation.requestStats(route: 0)
        #expect(stats.requests == 100)
        #expect(stats.shed == 0)
        #expect(stats.good >= 98)
        #expect(simulation.caller(0).waiting == 0)
        #expect(simulation.caller(0).busy == stats.requests - stats.ended)
        #expect(close(simulation.requestLatency(route: 0).summary?.max, 130 * ms))
    }

    // MARK: Accounting

    static let bundledDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scenarios")

    static let bundledFiles: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: bundledDirectory.path)) ?? [])
        .filter { $0.hasSuffix(".json") }.sorted()

    @Test func thereAreBundledScenarios() {
        #expect(Self.bundledFiles.count >= 6)
    }

    /// Every request is in exactly one outcome or still in progress, per route, per client and in total,
    /// and those in progress are the ones holding a worker or waiting for one.
    @Test(arguments: bundledFiles, [true, false])
    func everyRequestIsAccountedForInEveryBundledScenario(file: String, withBreakers: Bool) throws {
        var scenario = try ScenarioLoader.load(file: Self.bundledDirectory.appendingPathComponent(file).path)
        // The first four minutes: every bundled scenario's trouble has begun by then, requests are left in
        // progress at the cut, and the suite stays light enough for the sanitizer runs (ScenarioClaimTests
        // runs every scenario whole).
        scenario.duration = min(scenario.duration, 240_000_000_000)
        var run = ScenarioRun(scenario: scenario, withBreakers: withBreakers)
        run.run()
        var total = RequestStats()
        for route in 0..<run.simulation.routeCount {
            let stats = run.simulation.requestStats(route: route)
            #expect(stats.ended <= stats.requests)
            #expect(stats.good <= stats.succeeded && stats.succeeded <= stats.good + stats.late)
            #expect(run.simulation.requestLatency(route: route).count == stats.ended - stats.shed)
            total.add(stats)
        }
        var holding = 0
        for caller in 0..<run.simulation.callerCount {
            holding += run.simulation.caller(caller).busy + run.simulation.caller(caller).waiting
        }
        #expect(total.requests - total.ended == holding)
        #expect(total.requests > 0)

        let summary = run.summary()
        let t = summary.totals
        let inProgress =
            t.requests.requests - t.requests.good - t.requests.degraded - t.requests.late - t.requests.shed
            - t.requests.failed
        #expect(inProgress == holding)
        for client in summary.clients {
            let r = client.requests
            #expect(r.ended <= r.requests)
            var sum = RequestStats()
            for route in client.routes { sum.add(route.requests) }
            #expect(sum == r)
        }
        // The JSON's own fields add up the same way.
        let root = try jsonObject(summary.json())
        for client in root["clients"] as? [[String: Any]] ?? [] {
            for entry in [client] + (client["routes"] as? [[String: Any]] ?? []) {
                let parts = ["good", "degraded", "late", "shed", "failed", "in_progress"].map {
                    entry[$0] as? Int ?? -1_000_000
                }
                #expect(parts.allSatisfy { $0 >= 0 })
                #expect(parts.reduce(0, +) == entry["requests"] as? Int)
            }
        }
    }

    /// Uniform arrivals and constant latencies: user_wait is a sum one can do by hand.
    @Test func userWaitCountsTimeOnRequestsThatWereNotGoodCutAtTheDeadline() throws {
        let json = document(
            services: [
                service("slow", latency: "300ms"), service("broken", latency: "50ms", #""error_rate": 1"#),
                service("fast", latency: "10ms"),
            ].joined(separator: ", "),
            clients: #"""
                {"name": "slow", "arrival": "uniform", "rate": 10, "deadline": "200ms", "calls": "slow"},
                {"name": "broken", "arrival": "uniform", "rate": 10, "deadline": "250ms", "breaker": null,
                 "calls": "broken"},
                {"name": "retried", "arrival": "uniform", "rate": 10, "deadline": "250ms", "breaker": null,
                 "retry": {"max": 1, "backoff": "100ms", "jitter": "none"}, "calls": "broken"},
                {"name": "impatient", "arrival": "uniform", "rate": 10, "deadline": "120ms", "breaker": null,
                 "retry": {"max": 1, "backoff": "100ms", "jitter": "none"}, "calls": "broken"},
                {"name": "fast", "arrival": "uniform", "rate": 10, "deadline": "200ms", "calls": "fast"}
                """#)
        let summary = try run(json)
        let byName = Dictionary(uniqueKeysWithValues: summary.clients.map { ($0.name, $0.requests) })
        let slow = try #require(byName["slow"])
        let broken = try #require(byName["broken"])
        let retried = try #require(byName["retried"])
        let impatient = try #require(byName["impatient"])
        let fast = try #require(byName["fast"])
        // 300 ms answers after a 200 ms deadline: late, each counting the 200 ms the user waited.
        #expect(slow.late == slow.ended && slow.late >= 97)
        #expect(slow.succeeded == slow.late)
        #expect(slow.userWait == Nanoseconds(slow.late) * 200 * ms)
        // Failed after 50 ms, within the deadline: 50 ms each.
        #expect(broken.failed == broken.ended && broken.failed >= 99)
        #expect(broken.userWait == Nanoseconds(broken.failed) * 50 * ms)
        // 50 ms, a 100 ms backoff, 50 ms again: failed at 200 ms, within 250 ms.
        #expect(retried.failed == retried.ended && retried.failed >= 97)
        #expect(retried.userWait == Nanoseconds(retried.failed) * 200 * ms)
        // The same 200 ms failure after a 120 ms deadline is late, and counts 120 ms.
        #expect(impatient.late == impatient.ended && impatient.failed == 0 && impatient.late >= 97)
        #expect(impatient.userWait == Nanoseconds(impatient.late) * 120 * ms)
        // Good requests cost nothing.
        #expect(fast.good == fast.ended && fast.userWait == 0)
        let total = slow.userWait + broken.userWait + retried.userWait + impatient.userWait
        #expect(summary.totals.requests.userWait == total)
        let totals = try jsonObject(summary.json())["totals"] as? [String: Any]
        let seconds = try #require(totals?["user_wait_s"] as? Double)
        #expect(abs(seconds - Double(total) / 1e9) < 1e-6)
    }

    // MARK: JSON output

    static let outputJSON = document(
        services: service("catalog", latency: "2ms") + ", "
            + service("payments", latency: "8ms", #""error_rate": 0.3"#),
        clients: #"""
            {"name": "web", "instances": 2, "rate": 200, "workers": 1, "backlog": 1, "deadline": "5ms", "routes": [
              {"name": "browse", "share": 0.8, "calls": ["catalog"]},
              {"name": "checkout", "share": 0.2, "calls": ["catalog", {"service": "payments", "fallback": true}]}]},
            {"name": "api", "rate": 5, "calls": "payments"}
            """#)

    @Test func jsonHasClientsRoutesLatenciesAndRequestTotals() throws {
        let summary = try run(Self.outputJSON)
        let root = try jsonObject(summary.json())
        let totals = try #require(root["totals"] as? [String: Any])
        for key in [
            "requests", "requests_succeeded", "requests_good", "requests_degraded", "requests_late",
            "requests_shed", "requests_failed",
        ] {
            #expect(totals[key] is Int, "totals.\(key)")
        }
        #expect(totals["user_wait_s"] is Double)
        #expect(totals["requests"] as? Int == summary.totals.requests.requests)
        #expect(totals["requests_good"] as? Int == summary.totals.requests.good)
        #expect(totals["requests_degraded"] as? Int == summary.totals.requests.degraded)

        let requestKeys = [
            "name", "requests", "good", "degraded", "late", "shed", "failed", "in_progress", "succeeded",
            "user_wait_s", "latency_ms",
        ]
        let clients = try #require(root["clients"] as? [[String: Any]])
        #expect(clients.compactMap { $0["name"] as? String } == ["web", "api"])
        for (client, result) in zip(clients, summary.clients) {
            #expect(Set(client.keys) == Set(requestKeys + ["routes"]))
            #expect(client["requests"] as? Int == result.requests.requests)
            #expect(client["good"] as? Int == result.requests.good)
            #expect(client["degraded"] as? Int == result.requests.degraded)
            #expect(client["shed"] as? Int == result.requests.shed)
            try expectLatency(client["latency_ms"], result.latency)
            let routes = try #require(client["routes"] as? [[String: Any]])
            #expect(routes.compactMap { $0["name"] as? String } == result.routes.map(\.name))
            for (route, routeResult) in zip(routes, result.routes) {
                #expect(Set(route.keys) == Set(requestKeys))
                #expect(route["requests"] as? Int == routeResult.requests.requests)
                try expectLatency(route["latency_ms"], routeResult.latency)
            }
        }
        #expect(summary.clients[0].routes.map(\.name) == ["browse", "checkout"])
        #expect(summary.clients[1].routes.map(\.name) == ["payments"])
        #expect(summary.clients[0].requests.degraded > 0)
        #expect(summary.clients[0].requests.shed > 0 && summary.clients[0].requests.late > 0)
        let breakers = try #require(root["breakers"] as? [[String: Any]])
        #expect(breakers.count == 5)
        for (breaker, result) in zip(breakers, summary.breakers) {
            try expectLatency(breaker["latency_ms"], result.latency)
        }
    }

    @Test(arguments: [true, false])
    func theSameScenarioTwiceGivesTheSameJSON(withBreakers: Bool) throws {
        let first = try run(Self.outputJSON, withBreakers: withBreakers).json()
        let second = try run(Self.outputJSON, withBreakers: withBreakers).json()
        #expect(first == second)
        #expect(first.contains(#""clients""#))
    }

    // MARK: Overrides

    static let overrideJSON = document(
        services: service("catalog", latency: "2ms") + ", " + service("payments", latency: "8ms"),
        clients: #"""
            {"name": "web", "rate": 20, "routes": [
              {"name": "checkout", "share": 0.2, "calls": ["catalog", {"service": "payments"}]},
              {"name": "browse", "share": 0.8, "calls": ["catalog", "payments"]}]}
            """#)

    @Test func overridesReachRoutesByNameAndIndex() throws {
        let scenario = try load(
            Self.overrideJSON,
            overrides: [
                "clients.web.routes.checkout.share=0.5", "clients.web.routes.0.calls.1.fallback=true",
                "clients.0.routes.browse.name=look",
            ])
        let routes = scenario.clients[0].routes
        #expect(routes.map(\.name) == ["checkout", "look"])
        #expect(routes[0].share == 0.5)
        #expect(
            routes[0].calls == [
                RouteCall(service: "catalog"), RouteCall(service: "payments", fallback: true),
            ])
        #expect(routes[1].share == 0.8)
    }

    @Test func overridesReplaceARouteCall() throws {
        let scenario = try load(
            Self.overrideJSON,
            overrides: [#"clients.web.routes.browse.calls.1={"service": "payments", "fallback": true}"#])
        #expect(scenario.clients[0].routes[1].calls[1] == RouteCall(service: "payments", fallback: true))
        let renamed = try load(Self.overrideJSON, overrides: ["clients.web.routes.browse.calls.0=payments"])
        #expect(renamed.clients[0].routes[1].calls.map(\.service) == ["payments", "payments"])
    }

    /// The short form of a call (`"payments"`) is a route call all the same: setting its `fallback`
    /// should turn it into `{"service": "payments", "fallback": true}`, as `--set` creates other
    /// objects on its way to a key.
    @Test func settingFallbackOnAShortFormCallMakesItAnObject() throws {
        let scenario = try load(
            Self.overrideJSON, overrides: ["clients.web.routes.browse.calls.1.fallback=true"])
        #expect(scenario.clients[0].routes[1].calls[1] == RouteCall(service: "payments", fallback: true))
    }

    @Test func overrideProblemsInRoutesNameTheirPath() {
        #expect(
            scenarioProblems(
                Self.overrideJSON,
                overrides: ["clients.web.routes.checkout.share=0", "clients.web.routes.cart.share=1"])
                == [
                    #"t.json: --set clients.web.routes.cart.share: no route named "cart" in clients[0].routes (names: "checkout", "browse")"#,
                    "t.json: clients[0].routes[0].share: must be greater than 0 (got 0) (from --set clients.web.routes.checkout.share=0)",
                ])
        #expect(
            scenarioProblems(Self.overrideJSON, overrides: ["clients.web.routes.2.share=1"]) == [
                "t.json: --set clients.web.routes.2.share: clients[0].routes has 2 elements; index 2 is out of range"
            ])
        #expect(
            scenarioProblems(
                Self.overrideJSON, overrides: ["clients.web.routes.checkout.calls.1.fallbak=true"]) == [
                    #"t.json: clients[0].routes[0].calls[1]: unknown key "fallbak" (did you mean "fallback"?) (from --set clients.web.routes.checkout.calls.1.fallbak=true)"#
                ])
    }
}

// MARK: Helpers

func jsonObject(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any])
}

/// A `latency_ms` entry matches the summary it came from: null, or the five percentiles in ms.
func expectLatency(_ value: Any?, _ summary: LatencySummary?) throws {
    guard let summary else {
        #expect(value is NSNull)
        return
    }
    let object = try #require(value as? [String: Any])
    #expect(Set(object.keys) == ["p50", "p90", "p99", "p999", "max"])
    for (key, expected) in [
        ("p50", summary.p50), ("p90", summary.p90), ("p99", summary.p99), ("p999", summary.p999),
        ("max", summary.max),
    ] {
        let ms = try #require(object[key] as? Double, "\(key)")
        #expect(abs(ms - Double(expected) / 1e6) < 1e-6)
    }
    #expect(summary.p50 <= summary.p90 && summary.p90 <= summary.p99 && summary.p99 <= summary.p999)
    #expect(summary.p999 <= summary.max)
}
