// Writes a `Scenario` back as a scenario file, every field explicit, so that the fuzzer can check
// that loading what was loaded gives the same scenario (durations through formatDuration, numbers
// through Swift's shortest round-trip form).

import BreakerSimulation

enum ScenarioJSON {
    static func encode(_ scenario: Scenario) -> String {
        object([
            ("name", string(scenario.name)),
            ("description", string(scenario.description)),
            ("seed", String(scenario.seed)),
            ("duration", duration(scenario.duration)),
            ("sample_every", duration(scenario.sampleEvery)),
            ("services", array(scenario.services.map(service))),
            ("clients", array(scenario.clients.map(client))),
        ])
    }

    private static func service(_ service: ServiceProfile) -> String {
        var members = [
            ("name", string(service.name)),
            ("latency", latency(service.latency)),
            ("error_rate", number(service.errorRate)),
        ]
        if let capacity = service.capacity {
            members.append(
                (
                    "capacity",
                    object([("concurrency", "\(capacity.concurrency)"), ("queue", "\(capacity.queue)")])
                ))
        }
        members.append(("phases", array(service.phases.map(phase))))
        return object(members)
    }

    private static func latency(_ distribution: LatencyDistribution) -> String {
        object(latencyMembers(distribution))
    }

    private static func latencyMembers(_ distribution: LatencyDistribution) -> [(String, String)] {
        switch distribution {
        case .constant(let value):
            [("dist", string("constant")), ("value", duration(value))]
        case .uniform(let min, let max):
            [("dist", string("uniform")), ("min", duration(min)), ("max", duration(max))]
        case .exponential(let mean):
            [("dist", string("exponential")), ("mean", duration(mean))]
        case .lognormal(let p50, let p99):
            [("dist", string("lognormal")), ("p50", duration(p50)), ("p99", duration(p99))]
        }
    }

    private static func phase(_ phase: Phase) -> String {
        var members = [
            ("at", duration(phase.at)), ("for", duration(phase.length)), ("label", string(phase.label)),
        ]
        if let errorRate = phase.errorRate { members.append(("error_rate", number(errorRate))) }
        if let outage = phase.outage { members.append(("outage", string(outage.rawValue))) }
        if let flap = phase.flap {
            members.append(
                (
                    "flap",
                    object([
                        ("up", duration(flap.up)), ("down", duration(flap.down)),
                        ("dist", string(flap.dist.rawValue)), ("outage", string(flap.outage.rawValue)),
                    ])
                ))
        }
        switch phase.latency {
        case .add(let extra)?: members.append(("latency", object([("add", duration(extra))])))
        case .replace(let distribution)?: members.append(("latency", latency(distribution)))
        case nil: break
        }
        return object(members)
    }

    private static func route(_ route: Route) -> String {
        let calls = route.calls.map { call in
            call.fallback
                ? object([("service", string(call.service)), ("fallback", "true")]) : string(call.service)
        }
        return object([
            ("name", string(route.name)), ("share", number(route.share)),
            ("calls", "[" + calls.joined(separator: ",") + "]"),
        ])
    }

    private static func client(_ client: ClientProfile) -> String {
        var members = [
            ("name", string(client.name)),
            ("instances", "\(client.instances)"),
        ]
        let only = client.routes.count == 1 && client.routes[0].calls.count == 1 ? client.routes[0] : nil
        if let only, only.share == 1, only.name == only.calls[0].service, !only.calls[0].fallback {
            members.append(("calls", string(only.name)))
        } else {
            members.append(("routes", "[" + client.routes.map(route).joined(separator: ",") + "]"))
        }
        members += [
            ("rate", number(client.rate)),
            ("arrival", string(client.arrival.rawValue)),
            ("timeout", duration(client.timeout)),
        ]
        if let workers = client.workers { members.append(("workers", "\(workers)")) }
        if client.backlog != 0 { members.append(("backlog", "\(client.backlog)")) }
        if let deadline = client.deadline { members.append(("deadline", duration(deadline))) }
        if let retry = client.retry {
            members.append(
                (
                    "retry",
                    object([
                        ("max", "\(retry.max)"), ("backoff", duration(retry.backoff)),
                        ("multiplier", number(retry.multiplier)), ("cap", duration(retry.cap)),
                        ("jitter", string(retry.jitter.rawValue)),
                        ("retry_rejected", retry.retryRejected ? "true" : "false"),
                    ])
                ))
        }
        if let breaker = client.breaker {
            members.append(
                (
                    "breaker",
                    object(breakerMembers(breaker))
                ))
        } else {
            members.append(("breaker", "null"))
        }
        return object(members)
    }

    /// A breaker's keys: each policy writes only its own (the other's are an error).
    private static func breakerMembers(_ breaker: BreakerSettings) -> [(String, String)] {
        var members: [(String, String)] = []
        switch breaker.policy {
        case .consecutive:
            members.append(("allowed_fails", "\(breaker.allowedFails)"))
        case .failureRate(let threshold, let window, let minimumCalls):
            members.append(("policy", string("failure_rate")))
            members.append(("failure_rate", number(threshold)))
            switch window {
            case .calls(let size): members.append(("window", "\(size)"))
            case .duration(let length): members.append(("window", duration(length)))
            }
            members.append(("minimum_calls", "\(minimumCalls)"))
        }
        if let slowCall = breaker.slowCall { members.append(("slow_call", duration(slowCall))) }
        members.append(("retry_timer", duration(breaker.retryTimer)))
        members.append(("retry_jitter", number(breaker.retryJitter)))
        members.append(("half_open_probes", "\(breaker.halfOpenProbes)"))
        return members
    }

    // MARK: - JSON text

    private static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    private static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ", ") + "]"
    }

    private static func duration(_ ns: Nanoseconds) -> String {
        string(formatDuration(ns))
    }

    /// Swift's shortest form that reads back as the same `Double` (`0.02`, `1e-05`, `5.0`).
    private static func number(_ value: Double) -> String {
        precondition(value.isFinite, "a loaded scenario has a non-finite number")
        return "\(value)"
    }

    private static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
