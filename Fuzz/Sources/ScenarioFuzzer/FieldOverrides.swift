// Modes 4 to 7: structured `--set` overrides. Byte mutations rarely turn "50" into "1e-12" or "1s" into
// "2562047h", so here the bytes pick a bundled scenario, then fields and values from tables: every
// settable field of the schema (walked from its table, list elements addressed by index), and values
// at and beyond every limit.
//
//   byte 0        which scenario of scenarios/ (modulo their count)
//   then lines:   bytes 0 and 1 pick the field (a little-endian UInt16 modulo the table: there are
//                 more than 256); byte 2 picks the value (modulo the table) when below 0x80,
//                 otherwise the rest of the line is the value as written.

@_spi(ScenarioSchema) import BreakerSimulation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum FieldOverrides {
    static let names = ["flaky", "outage", "slow", "overload", "retry-storm", "fleet"]
    static let scenarios = names.map { ScenarioFiles.read("scenarios/\($0).json") }

    /// Every settable field of the schema (the table in ScenarioSchema.swift), list elements by index.
    static let fields = ScenarioObject.scenario.fieldPaths { elementsPerList[$0] ?? 2 }

    /// Elements addressed per list: more than the bundled scenarios have, so that some paths miss.
    private static let elementsPerList: [ScenarioObject: Int] = [.service: 3, .phase: 4, .client: 3]

    static let values = [
        // Numbers at and beyond the validator's limits and Int64's, Double's and UInt64's.
        "0", "-0", "1", "-1", "0.5", "1.5", "2", "10", "11", "64", "1e-300", "1e-12", "1e-9", "0.0000009",
        "0.000001", "1e300", "1e308", "2e18", "2e9", "9223372036854775807", "9223372036854775808",
        "18446744073709551615", "18446744073709551616", "1000000", "1000001", "10000", "10001", "100000",
        "100001", "10000000", "10000001", "4294967296", "2147483648", "1e3", "3.0",
        // Durations: smallest, limits, Int64's edge, odd spellings.
        "1ns", "0s", "-0s", "1ms", "250ms", "1s", "59s", "1m", "5m", "10m", "1h", "720h", "720h1ns", "721h",
        "2562047h", "2562047h47m16.854775807s", "9223372036854775807ns", "1e-9", "1.5", "48d", "5%", "",
        // Types and choices.
        "true", "false", "null", "{}", "[]", #""x""#, "constant", "uniform", "exponential", "lognormal",
        "hang",
        "fail_fast", "poisson", "none", "full", "equal", "payments", "checkout",
        #"{"dist": "uniform", "min": "0s", "max": "720h"}"#, #"{"dist": "constant", "value": "720h"}"#,
        #"{"dist": "lognormal", "p50": "1ns", "p99": "720h"}"#, #"{"dist": "exponential", "mean": "720h"}"#,
        #"{"up": "1ns", "down": "1ns"}"#, #"{"up": "720h", "down": "720h", "dist": "exponential"}"#,
        #"{"max": 10, "backoff": "720h", "cap": "720h", "multiplier": 1e308, "jitter": "none"}"#,
        #"{"max": 10, "backoff": "0s", "cap": "0s"}"#,
        // The same objects at Int64 nanoseconds' limit (about 292 years).
        #"{"dist": "constant", "value": "9223372036854775807ns"}"#,
        #"{"dist": "uniform", "min": "0s", "max": "9223372036854775807ns"}"#,
        #"{"dist": "exponential", "mean": "9223372036854775807ns"}"#, #"{"add": "9223372036854775807ns"}"#,
        #"{"up": "9223372036854775807ns", "down": "9223372036854775807ns"}"#,
        #"{"max": 10, "backoff": "9223372036854775807ns", "cap": "9223372036854775807ns", "jitter": "none"}"#,
        #"{"allowed_fails": 1, "retry_timer": "9223372036854775807ns"}"#,
        #"{"allowed_fails": 1000000, "retry_timer": "0s", "half_open_probes": 10000}"#,
        // Failure-rate breakers at their limits, with slow calls and jitter.
        "failure_rate", "consecutive",
        #"{"policy": "failure_rate", "failure_rate": 1e-300, "window": 1, "retry_jitter": 1}"#,
        #"{"policy": "failure_rate", "failure_rate": 1, "window": "1ms", "minimum_calls": 1000000, "slow_call": "1ns"}"#,
        #"{"policy": "failure_rate", "failure_rate": 0.5, "window": 10000, "slow_call": "720h", "retry_timer": "720h", "retry_jitter": 1}"#,
        #"{"policy": "failure_rate", "failure_rate": 0.5, "window": "720h", "minimum_calls": 1}"#,
        #"{"concurrency": 1, "queue": 0}"#, #"{"concurrency": 10000000, "queue": 10000000}"#,
        #"[{"at": "0s", "for": "720h", "outage": "hang"}]"#,
        #"[{"at": "0s", "for": "1ns", "flap": {"up": "1ns", "down": "1ns"}}]"#,
        #"[{"name": "s"}]"#, #"[{"name": "c", "calls": "s", "rate": 1}]"#,
    ]

    static func check(_ body: [UInt8]) {
        guard let first = body.first else { return }
        let scenario = scenarios[Int(first) % scenarios.count]
        var overrides: [String] = []
        for line in body.dropFirst().split(separator: UInt8(ascii: "\n")) where line.count >= 2 {
            let index = Int(line[line.startIndex]) | Int(line[line.startIndex + 1]) << 8
            let field = fields[index % fields.count]
            let rest = line.dropFirst(2)
            let value: String
            if let pick = rest.first, pick < 0x80 {
                value = values[Int(pick) % values.count]
            } else {
                value = String(decoding: rest.dropFirst(), as: UTF8.self)
            }
            overrides.append(field + "=" + value)
        }
        if verbose {
            let name = names[Int(first) % names.count]
            let line = "scenarios/\(name).json --set \(overrides.map(\.debugDescription))\n"
            _ = line.withCString { write(2, $0, strlen($0)) }
        }
        loadAndCheck(scenario, overrides: overrides)
    }

    /// `FUZZ_VERBOSE=1` prints the scenario and overrides of every input: to turn a crash into a test.
    private static let verbose = getenv("FUZZ_VERBOSE") != nil
}
