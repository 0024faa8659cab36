/// What a sweep optimises: one score per combination, higher is better.
///
/// Every objective is non-decreasing in goodput and in protection and non-increasing in p99 latency and
/// in user wait, and strictly monotone in at least one of them: a combination better on all four
/// always scores higher than one worse on all four (a property test checks it for each objective).
public enum SweepObjective: String, Sendable, CaseIterable {
    /// Keep requests good and keep load off the failing service, in equal parts.
    case balanced
    /// Minimise the calls sent to the service while it is failing.
    case protect
    /// Maximise the share of requests that were good (goodput).
    case availability
    /// Minimise the p99 latency of requests (of the worst client).
    case latency
    /// Minimise the time users spent waiting on requests that did not end good.
    case wait

    /// One sentence for the README and `--help`.
    public var explanation: String {
        switch self {
        case .balanced:
            "half the goodput ratio (requests good within their deadline) plus half the share of the no-breaker run's calls to the failing service that were avoided"
        case .protect:
            "the share of the no-breaker run's calls to the failing service that were avoided; goodput breaks ties"
        case .availability:
            "the share of requests that were good within their deadline (goodput ratio); protection breaks ties"
        case .latency:
            "minus the p99 request latency in seconds of the worst client (the highest client p99); errors and fallbacks answered fast count as fast, so read goodput beside it; goodput breaks ties"
        case .wait:
            "minus the user wait in user-seconds (time users waited on requests that did not end good, cut at the deadline); goodput breaks ties"
        }
    }

    /// The score a run that answered no request gets for its p99 under ``latency``: the worst, as if the
    /// p99 were 10⁹ seconds.
    public static let unansweredLatency = 1e9

    /// The score of a run's metrics, given the unprotected baseline's calls to the failing service.
    public func score(_ metrics: SweepMetrics, baselineCallsToFailing: Double) -> Double {
        let goodput = metrics.goodputRatio
        let avoided = metrics.avoided(baselineCallsToFailing: baselineCallsToFailing)
        switch self {
        case .balanced: return 0.5 * goodput + 0.5 * avoided
        case .protect: return avoided + 0.001 * goodput
        case .availability: return goodput + 0.001 * avoided
        case .latency: return -(metrics.p99Latency ?? Self.unansweredLatency) + 1e-6 * goodput
        case .wait: return -metrics.userWait + 1e-6 * goodput
        }
    }
}

/// The share of good requests of one route, over a sweep's seeds.
public struct SweepRouteShare: Sendable, Equatable {
    /// The client the route belongs to.
    public var client: String
    /// The route's name.
    public var route: String
    /// Good requests (within the deadline) per request, 0 to 1, mean over the seeds that had requests on
    /// it; `nil` when no seed had any.
    public var goodRatio: Double?

    /// A route's share.
    public init(client: String, route: String, goodRatio: Double?) {
        self.client = client
        self.route = route
        self.goodRatio = goodRatio
    }
}

/// The metrics a sweep compares, averaged over seeds.
public struct SweepMetrics: Sendable, Equatable {
    /// Share of requests that were good (succeeded within the deadline), 0 to 1 (0 for a run without
    /// requests).
    public var goodputRatio: Double
    /// Attempts rejected while the service was healthy.
    public var goodCallsRejected: Double
    /// Attempts executed while the service was degraded: the load the breakers should keep off it.
    public var callsToFailingService: Double
    /// Mean detection delay in seconds; `nil` when no breaker detected anything.
    public var detectionDelay: Double?
    /// Mean recovery delay in seconds; `nil` when no breaker open at an episode's end closed later.
    public var recoveryDelay: Double?
    /// Opens while the service was healthy.
    public var falseOpens: Double
    /// Share of breaker-time spent open or half-open, 0 to 1.
    public var timeOpenRatio: Double
    /// The p99 request latency of the worst client (the highest client p99), in seconds; mean over the
    /// seeds that answered a request, `nil` when none did.
    public var p99Latency: Double?
    /// User-seconds spent waiting on requests that did not end good (cut at the deadline).
    public var userWait: Double
    /// Good share per route, clients and routes in file order.
    public var routes: [SweepRouteShare]

    /// The metrics of one run, with delays converted to seconds and missing ratios read as 0.
    ///
    /// - Parameters:
    ///   - summary: The run.
    ///   - clients: The clients to score: only their requests and their breakers count. Empty for every
    ///     client (the whole run). Detection and recovery delays are the run's whatever the clients.
    public init(_ summary: RunSummary, clients: [String] = []) {
        let scored = summary.clients.filter { clients.isEmpty || clients.contains($0.name) }
        detectionDelay = summary.metrics.detectionDelay.map { Double($0) / 1e9 }
        recoveryDelay = summary.metrics.recoveryDelay.map { Double($0) / 1e9 }
        if clients.isEmpty {
            goodputRatio = summary.metrics.goodputRatio ?? 0
            goodCallsRejected = Double(summary.metrics.goodCallsRejected)
            callsToFailingService = Double(summary.metrics.callsToFailingService)
            falseOpens = Double(summary.metrics.falseOpens)
            timeOpenRatio = summary.metrics.timeOpenRatio ?? 0
        } else {
            let requests = scored.reduce(0) { $0 + $1.requests.requests }
            let good = scored.reduce(0) { $0 + $1.requests.good }
            goodputRatio = requests > 0 ? Double(good) / Double(requests) : 0
            let breakers = summary.breakers.filter { clients.contains($0.client) }
            goodCallsRejected = Double(breakers.reduce(0) { $0 + $1.stats.rejectedWhileHealthy })
            callsToFailingService = Double(breakers.reduce(0) { $0 + $1.stats.executedWhileDegraded })
            falseOpens = Double(breakers.reduce(0) { $0 + $1.stats.falseOpens })
            // As the run's ratio: over real breakers, not an unprotected client's always-closed slots.
            let protected = breakers.filter(\.protected)
            let open = protected.reduce(Nanoseconds(0)) { $0 + $1.stats.timeOpen + $1.stats.timeHalfOpen }
            let total = protected.reduce(Nanoseconds(0)) {
                $0 + $1.stats.timeOpen + $1.stats.timeHalfOpen + $1.stats.timeClosed
            }
            timeOpenRatio = total > 0 ? Double(open) / Double(total) : 0
        }
        p99Latency = scored.compactMap { $0.latency.map { Double($0.p99) / 1e9 } }.max()
        userWait = Double(scored.reduce(Nanoseconds(0)) { $0 + $1.requests.userWait }) / 1e9
        routes = scored.flatMap { client in
            client.routes.map { route in
                SweepRouteShare(
                    client: client.name, route: route.name,
                    goodRatio: route.requests.requests > 0
                        ? Double(route.requests.good) / Double(route.requests.requests) : nil)
            }
        }
    }

    init(
        goodputRatio: Double, goodCallsRejected: Double, callsToFailingService: Double,
        detectionDelay: Double?,
        recoveryDelay: Double?, falseOpens: Double, timeOpenRatio: Double, p99Latency: Double? = nil,
        userWait: Double = 0, routes: [SweepRouteShare] = []
    ) {
        self.goodputRatio = goodputRatio
        self.goodCallsRejected = goodCallsRejected
        self.callsToFailingService = callsToFailingService
        self.detectionDelay = detectionDelay
        self.recoveryDelay = recoveryDelay
        self.falseOpens = falseOpens
        self.timeOpenRatio = timeOpenRatio
        self.p99Latency = p99Latency
        self.userWait = userWait
        self.routes = routes
    }

    /// The share of the baseline's calls to the failing service that these metrics avoided (0 when
    /// the baseline sent none).
    public func avoided(baselineCallsToFailing: Double) -> Double {
        baselineCallsToFailing > 0 ? 1 - callsToFailingService / baselineCallsToFailing : 0
    }

    /// The mean over several runs (optional values averaged over the runs that have one).
    static func mean(_ runs: [SweepMetrics]) -> SweepMetrics {
        let n = Double(max(1, runs.count))
        func average(_ values: [Double?]) -> Double? {
            let present = values.compactMap { $0 }
            return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
        }
        let routes = (runs.first?.routes ?? []).enumerated().map { index, route in
            SweepRouteShare(
                client: route.client, route: route.route,
                goodRatio: average(
                    runs.map { $0.routes.indices.contains(index) ? $0.routes[index].goodRatio : nil }))
        }
        return SweepMetrics(
            goodputRatio: runs.reduce(0) { $0 + $1.goodputRatio } / n,
            goodCallsRejected: runs.reduce(0) { $0 + $1.goodCallsRejected } / n,
            callsToFailingService: runs.reduce(0) { $0 + $1.callsToFailingService } / n,
            detectionDelay: average(runs.map(\.detectionDelay)),
            recoveryDelay: average(runs.map(\.recoveryDelay)),
            falseOpens: runs.reduce(0) { $0 + $1.falseOpens } / n,
            timeOpenRatio: runs.reduce(0) { $0 + $1.timeOpenRatio } / n,
            p99Latency: average(runs.map(\.p99Latency)),
            userWait: runs.reduce(0) { $0 + $1.userWait } / n,
            routes: routes)
    }
}

/// The combinations a sweep tries.
public struct SweepGrid: Sendable, Equatable {
    /// The trip rules to try, in the order the grid's rows take.
    public var trips: [SweepTrip]
    /// The `retry_timer` values to try, in nanoseconds, in the order the grid's columns take.
    public var retryTimers: [Nanoseconds]
    /// Runs per combination.
    ///
    /// They use the seeds `seed`, `seed + 1`, … from the scenario's own seed, so every combination is
    /// compared on the same seeds and a lucky seed favours none of them.
    public var seeds: Int

    /// Largest grid × seeds accepted: beyond it a sweep would run for hours on two cores.
    public static let maximumRuns = 100_000

    /// Creates a grid of every `trips` × `retryTimers` combination, each run `seeds` times.
    public init(trips: [SweepTrip], retryTimers: [Nanoseconds], seeds: Int = 1) {
        self.trips = trips
        self.retryTimers = retryTimers
        self.seeds = seeds
    }

    /// Creates a grid of consecutive-failure breakers: every `allowedFails` × `retryTimers`.
    public init(allowedFails: [Int], retryTimers: [Nanoseconds], seeds: Int = 1) {
        self.init(
            trips: allowedFails.map { .consecutive(allowedFails: $0) }, retryTimers: retryTimers, seeds: seeds
        )
    }

    /// The `allowed_fails` values of the consecutive rows, in row order.
    public var allowedFails: [Int] { trips.compactMap(\.allowedFails) }

    /// The policies the rows hold, consecutive first.
    public var policies: [SweepPolicy] {
        SweepPolicy.allCases.filter { policy in trips.contains { $0.policy == policy } }
    }

    /// What the rows vary, for a heading: "allowed_fails" when every row is a consecutive rule, else
    /// "trip rule".
    public var rowTitle: String { policies == [.consecutive] ? "allowed_fails" : "trip rule" }

    /// Every combination, row by row (trip rule outer, retry_timer inner).
    public var cells: [(trip: SweepTrip, retryTimer: Nanoseconds)] {
        trips.flatMap { trip in retryTimers.map { (trip, $0) } }
    }

    /// Number of simulation runs.
    public var runCount: Int { trips.count * retryTimers.count * seeds }
}

/// One combination's outcome.
public struct SweepCell: Sendable, Equatable {
    /// The trip rule the varied clients ran with.
    public var trip: SweepTrip
    /// The `retry_timer` the varied clients ran with, in nanoseconds.
    public var retryTimer: Nanoseconds
    /// Mean over seeds.
    public var metrics: SweepMetrics
    /// Objective score of each seed's run, in seed order.
    public var scores: [Double]

    /// Mean score over seeds.
    public var score: Double { scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count) }

    /// The `allowed_fails` of a consecutive rule; `nil` for a failure rate.
    public var allowedFails: Int? { trip.allowedFails }

    /// "allowed_fails 3, retry_timer 10s", "failure_rate 50% of the last 20 calls, retry_timer 10s".
    public var settingsDescription: String {
        "\(trip.description), retry_timer \(formatDuration(retryTimer))"
    }

    /// A combination's outcome.
    public init(trip: SweepTrip, retryTimer: Nanoseconds, metrics: SweepMetrics, scores: [Double]) {
        self.trip = trip
        self.retryTimer = retryTimer
        self.metrics = metrics
        self.scores = scores
    }

    /// A consecutive-failure combination's outcome.
    public init(allowedFails: Int, retryTimer: Nanoseconds, metrics: SweepMetrics, scores: [Double]) {
        self.init(
            trip: .consecutive(allowedFails: allowedFails), retryTimer: retryTimer, metrics: metrics,
            scores: scores)
    }

    /// Standard deviation of the score over seeds (0 for one seed).
    public var spread: Double {
        guard scores.count > 1 else { return 0 }
        let mean = score
        return (scores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(scores.count - 1)).squareRoot()
    }
}

/// A request latency in seconds for the sweep's tables: whole milliseconds below ten seconds
/// (0.1234 → "123ms"), seconds with one decimal above.
package func formatLatency(_ seconds: Double) -> String {
    seconds < 10 ? "\(Int((seconds * 1000).rounded()))ms" : formatSecondsShort(seconds)
}
