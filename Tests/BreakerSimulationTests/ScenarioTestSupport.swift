import Testing

@testable import BreakerSimulation

/// Loads a scenario from text, or returns its problems as the CLI prints them (one per line).
func scenarioProblems(_ json: String, file: String = "t.json", overrides: [String] = []) -> [String] {
    scenarioProblems(bytes: Array(json.utf8), file: file, overrides: overrides)
}

/// Loads a scenario from bytes, or returns its problems as the CLI prints them (one per line).
func scenarioProblems(bytes: [UInt8], file: String = "t.json", overrides: [String] = []) -> [String] {
    do {
        _ = try ScenarioLoader.parse(bytes, file: file, overrides: overrides)
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

/// A small valid scenario with one service and one client; fragments replace its parts.
///
/// `top` is inserted before `services` (end it with a comma), `service` and `client` are the
/// members of the only service and client.
func scenarioJSON(
    top: String = "",
    service: String = #""name": "payments""#,
    client: String = #""name": "checkout", "calls": "payments", "rate": 10"#
) -> String {
    """
    {
      "name": "test", "duration": "10m", \(top)
      "services": [ { \(service) } ],
      "clients": [ { \(client) } ]
    }
    """
}

/// The example scenario of DESIGN.md, verbatim.
let designExampleJSON = """
    {
      "name": "Flaky payments API",
      "description": "Brownout, hard outage, then flapping.",
      "seed": 42,
      "duration": "10m",
      "sample_every": "1s",
      "services": [
        {
          "name": "payments",
          "latency": { "dist": "lognormal", "p50": "40ms", "p99": "400ms" },
          "error_rate": 0.02,
          "capacity": { "concurrency": 64, "queue": 256 },
          "phases": [
            { "at": "2m", "for": "1m", "error_rate": 0.6, "label": "brownout" },
            { "at": "3m", "for": "2m", "outage": "hang", "label": "outage" },
            { "at": "5m", "for": "3m", "flap": { "up": "20s", "down": "5s", "dist": "exponential" } },
            { "at": "8m", "for": "1m", "latency": { "add": "800ms" } }
          ]
        }
      ],
      "clients": [
        {
          "name": "checkout",
          "instances": 20,
          "calls": "payments",
          "rate": 50,
          "arrival": "poisson",
          "timeout": "1s",
          "retry": { "max": 2, "backoff": "100ms", "multiplier": 2, "cap": "2s", "jitter": "full" },
          "breaker": { "allowed_fails": 5, "retry_timer": "30s", "half_open_probes": 1 }
        }
      ]
    }
    """

/// Time units for expected values in the scenario tests.
enum ScenarioUnits {
    static let ms: Nanoseconds = 1_000_000
    static let s: Nanoseconds = 1_000_000_000
    static let min: Nanoseconds = 60_000_000_000
}
