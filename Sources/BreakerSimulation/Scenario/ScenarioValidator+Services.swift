// Services: their names, latency distributions and capacity limits.

/// Latency distributions by their `dist` name, with the keys each one takes.
private enum DistKind: String, CaseIterable {
    case constant
    case uniform
    case exponential
    case lognormal

    var keys: [String] {
        switch self {
        case .constant: ["value"]
        case .uniform: ["min", "max"]
        case .exponential: ["mean"]
        case .lognormal: ["p50", "p99"]
        }
    }

    var takes: String {
        let names = keys.map { quoted($0) }
        guard let last = names.last, names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + last
    }
}

extension ScenarioValidator {
    mutating func service(_ value: JSONValue, _ path: String, index: Int) -> ServiceProfile? {
        guard let members = object(value, path, what: "a service") else { return nil }
        let before = findings.count
        var name: String?
        var latency = LatencyDistribution.constant(0)
        var errorRate = 0.0
        var capacity: Capacity?
        var phases: [Phase] = []
        for member in members {
            let memberPath = joinPath(path, member.key)
            switch member.key {
            case "name":
                name = uniqueName(
                    member.value, memberPath, index: index, among: \.serviceNameIndex, list: "services",
                    noun: "service")
            case "latency": latency = latencyDistribution(member.value, memberPath) ?? latency
            case "error_rate": errorRate = probability(member.value, memberPath) ?? errorRate
            case "capacity":
                if member.value != .null {
                    capacity = self.capacity(member.value, memberPath)
                }
            case "phases": phases = self.phases(member.value, memberPath) ?? []
            default: unknownKey(member.key, in: path, of: .service)
            }
        }
        requireKeys(of: .service, in: members, at: path)
        guard findings.count == before, let name else { return nil }
        return ServiceProfile(
            name: name, latency: latency, errorRate: errorRate, capacity: capacity, phases: phases)
    }

    mutating func capacity(_ value: JSONValue, _ path: String) -> Capacity? {
        guard let members = object(value, path, what: "an object with \"concurrency\" and \"queue\", or null")
        else { return nil }
        let before = findings.count
        var concurrency: Int?
        var queue = 0
        for member in members {
            let memberPath = joinPath(path, member.key)
            switch member.key {
            case "concurrency":
                concurrency = integer(member.value, memberPath, 1...ScenarioLimits.maximumCapacity)
            case "queue":
                queue = integer(member.value, memberPath, 0...ScenarioLimits.maximumCapacity) ?? queue
            default: unknownKey(member.key, in: path, of: .capacity)
            }
        }
        requireKeys(of: .capacity, in: members, at: path)
        guard findings.count == before, let concurrency else { return nil }
        return Capacity(concurrency: concurrency, queue: queue)
    }

    mutating func latencyDistribution(
        _ value: JSONValue, _ path: String, alsoKnown: [String] = []
    ) -> LatencyDistribution? {
        guard let members = object(value, path, what: "an object with \"dist\"") else { return nil }
        let before = findings.count
        var kind: DistKind?
        if case .string(let name)? = members.value(for: "dist") {
            kind = DistKind(rawValue: name)
        }
        var values: [String: Nanoseconds] = [:]
        for member in members {
            let memberPath = joinPath(path, member.key)
            switch member.key {
            case "dist":
                _ = choice(member.value, memberPath, DistKind.self)
            case let key where ScenarioObject.latency.keyNames.contains(key):
                if let kind, !kind.keys.contains(key) {
                    report(
                        memberPath, "is not used by dist \(quoted(kind.rawValue)) (which takes \(kind.takes))"
                    )
                } else {
                    values[key] = duration(
                        member.value, memberPath, .nonNegative, maximum: ScenarioLimits.longestDuration)
                }
            default:
                unknownKey(
                    member.key, in: path,
                    known: (kind.map { ["dist"] + $0.keys } ?? ScenarioObject.latency.keyNames) + alsoKnown)
            }
        }
        guard members.has("dist") else {
            let choices = DistKind.allCases.map { quoted($0.rawValue) }.joined(separator: ", ")
            report(path, "missing required key \"dist\" (one of \(choices))")
            return nil
        }
        guard let kind else { return nil }
        for key in kind.keys where !members.has(key) {
            report(
                path,
                "missing required key \(quoted(key)) (dist \(quoted(kind.rawValue)) takes \(kind.takes))")
        }
        guard findings.count == before else { return nil }
        switch kind {
        case .constant:
            guard let value = values["value"] else { return nil }
            return .constant(value)
        case .uniform:
            guard let min = values["min"], let max = values["max"] else { return nil }
            guard max >= min else {
                report(
                    joinPath(path, "max"),
                    "must be at least min (\(formatDuration(min))) (got \(formatDuration(max)))")
                return nil
            }
            return .uniform(min: min, max: max)
        case .exponential:
            guard let mean = values["mean"] else { return nil }
            guard mean > 0 else {
                report(joinPath(path, "mean"), "must be greater than 0 (got \(formatDuration(mean)))")
                return nil
            }
            return .exponential(mean: mean)
        case .lognormal:
            guard let p50 = values["p50"], let p99 = values["p99"] else { return nil }
            if p50 <= 0 {
                report(joinPath(path, "p50"), "must be greater than 0 (got \(formatDuration(p50)))")
                return nil
            }
            guard p99 >= p50 else {
                report(
                    joinPath(path, "p99"),
                    "must be at least p50 (\(formatDuration(p50))) (got \(formatDuration(p99)))")
                return nil
            }
            return .lognormal(p50: p50, p99: p99)
        }
    }
}
