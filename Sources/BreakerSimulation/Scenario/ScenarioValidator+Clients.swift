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
        var rate: Double?
        var arrival = Arrival.poisson
        var timeout = second
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
            case "retry": retry = member.value == .null ? nil : retryPolicy(member.value, memberPath)
            case "breaker": breaker = member.value == .null ? nil : breakerSettings(member.value, memberPath)
            default: unknownKey(member.key, in: path, of: .client)
            }
        }
        requireKeys(of: .client, in: members, at: path)
        guard findings.count == before, let name, let calls, let rate else { return nil }
        return ClientProfile(
            name: name, instances: instances, calls: calls, rate: rate, arrival: arrival, timeout: timeout,
            retry: retry, breaker: breaker)
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
        for member in members {
            let memberPath = joinPath(path, member.key)
            switch member.key {
            case "allowed_fails":
                settings.allowedFails =
                    integer(member.value, memberPath, 1...ScenarioLimits.maximumAllowedFails)
                    ?? settings.allowedFails
            case "retry_timer":
                settings.retryTimer =
                    duration(member.value, memberPath, .nonNegative, maximum: ScenarioLimits.longestDuration)
                    ?? settings.retryTimer
            case "half_open_probes":
                settings.halfOpenProbes =
                    integer(member.value, memberPath, 1...ScenarioLimits.maximumHalfOpenProbes)
                    ?? settings.halfOpenProbes
            default: unknownKey(member.key, in: path, of: .breaker)
            }
        }
        return findings.count == before ? settings : nil
    }
}
