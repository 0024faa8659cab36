// Turns a parsed JSON document into a validated `Scenario`, collecting every problem in document
// order: members are visited in file order, and the checks that span several fields (missing keys,
// overlapping phases, total load) come right after the object they concern.

/// Limits against absurd sizes: nothing a scenario asks for may exhaust memory or run for days.
enum ScenarioLimits {
    /// Largest scenario file read.
    static let maximumFileSize = 16 << 20
    /// Longest simulated run, and longest latency, timeout, backoff, retry timer or flap period: the
    /// engine adds these to the current time, which must stay far from `Int64` nanoseconds' limit.
    static let maximumDuration: Nanoseconds = 30 * 24 * 3_600 * 1_000_000_000
    /// The words for ``maximumDuration`` in messages.
    static let maximumDurationText = "30 days"
    /// Lowest `rate`: the mean gap between calls (and the longest draw, about 45 times the mean) must
    /// fit in virtual time.
    static let minimumRate = 0.000_001
    /// Most snapshots in one run (`duration / sample_every`).
    static let maximumSamples: Int64 = 1_000_000
    /// Most client instances over all clients.
    static let maximumTotalInstances = 100_000
    /// Most calls a run is expected to simulate.
    static let maximumExpectedCalls = 2e9
    /// Largest `capacity.concurrency` and `capacity.queue`.
    static let maximumCapacity = 10_000_000
    /// Largest `retry.max`.
    static let maximumRetries = 10
    /// Largest `breaker.allowed_fails`.
    static let maximumAllowedFails = 1_000_000
    /// Largest `breaker.half_open_probes`.
    static let maximumHalfOpenProbes = 10_000
}

private let second: Nanoseconds = 1_000_000_000
/// The upper bound of every duration field but `sample_every` and a phase's `for`, with its words.
private let longestDuration = (ScenarioLimits.maximumDuration, ScenarioLimits.maximumDurationText)
private let millisecond: Nanoseconds = 1_000_000

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
        return names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}

/// Lower bound of a duration field.
private enum DurationBound {
    case nonNegative
    case positive
}

/// Validates a scenario document; see ``ScenarioLoader``.
struct ScenarioValidator {
    /// A problem, plus the path of the field it is about (for unknown keys, the key itself), used to
    /// tell which `--set` override caused it.
    struct Finding: Equatable {
        var path: String
        var message: String
        var subject: String
    }

    private(set) var findings: [Finding] = []
    /// The scenario's duration, read ahead of the members so phases can be checked against it.
    private var scenarioDuration: Nanoseconds?
    /// Service names, read ahead so clients can refer to services defined after them.
    private var serviceNames: [String] = []
    private var serviceNameIndex: [String: Int] = [:]
    private var clientNameIndex: [String: Int] = [:]

    init() {}

    private mutating func report(_ path: String, _ message: String, subject: String? = nil) {
        findings.append(Finding(path: path, message: message, subject: subject ?? path))
    }

    // MARK: - Document

    /// Validates the whole document; returns nil exactly when ``findings`` is not empty.
    mutating func validate(_ root: JSONValue) -> Scenario? {
        guard case .object(let members) = root else {
            report("", "must be a JSON object with the scenario's fields (got \(root.got))")
            return nil
        }
        if let value = members.value(for: "duration"), case .success(let ns) = durationValue(value), ns > 0 {
            scenarioDuration = ns
        }
        if case .array(let items)? = members.value(for: "services") {
            for case .object(let service) in items {
                if case .string(let name)? = service.value(for: "name"), !serviceNames.contains(name) {
                    serviceNames.append(name)
                }
            }
        }

        var name: String?
        var description = ""
        var seed: UInt64 = 1
        var duration: Nanoseconds?
        var sampleEvery: Nanoseconds? = second
        var services: [ServiceProfile]?
        var clients: [ClientProfile]?
        for member in members {
            let path = joinPath("", member.key)
            switch member.key {
            case "name": name = self.name(member.value, path)
            case "description": description = string(member.value, path) ?? description
            case "seed": seed = self.seed(member.value, path) ?? seed
            case "duration":
                duration = self.duration(member.value, path, .positive, maximum: longestDuration)
            case "sample_every": sampleEvery = self.duration(member.value, path, .positive)
            case "services": services = serviceList(member.value, path)
            case "clients": clients = clientList(member.value, path)
            default: unknownKey(member.key, in: "", of: .scenario)
            }
        }
        requireKeys(of: .scenario, in: members, at: "")

        if let duration, let sampleEvery, duration / sampleEvery > ScenarioLimits.maximumSamples {
            report(
                "sample_every",
                "would take \(duration / sampleEvery) samples over \(formatDuration(duration)); the limit is "
                    + "\(ScenarioLimits.maximumSamples) — use a larger sample_every")
        }
        if let clients {
            checkLoad(clients, duration: duration)
        }

        guard findings.isEmpty, let name, let duration, let sampleEvery, let services, let clients else {
            return nil
        }
        return Scenario(
            name: name, description: description, seed: seed, duration: duration, sampleEvery: sampleEvery,
            services: services, clients: clients)
    }

    /// The limits on total instances and expected calls.
    private mutating func checkLoad(_ clients: [ClientProfile], duration: Nanoseconds?) {
        let instances = clients.reduce(0) { $0 + $1.instances }
        if instances > ScenarioLimits.maximumTotalInstances {
            report(
                "clients",
                "has \(instances) instances in total; the limit is \(ScenarioLimits.maximumTotalInstances)")
        }
        guard let duration else { return }
        let seconds = Double(duration) / Double(second)
        let calls = clients.reduce(0.0) { total, client in
            total + client.rate * Double(client.instances) * seconds * Double(1 + (client.retry?.max ?? 0))
        }
        if !(calls <= ScenarioLimits.maximumExpectedCalls) {
            let estimate = calls.isFinite ? "about \(formatScientific(calls))" : "more than 1e308"
            report(
                "",
                "would simulate \(estimate) calls; the limit is "
                    + "\(formatScientific(ScenarioLimits.maximumExpectedCalls)) — shorten duration or lower rate"
            )
        }
    }

    // MARK: - Services

    private mutating func serviceList(_ value: JSONValue, _ path: String) -> [ServiceProfile]? {
        guard case .array(let items) = value else {
            report(path, "must be an array of services (got \(value.got))")
            return nil
        }
        if items.isEmpty {
            report(path, "must list at least one service")
            return nil
        }
        var services: [ServiceProfile] = []
        for (index, item) in items.enumerated() {
            if let service = service(item, joinPath(path, index), index: index) {
                services.append(service)
            }
        }
        return services.count == items.count ? services : nil
    }

    private mutating func service(_ value: JSONValue, _ path: String, index: Int) -> ServiceProfile? {
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
                name = self.name(member.value, memberPath)
                if let name {
                    if let first = serviceNameIndex[name] {
                        report(memberPath, "duplicate service name \(quoted(name)) (also services[\(first)])")
                    } else {
                        serviceNameIndex[name] = index
                    }
                }
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

    private mutating func capacity(_ value: JSONValue, _ path: String) -> Capacity? {
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

    private mutating func latencyDistribution(
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
                    values[key] = duration(member.value, memberPath, .nonNegative, maximum: longestDuration)
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

    // MARK: - Phases

    private mutating func phases(_ value: JSONValue, _ path: String) -> [Phase]? {
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

    private mutating func phase(_ value: JSONValue, _ path: String) -> Phase? {
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
                            + "(\(formatDuration(scenarioDuration)))")
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

    private func defaultLabel(
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

    private mutating func flap(_ value: JSONValue, _ path: String) -> Flap? {
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
            case "up": up = duration(member.value, memberPath, .positive, maximum: longestDuration)
            case "down": down = duration(member.value, memberPath, .positive, maximum: longestDuration)
            case "dist": dist = choice(member.value, memberPath, PeriodDistribution.self) ?? dist
            case "outage": outage = choice(member.value, memberPath, OutageMode.self) ?? outage
            default: unknownKey(member.key, in: path, of: .flap)
            }
        }
        requireKeys(of: .flap, in: members, at: path)
        guard findings.count == before, let up, let down else { return nil }
        return Flap(up: up, down: down, dist: dist, outage: outage)
    }

    private mutating func phaseLatency(_ value: JSONValue, _ path: String) -> LatencyChange? {
        let what = "an object with \"add\" (an extra delay) or \"dist\" (a replacement distribution)"
        guard let members = object(value, path, what: what) else { return nil }
        if members.has("add") {
            let before = findings.count
            var extra: Nanoseconds?
            for member in members {
                let memberPath = joinPath(path, member.key)
                switch member.key {
                case "add": extra = duration(member.value, memberPath, .nonNegative, maximum: longestDuration)
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

    // MARK: - Clients

    private mutating func clientList(_ value: JSONValue, _ path: String) -> [ClientProfile]? {
        guard case .array(let items) = value else {
            report(path, "must be an array of clients (got \(value.got))")
            return nil
        }
        if items.isEmpty {
            report(path, "must list at least one client")
            return nil
        }
        var clients: [ClientProfile] = []
        for (index, item) in items.enumerated() {
            if let client = client(item, joinPath(path, index), index: index) {
                clients.append(client)
            }
        }
        return clients.count == items.count ? clients : nil
    }

    private mutating func client(_ value: JSONValue, _ path: String, index: Int) -> ClientProfile? {
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
                name = self.name(member.value, memberPath)
                if let name {
                    if let first = clientNameIndex[name] {
                        report(memberPath, "duplicate client name \(quoted(name)) (also clients[\(first)])")
                    } else {
                        clientNameIndex[name] = index
                    }
                }
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
                timeout = duration(member.value, memberPath, .positive, maximum: longestDuration) ?? timeout
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

    private func unknownServiceMessage(_ service: String) -> String {
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

    private mutating func retryPolicy(_ value: JSONValue, _ path: String) -> RetryPolicy? {
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
                    duration(member.value, memberPath, .nonNegative, maximum: longestDuration) ?? backoff
            case "multiplier":
                if let value = number(member.value, memberPath) {
                    if value < 1 {
                        report(memberPath, "must be at least 1 (got \(member.value.got))")
                    }
                    multiplier = value
                }
            case "cap": cap = duration(member.value, memberPath, .nonNegative, maximum: longestDuration)
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

    private mutating func breakerSettings(_ value: JSONValue, _ path: String) -> BreakerSettings? {
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
                    duration(member.value, memberPath, .nonNegative, maximum: longestDuration)
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

    // MARK: - Shared checks

    /// An unknown key of a schema object: "did you mean" among the object's keys.
    private mutating func unknownKey(_ key: String, in path: String, of object: ScenarioObject) {
        unknownKey(key, in: path, known: object.keyNames)
    }

    private mutating func unknownKey(_ key: String, in path: String, known: [String]) {
        var message = "unknown key \(quoted(key))"
        if let close = suggestion(for: key, among: known) {
            message += " (did you mean \(quoted(close))?)"
        } else {
            message += " (known keys: \(known.joined(separator: ", ")))"
        }
        report(path, message, subject: joinPath(path, key))
    }

    /// The schema's required keys of `object` that `members` lacks, in the schema's order.
    private mutating func requireKeys(of object: ScenarioObject, in members: [JSONMember], at path: String) {
        for key in object.requiredKeyNames where !members.has(key) {
            report(path, "missing required key \(quoted(key))")
        }
    }

    private mutating func object(_ value: JSONValue, _ path: String, what: String) -> [JSONMember]? {
        guard case .object(let members) = value else {
            report(path, "must be \(what) (got \(value.got))")
            return nil
        }
        return members
    }

    /// A type error, with a hint when a number was written in quotes.
    private mutating func typeMismatch(_ value: JSONValue, _ path: String, expected: String) {
        var message = "\(expected) (got \(value.got)"
        if case .string(let text) = value, text.first.map({ $0.isNumber || $0 == "-" }) ?? false,
            Double(text) != nil
        {
            message += "; remove the quotes"
        } else if case .string(let text) = value, text.hasSuffix("%"),
            let percent = Double(text.dropLast())
        {
            message += "; write \(formatNumber(percent / 100)) for \(text)"
        }
        report(path, message + ")")
    }

    private mutating func string(_ value: JSONValue, _ path: String) -> String? {
        guard case .string(let text) = value else {
            report(path, "must be a string (got \(value.got))")
            return nil
        }
        return text
    }

    /// A non-empty string without control characters (names and labels).
    private mutating func name(_ value: JSONValue, _ path: String) -> String? {
        guard let text = string(value, path) else { return nil }
        if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            report(path, "must not be empty")
            return nil
        }
        if text.unicodeScalars.contains(where: isControl) {
            report(path, "must not contain control characters (got \(quoted(text)))")
            return nil
        }
        return text
    }

    private mutating func bool(_ value: JSONValue, _ path: String) -> Bool? {
        guard case .bool(let flag) = value else {
            report(path, "must be true or false (got \(value.got))")
            return nil
        }
        return flag
    }

    private mutating func number(_ value: JSONValue, _ path: String) -> Double? {
        guard case .number(let number) = value else {
            typeMismatch(value, path, expected: "must be a number")
            return nil
        }
        guard number.value.isFinite else {
            report(path, "must be a finite number (got \(shortened(number.literal)))")
            return nil
        }
        return number.value
    }

    private mutating func probability(_ value: JSONValue, _ path: String) -> Double? {
        guard case .number = value else {
            typeMismatch(value, path, expected: "must be a number between 0 and 1")
            return nil
        }
        guard let probability = number(value, path) else { return nil }
        guard (0...1).contains(probability) else {
            report(path, "must be between 0 and 1 (got \(value.got))")
            return nil
        }
        return probability
    }

    private mutating func integer(_ value: JSONValue, _ path: String, _ range: ClosedRange<Int>) -> Int? {
        guard case .number(let number) = value else {
            typeMismatch(value, path, expected: "must be a whole number")
            return nil
        }
        guard number.isWhole else {
            report(path, "must be a whole number (got \(value.got))")
            return nil
        }
        guard let exact = number.int64, let integer = Int(exactly: exact), range.contains(integer) else {
            let bounds =
                range.upperBound == Int.max
                ? "must be at least \(range.lowerBound)"
                : "must be between \(range.lowerBound) and \(range.upperBound)"
            report(path, "\(bounds) (got \(value.got))")
            return nil
        }
        return integer
    }

    private mutating func seed(_ value: JSONValue, _ path: String) -> UInt64? {
        guard case .number(let number) = value else {
            typeMismatch(value, path, expected: "must be a whole number")
            return nil
        }
        guard number.isWhole else {
            report(path, "must be a whole number (got \(value.got))")
            return nil
        }
        guard let seed = number.uint64 else {
            report(path, "must be between 0 and \(UInt64.max) (got \(value.got))")
            return nil
        }
        return seed
    }

    private mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ value: JSONValue, _ path: String, _: Choice.Type
    ) -> Choice? where Choice.RawValue == String {
        let options = Choice.allCases.map(\.rawValue)
        if case .string(let text) = value, let choice = Choice(rawValue: text) {
            return choice
        }
        var message = "must be one of \(options.map { quoted($0) }.joined(separator: ", ")) (got \(value.got)"
        if case .string(let text) = value, let close = suggestion(for: text, among: options) {
            message += "; did you mean \(quoted(close))?"
        }
        report(path, message + ")")
        return nil
    }

    /// A duration field; `maximum` is an upper bound with its wording ("30 days").
    private mutating func duration(
        _ value: JSONValue, _ path: String, _ bound: DurationBound, maximum: (Nanoseconds, String)? = nil
    ) -> Nanoseconds? {
        let expected = "must be a duration such as \"250ms\", \"1m30s\" or a number of seconds"
        let shown: String
        switch value {
        case .string(let text): shown = quoted(text)
        case .number(let number): shown = shortened(number.literal)
        default:
            report(path, "\(expected) (got \(value.got))")
            return nil
        }
        switch durationValue(value) {
        case .failure(.malformed):
            var message = "\(expected) (got \(value.got)"
            if case .string(let text) = value, text.hasSuffix("d"),
                parseDuration(String(text.dropLast())) != nil
            {
                message += "; days are not a unit, use hours such as \"48h\""
            }
            report(path, message + ")")
        case .failure(.negative):
            report(path, "must not be negative (got \(shown))")
        case .failure(.overflow):
            if let maximum {
                report(path, "must be at most \(maximum.1) (got \(shown))")
            } else {
                report(path, "is too long (got \(shown); durations must be under about 292 years)")
            }
        case .success(let ns):
            if bound == .positive, ns == 0 {
                report(path, "must be greater than 0 (got \(shown))")
            } else if let maximum, ns > maximum.0 {
                report(path, "must be at most \(maximum.1) (got \(shown))")
            } else {
                return ns
            }
        }
        return nil
    }

    private func durationValue(_ value: JSONValue) -> Result<Nanoseconds, DurationParseFailure> {
        switch value {
        case .string(let text): parseDurationDetailed(text)
        case .number(let number): parseDurationDetailed(number.literal)
        default: .failure(.malformed)
        }
    }
}
