// A group of calling clients: their arrivals, timeout, retries and breaker settings.

public import BreakerCore

/// How a client's calls are spaced in time.
public enum Arrival: String, Sendable, Equatable, CaseIterable {
    /// Open model: exponential gaps (a Poisson process).
    case poisson
    /// Fixed gaps of `1 / rate`.
    case uniform
}

/// Randomisation of retry backoff.
public enum Jitter: String, Sendable, Equatable, CaseIterable {
    /// Exactly the computed backoff.
    case none
    /// Uniform between zero and the computed backoff.
    case full
    /// Half the computed backoff plus a uniform share of the other half.
    case equal
}

/// Retries of failed or rejected calls.
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt (0 means none).
    public var max: Int
    /// Backoff before the first retry.
    public var backoff: Nanoseconds
    /// Growth of the backoff per retry.
    public var multiplier: Double
    /// Upper bound of the backoff.
    public var cap: Nanoseconds
    /// Randomisation of the backoff.
    public var jitter: Jitter
    /// Whether a call rejected by the breaker is retried too.
    public var retryRejected: Bool

    /// Creates a retry policy; omitted arguments take the defaults a scenario file gets.
    public init(
        max: Int, backoff: Nanoseconds, multiplier: Double = 2, cap: Nanoseconds, jitter: Jitter = .full,
        retryRejected: Bool = false
    ) {
        self.max = max
        self.backoff = backoff
        self.multiplier = multiplier
        self.cap = cap
        self.jitter = jitter
        self.retryRejected = retryRejected
    }
}

/// Circuit breaker parameters of a client, with the original's names.
public struct BreakerSettings: Sendable, Equatable {
    /// When a closed breaker opens (`policy`).
    public enum Policy: Sendable, Equatable {
        /// After ``BreakerSettings/allowedFails`` failures in a row (`"consecutive"`, the default).
        case consecutive
        /// When at least `minimumCalls` calls are in `window` and the failed share of them is
        /// `threshold` or more (`"failure_rate"`, with `failure_rate`, `window`, `minimum_calls`).
        case failureRate(threshold: Double, window: Window, minimumCalls: Int)
    }

    /// The calls a failure-rate policy looks at (`window`).
    public enum Window: Sendable, Hashable {
        /// The last N calls (a number in the file).
        case calls(Int)
        /// The calls that ended in the last D, in ten buckets (a duration string in the file).
        case duration(Nanoseconds)
    }

    /// Consecutive failures that open the breaker (`allowed_fails`; policy `consecutive` only).
    public var allowedFails: Int
    /// Time the breaker stays open before it lets a probe through (`retry_timer`).
    public var retryTimer: Nanoseconds
    /// Probes allowed in flight while half-open (`half_open_probes`).
    public var halfOpenProbes: Int
    /// When the breaker opens (`policy`).
    public var policy: Policy
    /// A success slower than this counts as a failure (`slow_call`); `nil`: durations do not count.
    public var slowCall: Nanoseconds?
    /// Each open period is drawn uniformly within ± this fraction of `retry_timer` (`retry_jitter`).
    public var retryJitter: Double

    /// Creates breaker settings; omitted arguments take the defaults a scenario file gets.
    public init(
        allowedFails: Int = 3, retryTimer: Nanoseconds = 30_000_000_000, halfOpenProbes: Int = 1,
        policy: Policy = .consecutive, slowCall: Nanoseconds? = nil, retryJitter: Double = 0
    ) {
        self.allowedFails = allowedFails
        self.retryTimer = retryTimer
        self.halfOpenProbes = halfOpenProbes
        self.policy = policy
        self.slowCall = slowCall
        self.retryJitter = retryJitter
    }

    /// The BreakerCore configuration these settings stand for.
    public var configuration: CircuitBreakerConfiguration {
        let trip: TripPolicy
        switch policy {
        case .consecutive:
            trip = .consecutiveFailures(allowedFails)
        case .failureRate(let threshold, let window, let minimumCalls):
            let counted: FailureWindow
            switch window {
            case .calls(let size): counted = .calls(size)
            case .duration(let length): counted = .duration(.nanoseconds(length))
            }
            trip = .failureRate(threshold: threshold, window: counted, minimumCalls: minimumCalls)
        }
        return CircuitBreakerConfiguration(
            policy: trip, retryTimer: .nanoseconds(retryTimer), halfOpenProbes: halfOpenProbes,
            slowCallDuration: slowCall.map { .nanoseconds($0) }, retryJitter: retryJitter)
    }

    /// The breaker's rule for opening, in a few words: "5 consecutive failures", "50% of the last
    /// 20 calls (at least 10)", "50% of the calls in 10s (at least 10)".
    public var tripRule: String {
        switch policy {
        case .consecutive:
            return "\(allowedFails) consecutive failures"
        case .failureRate(let threshold, .calls(let size), let minimum):
            let least = minimum == size ? "" : " (at least \(minimum))"
            return "\(formatPercent(threshold)) of the last \(size) calls\(least)"
        case .failureRate(let threshold, .duration(let length), let minimum):
            return
                "\(formatPercent(threshold)) of the calls in \(formatDuration(length)) (at least \(minimum))"
        }
    }

    /// The same in the fewest words, for a state diagram: "5 fails", "50% of 20", "50% in 10s".
    public var shortTripRule: String {
        switch policy {
        case .consecutive: "\(allowedFails) fails"
        case .failureRate(let threshold, .calls(let size), _): "\(formatPercent(threshold)) of \(size)"
        case .failureRate(let threshold, .duration(let length), _):
            "\(formatPercent(threshold)) in \(formatDuration(length))"
        }
    }
}

/// One call of a route: the service it goes to, and whether a failure falls back.
public struct RouteCall: Sendable, Equatable {
    /// Name of the service called.
    public var service: String
    /// Whether a failed or rejected call is answered by a fallback (a cached or default answer): the
    /// request then ends at once, degraded, instead of failing.
    public var fallback: Bool

    /// Creates a call; without a fallback by default.
    public init(service: String, fallback: Bool = false) {
        self.service = service
        self.fallback = fallback
    }
}

/// One kind of request a client serves: the calls it makes, in order, and its share of the requests.
public struct Route: Sendable, Equatable {
    /// Unique within its client; a one-call client's only route is named after its service.
    public var name: String
    /// Relative weight among the client's routes (the shares need not add up to 1).
    public var share: Double
    /// The calls, made one after the other; a failure (after retries, without fallback) ends the request.
    public var calls: [RouteCall]

    /// Creates a route.
    public init(name: String, share: Double = 1, calls: [RouteCall]) {
        self.name = name
        self.share = share
        self.calls = calls
    }
}

/// A group of identical client instances, each with its own breaker per service it calls.
public struct ClientProfile: Sendable, Equatable {
    /// Unique name; instances are shown as `name#1`, `name#2` and so on.
    public var name: String
    /// Number of independent copies.
    public var instances: Int
    /// The kinds of request the client serves; `"calls": "payments"` in a file is one route with one
    /// call, named after the service.
    public var routes: [Route]
    /// Requests per second per instance.
    public var rate: Double
    /// Spacing of requests.
    public var arrival: Arrival
    /// A call not answered within this time fails at the timeout.
    public var timeout: Nanoseconds
    /// Requests an instance serves at once, or `nil` for no limit.
    ///
    /// A request holds its worker from its arrival to its final answer.
    public var workers: Int?
    /// Requests that may wait for a worker when all are busy; more are shed (refused at once).
    public var backlog: Int
    /// How long a user waits for an answer, or `nil` for ever.
    ///
    /// A request answered later is late, whatever the answer.
    public var deadline: Nanoseconds?
    /// Optional retries.
    public var retry: RetryPolicy?
    /// Breaker parameters, or `nil` for an unprotected client.
    public var breaker: BreakerSettings?

    /// The service called, for a client whose requests make one call to one service; `nil` otherwise.
    public var calls: String? {
        guard routes.count == 1, routes[0].calls.count == 1 else { return nil }
        return routes[0].calls[0].service
    }

    /// The services the client calls, each once, in the order they first appear in its routes: one
    /// breaker per instance per service.
    public var dependencies: [String] {
        var seen: [String] = []
        for route in routes {
            for call in route.calls where !seen.contains(call.service) { seen.append(call.service) }
        }
        return seen
    }

    /// Creates a client whose requests make one call to `calls`; omitted arguments take the defaults a
    /// scenario file gets.
    public init(
        name: String, instances: Int = 1, calls: String, rate: Double, arrival: Arrival = .poisson,
        timeout: Nanoseconds = 1_000_000_000, workers: Int? = nil, backlog: Int = 0,
        deadline: Nanoseconds? = nil, retry: RetryPolicy? = nil,
        breaker: BreakerSettings? = BreakerSettings()
    ) {
        self.init(
            name: name, instances: instances,
            routes: [Route(name: calls, calls: [RouteCall(service: calls)])],
            rate: rate, arrival: arrival, timeout: timeout, workers: workers, backlog: backlog,
            deadline: deadline, retry: retry, breaker: breaker)
    }

    /// Creates a client serving several kinds of request; omitted arguments take the defaults a
    /// scenario file gets.
    public init(
        name: String, instances: Int = 1, routes: [Route], rate: Double, arrival: Arrival = .poisson,
        timeout: Nanoseconds = 1_000_000_000, workers: Int? = nil, backlog: Int = 0,
        deadline: Nanoseconds? = nil, retry: RetryPolicy? = nil,
        breaker: BreakerSettings? = BreakerSettings()
    ) {
        self.name = name
        self.instances = instances
        self.routes = routes
        self.rate = rate
        self.arrival = arrival
        self.timeout = timeout
        self.workers = workers
        self.backlog = backlog
        self.deadline = deadline
        self.retry = retry
        self.breaker = breaker
    }
}
