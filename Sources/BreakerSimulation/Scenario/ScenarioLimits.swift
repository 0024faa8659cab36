// The validator's limits on sizes, in one place: the messages and the README quote them.

/// Limits against absurd sizes: nothing a scenario asks for may exhaust memory or run for days.
package enum ScenarioLimits {
    /// Largest scenario file read.
    package static let maximumFileSize = 16 << 20
    /// Longest simulated run, and longest latency, timeout, backoff, retry timer or flap period: the
    /// engine adds these to the current time, which must stay far from `Int64` nanoseconds' limit.
    package static let maximumDuration: Nanoseconds = 30 * 24 * 3_600 * 1_000_000_000
    /// The words for ``maximumDuration`` in messages.
    package static let maximumDurationText = "30 days"
    /// The upper bound of every duration field but `sample_every` and a phase's `for`, with its words.
    package static let longestDuration = (maximumDuration, maximumDurationText)
    /// Shortest mean `up` or `down` period of a flap, with its words: a service cannot go down and come
    /// back faster than its calls take, and each period is an event (at 1 ns a five-minute flap was
    /// 3×10¹¹ of them, and the run exhausted memory).
    package static let shortestFlapPeriod: (Nanoseconds, String) = (1_000_000, "1ms")
    /// Lowest `rate`: the mean gap between calls (and the longest draw, about 45 times the mean) must
    /// fit in virtual time.
    package static let minimumRate = 0.000_001
    /// Most snapshots in one run (`duration / sample_every`).
    package static let maximumSamples: Int64 = 1_000_000
    /// Most client instances over all clients.
    package static let maximumTotalInstances = 100_000
    /// Most calls a run is expected to simulate.
    package static let maximumExpectedCalls = 2e9
    /// Largest `capacity.concurrency` and `capacity.queue`.
    package static let maximumCapacity = 10_000_000
    /// Largest `retry.max`.
    package static let maximumRetries = 10
    /// The most routes a client may have, and calls a route may make.
    package static let maximumRoutes = 100
    package static let maximumCallsPerRoute = 20
    /// Largest `breaker.allowed_fails`.
    package static let maximumAllowedFails = 1_000_000
    /// Longest name or label, in characters: a name is shown on one line of the dashboard, a report's
    /// axis and a message (a 10,000-character name once took the report 103 s to lay out).
    package static let longestName = 200
    /// Largest `breaker.window` in calls: each breaker keeps a bit per call of its window, so 100,000
    /// breakers with the largest window keep 125 MB.
    package static let maximumWindowCalls = 10_000
    /// Shortest `breaker.window` as a duration, with its words: the window is counted in ten buckets,
    /// and a bucket far shorter than a call holds next to nothing.
    package static let shortestWindow: (Nanoseconds, String) = (1_000_000, "1ms")
    /// `breaker.minimum_calls` of a time window when the file gives none (Resilience4j's default); a
    /// count window's is its size.
    package static let defaultMinimumCalls = 100
    /// Largest `breaker.half_open_probes`.
    package static let maximumHalfOpenProbes = 10_000
}
