// What the loader promises about every scenario it accepts ("the engine can trust them"): the ranges
// and references that the README and the validator's limits state. A loaded scenario that breaks one
// is a validator bug.

import BreakerSimulation

private let second: Nanoseconds = 1_000_000_000
private let thirtyDays: Nanoseconds = 30 * 24 * 3_600 * second

/// Stops the fuzzer with the broken promise.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("loaded scenario breaks a promise: \(message())") }
}

private func isName(_ text: String) -> Bool {
    !text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
        && !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }
}

func checkPromises(_ scenario: Scenario) {
    require(isName(scenario.name), "name \(scenario.name.debugDescription)")
    require((1...thirtyDays).contains(scenario.duration), "duration \(scenario.duration)")
    require(scenario.sampleEvery > 0, "sample_every \(scenario.sampleEvery)")
    require(scenario.duration / scenario.sampleEvery <= 1_000_000, "samples")
    require(!scenario.services.isEmpty, "no services")
    require(!scenario.clients.isEmpty, "no clients")

    var serviceNames: [String] = []
    for service in scenario.services {
        require(isName(service.name), "service name \(service.name.debugDescription)")
        require(!serviceNames.contains(service.name), "duplicate service \(service.name.debugDescription)")
        serviceNames.append(service.name)
        checkLatency(service.latency, "services.\(service.name).latency")
        require((0...1).contains(service.errorRate), "error_rate \(service.errorRate)")
        if let capacity = service.capacity {
            require((1...10_000_000).contains(capacity.concurrency), "concurrency \(capacity.concurrency)")
            require((0...10_000_000).contains(capacity.queue), "queue \(capacity.queue)")
        }
        var previousEnd: Nanoseconds = 0
        for phase in service.phases {
            checkPhase(phase, duration: scenario.duration)
            require(phase.at >= previousEnd, "phases overlap or are unsorted: \(service.phases)")
            previousEnd = phase.end
        }
    }

    var clientNames: [String] = []
    var instances = 0
    var calls = 0.0
    for client in scenario.clients {
        require(isName(client.name), "client name \(client.name.debugDescription)")
        require(!clientNames.contains(client.name), "duplicate client \(client.name.debugDescription)")
        clientNames.append(client.name)
        require(!client.routes.isEmpty && client.routes.count <= 100, "routes \(client.routes.count)")
        var routeNames: [String] = []
        for route in client.routes {
            require(!routeNames.contains(route.name), "duplicate route \(route.name.debugDescription)")
            routeNames.append(route.name)
            require(route.share.isFinite && route.share > 0, "share \(route.share)")
            require(!route.calls.isEmpty && route.calls.count <= 20, "calls \(route.calls.count)")
            for call in route.calls {
                require(
                    serviceNames.contains(call.service),
                    "route calls unknown \(call.service.debugDescription)")
            }
        }
        if let workers = client.workers { require((1...10_000_000).contains(workers), "workers \(workers)") }
        require((0...10_000_000).contains(client.backlog), "backlog \(client.backlog)")
        require(client.backlog == 0 || client.workers != nil, "backlog without workers")
        if let deadline = client.deadline { require(deadline > 0, "deadline \(deadline)") }
        require(client.rate.isFinite && client.rate > 0, "rate \(client.rate)")
        require((1...100_000).contains(client.instances), "instances \(client.instances)")
        require(client.timeout > 0, "timeout \(client.timeout)")
        if let retry = client.retry {
            require((0...10).contains(retry.max), "retry.max \(retry.max)")
            require(retry.backoff >= 0, "backoff \(retry.backoff)")
            require(retry.multiplier.isFinite && retry.multiplier >= 1, "multiplier \(retry.multiplier)")
            require(retry.cap >= retry.backoff, "cap \(retry.cap) < backoff \(retry.backoff)")
        }
        if let breaker = client.breaker {
            require((1...1_000_000).contains(breaker.allowedFails), "allowed_fails \(breaker.allowedFails)")
            require(breaker.retryTimer >= 0, "retry_timer \(breaker.retryTimer)")
            require(
                (1...10_000).contains(breaker.halfOpenProbes), "half_open_probes \(breaker.halfOpenProbes)")
            require((0...1).contains(breaker.retryJitter), "retry_jitter \(breaker.retryJitter)")
            if let slowCall = breaker.slowCall { require(slowCall > 0, "slow_call \(slowCall)") }
            if case .failureRate(let threshold, let window, let minimumCalls) = breaker.policy {
                require(threshold > 0 && threshold <= 1, "failure_rate \(threshold)")
                switch window {
                case .calls(let size):
                    require((1...10_000).contains(size), "window \(size) calls")
                    require((1...size).contains(minimumCalls), "minimum_calls \(minimumCalls) of \(size)")
                case .duration(let length):
                    require(length >= 1_000_000, "window \(length) ns")
                    require(minimumCalls >= 1, "minimum_calls \(minimumCalls)")
                }
            }
            // What the engine is given must be a configuration BreakerCore accepts (it traps otherwise).
            _ = breaker.configuration
        }
        instances += client.instances
        calls +=
            client.rate * Double(client.instances) * Double(scenario.duration) / Double(second)
            * Double(1 + (client.retry?.max ?? 0))
    }
    require(instances <= 100_000, "\(instances) instances")
    require(calls <= 2e9, "\(calls) expected calls")
}

private func checkLatency(_ latency: LatencyDistribution, _ path: String) {
    switch latency {
    case .constant(let value):
        require(value >= 0, "\(path) constant \(value)")
    case .uniform(let min, let max):
        require(min >= 0 && max >= min, "\(path) uniform \(min)..\(max)")
    case .exponential(let mean):
        require(mean > 0, "\(path) exponential mean \(mean)")
    case .lognormal(let p50, let p99):
        require(p50 > 0 && p99 >= p50, "\(path) lognormal \(p50) \(p99)")
    }
}

private func checkPhase(_ phase: Phase, duration: Nanoseconds) {
    require(phase.at >= 0 && phase.at < duration, "phase at \(phase.at)")
    require(phase.length > 0, "phase length \(phase.length)")
    require(!phase.at.addingReportingOverflow(phase.length).overflow, "phase end overflows")
    require(isName(phase.label), "phase label \(phase.label.debugDescription)")
    require(
        phase.errorRate != nil || phase.outage != nil || phase.flap != nil || phase.latency != nil,
        "phase without effect")
    require(!(phase.outage != nil && phase.flap != nil), "outage and flap")
    require(!(phase.outage != nil && phase.errorRate != nil), "outage and error_rate")
    if let errorRate = phase.errorRate {
        require((0...1).contains(errorRate), "phase error_rate \(errorRate)")
    }
    if let flap = phase.flap {
        require(flap.up > 0 && flap.down > 0, "flap \(flap)")
    }
    switch phase.latency {
    case .add(let extra)?: require(extra >= 0, "latency add \(extra)")
    case .replace(let distribution)?: checkLatency(distribution, "phase latency")
    case nil: break
    }
}
