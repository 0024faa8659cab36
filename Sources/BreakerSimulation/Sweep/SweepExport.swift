// `breaker-sim sweep FILE --export LIBRARY`: the best combination of a sweep written as the
// configuration of the breaker a service runs, with a comment for every difference in semantics that
// changes what the sweep predicted.

/// The breaker libraries a sweep's best settings can be written for.
public enum BreakerLibrary: String, Sendable, CaseIterable {
    /// This package's BreakerCore (Swift).
    case breakercore
    /// Resilience4j (Java), as Spring Boot's `application.yml`.
    case resilience4j
    /// Polly v8 (C#), `CircuitBreakerStrategyOptions`.
    case polly
    /// sony/gobreaker (Go), `gobreaker.Settings`.
    case gobreaker
    /// opossum (Node.js), the options object.
    case opossum
}

extension SweepResult {
    /// The best combination as `library`'s configuration for `client`'s breaker (the first varied
    /// client when `nil`); `nil` when no combination finished.
    ///
    /// `scenario` supplies what the sweep did not vary: the client's `half_open_probes` and `timeout`.
    public func export(as library: BreakerLibrary, scenario: Scenario, client: String? = nil) -> String? {
        guard let index = bestIndex, let best = cells[index] else { return nil }
        let name = client ?? clients.first ?? scenario.clients.first?.name ?? "client"
        let profile = scenario.clients.first { $0.name == name }
        let dependencies = profile.map(Self.dependencyRates) ?? []
        // The configuration is sized for the dependency called least: its window takes longest to fill.
        let slowest = dependencies.min { $0.callsPerSecond < $1.callsPerSecond }
        var settings = SweepExportSettings(
            name: name, trip: best.trip, retryTimer: best.retryTimer,
            halfOpenProbes: profile?.breaker?.halfOpenProbes ?? 1, timeout: profile?.timeout,
            rate: slowest?.callsPerSecond ?? profile?.rate ?? 1, slowCall: profile?.breaker?.slowCall,
            retryJitter: profile?.breaker?.retryJitter ?? 0)
        settings.dependencies = dependencies
        settings.dependency = slowest?.service
        let seedsText = seeds == 1 ? "seed \(seed)" : "seeds \(seed)…\(seed + UInt64(seeds) - 1)"
        let score = formatFixed(best.score, decimals: 3)
        let header = [
            "breaker-sim sweep of \"\(self.scenario)\" (\(seedsText), objective \(objective.rawValue)): best "
                + "\(best.settingsDescription), score \(score) (no breaker: \(formatFixed(baselineScore, decimals: 3))).",
            "Client \(name); half_open_probes \(settings.halfOpenProbes) from the scenario.",
        ]
        return settings.text(for: library, header: header)
    }
}

extension SweepResult {
    /// The calls per second one instance of `client` sends to each of its services, in the order the
    /// routes first name them: the request rate times each route's share of the requests times its
    /// calls to that service (nominal: without retries, and as if every earlier call of a route
    /// succeeded).
    static func dependencyRates(_ client: ClientProfile) -> [(service: String, callsPerSecond: Double)] {
        let total = client.routes.reduce(0) { $0 + $1.share }
        guard total > 0 else { return [] }
        var rates: [(service: String, callsPerSecond: Double)] = []
        for route in client.routes {
            for call in route.calls {
                let rate = client.rate * route.share / total
                if let index = rates.firstIndex(where: { $0.service == call.service }) {
                    rates[index].callsPerSecond += rate
                } else {
                    rates.append((call.service, rate))
                }
            }
        }
        return rates
    }
}

/// What an exported configuration holds.
struct SweepExportSettings {
    var name: String
    var trip: SweepTrip
    var retryTimer: Nanoseconds
    var halfOpenProbes: Int
    var timeout: Nanoseconds?
    /// Calls per second of one client instance.
    var rate: Double
    /// The scenario's `slow_call` and `retry_jitter`, which the sweep kept.
    var slowCall: Nanoseconds?
    var retryJitter: Double
    /// The client's services with the calls per second one instance sends each; `rate` is the slowest's.
    var dependencies: [(service: String, callsPerSecond: Double)] = []
    /// The service `rate` belongs to, when the scenario named one.
    var dependency: String?

    /// "the client's rate" for a client with one service; "the rate to payments" for the service the
    /// configuration is sized for among several.
    var rateWords: String {
        guard dependencies.count > 1, let dependency else { return "the client's rate" }
        return "the rate to \(dependency)"
    }

    /// One line per service when the client has several: each breaker's call rate, and that windows
    /// sized by time fill at those rates (the configuration is sized for the slowest).
    var dependencyLines: [String] {
        guard dependencies.count > 1, let dependency else { return [] }
        let listed = dependencies.map {
            "\($0.service) \(formatNumber(($0.callsPerSecond * 1000).rounded() / 1000))/s"
        }
        return [
            "Calls per second one instance sends each service (nominal, from the route shares): "
                + listed.joined(separator: ", ") + ".",
            "A window sized by time is sized here for \(dependency), the least called; scale it down for a busier"
                + " service's breaker, or its window holds more calls than the simulated one.",
        ]
    }

    init(
        name: String, trip: SweepTrip, retryTimer: Nanoseconds, halfOpenProbes: Int, timeout: Nanoseconds?,
        rate: Double, slowCall: Nanoseconds? = nil, retryJitter: Double = 0
    ) {
        self.name = name
        self.trip = trip
        self.retryTimer = retryTimer
        self.halfOpenProbes = halfOpenProbes
        self.timeout = timeout
        self.rate = rate
        self.slowCall = slowCall
        self.retryJitter = retryJitter
    }

    /// Settings of a consecutive-failure breaker.
    init(
        name: String, allowedFails: Int, retryTimer: Nanoseconds, halfOpenProbes: Int, timeout: Nanoseconds?,
        rate: Double, slowCall: Nanoseconds? = nil, retryJitter: Double = 0
    ) {
        self.init(
            name: name, trip: .consecutive(allowedFails: allowedFails), retryTimer: retryTimer,
            halfOpenProbes: halfOpenProbes, timeout: timeout, rate: rate, slowCall: slowCall,
            retryJitter: retryJitter)
    }

    /// `allowed_fails` of a consecutive breaker (the consecutive texts only read it).
    var allowedFails: Int { trip.allowedFails ?? 1 }

    /// What the other libraries are told about slow calls and jitter the scenario uses.
    var keptSettings: [String] {
        var lines: [String] = []
        if let slowCall {
            lines.append(
                "The sweep ran with slow_call \(formatDuration(slowCall)) (a slower success counts as a failure): "
                    + "set the library's slow-call option to match, or expect fewer openings.")
        }
        if retryJitter > 0 {
            lines.append(
                "The sweep ran with retry_jitter \(formatPercent(retryJitter)) (each open period drawn within ±): "
                    + "without jitter a fleet probes in step.")
        }
        return lines
    }

    /// Twice the time `allowedFails` calls take at the client's rate, in whole 10 ms (at least 500 ms,
    /// Polly's shortest sampling duration): a window that a burst of that many failures fits in.
    var windowMilliseconds: Int64 {
        // Polly takes 0.5 s to 1 day.
        max(500, (milliseconds(forCalls: allowedFails) + 9) / 10 * 10)
    }

    /// Resilience4j's slow-call threshold: above the client's timeout (and its 60 s default), so that no
    /// call counts as slow.
    var slowThresholdMilliseconds: Int64 { max(60_000, (timeout ?? 0) / 1_000_000 + 1) }

    /// `retry_timer` in whole milliseconds (the unit most libraries take), rounded up.
    var retryMilliseconds: Int64 { (retryTimer + 999_999) / 1_000_000 }

    /// The retry timer as a Go duration: whole seconds as seconds, else milliseconds (rounded up, as
    /// every export rounds it); 0 as one nanosecond, because gobreaker reads a `Timeout` of 0 as 60 s.
    var goTimeout: String {
        if retryTimer == 0 { return "time.Nanosecond" }
        if retryTimer % 1_000_000_000 == 0 { return "\(retryTimer / 1_000_000_000) * time.Second" }
        return "\(retryMilliseconds) * time.Millisecond"
    }

    /// gobreaker's note on a retry timer of 0, when it is one.
    var goTimeoutNote: [String] {
        retryTimer == 0
            ? ["Timeout 0 would mean 60 s in gobreaker: a retry_timer of 0 is written as one nanosecond."]
            : []
    }

    func text(for library: BreakerLibrary, header: [String]) -> String {
        if case .failureRate(let threshold, let window, let minimumCalls) = trip {
            let rule = RateRule(threshold: threshold, window: window, minimumCalls: minimumCalls)
            switch library {
            case .breakercore: return breakerCore(header, rule)
            case .resilience4j: return resilience4j(header, rule)
            case .polly: return polly(header, rule)
            case .gobreaker: return gobreaker(header, rule)
            case .opossum: return opossum(header, rule)
            }
        }
        switch library {
        case .breakercore: return breakerCore(header)
        case .resilience4j: return resilience4j(header)
        case .polly: return polly(header)
        case .gobreaker: return gobreaker(header)
        case .opossum: return opossum(header)
        }
    }

    /// `retry_timer` as a Swift `Duration` literal.
    var swiftDuration: String { Self.swiftDuration(retryTimer) }

    /// A duration as a Swift `Duration` literal: ".seconds(15)", ".milliseconds(1500)".
    static func swiftDuration(_ length: Nanoseconds) -> String {
        if length % 1_000_000_000 == 0 { return ".seconds(\(length / 1_000_000_000))" }
        if length % 1_000_000 == 0 { return ".milliseconds(\(length / 1_000_000))" }
        return ".nanoseconds(\(length))"
    }

    func comment(_ lines: [String], _ marker: String) -> String {
        lines.map { "\(marker) \($0)" }.joined(separator: "\n") + "\n"
    }

    func breakerCore(_ header: [String]) -> String {
        let head = comment(header + ["The same breaker as the simulator's: nothing differs."], "//")
        guard slowCall != nil || retryJitter > 0 else {
            return head
                + """
                let breaker = CircuitBreaker(
                    name: "\(name)",
                    allowedFails: \(allowedFails),
                    retryTimer: \(swiftDuration),
                    halfOpenProbes: \(halfOpenProbes))

                """
        }
        var lines = [
            "    name: \"\(name)\",", "    policy: .consecutiveFailures(\(allowedFails)),",
            "    retryTimer: \(swiftDuration),",
            "    halfOpenProbes: \(halfOpenProbes),",
        ]
        if let slowCall { lines.append("    slowCallDuration: .nanoseconds(\(slowCall)),") }
        if retryJitter > 0 { lines.append("    retryJitter: \(retryJitter),") }
        lines[lines.count - 1].removeLast()
        return head + "let breaker = CircuitBreaker(\n" + lines.joined(separator: "\n") + ")\n"
    }

    func resilience4j(_ header: [String]) -> String {
        comment(
            header + [
                "Resilience4j has no consecutive-failure policy. The nearest, used here, is a count window",
                "of \(allowedFails) calls that must all have failed (failureRateThreshold 100, minimumNumberOfCalls",
                "\(allowedFails)): it opens exactly when the last \(allowedFails) calls failed, i.e. after \(allowedFails) failures in a row, as",
                "the simulator's breaker does, so the sweep's prediction holds for it.",
                halfOpenProbes == 1
                    ? "One call is permitted while half-open and its result decides, as in the simulator."
                    : "While half-open Resilience4j waits for all \(halfOpenProbes) permitted calls: with threshold 100 it"
                        + " closes if any of them succeeds and reopens only if all fail, where the simulator decides"
                        + " on the first result.",
                "Resilience4j also opens when every call of the window is slower than slowCallDurationThreshold:",
                "set here above the client's timeout, so that no call counts as slow, as in the simulator.",
                "waitDurationInOpenState is at least 1 ms (Resilience4j's least).",
            ] + keptSettings, "#")
                + """
                resilience4j.circuitbreaker:
                  instances:
                    \(name):
                      slidingWindowType: COUNT_BASED
                      slidingWindowSize: \(allowedFails)
                      minimumNumberOfCalls: \(allowedFails)
                      failureRateThreshold: 100
                      waitDurationInOpenState: \(max(1, retryMilliseconds))ms
                      slowCallRateThreshold: 100
                      slowCallDurationThreshold: \(slowThresholdMilliseconds)ms
                      permittedNumberOfCallsInHalfOpenState: \(halfOpenProbes)
                      automaticTransitionFromOpenToHalfOpenEnabled: false

                """
    }

    func polly(_ header: [String]) -> String {
        comment(
            header + [
                "Polly v8 opens on a failure ratio over a sampling duration once MinimumThroughput calls were",
                "made in it; it has no consecutive count. The nearest: every call of the sampling duration",
                "failed (FailureRatio 1.0) and at least \(allowedFails) were made. Unlike \(allowedFails) failures in a row, a success",
                "anywhere in the sampling duration keeps it closed, and failures spread over more than the",
                "duration do not add up: it opens later than the simulated breaker in a partial failure. The",
                "SamplingDuration here is twice the time \(allowedFails) calls take at \(rateWords) (at least 0.5 s); Polly v7's",
                "CircuitBreakerAsync(exceptionsAllowedBeforeBreaking: \(allowedFails), durationOfBreak) was the exact equivalent.",
                "Polly lets one trial call through while half-open. It takes MinimumThroughput 2 or more and",
                "durations from 0.5 s to 1 day: the values here are clamped to that.",
            ] + dependencyLines + keptSettings, "//")
                + """
                var options = new CircuitBreakerStrategyOptions
                {
                    FailureRatio = 1.0,
                    MinimumThroughput = \(max(2, allowedFails)),
                    SamplingDuration = TimeSpan.FromMilliseconds(\(windowMilliseconds)),
                    BreakDuration = TimeSpan.FromMilliseconds(\(min(86_400_000, max(500, retryMilliseconds)))),
                };

                """
    }

    func gobreaker(_ header: [String]) -> String {
        comment(
            header + [
                "ReadyToTrip on ConsecutiveFailures is the simulator's policy. MaxRequests is both the probes",
                "allowed while half-open and the consecutive successes needed to close: "
                    + (halfOpenProbes == 1
                        ? "with 1, one success closes, as in the simulator."
                        : "with \(halfOpenProbes), gobreaker closes only after \(halfOpenProbes) successes, where the simulator closes on the first."),
                "Interval 0 never clears the counts while closed (a success clears ConsecutiveFailures anyway).",
            ] + goTimeoutNote + keptSettings, "//")
                + """
                cb := gobreaker.NewCircuitBreaker(gobreaker.Settings{
                \tName:        "\(name)",
                \tMaxRequests: \(halfOpenProbes),
                \tInterval:    0,
                \tTimeout:     \(goTimeout),
                \tReadyToTrip: func(counts gobreaker.Counts) bool {
                \t\treturn counts.ConsecutiveFailures >= \(allowedFails)
                \t},
                })

                """
    }

    /// What opossum's window counts that the simulated breaker's does not (opossum 10.0.0,
    /// `lib/circuit.js` and `lib/status.js`): every `fire` is counted before the state is checked, and
    /// opening and closing only mark the current bucket.
    static let opossumWindowNotes = [
        "opossum counts the calls it rejects while open as fires (the rate's denominator), and neither",
        "opening nor closing empties its window: with a window longer than the open period, the failures",
        "that opened it still count after it closes (diluted by the rejected calls), where the simulated",
        "breaker starts counting afresh.",
    ]

    func opossum(_ header: [String]) -> String {
        let timeout = timeout.map { String(($0 + 999_999) / 1_000_000) } ?? "false"
        return comment(
            header + [
                "opossum opens on an error percentage over a rolling window once volumeThreshold calls were",
                "made in it; it has no consecutive count, and it compares strictly (rate > threshold), so 100",
                "would never open. The nearest: more than 99.9% of the window's calls failed (in practice all",
                "of them) and at least \(allowedFails) were made; calls still running count in the rate too.",
                "Unlike \(allowedFails) failures in a row, a success in the window keeps it closed: it opens later than the simulated breaker in a",
                "partial failure. The rolling window is twice the time \(allowedFails) calls take at \(rateWords). opossum",
                "also times calls out itself: timeout is the scenario client's.",
            ] + Self.opossumWindowNotes + ["One call is let through while half-open."] + dependencyLines
                + keptSettings, "//")
                + """
                const breaker = new CircuitBreaker(action, {
                  name: '\(name)',
                  errorThresholdPercentage: 99.9,
                  volumeThreshold: \(allowedFails),
                  rollingCountTimeout: \(windowMilliseconds),
                  rollingCountBuckets: 10,
                  resetTimeout: \(retryMilliseconds),
                  timeout: \(timeout),
                });

                """
    }
}
