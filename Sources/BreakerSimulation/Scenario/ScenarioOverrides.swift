// `--set PATH=VALUE` overrides, applied to the parsed JSON before validation.
//
// PATH is dot-separated keys; array elements are addressed by their `name` (phases also by their
// `label`) or by index: `clients.checkout.breaker.allowed_fails=5`, `services.0.error_rate=0.1`.
// VALUE is JSON when it parses as JSON (`5`, `true`, `null`, `{"max": 2}`), otherwise a string
// (`duration=5m`).

/// Where in the schema a JSON value sits, so that missing objects on the way can be created and
/// mistyped keys can be corrected.
private enum SchemaContext {
    case object(ScenarioObject)
    case list(of: ScenarioObject, noun: String)
    case unknown

    static let top = SchemaContext.object(.scenario)

    var knownKeys: [String] {
        guard case .object(let object) = self else { return [] }
        return object.keyNames
    }

    /// The context of a member.
    func member(_ key: String) -> SchemaContext {
        guard case .object(let object) = self, let value = object.key(key)?.value else { return .unknown }
        switch value {
        case .plain: return .unknown
        case .object(let child, _): return .object(child)
        case .list(let element, let noun): return .list(of: element, noun: noun)
        }
    }

    /// Whether a missing (or null) member with this key may be created as an empty object on the way
    /// to a deeper key: `clients.checkout.retry.max=2` when the client has no `retry` yet.
    func createsObject(for key: String) -> Bool {
        guard case .object(let object) = self, case .object(_, let createdBySet)? = object.key(key)?.value
        else { return false }
        return createdBySet
    }
}

/// The outcome of applying overrides.
struct AppliedOverrides {
    /// Problems with the overrides themselves, with paths `--set PATH`.
    var problems: [(path: String, message: String)] = []
    /// For each applied override, the field path it set (`clients[0].rate`) and its text.
    var targets: [(path: String, text: String)] = []
}

/// Applies `--set PATH=VALUE` overrides in order.
enum ScenarioOverrides {
    static func apply(_ overrides: [String], to root: inout JSONValue) -> AppliedOverrides {
        var result = AppliedOverrides()
        for text in overrides {
            guard let equals = text.firstIndex(of: "=") else {
                result.problems.append(
                    (
                        "--set " + shortened(text, limit: 80),
                        "malformed override (expected PATH=VALUE, e.g. clients.checkout.rate=20)"
                    ))
                continue
            }
            let pathText = String(text[..<equals])
            let valueText = String(text[text.index(after: equals)...])
            let problemPath = "--set " + shortened(pathText.isEmpty ? text : pathText, limit: 80)
            guard let segments = fieldPathSegments(pathText) else {
                result.problems.append(
                    (
                        problemPath,
                        "malformed path (expected keys separated by dots, e.g. clients.checkout.rate; a name "
                            + "with dots in brackets and quotes: clients[\"web.v2\"].rate)"
                    ))
                continue
            }
            let value: JSONValue
            switch parseValue(valueText) {
            case .success(let parsed): value = parsed
            case .failure(let failure):
                result.problems.append((problemPath, failure.message))
                continue
            }
            switch set(&root, segments[...], to: value, context: .top, path: "") {
            case .success(let target): result.targets.append((target, text))
            case .failure(let failure): result.problems.append((problemPath, failure.message))
            }
        }
        return result
    }

    private struct Failure: Error {
        var message: String
    }

    /// VALUE as JSON when it is JSON, otherwise as a string.
    private static func parseValue(_ text: String) -> Result<JSONValue, Failure> {
        let bytes = Array(text.utf8)
        let looksStructured = bytes.first { !isJSONWhitespace($0) }.map {
            $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[")
        }
        do {
            let document = try JSONParser.parse(bytes)
            if let duplicate = document.duplicateKeys.first {
                let location = duplicate.objectPath.isEmpty ? "" : " in \(duplicate.objectPath)"
                return .failure(
                    Failure(message: "value has duplicate key \(quoted(duplicate.key))\(location)"))
            }
            return .success(document.value)
        } catch {
            if error.isNestingLimit || looksStructured == true {
                return .failure(Failure(message: "value is " + error.rendered(in: bytes)))
            }
            return .success(.string(text))
        }
    }

    /// Sets `segments` below `node` to `value`; returns the field path that was set.
    private static func set(
        _ node: inout JSONValue, _ segments: ArraySlice<String>, to value: JSONValue, context: SchemaContext,
        path: String
    ) -> Result<String, Failure> {
        guard let segment = segments.first else {
            node = value
            return .success(path)
        }
        let rest = segments.dropFirst()
        // A route call written as a service name is the object {"service": name}: setting a key inside
        // it (`calls.1.fallback=true`) writes it out as that object first.
        if case .string = node, case .object(.routeCall) = context {
            node = .object([JSONMember(key: "service", value: node)])
        }
        switch node {
        case .object(var members):
            let memberPath = joinPath(path, segment)
            let memberContext = context.member(segment)
            var index = members.firstIndex { $0.key == segment }
            if !rest.isEmpty, index == nil || members[index!].value == .null {
                guard context.createsObject(for: segment) else {
                    return .failure(missingKey(segment, in: members, context: context, path: path))
                }
                if let existing = index {
                    members[existing].value = .object([])
                } else {
                    members.append(JSONMember(key: segment, value: .object([])))
                    index = members.count - 1
                }
            }
            node = .null  // let `members` be uniquely referenced while it changes
            defer { node = .object(members) }
            guard let index else {
                members.append(JSONMember(key: segment, value: value))
                return .success(memberPath)
            }
            return set(&members[index].value, rest, to: value, context: memberContext, path: memberPath)
        case .array(var items):
            var elementContext = SchemaContext.unknown
            var noun = "element"
            if case .list(let listed, let listedNoun) = context {
                elementContext = .object(listed)
                noun = listedNoun
            }
            let index: Int
            switch element(segment, in: items, noun: noun, path: path) {
            case .success(let found): index = found
            case .failure(let failure): return .failure(failure)
            }
            node = .null  // let `items` be uniquely referenced while it changes
            defer { node = .array(items) }
            return set(&items[index], rest, to: value, context: elementContext, path: joinPath(path, index))
        default:
            let place = path.isEmpty ? "the document" : path
            return .failure(Failure(message: "\(place) is \(node.kind), so it has no \(quoted(segment))"))
        }
    }

    /// The index of the element named (or labelled) `segment`, or at index `segment`.
    private static func element(
        _ segment: String, in items: [JSONValue], noun: String, path: String
    ) -> Result<Int, Failure> {
        func name(_ item: JSONValue) -> String? {
            guard case .object(let members) = item else { return nil }
            if case .string(let name)? = members.value(for: "name") { return name }
            if case .string(let label)? = members.value(for: "label") { return label }
            return nil
        }
        if let index = items.firstIndex(where: { name($0) == segment }) {
            return .success(index)
        }
        if segment.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let index = Int(segment)
        {
            guard items.indices.contains(index) else {
                return .failure(
                    Failure(
                        message:
                            "\(path) has \(items.count) element\(items.count == 1 ? "" : "s"); index \(index) is out of range"
                    ))
            }
            return .success(index)
        }
        let names = items.compactMap(name)
        var message = "no \(noun) named \(quoted(segment)) in \(path)"
        if let close = suggestion(for: segment, among: names) {
            message += " (did you mean \(quoted(close))?)"
        } else if !names.isEmpty {
            var listed = names.prefix(10).map { quoted($0) }.joined(separator: ", ")
            if names.count > 10 { listed += ", ..." }
            message += " (names: \(listed))"
        }
        return .failure(Failure(message: message))
    }

    private static func missingKey(
        _ key: String, in members: [JSONMember], context: SchemaContext, path: String
    ) -> Failure {
        let place = path.isEmpty ? "the document" : path
        var message: String
        if members.has(key) {
            message = "\(joinPath(path, key)) is null, so it has nothing to set"
        } else {
            message = "\(place) has no key \(quoted(key))"
        }
        var candidates = members.map(\.key)
        for known in context.knownKeys where !candidates.contains(known) {
            candidates.append(known)
        }
        if let close = suggestion(for: key, among: candidates), close != key {
            message += " (did you mean \(quoted(close))?)"
        }
        return Failure(message: message)
    }
}
