import Testing

@testable import BreakerSimulation

/// A bad scenario text and the exact lines the loader reports for it.
struct BadScenario: Sendable, CustomTestStringConvertible {
    var name: String
    var json: String
    var expected: [String]

    init(_ name: String, _ json: String, _ expected: String...) {
        self.name = name
        self.json = json
        self.expected = expected.map { "t.json: " + $0 }
    }

    var testDescription: String { name }

    static func service(_ name: String, _ members: String, _ expected: String...) -> BadScenario {
        var bad = BadScenario(name, scenarioJSON(service: members))
        bad.expected = expected.map { "t.json: " + $0 }
        return bad
    }

    static func client(_ name: String, _ members: String, _ expected: String...) -> BadScenario {
        var bad = BadScenario(name, scenarioJSON(client: members))
        bad.expected = expected.map { "t.json: " + $0 }
        return bad
    }

    static func top(_ name: String, _ members: String, _ expected: String...) -> BadScenario {
        var bad = BadScenario(name, scenarioJSON(top: members))
        bad.expected = expected.map { "t.json: " + $0 }
        return bad
    }

    static func phase(_ name: String, _ phase: String, _ expected: String...) -> BadScenario {
        var bad = BadScenario(name, scenarioJSON(service: #""name": "payments", "phases": [\#(phase)]"#))
        bad.expected = expected.map { "t.json: " + $0 }
        return bad
    }
}

private let client = #""name": "checkout", "calls": "payments", "rate": 10"#

@Suite struct ScenarioProblemTests {
    static let documentCases: [BadScenario] = [
        BadScenario("empty", "", "is empty (expected a JSON object with the scenario's fields)"),
        BadScenario(
            "whitespace only", " \n\t\r\n", "is empty (expected a JSON object with the scenario's fields)"),
        BadScenario(
            "not an object", "[1, 2]", "must be a JSON object with the scenario's fields (got an array)"),
        BadScenario(
            "a bare string", #""flaky.json""#,
            #"must be a JSON object with the scenario's fields (got string "flaky.json")"#),
        BadScenario(
            "missing comma", "{\n  \"name\": \"x\"\n  \"duration\": \"1m\"\n}",
            "not valid JSON: expected ',' or '}' at line 3 column 3"),
        BadScenario(
            "trailing comma in object", #"{"name": "x",}"#,
            "not valid JSON: expected a key in double quotes at line 1 column 14 (trailing commas are not allowed)"
        ),
        BadScenario(
            "trailing comma in array", #"{"a": [1, 2,]}"#,
            "not valid JSON: expected a value at line 1 column 13 (trailing commas are not allowed)"),
        BadScenario(
            "single quotes", "{'name': 'x'}",
            "not valid JSON: expected a key in double quotes or '}' at line 1 column 2 (strings need double quotes)"
        ),
        BadScenario(
            "comment", "{\n  // the name\n  \"name\": \"x\"\n}",
            "not valid JSON: expected a key in double quotes or '}' at line 2 column 3 (comments are not allowed in JSON)"
        ),
        BadScenario(
            "truncated", #"{"name": "x", "services": ["#,
            "not valid JSON: expected a value at line 1 column 28 (end of file)"),
        BadScenario(
            "unterminated string", #"{"name": "x"#, "not valid JSON: unterminated string at line 1 column 10"),
        BadScenario(
            "raw newline in string", "{\"name\": \"a\nb\"}",
            "not valid JSON: control character in string at line 1 column 12 (write it as an escape such as \\n or \\u001F)"
        ),
        BadScenario(
            "bad escape", #"{"name": "a\qb"}"#, "not valid JSON: invalid escape in string at line 1 column 12"
        ),
        BadScenario(
            "lone surrogate", #"{"name": "\ud800"}"#,
            "not valid JSON: invalid \\u escape at line 1 column 11 (unpaired surrogate)"),
        BadScenario(
            "leading zero", #"{"seed": 042}"#,
            "not valid JSON: invalid number at line 1 column 10 (leading zeros are not allowed)"),
        BadScenario("NaN", #"{"seed": NaN}"#, "not valid JSON: expected a value at line 1 column 10"),
        BadScenario("True", #"{"seed": True}"#, "not valid JSON: expected a value at line 1 column 10"),
        BadScenario(
            "two documents", #"{"name": "x"} {"name": "y"}"#,
            "not valid JSON: unexpected text after the end of the JSON document at line 1 column 15"),
        BadScenario(
            "unicode column counts characters", #"{"name": "äöü" "x"}"#,
            "not valid JSON: expected ',' or '}' at line 1 column 16"),
        BadScenario(
            "duplicate top-level key", "{\"name\": \"a\",\n \"name\": \"b\"}",
            #"duplicate key "name" at line 2 column 2 (first at line 1 column 2)"#),
        BadScenario(
            "duplicate nested keys are all reported",
            #"{"services": [{"name": "a", "name": "b"}], "clients": [{"x": {"rate": 1, "rate": 2}}]}"#,
            #"services[0]: duplicate key "name" at line 1 column 29 (first at line 1 column 16)"#,
            #"clients[0].x: duplicate key "rate" at line 1 column 74 (first at line 1 column 63)"#),
        BadScenario(
            "deep nesting",
            String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
            "nested more than 64 levels deep at line 1 column 65"),
        BadScenario(
            "deep nesting in a field",
            #"{"description": "# + String(repeating: #"{"a":"#, count: 70) + "1"
                + String(repeating: "}", count: 71),
            "nested more than 64 levels deep at line 1 column 332"),
    ]

    static let topCases: [BadScenario] = [
        BadScenario(
            "missing required keys", #"{"description": "nothing else"}"#,
            #"missing required key "name""#, #"missing required key "duration""#,
            #"missing required key "services""#, #"missing required key "clients""#),
        .top(
            "unknown key with suggestion", #""sample_evry": "1s","#,
            #"unknown key "sample_evry" (did you mean "sample_every"?)"#),
        .top(
            "camelCase key", #""sampleEvery": "1s","#,
            #"unknown key "sampleEvery" (did you mean "sample_every"?)"#),
        .top(
            "unknown key without suggestion", #""zzz": 1,"#,
            #"unknown key "zzz" (known keys: name, description, seed, duration, sample_every, services, clients)"#
        ),
        BadScenario(
            "empty name", #"{"name": " ", "duration": "1m", "services": [], "clients": []}"#,
            "name: must not be empty", "services: must list at least one service",
            "clients: must list at least one client"),
        .top("description not a string", #""description": 5,"#, "description: must be a string (got 5)"),
        .top("seed negative", #""seed": -1,"#, "seed: must be between 0 and 18446744073709551615 (got -1)"),
        .top(
            "seed too large", #""seed": 18446744073709551616,"#,
            "seed: must be between 0 and 18446744073709551615 (got 18446744073709551616)"),
        .top("seed fraction", #""seed": 1.5,"#, "seed: must be a whole number (got 1.5)"),
        .top(
            "seed quoted", #""seed": "42","#,
            #"seed: must be a whole number (got string "42"; remove the quotes)"#),
        .top(
            "duplicate duration key", #""duration": "5m","#,
            #"duplicate key "duration" at line 2 column 38 (first at line 2 column 19)"#),
        BadScenario(
            "duration negative", replacingFirst(#""10m""#, #""-5s""#, in: scenarioJSON()),
            #"duration: must be greater than 0 (got "-5s")"#),
        BadScenario(
            "duration zero", replacingFirst(#""10m""#, "0", in: scenarioJSON()),
            "duration: must be greater than 0 (got 0)"),
        BadScenario(
            "duration prose", replacingFirst(#""10m""#, #""5 minutes""#, in: scenarioJSON()),
            #"duration: must be a duration such as "250ms", "1m30s" or a number of seconds (got string "5 minutes")"#
        ),
        BadScenario(
            "duration in days", replacingFirst(#""10m""#, #""2d""#, in: scenarioJSON()),
            #"duration: must be a duration such as "250ms", "1m30s" or a number of seconds (got string "2d"; days are not a unit, use hours such as "48h")"#
        ),
        BadScenario(
            "duration too long", replacingFirst(#""10m""#, #""721h""#, in: scenarioJSON()),
            #"duration: must be at most 30 days (got "721h")"#),
        BadScenario(
            "duration overflowing", replacingFirst(#""10m""#, #""9999999999h""#, in: scenarioJSON()),
            #"duration: must be at most 30 days (got "9999999999h")"#),
        BadScenario(
            "duration wrong type", replacingFirst(#""10m""#, "true", in: scenarioJSON()),
            #"duration: must be a duration such as "250ms", "1m30s" or a number of seconds (got true)"#),
        .top(
            "sample_every zero", #""sample_every": "0s","#,
            #"sample_every: must be greater than 0 (got "0s")"#),
        .top(
            "too many samples", #""sample_every": "100us","#,
            "sample_every: would take 6000000 samples over 10m; the limit is 1000000 — use a larger sample_every"
        ),
        BadScenario(
            "services not an array",
            #"{"name": "n", "duration": "1m", "services": {"name": "a"}, "clients": [{"name": "c", "calls": "a", "rate": 1}]}"#,
            "services: must be an array of services (got an object)",
            #"clients[0].calls: unknown service "a" (the scenario defines no services)"#),
    ]

    static let serviceCases: [BadScenario] = [
        .service(
            "service missing name", #""error_rate": 0.1"#, #"services[0]: missing required key "name""#,
            #"clients[0].calls: unknown service "payments" (the scenario defines no services)"#),
        .service(
            "error_rate above 1", #""name": "payments", "error_rate": 1.5"#,
            "services[0].error_rate: must be between 0 and 1 (got 1.5)"),
        .service(
            "error_rate negative", #""name": "payments", "error_rate": -0.1"#,
            "services[0].error_rate: must be between 0 and 1 (got -0.1)"),
        .service(
            "error_rate as a percentage", #""name": "payments", "error_rate": "5%""#,
            #"services[0].error_rate: must be a number between 0 and 1 (got string "5%"; write 0.05 for 5%)"#),
        .service(
            "latency without dist", #""name": "payments", "latency": {"value": "5ms"}"#,
            #"services[0].latency: missing required key "dist" (one of "constant", "uniform", "exponential", "lognormal")"#
        ),
        .service(
            "latency with unknown dist",
            #""name": "payments", "latency": {"dist": "lognormel", "p50": "1ms", "p99": "2ms"}"#,
            #"services[0].latency.dist: must be one of "constant", "uniform", "exponential", "lognormal" (got string "lognormel"; did you mean "lognormal"?)"#
        ),
        .service(
            "latency key of another dist",
            #""name": "payments", "latency": {"dist": "constant", "value": "1ms", "max": "2ms"}"#,
            #"services[0].latency.max: is not used by dist "constant" (which takes "value")"#),
        .service(
            "latency missing its parameter",
            #""name": "payments", "latency": {"dist": "uniform", "min": "1ms"}"#,
            #"services[0].latency: missing required key "max" (dist "uniform" takes "min" and "max")"#),
        .service(
            "latency typo", #""name": "payments", "latency": {"dist": "constant", "vlaue": "1ms"}"#,
            #"services[0].latency: unknown key "vlaue" (did you mean "value"?)"#,
            #"services[0].latency: missing required key "value" (dist "constant" takes "value")"#),
        .service(
            "uniform min above max",
            #""name": "payments", "latency": {"dist": "uniform", "min": "2s", "max": "1s"}"#,
            "services[0].latency.max: must be at least min (2s) (got 1s)"),
        .service(
            "exponential zero mean", #""name": "payments", "latency": {"dist": "exponential", "mean": 0}"#,
            "services[0].latency.mean: must be greater than 0 (got 0s)"),
        .service(
            "lognormal p99 below p50",
            #""name": "payments", "latency": {"dist": "lognormal", "p50": "40ms", "p99": "4ms"}"#,
            "services[0].latency.p99: must be at least p50 (40ms) (got 4ms)"),
        .service(
            "latency negative", #""name": "payments", "latency": {"dist": "constant", "value": "-1ms"}"#,
            #"services[0].latency.value: must not be negative (got "-1ms")"#),
        .service(
            "latency as a string", #""name": "payments", "latency": "40ms""#,
            #"services[0].latency: must be an object with "dist" (got string "40ms")"#),
        .service(
            "capacity zero concurrency", #""name": "payments", "capacity": {"concurrency": 0}"#,
            "services[0].capacity.concurrency: must be between 1 and 10000000 (got 0)"),
        .service(
            "capacity absurd queue", #""name": "payments", "capacity": {"concurrency": 1, "queue": 1e12}"#,
            "services[0].capacity.queue: must be between 0 and 10000000 (got 1e12)"),
        .service(
            "capacity missing concurrency", #""name": "payments", "capacity": {"queue": 5}"#,
            #"services[0].capacity: missing required key "concurrency""#),
        .service(
            "phases not an array", #""name": "payments", "phases": {}"#,
            "services[0].phases: must be an array of phases (got an object)"),
    ]

    static let phaseCases: [BadScenario] = [
        .phase(
            "phase without effect", #"{"at": "1m", "for": "1m"}"#,
            #"services[0].phases[0]: has no effect; give at least one of "error_rate", "outage", "flap" or "latency""#
        ),
        .phase(
            "phase missing timing", #"{"error_rate": 1}"#,
            #"services[0].phases[0]: missing required key "at""#,
            #"services[0].phases[0]: missing required key "for""#),
        .phase(
            "phase zero length", #"{"at": "1m", "for": "0s", "error_rate": 1}"#,
            #"services[0].phases[0].for: must be greater than 0 (got "0s")"#),
        .phase(
            "phase after the end", #"{"at": "10m", "for": "1m", "error_rate": 1}"#,
            "services[0].phases[0].at: starts at 10m, at or after the end of the scenario (10m)"),
        .phase(
            "outage typo", #"{"at": "1m", "for": "1m", "outage": "hnag"}"#,
            #"services[0].phases[0].outage: must be one of "fail_fast", "hang" (got string "hnag"; did you mean "hang"?)"#
        ),
        .phase(
            "outage and flap",
            #"{"at": "1m", "for": "1m", "outage": "hang", "flap": {"up": "1s", "down": "1s"}}"#,
            #"services[0].phases[0]: "outage" and "flap" cannot be combined (a flap has its own outages)"#),
        .phase(
            "outage and error_rate", #"{"at": "1m", "for": "1m", "outage": "hang", "error_rate": 0.5}"#,
            #"services[0].phases[0]: "outage" and "error_rate" cannot be combined (an outage fails every call)"#
        ),
        .phase(
            "flap without down", #"{"at": "1m", "for": "1m", "flap": {"up": "10s", "dist": "poisson"}}"#,
            #"services[0].phases[0].flap.dist: must be one of "constant", "exponential" (got string "poisson")"#,
            #"services[0].phases[0].flap: missing required key "down""#),
        .phase(
            "flap periods below a millisecond (they exhausted memory)",
            #"{"at": "1m", "for": "1m", "flap": {"up": "1ns", "down": "999us"}}"#,
            #"services[0].phases[0].flap.up: must be at least 1ms: a service cannot go down and come back faster than its calls take (got 1ns)"#,
            #"services[0].phases[0].flap.down: must be at least 1ms: a service cannot go down and come back faster than its calls take (got 999us)"#
        ),
        .phase(
            "latency add with dist", #"{"at": "1m", "for": "1m", "latency": {"add": "1s", "value": "2s"}}"#,
            #"services[0].phases[0].latency.value: cannot be combined with "add" (give either "add" or a "dist")"#
        ),
        .phase(
            "latency change empty", #"{"at": "1m", "for": "1m", "latency": {"ad": "1s"}}"#,
            #"services[0].phases[0].latency: unknown key "ad" (did you mean "add"?)"#,
            #"services[0].phases[0].latency: must have "add" (an extra delay) or "dist" (a replacement distribution)"#
        ),
        .phase(
            "phase typo", #"{"at": "1m", "fro": "1m", "error_rate": 1}"#,
            #"services[0].phases[0]: unknown key "fro" (did you mean "for"?)"#,
            #"services[0].phases[0]: missing required key "for""#),
        .phase(
            "empty label", #"{"at": "1m", "for": "1m", "error_rate": 1, "label": ""}"#,
            "services[0].phases[0].label: must not be empty"),
        .phase(
            "overflowing phase", #"{"at": "1m", "for": "2562047h47m", "error_rate": 1}"#,
            "services[0].phases[0].for: is too long (the phase would end after about 292 years)"),
        .phase(
            "overlapping phases",
            #"{"at": "2m", "for": "1m", "error_rate": 0.5}, {"at": "3m", "for": "2m", "outage": "hang"}, "#
                + #"{"at": "4m", "for": "1m", "error_rate": 1}"#,
            "services[0].phases[2]: overlaps phases[1] (3m..5m)"),
        .phase(
            "overlap with an earlier-listed later phase",
            #"{"at": "5m", "for": "1m", "error_rate": 0.5}, {"at": "1m", "for": "10m", "error_rate": 1}"#,
            "services[0].phases[0]: overlaps phases[1] (1m..11m)"),
        .phase(
            "phases starting together",
            #"{"at": "1m", "for": "1m", "error_rate": 0.5}, {"at": "1m", "for": "1m", "error_rate": 1}"#,
            "services[0].phases[1]: overlaps phases[0] (1m..2m)"),
    ]

    static let clientCases: [BadScenario] = [
        .client(
            "client missing everything", "", #"clients[0]: missing required key "name""#,
            #"clients[0]: missing required key "rate""#,
            #"clients[0]: missing required key "calls" (or "routes")"#),
        .client(
            "rate as a word", #""name": "c", "calls": "payments", "rate": "fast""#,
            #"clients[0].rate: must be a number (got string "fast")"#),
        .client(
            "rate quoted", #""name": "c", "calls": "payments", "rate": "10""#,
            #"clients[0].rate: must be a number (got string "10"; remove the quotes)"#),
        .client(
            "negative rate", #""name": "c", "calls": "payments", "rate": -5"#,
            "clients[0].rate: must be greater than 0 (got -5)"),
        .client(
            "zero rate", #""name": "c", "calls": "payments", "rate": 0"#,
            "clients[0].rate: must be greater than 0 (got 0)"),
        .client(
            "infinite rate", #""name": "c", "calls": "payments", "rate": 1e999"#,
            "clients[0].rate: must be a finite number (got 1e999)"),
        .client(
            "zero instances", #""name": "c", "calls": "payments", "rate": 1, "instances": 0"#,
            "clients[0].instances: must be between 1 and 100000 (got 0)"),
        .client(
            "fractional instances", #""name": "c", "calls": "payments", "rate": 1, "instances": 3.5"#,
            "clients[0].instances: must be a whole number (got 3.5)"),
        .client(
            "huge instances",
            #""name": "c", "calls": "payments", "rate": 1, "instances": 99999999999999999999"#,
            "clients[0].instances: must be between 1 and 100000 (got 99999999999999999999)"),
        .client(
            "unknown service", #""name": "c", "calls": "paymets", "rate": 1"#,
            #"clients[0].calls: unknown service "paymets" (did you mean "payments"?)"#),
        .client(
            "unknown service far off", #""name": "c", "calls": "inventory", "rate": 1"#,
            #"clients[0].calls: unknown service "inventory" (services: "payments")"#),
        .client(
            "calls not a string", #""name": "c", "calls": ["payments"], "rate": 1"#,
            "clients[0].calls: must be a string (got an array)"),
        .client(
            "arrival typo", #""name": "c", "calls": "payments", "rate": 1, "arrival": "posson""#,
            #"clients[0].arrival: must be one of "poisson", "uniform" (got string "posson"; did you mean "poisson"?)"#
        ),
        .client(
            "timeout zero", #""name": "c", "calls": "payments", "rate": 1, "timeout": 0"#,
            "clients[0].timeout: must be greater than 0 (got 0)"),
        .client(
            "unknown key with suggestion",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"alowed_fails": 3}"#,
            #"clients[0].breaker: unknown key "alowed_fails" (did you mean "allowed_fails"?)"#),
        .client(
            "camelCase breaker key",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"retryTimer": "5s"}"#,
            #"clients[0].breaker: unknown key "retryTimer" (did you mean "retry_timer"?)"#),
        .client(
            "breaker zero allowed_fails",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"allowed_fails": 0}"#,
            "clients[0].breaker.allowed_fails: must be between 1 and 1000000 (got 0)"),
        .client(
            "breaker too many probes",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"half_open_probes": 10001}"#,
            "clients[0].breaker.half_open_probes: must be between 1 and 10000 (got 10001)"),
        .client(
            "breaker negative timer",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"retry_timer": "-1s"}"#,
            #"clients[0].breaker.retry_timer: must not be negative (got "-1s")"#),
        .client(
            "failure_rate zero",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"policy": "failure_rate", "failure_rate": 0, "window": 10}"#,
            "clients[0].breaker.failure_rate: must be more than 0 and at most 1 (a share of the calls; got 0)"
        ),
        .client(
            "failure_rate as a percentage",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"policy": "failure_rate", "failure_rate": 50, "window": 10}"#,
            "clients[0].breaker.failure_rate: must be more than 0 and at most 1 (a share of the calls; got 50)"
        ),
        .client(
            "failure_rate without its policy",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"failure_rate": 0.5, "window": 10}"#,
            #"clients[0].breaker.failure_rate: applies only to "policy": "failure_rate" (this breaker's policy is "consecutive", the default)"#,
            #"clients[0].breaker.window: applies only to "policy": "failure_rate" (this breaker's policy is "consecutive", the default)"#
        ),
        .client(
            "allowed_fails with a failure rate",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"policy": "failure_rate", "allowed_fails": 3, "failure_rate": 0.5, "window": 10}"#,
            #"clients[0].breaker.allowed_fails: applies only to "policy": "consecutive" (a "failure_rate" breaker opens on its failure_rate over its window)"#
        ),
        .client(
            "failure-rate policy without a window",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"policy": "failure_rate", "failure_rate": 0.5}"#,
            #"clients[0].breaker: missing key "window", which "policy": "failure_rate" needs"#),
        .client(
            "policy misspelt",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"policy": "failure-rate"}"#,
            #"clients[0].breaker.policy: must be one of "consecutive", "failure_rate" (got string "failure-rate"; did you mean "failure_rate"?)"#
        ),
        .client(
            "window neither calls nor a duration",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"policy": "failure_rate", "failure_rate": 0.5, "window": true}"#,
            #"clients[0].breaker.window: must be a number of calls such as 20, or a duration string such as "10s" (got true)"#
        ),
        .client(
            "window of a fraction of calls",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"policy": "failure_rate", "failure_rate": 0.5, "window": 2.5}"#,
            "clients[0].breaker.window: must be a whole number (got 2.5)"),
        .client(
            "slow_call zero",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"slow_call": "0s"}"#,
            #"clients[0].breaker.slow_call: must be greater than 0 (got "0s")"#),
        .client(
            "retry_jitter past 1",
            #""name": "c", "calls": "payments", "rate": 1, "breaker": {"retry_jitter": 1.5}"#,
            "clients[0].breaker.retry_jitter: must be between 0 and 1 (got 1.5)"),
        .client(
            "breaker true", #""name": "c", "calls": "payments", "rate": 1, "breaker": true"#,
            "clients[0].breaker: must be an object, or null for an unprotected client (got true)"),
        .client(
            "retry too many", #""name": "c", "calls": "payments", "rate": 1, "retry": {"max": 11}"#,
            "clients[0].retry.max: must be between 0 and 10 (got 11)"),
        .client(
            "retry missing max", #""name": "c", "calls": "payments", "rate": 1, "retry": {"backoff": "1s"}"#,
            #"clients[0].retry: missing required key "max""#),
        .client(
            "retry cap below backoff",
            #""name": "c", "calls": "payments", "rate": 1, "retry": {"max": 1, "backoff": "2s", "cap": "1s"}"#,
            "clients[0].retry.cap: must be at least the backoff (2s) (got 1s)"),
        .client(
            "retry multiplier below 1",
            #""name": "c", "calls": "payments", "rate": 1, "retry": {"max": 1, "multiplier": 0.5}"#,
            "clients[0].retry.multiplier: must be at least 1 (got 0.5)"),
        .client(
            "retry jitter typo",
            #""name": "c", "calls": "payments", "rate": 1, "retry": {"max": 1, "jitter": "ful"}"#,
            #"clients[0].retry.jitter: must be one of "none", "full", "equal" (got string "ful"; did you mean "full"?)"#
        ),
        .client(
            "retry_rejected not a bool",
            #""name": "c", "calls": "payments", "rate": 1, "retry": {"max": 1, "retry_rejected": "yes"}"#,
            #"clients[0].retry.retry_rejected: must be true or false (got string "yes")"#),
        .client(
            "name with a newline", #""name": "a\nb", "calls": "payments", "rate": 1"#,
            #"clients[0].name: must not contain control characters (got "a\nb")"#),
        .client(
            "name with a right-to-left override",
            #""name": "web\u202Egnp.exe", "calls": "payments", "rate": 1"#,
            #"clients[0].name: must not contain invisible formatting characters such as U+202E (RIGHT-TO-LEFT OVERRIDE), which make a name display as another (got "web\u202Egnp.exe")"#
        ),
        .client(
            "name with a bidirectional isolate", #""name": "a\u2066b", "calls": "payments", "rate": 1"#,
            #"clients[0].name: must not contain invisible formatting characters such as U+2066 (LEFT-TO-RIGHT ISOLATE), which make a name display as another (got "a\u2066b")"#
        ),
        .client(
            "name longer than 200 characters",
            "\"name\": \"\(String(repeating: "w", count: 201))\", \"calls\": \"payments\", \"rate\": 1",
            "clients[0].name: is 201 characters long; the limit is 200"),
        .client(
            "absurd load", #""name": "c", "calls": "payments", "rate": 1e6, "instances": 1000"#,
            "would simulate about 6.0e11 calls; the limit is 2.0e9 — shorten duration or lower rate"),
        .client(
            "absurd load through retries",
            #""name": "c", "calls": "payments", "rate": 1000, "instances": 1000, "retry": {"max": 10}"#,
            "would simulate about 6.6e9 calls; the limit is 2.0e9 — shorten duration or lower rate"),
        .client(
            "overflowing load", #""name": "c", "calls": "payments", "rate": 1e308, "instances": 100"#,
            "would simulate more than 1e308 calls; the limit is 2.0e9 — shorten duration or lower rate"),
    ]

    static let crossCases: [BadScenario] = [
        BadScenario(
            "duplicate names",
            #"""
            {"name": "n", "duration": "1m",
             "services": [{"name": "payments"}, {"name": "payments"}],
             "clients": [{"name": "c", "calls": "payments", "rate": 1}, {"name": "c", "calls": "payments", "rate": 1}]}
            """#,
            #"services[1].name: duplicate service name "payments" (also services[0])"#,
            #"clients[1].name: duplicate client name "c" (also clients[0])"#),
        BadScenario(
            "too many instances",
            #"""
            {"name": "n", "duration": "1m", "services": [{"name": "a"}],
             "clients": [{"name": "c1", "calls": "a", "rate": 0.1, "instances": 60000},
                         {"name": "c2", "calls": "a", "rate": 0.1, "instances": 60000}]}
            """#,
            "clients: has 120000 instances in total; the limit is 100000"),
        BadScenario(
            "multiple problems in document order",
            #"""
            {
              "name": "",
              "seed": -3,
              "duration": "10m",
              "services": [
                {"name": "payments", "error_rate": 1.5, "latency": {"dist": "normal"},
                 "phases": [{"at": "1m", "for": "5m", "error_rate": 1}, {"at": "2m", "for": "1m", "outage": "hang"}]}
              ],
              "clients": [
                {"name": "checkout", "calls": "paymets", "rate": -1, "instances": 0,
                 "breaker": {"alowed_fails": 5, "retry_timer": "soon"}}
              ],
              "extra": true
            }
            """#,
            "name: must not be empty",
            "seed: must be between 0 and 18446744073709551615 (got -3)",
            "services[0].error_rate: must be between 0 and 1 (got 1.5)",
            #"services[0].latency.dist: must be one of "constant", "uniform", "exponential", "lognormal" (got string "normal"; did you mean "lognormal"?)"#,
            "services[0].phases[1]: overlaps phases[0] (1m..6m)",
            #"clients[0].calls: unknown service "paymets" (did you mean "payments"?)"#,
            "clients[0].rate: must be greater than 0 (got -1)",
            "clients[0].instances: must be between 1 and 100000 (got 0)",
            #"clients[0].breaker: unknown key "alowed_fails" (did you mean "allowed_fails"?)"#,
            #"clients[0].breaker.retry_timer: must be a duration such as "250ms", "1m30s" or a number of seconds (got string "soon")"#,
            #"unknown key "extra" (known keys: name, description, seed, duration, sample_every, services, clients)"#
        ),
    ]

    @Test(arguments: documentCases) func document(_ bad: BadScenario) {
        #expect(scenarioProblems(bad.json) == bad.expected)
    }

    @Test(arguments: topCases) func topLevel(_ bad: BadScenario) {
        #expect(scenarioProblems(bad.json) == bad.expected)
    }

    @Test(arguments: serviceCases) func service(_ bad: BadScenario) {
        #expect(scenarioProblems(bad.json) == bad.expected)
    }

    @Test(arguments: phaseCases) func phase(_ bad: BadScenario) {
        #expect(scenarioProblems(bad.json) == bad.expected)
    }

    @Test(arguments: clientCases) func client(_ bad: BadScenario) {
        #expect(scenarioProblems(bad.json) == bad.expected)
    }

    @Test(arguments: crossCases) func crossField(_ bad: BadScenario) {
        #expect(scenarioProblems(bad.json) == bad.expected)
    }

    @Test(
        arguments: [
            ([0xFF], 0, "0xFF"),
            (Array(#"{"name": "caf"#.utf8) + [0xE9] + Array(#""}"#.utf8), 13, "0xE9"),  // Latin-1 é
            ([0x7B, 0xC0, 0x80, 0x7D], 1, "0xC0"),  // overlong NUL
            ([0x7B, 0xED, 0xA0, 0x80, 0x7D], 1, "0xED"),  // UTF-16 surrogate
            ([0x7B, 0xF4, 0x90, 0x80, 0x80], 1, "0xF4"),  // beyond U+10FFFF
            ([0x7B, 0x22, 0xE2, 0x82], 2, "0xE2"),  // truncated at the end
            // (UTF-16 and UTF-32 are named as such: ScenarioFileTests.wideEncodingsAreNamed.)
        ] as [([UInt8], Int, String)])
    func notUTF8(bytes: [UInt8], offset: Int, byte: String) {
        #expect(
            scenarioProblems(bytes: bytes) == ["t.json: not valid UTF-8 (byte \(byte) at offset \(offset))"])
    }

    @Test func errorDescriptionIsOneLinePerProblem() {
        let error = ScenarioError.invalid([
            ScenarioProblem(file: "f.json", path: "", message: "is empty"),
            ScenarioProblem(
                file: "f.json", path: "clients[0].rate", message: "must be greater than 0 (got -1)"),
        ])
        #expect(
            error.description == "f.json: is empty\nf.json: clients[0].rate: must be greater than 0 (got -1)")
        #expect(
            ScenarioError.unreadable(file: "x.json", reason: "no such file").description
                == "x.json: no such file")
    }

    @Test func problemsAreValuesThatCanBeMatched() {
        #expect(
            throws: ScenarioError.invalid([
                ScenarioProblem(
                    file: "a.json", path: "",
                    message: "is empty (expected a JSON object with the scenario's fields)")
            ])
        ) {
            try ScenarioLoader.parse([], file: "a.json")
        }
    }

    @Test func messagesNeverSpanLines() {
        let json = scenarioJSON(
            client: #""name": "c", "calls": "pay\nments\u001b[31m", "rate": 1, "x\ny": 1"#)
        let problems = scenarioProblems(json)
        #expect(problems.count == 2)
        for problem in problems {
            #expect(!problem.contains("\n") && !problem.contains("\u{1B}"))
        }
    }

    @Test func longValuesAreShortenedInMessages() {
        let long = String(repeating: "x", count: 10_000)
        let problems = scenarioProblems(
            scenarioJSON(client: #""name": "c", "calls": "payments", "rate": "\#(long)""#))
        #expect(problems.count == 1)
        #expect(problems[0].count < 200)
    }
}

/// The text with the first occurrence of `target` replaced.
private func replacingFirst(_ target: String, _ replacement: String, in text: String) -> String {
    var text = text
    if let range = text.firstRange(of: target) {
        text.replaceSubrange(range, with: replacement)
    }
    return text
}
