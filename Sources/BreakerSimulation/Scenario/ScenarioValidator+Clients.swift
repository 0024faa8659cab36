// Clients: the services they call, their arrivals, retries and breaker settings.

private let second: Nanoseconds = 1_000_000_000
private let millisecond: Nanoseconds = 1_000_000

extension ScenarioValidator {
    mutating func client(_ value: JSONValue, _ path: String, index: Int) -> ClientProfile? {
        guard let members = object(value, path, what: "a client") else { return nil }
        let before = findings.count
        var name: String?
        var instances = 1
        var calls: String?
        var routes: [Route]?
        var rate: Double?
        var arrival = Arrival.poisson
        var timeout = second
        var workers: Int?
        var backlog: Int?
        var deadline: Nanoseconds?
        var retry: RetryPolicy?
        var breaker: BreakerSettings? = BreakerSettings()
        for member in members {
            let memberPath = joinPath(path, member.key)
            switch member.key {
            case "name":
                name = uniqueName(
                    member.value, memberPath, index: index, among: \.clientNameIndex, list: "clients",
                    noun: "client")
            case "instances":
                instances =
                    integer(member.value, memberPath, 1...ScenarioLimits.maximumTotalInstances) ?? instances
            case "calls":
                calls = string(member.value, memberPath)
                if let service = calls, !serviceNames.contains(service) {
                    report(memberPath, unknownServiceMessage(service))
                }
            case "routes":
                routes = nonEmptyList(member.value, memberPath, noun: "route") { $0.route($1, $2, index: $3) }
                if let count = routes?.count, count > ScenarioLimits.maximumRoutes {
                    report(memberPath, "has \(count) routes; the limit is \(ScenarioLimits.maximumRoutes)")
                }
                if let routes {
                    var seen: [String: Int] = [:]
                    for (index, route) in routes.enumerated() {
                        if let first = seen[route.name] {
                            report(
                                joinPath(joinPath(memberPath, index), "name"),
                                "duplicate route name \(quoted(route.name)) (also \(memberPath)[\(first)])")
                        } else {
                            seen[route.name] = index
                        }
                    }
                }
            case "rate":
                rate = number(member.value, memberPath)
                if let value = rate, value <= 0 {
                    report(memberPath, "must be greater than 0 (got \(member.value.got))")
                } else if let value = rate, value < ScenarioLimits.minimumRate {
                    report(memberPath, "must be at least 0.000001 calls per second (got \(member.value.got))")
                }
            case "arrival": arrival = choice(member.value, memberPath, Arrival.self) ?? arrival
            case "timeout":
                timeout =
                    duration(member.value, memberPath, .positive, maximum: ScenarioLimits.longestDuration)
                    ?? timeout
            case "workers":
                workers = integer(member.value, memberPath, 1...ScenarioLimits.maximumCapacity)
            case "backlog":
                backlog = integer(member.value, memberPath, 0...ScenarioLimits.maximumCapacity)
            case "deadline":
                deadline = duration(
                    member.value, memberPath, .positive, maximum: ScenarioLimits.longestDuration)
            case "retry": retry = member.value == .null ? nil : retryPolicy(member.value, memberPath)
            case "breaker": breaker = member.value == .null ? nil : breakerSettings(member.value, memberPath)
            default: unknownKey(member.key, in: path, of: .client)
            }
        }
        requireKeys(of: .client, in: members, at: path)
        if members.has("calls") && members.has("routes") {
            report(
                joinPath(path, "routes"),
                "give either \"calls\" (one service) or \"routes\" (several kinds of request), not both")
        } else if !members.has("calls") && !members.has("routes") {
            report(path, "missing required key \"calls\" (or \"routes\")")
        }
        if members.has("backlog") && !members.has("workers") {
            report(
                joinPath(path, "backlog"),
                "needs \"workers\": without a worker limit no request waits (got \(members.value(for: "backlog")?.got ?? ""))"
            )
        }
        if let slowCall = breaker?.slowCall, slowCall >= timeout {
            // A call that takes the timeout has timed out and failed: it can never be a slow success.
            report(
                joinPath(joinPath(path, "breaker"), "slow_call"),
                "is \(formatDuration(slowCall)), at least the client's timeout (\(formatDuration(timeout))): a call that "
                    + "long has timed out and failed, so no success is ever that slow; make it shorter than the "
                    + "timeout or leave it out")
        }
        guard findings.count == before, let name, let rate else { return nil }
        let requestRoutes: [Route]
        if let calls {
            requestRoutes = [Route(name: calls, calls: [RouteCall(service: calls)])]
        } else if let routes {
            requestRoutes = routes
        } else {
            return nil
        }
        return ClientProfile(
            name: name, instances: instances, routes: requestRoutes, rate: rate, arrival: arrival,
            timeout: timeout, workers: workers, backlog: backlog ?? 0, deadline: deadline, retry: retry,
            breaker: breaker)
    }

    /// One element of a client's `routes`.
    mutating func route(_ value: JSONValue, _ path: String, index: Int) -> Route? {
        guard let members = object(value, path, what: "a route (an object with \"name\" and \"calls\")")
        else {
            return nil
        }
        let before = findings.count
        var name: String?
        var share = 1.0
        var calls: [RouteCall]?
        for member in members {
            let memberPath = joinPath(path, member.key)
            switch member.key {
            case "name": name = self.name(member.value, memberPath)
            case "share":
                if let value = number(member.value, memberPath) {
                    if !(value > 0) || !value.isFinite {
                        report(memberPath, "must be greater than 0 (got \(member.value.got))")
                    }
                    share = value
                }
            case "calls":
                calls = nonEmptyList(member.value, memberPath, noun: "call") { validator, value, path, _ in
                    validator.routeCall(value, path)
                }
                if let count = calls?.count, count > ScenarioLimits.maximumCallsPerRoute {
                    report(
                        memberPath, "has \(count) calls; the limit is \(ScenarioLimits.maximumCallsPerRoute)")
                }
            default: unknownKey(member.key, in: path, of: .route)
            }
        }
        requireKeys(of: .route, in: members, at: path)
        guard findings.count == before, let name, let calls else { return nil }
        return Route(name: name, share: share, calls: calls)
    }

    /// One element of a route's `calls`: `"payments"` or `{"service": "payments", "fallback": true}`.
    mutating func routeCall(_ value: JSONValue, _ path: String) -> RouteCall? {
        if case .string(let service) = value {
            if !serviceNames.contains(service) {
                report(path, unknownServiceMessage(service))
                return nil
            }
            return RouteCall(service: service)
        }
        guard
            let members = object(
                value, path, what: "a service name, or an object with \"service\" and \"fallback\"")
        else { return nil }
        let before = findings.count
        var service: String?
        var fallback = false
        for member in members {
            let memberPath = joinPath(path, member.key)
            switch member.key {
            case "service":
                service = string(member.value, memberPath)
                if let name = service, !serviceNames.contains(name) {
                    report(memberPath, unknownServiceMessage(name))
                }
            case "fallback": fallback = bool(member.value, memberPath) ?? fallback
            default: unknownKey(member.key, in: path, of: .routeCall)
            }
        }
        requireKeys(of: .routeCall, in: members, at: path)
        guard findings.count == before, let service else { return nil }
        return RouteCall(service: service, fallback: fallback)
    }

    func unknownServiceMessage(_ service: String) -> String {
        var message = "unknown service \(quoted(service))"
        if let close = suggestion(for: service, among: serviceNames) {
            message += " (did you mean \(quoted(close))?)"
        } else if serviceNames.isEmpty {
            message += " (the scenario defines no services)"
        } else {
            var listed = serviceNames.prefix(10).map { quoted($0) }.joined(separator: ", ")
            if serviceNames.count > 10 { listed += ", ..." }
            message += " (services: \(listed))"
        }
        return message
    }

    mutating func retryPolicy(_ value: JSONValue, _ path: String) -> RetryPolicy? {
        guard let members = object(value, path, what: "an object with \"max\", or null") else { return nil }
        let before = findings.count
        var maximum: Int?
        var backoff = 100 * millisecond
        var multiplier = 2.0
        var cap: Nanoseconds?
        var jitter = Jitter.full
        var retryRejected = false
        for member in members {
            let memberPath = joinPath(path, member.key)
            switch member.key {
            case "max": maximum = integer(member.value, memberPath, 0...ScenarioLimits.maximumRetries)
            case "backoff":
                backoff =
                    duration(member.value, memberPath, .nonNegative, maximum: ScenarioLimits.longestDuration)
                    ?? backoff
            case "multiplier":
                if let value = number(member.value, memberPath) {
                    if value < 1 {
                        report(memberPath, "must be at least 1 (got \(member.value.got))")
                    }
                    multiplier = value
                }
            case "cap":
                cap = duration(
                    member.value, memberPath, .nonNegative, maximum: ScenarioLimits.longestDuration)
            case "jitter": jitter = choice(member.value, memberPath, Jitter.self) ?? jitter
            case "retry_rejected": retryRejected = bool(member.value, memberPath) ?? retryRejected
            default: unknownKey(member.key, in: path, of: .retry)
            }
        }
        requireKeys(of: .retry, in: members, at: path)
        if let cap, findings.count == before, cap < backoff {
            report(
                joinPath(path, "cap"),
                "must be at least the backoff (\(formatDuration(backoff))) (got \(formatDuration(cap)))")
        }
        guard findings.count == before, let maximum else { return nil }
        return RetryPolicy(
            max: maximum, backoff: backoff, multiplier: multiplier, cap: cap ?? max(10 * second, backoff),
            jitter: jitter, retryRejected: retryRejected)
    }

    mutating func breakerSettings(_ value: JSONValue, _ path: String) -> BreakerSettings? {
        guard let members = object(value, path, what: "an object, or null for an unprotected client") else {
            return nil
        }
        let before = findings.count
        var settings = BreakerSettings()
        var policy = BreakerPolicyName.consecutive
        var threshold: Double?
        var window: BreakerSettings.Window?
        var minimumCalls: Int?
        for member in members {
            let memberPath = joinPath(path, member.key)
            switch member.key {
            case "policy":
                policy = choice(member.value, memberPath, BreakerPolicyName.self) ?? policy
            case "allowed_fails":
                settings.allowedFails =
                    integer(member.value, memberPath, 1...ScenarioLimits.maximumAllowedFails)
                    ?? settings.allowedFails
            case "failure_rate":
                threshold = failureRate(member.value, memberPath)
            case "window":
                window = rateWindow(member.value, memberPath)
            case "minimum_calls":
                minimumCalls = integer(member.value, memberPath, 1...ScenarioLimits.maximumAllowedFails)
            case "slow_call":
                settings.slowCall = duration(
                    member.value, memberPath, .positive, maximum: ScenarioLimits.longestDuration)
            case "retry_timer":
                settings.retryTimer =
                    duration(member.value, memberPath, .nonNegative, maximum: ScenarioLimits.longestDuration)
                    ?? settings.retryTimer
            case "retry_jitter":
                settings.retryJitter = probability(member.value, memberPath) ?? settings.retryJitter
            case "half_open_probes":
                settings.halfOpenProbes =
                    integer(member.value, memberPath, 1...ScenarioLimits.maximumHalfOpenProbes)
                    ?? settings.halfOpenProbes
            default: unknownKey(member.key, in: path, of: .breaker)
            }
        }
        guard findings.count == before else { return nil }
        // Each policy's keys with the other policy are mistakes, not defaults to ignore.
        switch policy {
        case .consecutive:
            for key in ["failure_rate", "window", "minimum_calls"] where members.has(key) {
                report(
                    joinPath(path, key),
                    "applies only to \"policy\": \"failure_rate\" (this breaker's policy is \"consecutive\""
                        + (members.has("policy") ? ")" : ", the default)"))
            }
        case .failureRate:
            if members.has("allowed_fails") {
                report(
                    joinPath(path, "allowed_fails"),
                    "applies only to \"policy\": \"consecutive\" (a \"failure_rate\" breaker opens on its "
                        + "failure_rate over its window)")
            }
            for key in ["failure_rate", "window"] where !members.has(key) {
                report(path, "missing key \(quoted(key)), which \"policy\": \"failure_rate\" needs")
            }
            guard findings.count == before, let threshold, let window else { return nil }
            let minimum: Int
            switch window {
            case .calls(let size):
                minimum = minimumCalls ?? size
                if minimum > size {
                    report(
                        joinPath(path, "minimum_calls"),
                        "must be at most the window's \(size) calls (more are never in it) (got \(minimum))")
                }
            case .duration:
                minimum = minimumCalls ?? ScenarioLimits.defaultMinimumCalls
            }
            settings.policy = .failureRate(threshold: threshold, window: window, minimumCalls: minimum)
        }
        return findings.count == before ? settings : nil
    }

    /// `failure_rate`: a share of calls, more than 0 and at most 1.
    mutating func failureRate(_ value: JSONValue, _ path: String) -> Double? {
        guard case .number = value else {
            typeMismatch(value, path, expected: "must be a number more than 0 and at most 1")
            return nil
        }
        guard let share = number(value, path) else { return nil }
        guard share > 0 && share <= 1 else {
            report(path, "must be more than 0 and at most 1 (a share of the calls; got \(value.got))")
            return nil
        }
        return share
    }

    /// `window`: a number of calls, or a duration as a string.
    mutating func rateWindow(_ value: JSONValue, _ path: String) -> BreakerSettings.Window? {
        switch value {
        case .number:
            return integer(value, path, 1...ScenarioLimits.maximumWindowCalls).map { .calls($0) }
        case .string:
            let shortest = ScenarioLimits.shortestWindow
            guard let length = duration(value, path, .positive, maximum: ScenarioLimits.longestDuration)
            else {
                return nil
            }
            guard length >= shortest.0 else {
                report(path, "must be at least \(shortest.1) (got \(value.got))")
                return nil
            }
            return .duration(length)
        default:
            report(
                path,
                "must be a number of calls such as 20, or a duration string such as \"10s\" (got \(value.got))"
            )
            return nil
        }
    }
}

/// The values of a breaker's `policy`.
enum BreakerPolicyName: String, CaseIterable {
    case consecutive
    case failureRate = "failure_rate"
}
