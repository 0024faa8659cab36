import Testing

@testable import BreakerSimulation

/// A scenario with the services payments and catalog and one client with the given members.
private func routeScenario(_ client: String) -> String {
    """
    {
      "name": "test", "duration": "10m",
      "services": [ { "name": "payments" }, { "name": "catalog" } ],
      "clients": [ { \(client) } ]
    }
    """
}

private func bad(_ name: String, _ client: String, _ expected: String...) -> BadScenario {
    var bad = BadScenario(name, routeScenario(client))
    bad.expected = expected.map { "t.json: " + $0 }
    return bad
}

/// A client with one route whose members are given.
private func badRoute(_ name: String, _ route: String, _ expected: String...) -> BadScenario {
    var bad = BadScenario(name, routeScenario(#""name": "web", "rate": 1, "routes": [{\#(route)}]"#))
    bad.expected = expected.map { "t.json: " + $0 }
    return bad
}

private let web = #""name": "web", "rate": 1, "calls": "payments""#

/// The validator's messages for the request model's keys: routes, route calls, workers, backlog,
/// deadline.
@Suite struct RequestProblemTests {
    static let cases: [BadScenario] = [
        badRoute(
            "unknown service in a route", #""name": "checkout", "calls": ["catalog", "paymnts"]"#,
            #"clients[0].routes[0].calls[1]: unknown service "paymnts" (did you mean "payments"?)"#),
        badRoute(
            "unknown service far off in a route", #""name": "checkout", "calls": ["inventory"]"#,
            #"clients[0].routes[0].calls[0]: unknown service "inventory" (services: "payments", "catalog")"#),
        badRoute(
            "unknown service in a call object", #""name": "checkout", "calls": [{"service": "catalg"}]"#,
            #"clients[0].routes[0].calls[0].service: unknown service "catalg" (did you mean "catalog"?)"#),
        badRoute(
            "share zero", #""name": "r", "share": 0, "calls": ["payments"]"#,
            "clients[0].routes[0].share: must be greater than 0 (got 0)"),
        badRoute(
            "share negative", #""name": "r", "share": -1, "calls": ["payments"]"#,
            "clients[0].routes[0].share: must be greater than 0 (got -1)"),
        badRoute(
            "share a word", #""name": "r", "share": "most", "calls": ["payments"]"#,
            #"clients[0].routes[0].share: must be a number (got string "most")"#),
        badRoute(
            "share quoted", #""name": "r", "share": "0.5", "calls": ["payments"]"#,
            #"clients[0].routes[0].share: must be a number (got string "0.5"; remove the quotes)"#),
        bad(
            "workers zero", web + #", "workers": 0"#,
            "clients[0].workers: must be between 1 and 10000000 (got 0)"),
        bad(
            "workers fractional", web + #", "workers": 2.5"#,
            "clients[0].workers: must be a whole number (got 2.5)"),
        bad(
            "backlog negative", web + #", "workers": 2, "backlog": -1"#,
            "clients[0].backlog: must be between 0 and 10000000 (got -1)"),
        bad(
            "backlog without workers", web + #", "backlog": 5"#,
            #"clients[0].backlog: needs "workers": without a worker limit no request waits (got 5)"#),
        bad(
            "deadline zero", web + #", "deadline": 0"#, "clients[0].deadline: must be greater than 0 (got 0)"),
        bad(
            "deadline not a duration", web + #", "deadline": "soon""#,
            #"clients[0].deadline: must be a duration such as "250ms", "1m30s" or a number of seconds (got string "soon")"#
        ),
        badRoute(
            "empty route calls", #""name": "r", "calls": []"#,
            "clients[0].routes[0].calls: must list at least one call"),
        bad(
            "empty routes", #""name": "web", "rate": 1, "routes": []"#,
            "clients[0].routes: must list at least one route"),
        bad(
            "routes not a list", #""name": "web", "rate": 1, "routes": "checkout""#,
            #"clients[0].routes: must be an array of routes (got string "checkout")"#),
        bad(
            "both calls and routes",
            #""name": "web", "rate": 1, "calls": "payments", "routes": [{"name": "r", "calls": ["catalog"]}]"#,
            #"clients[0].routes: give either "calls" (one service) or "routes" (several kinds of request), not both"#
        ),
        bad(
            "neither calls nor routes", #""name": "web", "rate": 1"#,
            #"clients[0]: missing required key "calls" (or "routes")"#),
        bad(
            "duplicate route names",
            #""name": "web", "rate": 1, "routes": [{"name": "r", "calls": ["catalog"]}, {"name": "r", "calls": ["payments"]}]"#,
            #"clients[0].routes[1].name: duplicate route name "r" (also clients[0].routes[0])"#),
        badRoute(
            "route missing name", #""calls": ["payments"]"#,
            #"clients[0].routes[0]: missing required key "name""#),
        badRoute(
            "route missing calls", #""name": "r""#, #"clients[0].routes[0]: missing required key "calls""#),
        badRoute(
            "route empty name", #""name": "", "calls": ["payments"]"#,
            "clients[0].routes[0].name: must not be empty"),
        bad(
            "route not an object", #""name": "web", "rate": 1, "routes": ["checkout"]"#,
            #"clients[0].routes[0]: must be a route (an object with "name" and "calls") (got string "checkout")"#
        ),
        badRoute(
            "unknown key in a route", #""name": "r", "shares": 1, "calls": ["payments"]"#,
            #"clients[0].routes[0]: unknown key "shares" (did you mean "share"?)"#),
        badRoute(
            "unknown key in a route call",
            #""name": "r", "calls": [{"service": "payments", "fallbak": true}]"#,
            #"clients[0].routes[0].calls[0]: unknown key "fallbak" (did you mean "fallback"?)"#),
        badRoute(
            "route call missing service", #""name": "r", "calls": [{"fallback": true}]"#,
            #"clients[0].routes[0].calls[0]: missing required key "service""#),
        badRoute(
            "route call a number", #""name": "r", "calls": [3]"#,
            #"clients[0].routes[0].calls[0]: must be a service name, or an object with "service" and "fallback" (got 3)"#
        ),
        badRoute(
            "fallback not a bool", #""name": "r", "calls": [{"service": "payments", "fallback": "yes"}]"#,
            #"clients[0].routes[0].calls[0].fallback: must be true or false (got string "yes")"#),
    ]

    @Test(arguments: cases) func requestKeys(_ bad: BadScenario) {
        #expect(scenarioProblems(bad.json) == bad.expected)
    }

    /// `deadline` must be positive: "-1s" gets the same words as 0 ("must not be negative" would read as
    /// if 0 were fine).
    @Test func negativeDeadlineSaysGreaterThanZero() {
        #expect(
            scenarioProblems(routeScenario(web + #", "deadline": "-1s""#))
                == [#"t.json: clients[0].deadline: must be greater than 0 (got "-1s")"#])
    }

    @Test func validRequestKeysLoad() throws {
        let scenario = try ScenarioLoader.parse(
            Array(
                routeScenario(
                    #""name": "web", "rate": 1, "workers": 4, "backlog": 0, "deadline": "2s", "routes": [{"name": "a", "share": 2, "calls": ["catalog", {"service": "payments", "fallback": true}]}, {"name": "b", "calls": ["payments"]}]"#
                ).utf8), file: "t.json")
        let client = scenario.clients[0]
        #expect(client.workers == 4)
        #expect(client.backlog == 0)
        #expect(client.deadline == 2_000_000_000)
        #expect(client.routes.map(\.name) == ["a", "b"])
        #expect(client.routes[0].share == 2)
        #expect(client.routes[1].share == 1)
        #expect(
            client.routes[0].calls == [
                RouteCall(service: "catalog"), RouteCall(service: "payments", fallback: true),
            ])
        #expect(client.dependencies == ["catalog", "payments"])
        #expect(client.calls == nil)
    }
}
