import Foundation
import Testing

@_spi(ScenarioSchema) @testable import BreakerSimulation

/// Holds the model types, the validator, the README and the fuzzer's dictionary to the schema table
/// (`ScenarioSchema.swift`), so that a key added in one place and forgotten in another fails here.
@Suite struct ScenarioSchemaTests {
    /// The repository's root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Stored properties whose key in the file is not their snake_cased name.
    static let renamedProperties = ["length": "for"]

    /// `errorRate` → `error_rate`.
    static func snakeCased(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// The file keys of a model value's stored properties.
    static func propertyKeys(of value: Any) -> Set<String> {
        Set(
            Mirror(reflecting: value).children.compactMap(\.label).map {
                renamedProperties[$0] ?? snakeCased($0)
            })
    }

    /// The keys a latency distribution is written with besides `dist`; a new case stops this from
    /// compiling until it is added here (and to the schema).
    static func latencyKeys(_ distribution: LatencyDistribution) -> [String] {
        switch distribution {
        case .constant: ["value"]
        case .uniform: ["min", "max"]
        case .exponential: ["mean"]
        case .lognormal: ["p50", "p99"]
        }
    }

    static let distributions: [LatencyDistribution] = [
        .constant(0), .uniform(min: 0, max: 0), .exponential(mean: 1), .lognormal(p50: 1, p99: 1),
    ]

    /// The keys of a phase's latency change; a new case stops this from compiling.
    static func latencyChangeKeys(_ change: LatencyChange) -> [String] {
        switch change {
        case .add: ["add"]
        case .replace: ["dist"] + distributions.flatMap(latencyKeys)
        }
    }

    /// The keys a breaker policy's parameters are written with; a new case stops this from compiling.
    static func policyKeys(_ policy: BreakerSettings.Policy) -> [String] {
        switch policy {
        case .consecutive: []
        case .failureRate: ["failure_rate", "window", "minimum_calls"]
        }
    }

    /// Each schema object with the keys the model has for it.
    static let modelKeys: [(ScenarioObject, Set<String>)] = {
        let service = ServiceProfile(name: "s", latency: .constant(0))
        let client = ClientProfile(name: "c", calls: "s", rate: 1)
        let route = Route(name: "r", calls: [RouteCall(service: "s")])
        return [
            (
                .scenario,
                propertyKeys(of: Scenario(name: "n", duration: 1, services: [service], clients: [client]))
            ),
            (.service, propertyKeys(of: service)),
            (.latency, Set(["dist"] + distributions.flatMap(latencyKeys))),
            (.capacity, propertyKeys(of: Capacity(concurrency: 1, queue: 0))),
            (.phase, propertyKeys(of: Phase(at: 0, length: 1, label: "l"))),
            (.flap, propertyKeys(of: Flap(up: 1, down: 1))),
            (.phaseLatency, Set([LatencyChange.add(0), .replace(.constant(0))].flatMap(latencyChangeKeys))),
            // `calls` is the file's shorthand for a one-call route: the model holds it in `routes`.
            (.client, propertyKeys(of: client).union(["calls"])),
            (.route, propertyKeys(of: route)),
            (.routeCall, propertyKeys(of: RouteCall(service: "s"))),
            (.retry, propertyKeys(of: RetryPolicy(max: 1, backoff: 0, cap: 0))),
            (
                .breaker,
                propertyKeys(of: BreakerSettings()).union(
                    [
                        BreakerSettings.Policy.consecutive,
                        .failureRate(threshold: 1, window: .calls(1), minimumCalls: 1),
                    ]
                    .flatMap(policyKeys))
            ),
        ]
    }()

    /// Every schema object, each with the first path that reaches it (`clients[].retry`).
    static let objectPaths: [(ScenarioObject, String)] = {
        var found: [(ScenarioObject, String)] = []
        func walk(_ object: ScenarioObject, _ path: String) {
            guard !found.contains(where: { $0.0 == object }) else { return }
            found.append((object, path))
            for key in object.keys {
                let keyPath = path.isEmpty ? key.name : path + "." + key.name
                switch key.value {
                case .plain: break
                case .object(let child, _): walk(child, keyPath)
                case .list(let element, _): walk(element, keyPath + "[]")
                }
            }
        }
        walk(.scenario, "")
        return found
    }()

    @Test func everyObjectIsReachableFromTheDocument() {
        #expect(Set(Self.objectPaths.map(\.0)) == Set(ScenarioObject.allCases))
        #expect(Set(Self.modelKeys.map(\.0)) == Set(ScenarioObject.allCases))
    }

    @Test func keysAreUniqueWithinEachObject() {
        for object in ScenarioObject.allCases {
            #expect(Set(object.keyNames).count == object.keyNames.count, "\(object)")
        }
    }

    /// A stored property of the model without a key in the table (or a key that nothing in the model
    /// holds) fails here.
    @Test(arguments: modelKeys.map(\.0)) func theModelAndTheTableHaveTheSameKeys(_ object: ScenarioObject) {
        let model = Self.modelKeys.first { $0.0 == object }?.1 ?? []
        #expect(model.subtracting(object.keyNames).sorted() == [], "in the model, not in the table")
        #expect(Set(object.keyNames).subtracting(model).sorted() == [], "in the table, not in the model")
    }

    /// The README's "Scenario format" section has a row per object that lists exactly its keys, in
    /// the table's order, the required ones in bold.
    @Test func theReadmeListsEveryKey() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "### Scenario format"))
        let rest = readme[start.upperBound...]
        let section = rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
        let lines = section.split(separator: "\n").map(String.init)
        for (object, path) in Self.objectPaths {
            let title = path.isEmpty ? "the document" : "`\(path)`"
            let keys = object.keys.map { $0.isRequired ? "**`\($0.name)`**" : "`\($0.name)`" }
            let row = "| \(title) | \(keys.joined(separator: ", ")) |"
            let listed = lines.contains(row)
            #expect(listed, "the README should have the row \(row)")
        }
    }

    /// The example in the README's "Scenario format" section is a valid scenario.
    @Test func theReadmeExampleLoads() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### Scenario format"))
        let start = try #require(readme.range(of: "```json\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let scenario = try ScenarioLoader.parse(
            Array(readme[start.upperBound..<end.lowerBound].utf8), file: "README")
        #expect(scenario.clients.map(\.name) == ["web", "refunds"])
        #expect(scenario.clients[0].routes.count == 2)
    }

    /// The validator handles every key of the table: setting any of them on flaky.json, whatever the
    /// value's problems, never reports it as unknown.
    @Test func theValidatorKnowsEveryKey() throws {
        let flaky = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("scenarios/flaky.json")))
        let fields = ScenarioObject.scenario.fieldPaths { _ in 1 }
        for field in fields {
            for value in ["0", #""x""#] {
                let problems = scenarioProblems(
                    bytes: flaky, file: "flaky.json", overrides: ["\(field)=\(value)"])
                #expect(
                    !problems.contains { $0.contains("unknown key") || $0.contains("has no key") }, "\(field)"
                )
            }
        }
    }

    /// The fuzzer's dictionary (Fuzz/scenario.dict) has every key, as a JSON key and as a `--set`
    /// path segment.
    @Test func theFuzzDictionaryHasEveryKey() throws {
        let dictionary = try String(
            contentsOf: Self.root.appendingPathComponent("Fuzz/scenario.dict"), encoding: .utf8)
        let lines = Set(dictionary.split(separator: "\n").map(String.init))
        for name in Set(ScenarioObject.allCases.flatMap(\.keyNames)) {
            #expect(lines.contains(#"key_\#(name)="\"\#(name)\"""#), "key_\(name)")
            #expect(lines.contains(#"path_\#(name)=".\#(name)=""#), "path_\(name)")
        }
    }
}
