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
        /// Whether `key`'s duration holds `condition`; if not, the report says it must be `what`.
        func holds(_ key: String, _ condition: Bool, _ what: String, in validator: inout Self) -> Bool {
            if !condition {
                let got = formatDuration(values[key] ?? 0)
                validator.report(joinPath(path, key), "must be \(what) (got \(got))")
            }
            return condition
        }
        switch kind {
        case .constant:
            guard let value = values["value"] else { return nil }
            return .constant(value)
        case .uniform:
            guard let min = values["min"], let max = values["max"],
                holds("max", max >= min, "at least min (\(formatDuration(min)))", in: &self)
            else { return nil }
            return .uniform(min: min, max: max)
        case .exponential:
            guard let mean = values["mean"], holds("mean", mean > 0, "greater than 0", in: &self)
            else { return nil }
            return .exponential(mean: mean)
        case .lognormal:
            guard let p50 = values["p50"], let p99 = values["p99"],
                holds("p50", p50 > 0, "greater than 0", in: &self),
                holds("p99", p99 >= p50, "at least p50 (\(formatDuration(p50)))", in: &self)
            else { return nil }
            return .lognormal(p50: p50, p99: p99)
        }
    }
}
