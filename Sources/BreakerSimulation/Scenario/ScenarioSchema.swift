// The scenario file's objects and their keys, declared once. The validator's "unknown key" and
// "missing required key" checks, the "did you mean" suggestions, the `--set` contexts (which objects
// an override may create on its way to a deeper key) and the fuzzer's field lists all read this
// table; ScenarioSchemaTests holds the model types, the README's "Scenario format" section and the
// fuzzer's dictionary to it.
//
// Adding a key is one line in `keys` below, plus its hand-written validation and model code; the
// tests then name what else has to follow (the README's row, the fuzz dictionary's two lines).
//
// The table is SPI rather than `package`: the fuzzer is a package of its own (Fuzz/) and walks the
// table too, and `@_spi(ScenarioSchema) import` keeps it out of the public API everyone else sees.

/// The kinds of JSON object a scenario file is made of.
@_spi(ScenarioSchema)
public enum ScenarioObject: String, Sendable, CaseIterable {
    /// The document itself.
    case scenario
    /// An element of `services`.
    case service
    /// A service's `latency`: a distribution.
    case latency
    /// A service's `capacity`.
    case capacity
    /// An element of a service's `phases`.
    case phase
    /// A phase's `flap`.
    case flap
    /// A phase's `latency`: an extra delay, or a whole distribution in place of the service's.
    case phaseLatency = "phase latency"
    /// An element of `clients`.
    case client
    /// An element of a client's `routes`: one kind of request.
    case route
    /// An element of a route's `calls`: a service name, or an object naming one.
    case routeCall = "route call"
    /// A client's `retry`.
    case retry
    /// A client's `breaker`.
    case breaker

    /// Every key the object accepts, in the order the README lists them (and "known keys" messages
    /// name them).
    public var keys: [ScenarioKey] {
        switch self {
        case .scenario:
            [
                .required("name"), .optional("description"), .optional("seed"), .required("duration"),
                .optional("sample_every"), .required("services", listOf: .service, noun: "service"),
                .required("clients", listOf: .client, noun: "client"),
            ]
        case .service:
            [
                .required("name"), .optional("latency", object: .latency), .optional("error_rate"),
                .optional("capacity", object: .capacity), .optional("phases", listOf: .phase, noun: "phase"),
            ]
        case .latency:
            // Which of `value` … `p99` are required depends on `dist`: checked by hand.
            [
                .required("dist"), .optional("value"), .optional("min"), .optional("max"), .optional("mean"),
                .optional("p50"), .optional("p99"),
            ]
        case .capacity:
            [.required("concurrency"), .optional("queue")]
        case .phase:
            [
                .required("at"), .required("for"), .optional("label"), .optional("error_rate"),
                .optional("outage"), .optional("flap", object: .flap),
                .optional("latency", object: .phaseLatency),
            ]
        case .flap:
            [.required("up"), .required("down"), .optional("dist"), .optional("outage")]
        case .phaseLatency:
            // Either `add` or a distribution; which one is checked by hand.
            [.optional("add")] + ScenarioObject.latency.keys.map(\.notRequired)
        case .client:
            [
                // Exactly one of `calls` and `routes`: checked by hand.
                .required("name"), .optional("instances"), .optional("calls"),
                .optional("routes", listOf: .route, noun: "route"), .required("rate"), .optional("arrival"),
                .optional("timeout"), .optional("workers"), .optional("backlog"), .optional("deadline"),
                .optional("retry", object: .retry), .optional("breaker", object: .breaker),
            ]
        case .route:
            [.required("name"), .optional("share"), .required("calls", listOf: .routeCall, noun: "call")]
        case .routeCall:
            [.required("service"), .optional("fallback")]
        case .retry:
            [
                .required("max"), .optional("backoff"), .optional("multiplier"), .optional("cap"),
                .optional("jitter"), .optional("retry_rejected"),
            ]
        case .breaker:
            [
                .optional("policy"), .optional("allowed_fails"), .optional("failure_rate"),
                .optional("window"),
                .optional("minimum_calls"), .optional("slow_call"), .optional("retry_timer"),
                .optional("retry_jitter"), .optional("half_open_probes"),
            ]
        }
    }

    /// The names of ``keys``, in order.
    public var keyNames: [String] { keys.map(\.name) }

    /// The keys a valid object of this kind must have, in order.
    public var requiredKeyNames: [String] { keys.filter(\.isRequired).map(\.name) }

    /// Every field below this object as a `--set` path (`clients.0.retry.max`): each key, then the
    /// fields inside it, lists with `elements(kind)` elements addressed by index.
    ///
    /// The fuzzer and the tests walk the schema with this, so a new key is reached without naming it.
    public func fieldPaths(prefix: String = "", elements: (ScenarioObject) -> Int) -> [String] {
        var paths: [String] = []
        for key in keys {
            let path = prefix + key.name
            paths.append(path)
            switch key.value {
            case .plain: break
            case .object(let child, _): paths += child.fieldPaths(prefix: path + ".", elements: elements)
            case .list(let element, _):
                for index in 0..<elements(element) {
                    paths += element.fieldPaths(prefix: "\(path).\(index).", elements: elements)
                }
            }
        }
        return paths
    }

    /// The key called `name`, if the object has one.
    public func key(_ name: String) -> ScenarioKey? {
        keys.first { $0.name == name }
    }
}

/// One key of a scenario object: its name, whether it is required, and what its value holds.
@_spi(ScenarioSchema)
public struct ScenarioKey: Sendable, Equatable {
    /// What a key's value is, as far as the structure of the file goes.
    public enum Value: Sendable, Equatable {
        /// A plain value (string, number, boolean, choice), or null.
        case plain
        /// An object of the given kind; `createdBySet` says whether a `--set` override may create it
        /// when it is missing or null, on the way to a deeper key (`clients.checkout.retry.max=2`).
        case object(ScenarioObject, createdBySet: Bool)
        /// An array of objects of the given kind; `--set` addresses its elements by name or index
        /// (`noun` names one in messages) and never creates one.
        case list(of: ScenarioObject, noun: String)
    }

    /// The key as written in the file (snake_case).
    public var name: String
    /// Whether an object without this key is invalid ("missing required key").
    public var isRequired: Bool
    /// What the value holds.
    public var value: Value

    /// Declares a key; the static helpers below read better in the table.
    public init(_ name: String, isRequired: Bool, value: Value) {
        self.name = name
        self.isRequired = isRequired
        self.value = value
    }

    /// A required plain key.
    static func required(_ name: String) -> ScenarioKey {
        ScenarioKey(name, isRequired: true, value: .plain)
    }

    /// A required list of objects.
    static func required(_ name: String, listOf element: ScenarioObject, noun: String) -> ScenarioKey {
        ScenarioKey(name, isRequired: true, value: .list(of: element, noun: noun))
    }

    /// An optional plain key.
    static func optional(_ name: String) -> ScenarioKey {
        ScenarioKey(name, isRequired: false, value: .plain)
    }

    /// An optional object, which `--set` creates by default when a deeper key is set.
    static func optional(_ name: String, object: ScenarioObject, createdBySet: Bool = true) -> ScenarioKey {
        ScenarioKey(name, isRequired: false, value: .object(object, createdBySet: createdBySet))
    }

    /// An optional list of objects.
    static func optional(_ name: String, listOf element: ScenarioObject, noun: String) -> ScenarioKey {
        ScenarioKey(name, isRequired: false, value: .list(of: element, noun: noun))
    }

    /// The same key, optional.
    var notRequired: ScenarioKey {
        ScenarioKey(name, isRequired: false, value: value)
    }
}
