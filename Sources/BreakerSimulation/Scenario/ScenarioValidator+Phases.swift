// Phases: their times, effects and labels, and that no two of a service's phases overlap.

extension ScenarioValidator {
    mutating func phases(_ value: JSONValue, _ path: String) -> [Phase]? {
        guard case .array(let items) = value else {
            report(path, "must be an array of phases (got \(value.got))")
            return nil
        }
        let before = findings.count
        var valid: [(index: Int, phase: Phase)] = []
        for (index, item) in items.enumerated() {
            if let phase = phase(item, joinPath(path, index)) {
                valid.append((index, phase))
            }
        }
        let sorted = valid.sorted { ($0.phase.at, $0.index) < ($1.phase.at, $1.index) }
        var overlaps: [(index: Int, message: String)] = []
        var latest: (index: Int, phase: Phase)?
        for entry in sorted {
            if let latest, entry.phase.at < latest.phase.end {
                let range = "\(formatDuration(latest.phase.at))..\(formatDuration(latest.phase.end))"
                overlaps.append((entry.index, "overlaps phases[\(latest.index)] (\(range))"))
            }
            if latest.map({ entry.phase.end > $0.phase.end }) ?? true {
                latest = entry
            }
        }
        for overlap in overlaps.sorted(by: { $0.index < $1.index }) {
            report(joinPath(path, overlap.index), overlap.message)
        }
        guard findings.count == before else { return nil }
        return sorted.map(\.phase)
    }

    mutating func phase(_ value: JSONValue, _ path: String) -> Phase? {
        guard let members = object(value, path, what: "a phase") else { return nil }
        let before = findings.count
        var at: Nanoseconds?
        var length: Nanoseconds?
        var label: String?
        var errorRate: Double?
        var outage: OutageMode?
        var flap: Flap?
        var latency: LatencyChange?
        for member in members {
            let memberPath = joinPath(path, member.key)
            switch member.key {
            case "at":
                at = duration(member.value, memberPath, .nonNegative)
                if let at, let scenarioDuration, at >= scenarioDuration {
                    report(
                        memberPath,
                        "starts at \(formatDuration(at)), at or after the end of the scenario "
                            + "(\(formatDuration(scenarioDuration)))", related: ["duration"])
                }
            case "for": length = duration(member.value, memberPath, .positive)
            case "label": label = name(member.value, memberPath)
            case "error_rate": errorRate = probability(member.value, memberPath)
            case "outage": outage = choice(member.value, memberPath, OutageMode.self)
            case "flap": flap = self.flap(member.value, memberPath)
            case "latency": latency = phaseLatency(member.value, memberPath)
            default: unknownKey(member.key, in: path, of: .phase)
            }
        }
        requireKeys(of: .phase, in: members, at: path)
        if !["error_rate", "outage", "flap", "latency"].contains(where: members.has) {
            report(
                path,
                "has no effect; give at least one of \"error_rate\", \"outage\", \"flap\" or \"latency\"")
        }
        if members.has("outage"), members.has("flap") {
            report(path, "\"outage\" and \"flap\" cannot be combined (a flap has its own outages)")
        }
        if members.has("outage"), members.has("error_rate") {
            report(path, "\"outage\" and \"error_rate\" cannot be combined (an outage fails every call)")
        }
        if let at, let length, at.addingReportingOverflow(length).overflow {
            report(joinPath(path, "for"), "is too long (the phase would end after about 292 years)")
        }
        guard findings.count == before, let at, let length else { return nil }
        return Phase(
            at: at, length: length,
            label: label ?? defaultLabel(errorRate: errorRate, outage: outage, flap: flap, latency: latency),
            errorRate: errorRate, outage: outage, flap: flap, latency: latency)
    }

    func defaultLabel(
        errorRate: Double?, outage: OutageMode?, flap: Flap?, latency: LatencyChange?
    ) -> String {
        var parts: [String] = []
        if let outage { parts.append("outage (\(outage.rawValue))") }
        if flap != nil { parts.append("flapping") }
        if let errorRate { parts.append("error_rate \(formatPercent(errorRate))") }
        switch latency {
        case .add(let extra)?: parts.append("+\(formatDuration(extra)) latency")
        case .replace(let distribution)?:
            switch distribution {
            case .constant(let value): parts.append("latency \(formatDuration(value))")
            case .uniform(let min, let max):
                parts.append("latency \(formatDuration(min))..\(formatDuration(max))")
            case .exponential(let mean): parts.append("latency mean \(formatDuration(mean))")
            case .lognormal(let p50, let p99):
                parts.append("latency p50 \(formatDuration(p50)) p99 \(formatDuration(p99))")
            }
        case nil: break
        }
        return parts.joined(separator: ", ")
    }

    /// A flap's mean `up` or `down`: positive, at most the longest duration, at least
    /// ``ScenarioLimits/shortestFlapPeriod``.
    mutating func flapPeriod(_ value: JSONValue, _ path: String) -> Nanoseconds? {
        guard let period = duration(value, path, .positive, maximum: ScenarioLimits.longestDuration) else {
            return nil
        }
        let (shortest, words) = ScenarioLimits.shortestFlapPeriod
        guard period >= shortest else {
            report(
                path,
                "must be at least \(words): a service cannot go down and come back faster than its calls take"
                    + " (got \(formatDuration(period)))")
            return nil
        }
        return period
    }

    mutating func flap(_ value: JSONValue, _ path: String) -> Flap? {
        guard let members = object(value, path, what: "an object with \"up\" and \"down\"") else {
            return nil
        }
        let before = findings.count
        var up: Nanoseconds?
        var down: Nanoseconds?
        var dist = PeriodDistribution.constant
        var outage = OutageMode.failFast
        for member in members {
            let memberPath = joinPath(path, member.key)
            switch member.key {
            case "up": up = flapPeriod(member.value, memberPath)
            case "down": down = flapPeriod(member.value, memberPath)
            case "dist": dist = choice(member.value, memberPath, PeriodDistribution.self) ?? dist
            case "outage": outage = choice(member.value, memberPath, OutageMode.self) ?? outage
            default: unknownKey(member.key, in: path, of: .flap)
            }
        }
        requireKeys(of: .flap, in: members, at: path)
        guard findings.count == before, let up, let down else { return nil }
        return Flap(up: up, down: down, dist: dist, outage: outage)
    }

    mutating func phaseLatency(_ value: JSONValue, _ path: String) -> LatencyChange? {
        let what = "an object with \"add\" (an extra delay) or \"dist\" (a replacement distribution)"
        guard let members = object(value, path, what: what) else { return nil }
        if members.has("add") {
            let before = findings.count
            var extra: Nanoseconds?
            for member in members {
                let memberPath = joinPath(path, member.key)
                switch member.key {
                case "add":
                    extra = duration(
                        member.value, memberPath, .nonNegative, maximum: ScenarioLimits.longestDuration)
                case let key where ScenarioObject.latency.keyNames.contains(key):
                    report(memberPath, "cannot be combined with \"add\" (give either \"add\" or a \"dist\")")
                default: unknownKey(member.key, in: path, known: ["add"])
                }
            }
            guard findings.count == before, let extra else { return nil }
            return .add(extra)
        }
        if members.contains(where: { ScenarioObject.latency.keyNames.contains($0.key) }) {
            return latencyDistribution(value, path, alsoKnown: ["add"]).map { .replace($0) }
        }
        for member in members {
            unknownKey(member.key, in: path, of: .phaseLatency)
        }
        report(path, "must have \"add\" (an extra delay) or \"dist\" (a replacement distribution)")
        return nil
    }
}
