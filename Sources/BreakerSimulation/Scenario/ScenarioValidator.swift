// Turns a parsed JSON document into a validated `Scenario`, collecting every problem in document
// order: members are visited in file order, and the checks that span several fields (missing keys,
// overlapping phases, total load) come right after the object they concern.

private let second: Nanoseconds = 1_000_000_000

/// Validates a scenario document; see ``ScenarioLoader``.
struct ScenarioValidator {
    /// A problem, plus the path of the field it is about (for unknown keys, the key itself), used to
    /// tell which `--set` override caused it.
    struct Finding: Equatable {
        var path: String
        var message: String
        var subject: String
        /// Other fields the problem depends on (a phase that starts after the end depends on
        /// `duration`), so that an override of one of them is named as the cause too.
        var related: [String] = []
    }

    /// Every problem found so far, in document order.
    private(set) var findings: [Finding] = []
    /// The scenario's duration, read ahead of the members so phases can be checked against it.
    var scenarioDuration: Nanoseconds?
    /// Service names, read ahead so clients can refer to services defined after them.
    var serviceNames: [String] = []
    /// The index of the first service of each name, to point a duplicate at it.
    var serviceNameIndex: [String: Int] = [:]
    /// The index of the first client of each name, to point a duplicate at it.
    var clientNameIndex: [String: Int] = [:]

    init() {}

    /// Records a problem; `subject` is the field it is about when that is not `path` (an unknown key).
    mutating func report(_ path: String, _ message: String, subject: String? = nil, related: [String] = []) {
        findings.append(Finding(path: path, message: message, subject: subject ?? path, related: related))
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
                duration = self.duration(
                    member.value, path, .positive, maximum: ScenarioLimits.longestDuration)
            case "sample_every": sampleEvery = self.duration(member.value, path, .positive)
            case "services":
                services = nonEmptyList(member.value, path, noun: "service") { $0.service($1, $2, index: $3) }
            case "clients":
                clients = nonEmptyList(member.value, path, noun: "client") { $0.client($1, $2, index: $3) }
            default: unknownKey(member.key, in: "", of: .scenario)
            }
        }
        requireKeys(of: .scenario, in: members, at: "")

        if let duration, let sampleEvery, sampleEvery > duration {
            // Not one sample would be taken: the timeline, the report's charts and the dashboard's
            // history would all be empty.
            report(
                "sample_every",
                "is longer than the run (\(formatDuration(sampleEvery)) against a duration of "
                    + "\(formatDuration(duration))), so no sample would be taken — use a sample_every of at most the duration",
                related: ["duration"])
        } else if let duration, let sampleEvery, duration / sampleEvery > ScenarioLimits.maximumSamples {
            report(
                "sample_every",
                "would take \(duration / sampleEvery) samples over \(formatDuration(duration)); the limit is "
                    + "\(ScenarioLimits.maximumSamples) — use a larger sample_every", related: ["duration"])
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
        let breakers = clients.reduce(0) { $0 + $1.instances * $1.dependencies.count }
        if instances > ScenarioLimits.maximumTotalInstances {
            report(
                "clients",
                "has \(instances) instances in total; the limit is \(ScenarioLimits.maximumTotalInstances)")
        } else if breakers > ScenarioLimits.maximumTotalInstances {
            report(
                "clients",
                "has \(breakers) breakers in total (one per instance per service it calls); the limit is "
                    + "\(ScenarioLimits.maximumTotalInstances)")
        }
        guard let duration else { return }
        let calls = Scenario.expectedCalls(clients: clients, duration: duration)
        if !(calls <= ScenarioLimits.maximumExpectedCalls) {
            let estimate = calls.isFinite ? "about \(formatScientific(calls))" : "more than 1e308"
            report(
                "",
                "would simulate \(estimate) calls; the limit is "
                    + "\(formatScientific(ScenarioLimits.maximumExpectedCalls)) — shorten duration or lower rate",
                related: ["duration", "clients"])
        }
    }
}
