import Testing

@testable import BreakerSimulation

/// Every limit the validator enforces (the README lists them with their reasons): a scenario at the
/// limit validates, one just past it is refused with a message that names the field and the limit.
@Suite struct ScenarioLimitTests {
    /// A scenario whose top-level members after `name` are `top` (they must include `duration`).
    static func document(
        top: String = #""duration": "10m""#, service: String = #""name": "payments""#,
        client: String = #""name": "checkout", "calls": "payments", "rate": 10"#, more: String = ""
    ) -> String {
        """
        {"name": "limits", \(top), "services": [{\(service)}], "clients": [{\(client)}\(more)]}
        """
    }

    static func client(_ members: String) -> String {
        document(client: #""name": "checkout", "calls": "payments", "# + members)
    }
    static func breaker(_ members: String) -> String { client(#""rate": 10, "breaker": {"# + members + "}") }
    static func routes(count: Int, calls: Int) -> String {
        let list = Array(repeating: #""payments""#, count: calls).joined(separator: ", ")
        let routes = (0..<count).map { #"{"name": "r\#($0)", "calls": [\#(list)]}"# }.joined(separator: ", ")
        return document(client: #""name": "checkout", "rate": 0.001, "routes": [\#(routes)]"#)
    }
    static func flap(_ period: String) -> String {
        document(
            service:
                #""name": "payments", "phases": [{"at": "1m", "for": "1m", "flap": {"up": "\#(period)", "down": "1s"}}]"#
        )
    }
    static func nested(_ depth: Int) -> String {
        document(
            top: #""duration": "10m", "x": "# + String(repeating: "[", count: depth)
                + String(repeating: "]", count: depth))
    }

    /// Each limit: what it is, a scenario at it, one past it, and what the refusal says.
    static let cases: [(String, String, String, String)] = [
        (
            "duration", document(top: #""duration": "720h", "sample_every": "1h""#),
            document(top: #""duration": "721h", "sample_every": "1h""#), "duration: must be at most 30 days"
        ),
        (
            "samples", document(top: #""duration": "10m", "sample_every": "600us""#),
            document(top: #""duration": "10m", "sample_every": "599us""#),
            "the limit is 1000000 — use a larger sample_every"
        ),
        (
            "one sample at least", document(top: #""duration": "10m", "sample_every": "10m""#),
            document(top: #""duration": "10m", "sample_every": "601s""#),
            "sample_every: is longer than the run (10m1s against a duration of 10m), so no sample would be taken"
        ),
        (
            "instances", client(#""rate": 0.001, "instances": 100000"#),
            client(#""rate": 0.001, "instances": 100001"#),
            "clients[0].instances: must be"
        ),
        (
            "instances over all clients", client(#""rate": 0.001, "instances": 50000"#),
            document(
                client: #""name": "checkout", "calls": "payments", "rate": 0.001, "instances": 50000"#,
                more: #", {"name": "c2", "calls": "payments", "rate": 0.001, "instances": 50001}"#),
            "clients: has 100001 instances in total; the limit is 100000"
        ),
        (
            "expected calls", client(#""rate": 3333, "instances": 1000"#),
            client(#""rate": 3334, "instances": 1000"#),
            "would simulate about 2.0e9 calls; the limit is 2.0e9"
        ),
        ("rate", client(#""rate": 0.000001"#), client(#""rate": 0.0000009"#), "clients[0].rate"),
        (
            "workers", client(#""rate": 10, "workers": 10000000"#),
            client(#""rate": 10, "workers": 10000001"#),
            "clients[0].workers: must be"
        ),
        (
            "backlog", client(#""rate": 10, "workers": 1, "backlog": 10000000"#),
            client(#""rate": 10, "workers": 1, "backlog": 10000001"#), "clients[0].backlog: must be"
        ),
        (
            "capacity",
            document(
                service: #""name": "payments", "capacity": {"concurrency": 10000000, "queue": 10000000}"#),
            document(service: #""name": "payments", "capacity": {"concurrency": 10000001}"#),
            "services[0].capacity.concurrency: must be"
        ),
        (
            "retries", client(#""rate": 10, "retry": {"max": 10}"#),
            client(#""rate": 10, "retry": {"max": 11}"#),
            "clients[0].retry.max: must be"
        ),
        (
            "routes", routes(count: 100, calls: 1), routes(count: 101, calls: 1),
            "clients[0].routes: has 101 routes; the limit is 100"
        ),
        (
            "calls per route", routes(count: 1, calls: 20), routes(count: 1, calls: 21),
            "has 21 calls; the limit is 20"
        ),
        (
            "allowed_fails", breaker(#""allowed_fails": 1000000"#), breaker(#""allowed_fails": 1000001"#),
            "clients[0].breaker.allowed_fails: must be"
        ),
        (
            "half_open_probes", breaker(#""half_open_probes": 10000"#),
            breaker(#""half_open_probes": 10001"#),
            "clients[0].breaker.half_open_probes: must be"
        ),
        (
            "window calls", breaker(#""policy": "failure_rate", "failure_rate": 0.5, "window": 10000"#),
            breaker(#""policy": "failure_rate", "failure_rate": 0.5, "window": 10001"#),
            "clients[0].breaker.window: must be between 1 and 10000 (got 10001)"
        ),
        (
            "window duration", breaker(#""policy": "failure_rate", "failure_rate": 0.5, "window": "1ms""#),
            breaker(#""policy": "failure_rate", "failure_rate": 0.5, "window": "999us""#),
            "clients[0].breaker.window: must be at least 1ms"
        ),
        (
            "window duration, longest",
            breaker(#""policy": "failure_rate", "failure_rate": 0.5, "window": "720h""#),
            breaker(#""policy": "failure_rate", "failure_rate": 0.5, "window": "721h""#),
            "clients[0].breaker.window: must be at most 30 days"
        ),
        (
            "minimum_calls",
            breaker(
                #""policy": "failure_rate", "failure_rate": 0.5, "window": "10s", "minimum_calls": 1000000"#),
            breaker(
                #""policy": "failure_rate", "failure_rate": 0.5, "window": "10s", "minimum_calls": 1000001"#),
            "clients[0].breaker.minimum_calls: must be between 1 and 1000000 (got 1000001)"
        ),
        (
            "minimum_calls within a count window",
            breaker(#""policy": "failure_rate", "failure_rate": 0.5, "window": 20, "minimum_calls": 20"#),
            breaker(#""policy": "failure_rate", "failure_rate": 0.5, "window": 20, "minimum_calls": 21"#),
            "clients[0].breaker.minimum_calls: must be at most the window's 20 calls"
        ),
        (
            "slow_call",
            client(#""rate": 10, "timeout": "720h", "breaker": {"slow_call": "719h59m59s"}"#),
            client(#""rate": 10, "timeout": "720h", "breaker": {"slow_call": "721h"}"#),
            "clients[0].breaker.slow_call: must be at most 30 days"
        ),
        (
            "slow_call below the timeout",
            client(#""rate": 10, "timeout": "2s", "breaker": {"slow_call": "1999ms"}"#),
            client(#""rate": 10, "timeout": "2s", "breaker": {"slow_call": "2s"}"#),
            "clients[0].breaker.slow_call: is 2s, at least the client's timeout (2s): a call that long has timed out and failed"
        ),
        (
            "retry_timer", breaker(#""retry_timer": "720h""#), breaker(#""retry_timer": "721h""#),
            "clients[0].breaker.retry_timer: must be at most 30 days"
        ),
        ("flap period", flap("1ms"), flap("999us"), "flap.up"),
        (
            "name",
            client(#""rate": 10, "instances": 1"#).replacingAll(
                #""checkout""#, with: "\"" + String(repeating: "n", count: 200) + "\""),
            client(#""rate": 10"#).replacingAll(
                #""checkout""#, with: "\"" + String(repeating: "n", count: 201) + "\""),
            "clients[0].name: is 201 characters long; the limit is 200"
        ),
        ("nesting", nested(63), nested(64), "nested more than 64 levels deep"),
    ]

    @Test(
        "at each limit a scenario validates (or fails for another reason), past it it is refused naming the limit",
        arguments: cases)
    func limit(what: String, atLimit: String, pastLimit: String, refusal: String) {
        let at = scenarioProblems(atLimit)
        #expect(!at.contains { $0.contains(refusal) }, "\(what) at the limit: \(at)")
        if what != "nesting" { #expect(at.isEmpty, "\(what) at the limit: \(at)") }
        let past = scenarioProblems(pastLimit)
        #expect(past.contains { $0.contains(refusal) }, "\(what) past the limit: \(past)")
    }

    @Test("a file of exactly 16 MiB is read; one byte more is refused")
    func fileSize() {
        let scenario = Array(Self.client(#""rate": 10"#).utf8)
        let padded =
            scenario
            + Array(repeating: UInt8(ascii: " "), count: ScenarioLimits.maximumFileSize - scenario.count)
        #expect(scenarioProblems(bytes: padded).isEmpty)
        #expect(
            scenarioProblems(bytes: padded + [UInt8(ascii: " ")])
                == ["t.json: is too large (16777217 bytes; the limit is 16777216 bytes)"])
    }
}
