import BreakerCore

/// The result of one simulation run: the numbers behind the headless output and the sweep.
public struct RunSummary: Sendable {
    /// Per-breaker results.
    public struct BreakerResult: Sendable {
        /// The client instance's name: `client#n`, or the client's name when it has one instance.
        public var name: String
        /// The name of the client this instance belongs to, as the scenario file gives it.
        public var client: String
        /// The name of the service the instance calls, as the scenario file gives it.
        public var service: String
        /// Whether a breaker guarded the calls; `false` for an unprotected client or a `--no-breakers` run.
        public var protected: Bool
        /// The instance's counters over the whole run.
        public var stats: BreakerStats
        /// Latencies of the calls the breaker let through, from attempt to outcome; `nil` when none
        /// ended.
        public var latency: LatencySummary?
    }

    /// Request outcomes of one route of a client, over all its instances.
    public struct RouteResult: Sendable {
        /// The route's name (a one-call client's only route is named after its service).
        public var name: String
        /// Outcomes of its requests.
        public var requests: RequestStats
        /// Latencies of its requests that were served, from arrival to final answer; `nil` when none
        /// was answered.
        public var latency: LatencySummary?
    }

    /// Request outcomes of one client, over all its instances and routes.
    public struct ClientResult: Sendable {
        /// The client's name, as the scenario file gives it.
        public var name: String
        /// Outcomes of its requests.
        public var requests: RequestStats
        /// Latencies of its requests that were served; `nil` when none was answered.
        public var latency: LatencySummary?
        /// Its routes, in file order.
        public var routes: [RouteResult]
    }

    /// Per-service results.
    public struct ServiceResult: Sendable {
        /// The service's name, as the scenario file gives it.
        public var name: String
        /// Calls that reached the service (attempts the breakers let through), including those its
        /// capacity limits turned away.
        public var received: Int
        /// Calls the service answered successfully, however late the answer came for the client.
        public var succeeded: Int
        /// Calls the service failed: errors, outages and calls turned away by its capacity limits.
        public var failed: Int
    }

    /// Totals over every breaker.
    public struct Totals: Sendable, Equatable {
        /// Attempts that reached a breaker, retries included; each is either executed or rejected.
        public var offered = 0
        /// Attempts the breakers let through to their service.
        public var executed = 0
        /// Executed attempts that succeeded within the client's timeout.
        public var succeeded = 0
        /// Executed attempts that failed or timed out.
        public var failed = 0
        /// Attempts the breakers rejected without calling the service.
        public var rejected = 0
        /// Errors an error policy chose not to count.
        ///
        /// Always 0 in the simulator, whose synthetic errors all count; kept for parity with
        /// BreakerCore's error policies and the JSON output.
        public var ignored = 0
        /// Half-open probes sent.
        public var probes = 0
        /// Transitions to open.
        public var opens = 0
        /// Outcomes of the user requests of every client (the sum of the clients' `requests`).
        public var requests = RequestStats()
        /// Attempts executed while the called service was degraded (the `calls_to_failing_service` metric).
        public var executedWhileDegraded = 0
        /// Attempts rejected while the called service was healthy (the `good_calls_rejected` metric).
        public var rejectedWhileHealthy = 0
        /// Opens while the called service was healthy.
        public var falseOpens = 0
        /// Time the breakers spent open, summed over breakers, in nanoseconds.
        public var timeOpen: Nanoseconds = 0
        /// Time the breakers spent half-open, summed over breakers, in nanoseconds.
        public var timeHalfOpen: Nanoseconds = 0
        /// Time the breakers spent in any state, summed over breakers (unprotected clients' instances,
        /// which have none, left out), in nanoseconds: the denominator of the time-open ratio.
        public var timeTotal: Nanoseconds = 0
    }

    /// Derived metrics (see the README's "Metrics" section for definitions).
    public struct Metrics: Sendable {
        /// Good requests (succeeded within the deadline) per simulated second.
        public var goodputPerSecond: Double
        /// Share of requests that were good, 0 to 1; `nil` when there were no requests.
        public var goodputRatio: Double?
        /// Mean time from an episode's start to a breaker's first open in it, in nanoseconds.
        ///
        /// `nil` when no breaker opened during any episode.
        public var detectionDelay: Nanoseconds?
        /// Mean time from an episode's end to a breaker's close, in nanoseconds.
        ///
        /// Averaged over the breakers open at an episode's end that closed later; `nil` when none did.
        public var recoveryDelay: Nanoseconds?
        /// Breakers that stayed open (or half-open) until the end after an episode ended.
        public var unrecovered: Int
        /// Opens while the service was healthy.
        public var falseOpens: Int
        /// Attempts executed while the service was degraded.
        public var callsToFailingService: Int
        /// Attempts rejected while the service was healthy.
        public var goodCallsRejected: Int
        /// Share of breaker-time spent open or half-open, 0 to 1; `nil` when there is no breaker-time
        /// (no breakers, or nothing simulated).
        public var timeOpenRatio: Double?
    }

    /// The scenario's name, as the scenario file gives it.
    public var scenario: String
    /// The seed the run used; the same scenario and seed always give the same summary.
    public var seed: UInt64
    /// The scenario's duration in nanoseconds, even when the run was stopped early.
    public var duration: Nanoseconds
    /// The simulated time reached, in nanoseconds, when the run was stopped early; `nil` for a run
    /// that reached its end.
    ///
    /// Rates use it, and episodes that had not started are left out.
    public var interruptedAt: Nanoseconds?
    /// Whether the scenario's breakers were on (`false`: every client ran unprotected).
    public var withBreakers: Bool
    /// Counters summed over every breaker.
    public var totals: Totals
    /// One result per client instance, clients in file order.
    public var breakers: [BreakerResult]
    /// One result per service, in file order.
    public var services: [ServiceResult]
    /// One result per client, in file order.
    public var clients: [ClientResult]
    /// The episodes that started before the run ended, by service then time.
    public var episodes: [EpisodeResult]
    /// The derived metrics the README defines.
    public var metrics: Metrics

    /// Summarises a finished simulation.
    public init(simulation: borrowing Simulation, episodes tracker: EpisodeTracker, withBreakers: Bool) {
        let scenario = simulation.scenario
        self.scenario = scenario.name
        seed = scenario.seed
        duration = scenario.duration
        let simulated = simulation.isFinished ? scenario.duration : min(simulation.now, scenario.duration)
        interruptedAt = simulation.isFinished ? nil : simulated
        self.withBreakers = withBreakers
        var totals = Totals()
        var protectedSet = Set<Int>()
        breakers = simulation.breakers.enumerated().map { index, breaker in
            if breaker.settings != nil { protectedSet.insert(index) }
            let stats = breaker.stats
            totals.offered += stats.offered
            totals.executed += stats.executed
            totals.succeeded += stats.succeeded
            totals.failed += stats.failed
            totals.rejected += stats.rejected
            totals.probes += stats.probes
            totals.opens += stats.opens
            totals.executedWhileDegraded += stats.executedWhileDegraded
            totals.rejectedWhileHealthy += stats.rejectedWhileHealthy
            totals.falseOpens += stats.falseOpens
            // An unprotected client's slot is no breaker: its time, always "closed", would dilute the ratio.
            if breaker.settings != nil {
                totals.timeOpen += stats.timeOpen
                totals.timeHalfOpen += stats.timeHalfOpen
                totals.timeTotal += stats.timeOpen + stats.timeHalfOpen + stats.timeClosed
            }
            return BreakerResult(
                name: breaker.name, client: scenario.clients[breaker.client].name,
                service: scenario.services[breaker.service].name, protected: breaker.settings != nil,
                stats: stats, latency: simulation.callLatency(breaker: index).summary)
        }
        var route = 0
        var clients: [ClientResult] = []
        for client in scenario.clients {
            var requests = RequestStats()
            var latency = LatencyHistogram()
            var routes: [RouteResult] = []
            for profile in client.routes {
                let stats = simulation.requestStats(route: route)
                let histogram = simulation.requestLatency(route: route)
                requests.add(stats)
                latency.add(histogram)
                routes.append(RouteResult(name: profile.name, requests: stats, latency: histogram.summary))
                route += 1
            }
            clients.append(
                ClientResult(name: client.name, requests: requests, latency: latency.summary, routes: routes))
            totals.requests.add(requests)
        }
        self.clients = clients
        self.totals = totals
        services = scenario.services.indices.map { index in
            let stats = simulation.serviceStats(index)
            return ServiceResult(
                name: scenario.services[index].name, received: stats.received, succeeded: stats.succeeded,
                failed: stats.failed)
        }
        episodes = tracker.results(protectedBreakers: protectedSet).filter { $0.episode.start < simulated }
        let detected = episodes.reduce(0) { $0 + $1.detected }
        let recovered = episodes.reduce(0) { $0 + $1.recovered }
        let seconds = max(Double(simulated) / 1e9, 1e-9)
        metrics = Metrics(
            goodputPerSecond: Double(totals.requests.good) / seconds,
            goodputRatio: totals.requests.requests > 0
                ? Double(totals.requests.good) / Double(totals.requests.requests) : nil,
            detectionDelay: detected > 0
                ? episodes.reduce(0) { $0 + $1.detectionDelayTotal } / Nanoseconds(detected) : nil,
            recoveryDelay: recovered > 0
                ? episodes.reduce(0) { $0 + $1.recoveryDelayTotal } / Nanoseconds(recovered) : nil,
            unrecovered: episodes.reduce(0) { $0 + $1.unrecovered },
            falseOpens: totals.falseOpens,
            callsToFailingService: totals.executedWhileDegraded,
            goodCallsRejected: totals.rejectedWhileHealthy,
            timeOpenRatio: totals.timeTotal > 0
                ? Double(totals.timeOpen + totals.timeHalfOpen) / Double(totals.timeTotal) : nil)
    }

    /// Runs a scenario to the end and summarises it.
    public static func run(_ scenario: Scenario, withBreakers: Bool = true) -> RunSummary {
        var run = ScenarioRun(scenario: scenario, withBreakers: withBreakers)
        run.run()
        return run.summary()
    }

    // MARK: Output

    /// The JSON document of DESIGN.md's output contract; the same run always gives the same bytes.
    public func json() -> String {
        var w = JSONWriter()
        w.object { w in
            w.field("scenario", scenario)
            w.field("seed", .raw(String(seed)))
            w.field("duration_s", seconds: duration)
            if let interruptedAt { w.field("interrupted_at_s", seconds: interruptedAt) }
            w.field("breakers_enabled", .bool(withBreakers))
            w.object("totals") { w in
                w.field("offered", totals.offered)
                w.field("executed", totals.executed)
                w.field("succeeded", totals.succeeded)
                w.field("failed", totals.failed)
                w.field("rejected", totals.rejected)
                w.field("ignored", totals.ignored)
                w.field("probes", totals.probes)
                w.field("opens", totals.opens)
                w.field("requests", totals.requests.requests)
                w.field("requests_succeeded", totals.requests.succeeded)
                w.field("requests_good", totals.requests.good)
                w.field("requests_degraded", totals.requests.degraded)
                w.field("requests_late", totals.requests.late)
                w.field("requests_shed", totals.requests.shed)
                w.field("requests_failed", totals.requests.failed)
                w.field("user_wait_s", seconds: totals.requests.userWait)
            }
            w.objects("breakers", breakers) { w, breaker in
                let s = breaker.stats
                w.field("name", breaker.name)
                w.field("client", breaker.client)
                w.field("service", breaker.service)
                w.field("protected", .bool(breaker.protected))
                w.field("offered", s.offered)
                w.field("executed", s.executed)
                w.field("succeeded", s.succeeded)
                w.field("failed", s.failed)
                w.field("rejected", s.rejected)
                w.field("opens", s.opens)
                w.field("closes", s.closes)
                w.field("probes", s.probes)
                w.field("probes_failed", s.probesFailed)
                w.field("time_closed_s", seconds: s.timeClosed)
                w.field("time_open_s", seconds: s.timeOpen)
                w.field("time_half_open_s", seconds: s.timeHalfOpen)
                w.field("first_open_at_s", seconds: s.firstOpenAt)
                w.latency(breaker.latency)
            }
            w.objects("services", services) { w, service in
                w.field("name", service.name)
                w.field("received", service.received)
                w.field("succeeded", service.succeeded)
                w.field("failed", service.failed)
            }
            w.objects("clients", clients) { w, client in
                w.field("name", client.name)
                w.requestFields(client.requests, latency: client.latency)
                w.objects("routes", client.routes) { w, route in
                    w.field("name", route.name)
                    w.requestFields(route.requests, latency: route.latency)
                }
            }
            w.object("metrics") { w in
                w.field("goodput_per_s", .double(metrics.goodputPerSecond))
                w.field("goodput_ratio", ratio: metrics.goodputRatio)
                w.field("detection_delay_s", seconds: metrics.detectionDelay)
                w.field("recovery_delay_s", seconds: metrics.recoveryDelay)
                w.field("unrecovered", metrics.unrecovered)
                w.field("false_opens", metrics.falseOpens)
                w.field("calls_to_failing_service", metrics.callsToFailingService)
                w.field("good_calls_rejected", metrics.goodCallsRejected)
                w.field("time_open_ratio", ratio: metrics.timeOpenRatio)
                w.objects("episodes", episodes) { w, result in
                    w.field("service", services[result.episode.service].name)
                    w.field("label", result.episode.label)
                    w.field("start_s", seconds: result.episode.start)
                    w.field("end_s", seconds: result.episode.end)
                    w.field("breakers", result.breakers)
                    w.field("detected", result.detected)
                    w.field("detection_delay_s", seconds: result.meanDetectionDelay)
                    w.field("recovered", result.recovered)
                    w.field("recovery_delay_s", seconds: result.meanRecoveryDelay)
                    w.field("unrecovered", result.unrecovered)
                }
            }
        }
        return w.output
    }
}

extension JSONWriter {
    /// `latency_ms`: the percentiles in milliseconds, or null when nothing was recorded.
    mutating func latency(_ summary: LatencySummary?) {
        guard let summary else {
            field("latency_ms", .null)
            return
        }
        object("latency_ms") { w in
            for (key, value) in [
                ("p50", summary.p50), ("p90", summary.p90), ("p99", summary.p99), ("p999", summary.p999),
                ("max", summary.max),
            ] {
                w.field(key, .double(Double(value) / 1e6))
            }
        }
    }

    /// The request counts of a client or route, then its latency.
    mutating func requestFields(_ stats: RequestStats, latency summary: LatencySummary?) {
        field("requests", stats.requests)
        field("good", stats.good)
        field("degraded", stats.degraded)
        field("late", stats.late)
        field("shed", stats.shed)
        field("failed", stats.failed)
        field("in_progress", stats.requests - stats.ended)
        field("succeeded", stats.succeeded)
        field("user_wait_s", seconds: stats.userWait)
        latency(summary)
    }
}
