// `sweep --export` for a failure-rate best: the rate, window and minimum as each library takes them,
// with a comment for every difference that changes what the sweep predicted.

/// A failure-rate rule being exported.
struct RateRule {
    var threshold: Double
    var window: BreakerSettings.Window
    var minimumCalls: Int

    /// The threshold in percent, as Resilience4j and opossum take it: 0.5 → "50".
    var percent: String { formatNumber((threshold * 100 * 1e6).rounded() / 1e6) }

    /// The rule in the scenario's words.
    var text: String {
        BreakerSettings(
            policy: .failureRate(threshold: threshold, window: window, minimumCalls: minimumCalls)
        )
        .tripRule
    }
}

extension SweepExportSettings {
    /// Twice the time `calls` calls take at `rate`, in whole milliseconds (at least 1, at most a day): a
    /// window that usually holds that many calls even when they arrive at random.
    func milliseconds(forCalls calls: Int) -> Int64 {
        let value = (2 * Double(calls) / rate * 1000).rounded(.up)
        guard value.isFinite, value < 86_400_000 else { return 86_400_000 }
        return max(1, Int64(value))
    }

    /// `rate` to three decimals: "2.5".
    var rateText: String { formatNumber((rate * 1000).rounded() / 1000) }

    /// The window in milliseconds: a time window's length, or twice the time a count window's calls take.
    func windowMilliseconds(_ rule: RateRule) -> Int64 {
        switch rule.window {
        case .calls(let size): milliseconds(forCalls: size)
        case .duration(let length): max(1, (length + 999_999) / 1_000_000)
        }
    }

    /// The sentences a library without count windows gets; `written` is the window's option as written,
    /// `milliseconds` its length before the library's limits.
    func noCountWindow(
        _ rule: RateRule, _ library: String, _ written: String, clampedFrom milliseconds: Int64? = nil
    ) -> [String] {
        guard case .calls(let size) = rule.window else { return [] }
        let raised = milliseconds.map { " (\($0) ms, raised to \(library)'s least)" } ?? ""
        return [
            "\(library) has no count window: the nearest is a time window twice as long as \(size) calls take at",
            "\(rateWords) of \(rateText) calls/s per instance, so that it usually holds the minimum:",
            written + raised + ". At a lower call rate it holds fewer calls than the simulated window (and",
            "opens later, or not at all below the minimum); at a higher rate, more.",
        ] + dependencyLines
    }

    /// A warning when a time window holds fewer calls than the minimum at the call rate: the breaker
    /// then cannot open unless the rate rises (in the simulator too).
    func tooFewCalls(_ rule: RateRule) -> [String] {
        guard case .duration(let length) = rule.window else { return [] }
        let expected = rate * Double(length) / 1e9
        guard expected < Double(rule.minimumCalls) else { return [] }
        return [
            "At \(rateText) calls/s (\(rateWords)) a \(formatDuration(length)) window holds about "
                + "\(formatNumber(expected.rounded())) calls, fewer than the minimum of \(rule.minimumCalls): this breaker opens only "
                + "when the calls come faster."
        ]
    }

    func breakerCore(_ header: [String], _ rule: RateRule) -> String {
        let window: String
        switch rule.window {
        case .calls(let size): window = ".calls(\(size))"
        case .duration(let length): window = ".duration(\(Self.swiftDuration(length)))"
        }
        var lines = [
            "    name: \"\(name)\",",
            "    policy: .failureRate(threshold: \(rule.threshold), window: \(window), minimumCalls: \(rule.minimumCalls)),",
            "    retryTimer: \(swiftDuration),",
            "    halfOpenProbes: \(halfOpenProbes),",
        ]
        if let slowCall { lines.append("    slowCallDuration: \(Self.swiftDuration(slowCall)),") }
        if retryJitter > 0 { lines.append("    retryJitter: \(retryJitter),") }
        lines[lines.count - 1].removeLast()
        return comment(
            header + ["The same breaker as the simulator's: nothing differs."] + tooFewCalls(rule), "//")
            + "let breaker = CircuitBreaker(\n" + lines.joined(separator: "\n") + ")\n"
    }

    func resilience4j(_ header: [String], _ rule: RateRule) -> String {
        var notes = [
            "Resilience4j opens as the simulator's breaker does: at least minimumNumberOfCalls calls in the",
            "window and a failure rate of failureRateThreshold percent or more (\(rule.text)).",
        ]
        let type: String
        let size: Int64
        switch rule.window {
        case .calls(let calls):
            type = "COUNT_BASED"
            size = Int64(calls)
        case .duration(let length):
            type = "TIME_BASED"
            size = max(1, (length + 999_999_999) / 1_000_000_000)
            notes.append(
                "A TIME_BASED window is whole seconds in one-second buckets; the simulator's \(formatDuration(length)) window has ten"
            )
            notes.append(
                "buckets of \(formatDuration(length / 10))"
                    + (length % 1_000_000_000 == 0
                        ? "." : ", so the window here is rounded up to \(size) s and holds a little more."))
        }
        notes.append(
            halfOpenProbes == 1
                ? "One call is permitted while half-open and its result decides, as in the simulator."
                : "While half-open Resilience4j waits for all \(halfOpenProbes) permitted calls and compares their failure rate with the"
                    + " threshold, where the simulator decides on the first result.")
        let slowLines: String
        if let slowCall {
            notes += [
                "Resilience4j keeps the slow-call rate apart from the failure rate, where the simulator counts a",
                "slow success as a failure in one rate: with both thresholds at \(rule.percent)%, a window of, say, "
                    + "\(formatPercent(rule.threshold / 2)) failures",
                "and \(formatPercent(rule.threshold / 2)) slow successes opens the simulated breaker but neither of "
                    + "Resilience4j's rates: it opens later.",
            ]
            slowLines =
                "      slowCallRateThreshold: \(rule.percent)\n"
                + "      slowCallDurationThreshold: \(max(1, (slowCall + 999_999) / 1_000_000))ms\n"
        } else {
            notes += [
                "Resilience4j also opens on its slow-call rate: slowCallDurationThreshold is set above the",
                "client's timeout, so that no call counts as slow, as in the simulator.",
            ]
            slowLines =
                "      slowCallRateThreshold: 100\n"
                + "      slowCallDurationThreshold: \(slowThresholdMilliseconds)ms\n"
        }
        notes.append("waitDurationInOpenState is at least 1 ms (Resilience4j's least).")
        return comment(
            header + notes + tooFewCalls(rule) + keptSettings.filter { !$0.contains("slow_call") }, "#")
                + """
                resilience4j.circuitbreaker:
                  instances:
                    \(name):
                      slidingWindowType: \(type)
                      slidingWindowSize: \(size)
                      minimumNumberOfCalls: \(rule.minimumCalls)
                      failureRateThreshold: \(rule.percent)
                      waitDurationInOpenState: \(max(1, retryMilliseconds))ms

                """
            + slowLines
                + """
                      permittedNumberOfCallsInHalfOpenState: \(halfOpenProbes)
                      automaticTransitionFromOpenToHalfOpenEnabled: false

                """
    }

    func polly(_ header: [String], _ rule: RateRule) -> String {
        let sampling = min(86_400_000, max(500, windowMilliseconds(rule)))
        var notes = [
            "Polly v8 opens as the simulator's breaker does: at least MinimumThroughput calls in the sampling",
            "duration and a failure ratio of FailureRatio or more, counted in ten rolling buckets (\(rule.text)).",
        ]
        let raw = windowMilliseconds(rule)
        notes += noCountWindow(
            rule, "Polly", "SamplingDuration \(sampling) ms", clampedFrom: raw < 500 ? raw : nil)
        if case .duration = rule.window, raw != sampling {
            notes.append(
                "Polly takes sampling durations from 0.5 s to 1 day: \(raw) ms is clamped to \(sampling) ms.")
        }
        if rule.minimumCalls < 2 {
            notes.append(
                "Polly's least MinimumThroughput is 2; the sweep's \(rule.minimumCalls) is raised to it.")
        }
        notes.append("Polly lets one trial call through while half-open. BreakDuration is at least 0.5 s.")
        return comment(header + notes + tooFewCalls(rule) + keptSettings, "//")
            + """
            var options = new CircuitBreakerStrategyOptions
            {
                FailureRatio = \(rule.threshold),
                MinimumThroughput = \(max(2, rule.minimumCalls)),
                SamplingDuration = TimeSpan.FromMilliseconds(\(sampling)),
                BreakDuration = TimeSpan.FromMilliseconds(\(min(86_400_000, max(500, retryMilliseconds)))),
            };

            """
    }

    func gobreaker(_ header: [String], _ rule: RateRule) -> String {
        // Whole milliseconds in ten buckets, as the simulator counts a time window.
        let bucket = max(1, (windowMilliseconds(rule) + 9) / 10)
        let interval = 10 * bucket
        var notes = [
            "gobreaker has no rate policy of its own: ReadyToTrip computes it from the Counts, here over a",
            "rolling window of \(interval) ms in ten buckets of \(bucket) ms (Interval with BucketPeriod), as the simulator",
            "counts a time window. A gobreaker without BucketPeriod (older releases) clears the Counts every",
            "Interval instead: failures that straddle two intervals are split, and it opens somewhat later.",
            "Counts.Requests counts a call when it starts, so calls still running lower the rate.",
        ]
        if case .calls(let size) = rule.window {
            notes.append(
                "The simulator's window is the last \(size) calls; the nearest Interval is twice the time they take at \(rateWords)."
            )
            notes += dependencyLines
        }
        notes.append(
            "MaxRequests is both the probes allowed while half-open and the consecutive successes needed to close: "
                + (halfOpenProbes == 1
                    ? "with 1, one success closes, as in the simulator."
                    : "with \(halfOpenProbes), gobreaker closes only after \(halfOpenProbes) successes, where the simulator closes on the first.")
        )
        notes += goTimeoutNote
        return comment(header + notes + tooFewCalls(rule) + keptSettings, "//")
            + """
            cb := gobreaker.NewCircuitBreaker(gobreaker.Settings{
            \tName:         "\(name)",
            \tMaxRequests:  \(halfOpenProbes),
            \tInterval:     \(interval) * time.Millisecond,
            \tBucketPeriod: \(bucket) * time.Millisecond,
            \tTimeout:      \(goTimeout),
            \tReadyToTrip:  func(counts gobreaker.Counts) bool {
            \t\treturn counts.Requests >= \(rule.minimumCalls) &&
            \t\t\tfloat64(counts.TotalFailures) >= \(rule.threshold)*float64(counts.Requests)
            \t},
            })

            """
    }

    func opossum(_ header: [String], _ rule: RateRule) -> String {
        let timeout = timeout.map { String(($0 + 999_999) / 1_000_000) } ?? "false"
        let rolling = windowMilliseconds(rule)
        let percent = formatNumber(max(0, ((rule.threshold * 100 - 0.1) * 1e6).rounded() / 1e6))
        var notes = [
            "opossum opens on an error percentage over a rolling window of ten buckets once volumeThreshold",
            "calls were made in it, as the simulator's breaker does, but it compares strictly (rate > threshold):",
            "\(percent) stands for \(rule.percent)% or more; the two differ only when the window's failed share lies between",
            "\(percent)% and \(rule.percent)%. Calls still running count in the rate too. opossum also times calls out",
            "itself: timeout is the scenario client's.",
        ]
        notes += noCountWindow(rule, "opossum", "rollingCountTimeout \(rolling) ms")
        notes += Self.opossumWindowNotes
        notes.append("One call is let through while half-open.")
        return comment(header + notes + tooFewCalls(rule) + keptSettings, "//")
            + """
            const breaker = new CircuitBreaker(action, {
              name: '\(name)',
              errorThresholdPercentage: \(percent),
              volumeThreshold: \(rule.minimumCalls),
              rollingCountTimeout: \(rolling),
              rollingCountBuckets: 10,
              resetTimeout: \(retryMilliseconds),
              timeout: \(timeout),
            });

            """
    }
}
