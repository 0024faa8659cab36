// The checks every object's members share: types, ranges, durations, choices, unknown and missing
// keys. Each reports its problem and returns nil, so that callers keep their defaults.

/// Lower bound of a duration field.
enum DurationBound {
    case nonNegative
    case positive
}

extension ScenarioValidator {
    /// An unknown key of a schema object: "did you mean" among the object's keys.
    mutating func unknownKey(_ key: String, in path: String, of object: ScenarioObject) {
        unknownKey(key, in: path, known: object.keyNames)
    }

    mutating func unknownKey(_ key: String, in path: String, known: [String]) {
        var message = "unknown key \(quoted(key))"
        if let close = suggestion(for: key, among: known) {
            message += " (did you mean \(quoted(close))?)"
        } else {
            message += " (known keys: \(known.joined(separator: ", ")))"
        }
        report(path, message, subject: joinPath(path, key))
    }

    /// The schema's required keys of `object` that `members` lacks, in the schema's order.
    mutating func requireKeys(of object: ScenarioObject, in members: [JSONMember], at path: String) {
        for key in object.requiredKeyNames where !members.has(key) {
            report(path, "missing required key \(quoted(key))")
        }
    }

    mutating func object(_ value: JSONValue, _ path: String, what: String) -> [JSONMember]? {
        expect(value, path, what) { if case .object(let members) = $0 { members } else { nil } }
    }

    /// A list of objects of one kind, at least one of them, each read by `element` (given its path and
    /// index); `nil` unless every element is valid.
    mutating func nonEmptyList<Element>(
        _ value: JSONValue, _ path: String, noun: String,
        element: (inout ScenarioValidator, JSONValue, String, Int) -> Element?
    ) -> [Element]? {
        guard case .array(let items) = value else {
            report(path, "must be an array of \(noun)s (got \(value.got))")
            return nil
        }
        if items.isEmpty {
            report(path, "must list at least one \(noun)")
            return nil
        }
        var elements: [Element] = []
        for (index, item) in items.enumerated() {
            if let valid = element(&self, item, joinPath(path, index), index) { elements.append(valid) }
        }
        return elements.count == items.count ? elements : nil
    }

    /// A name that must be unique within its list (`services`, `clients`): a second use names the first.
    mutating func uniqueName(
        _ value: JSONValue, _ path: String, index: Int,
        among names: WritableKeyPath<ScenarioValidator, [String: Int]>, list: String, noun: String
    ) -> String? {
        guard let name = self.name(value, path) else { return nil }
        if let first = self[keyPath: names][name] {
            report(path, "duplicate \(noun) name \(quoted(name)) (also \(list)[\(first)])")
        } else {
            self[keyPath: names][name] = index
        }
        return name
    }

    /// A type error, with a hint when a number was written in quotes.
    mutating func typeMismatch(_ value: JSONValue, _ path: String, expected: String) {
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

    /// The value `extract` finds in `value`, or a report that it must be `what` instead.
    mutating func expect<Value>(
        _ value: JSONValue, _ path: String, _ what: String, _ extract: (JSONValue) -> Value?
    ) -> Value? {
        if let found = extract(value) { return found }
        report(path, "must be \(what) (got \(value.got))")
        return nil
    }

    mutating func string(_ value: JSONValue, _ path: String) -> String? {
        expect(value, path, "a string") { if case .string(let text) = $0 { text } else { nil } }
    }

    /// A non-empty string of at most ``ScenarioLimits/longestName`` characters, without control
    /// characters or invisible formatting ones (names and labels).
    mutating func name(_ value: JSONValue, _ path: String) -> String? {
        guard let text = string(value, path) else { return nil }
        if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            report(path, "must not be empty")
            return nil
        }
        if text.unicodeScalars.contains(where: isControl) {
            report(path, "must not contain control characters (got \(quoted(text)))")
            return nil
        }
        if let format = text.unicodeScalars.first(where: isInvisibleFormatting) {
            report(
                path,
                "must not contain invisible formatting characters such as U+\(hex(format.value, digits: 4))"
                    + " (\(format.properties.name ?? "a format character")), which make a name display as another"
                    + " (got \(quoted(text)))")
            return nil
        }
        let length = text.count
        if length > ScenarioLimits.longestName {
            report(path, "is \(length) characters long; the limit is \(ScenarioLimits.longestName)")
            return nil
        }
        return text
    }

    mutating func bool(_ value: JSONValue, _ path: String) -> Bool? {
        expect(value, path, "true or false") { if case .bool(let flag) = $0 { flag } else { nil } }
    }

    mutating func number(_ value: JSONValue, _ path: String) -> Double? {
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

    mutating func probability(_ value: JSONValue, _ path: String) -> Double? {
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

    /// A number without a fraction (its range is the caller's to check).
    mutating func wholeNumber(_ value: JSONValue, _ path: String) -> JSONNumber? {
        guard case .number(let number) = value else {
            typeMismatch(value, path, expected: "must be a whole number")
            return nil
        }
        guard number.isWhole else {
            report(path, "must be a whole number (got \(value.got))")
            return nil
        }
        return number
    }

    mutating func integer(_ value: JSONValue, _ path: String, _ range: ClosedRange<Int>) -> Int? {
        guard let number = wholeNumber(value, path) else { return nil }
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

    mutating func seed(_ value: JSONValue, _ path: String) -> UInt64? {
        guard let number = wholeNumber(value, path) else { return nil }
        guard let seed = number.uint64 else {
            report(path, "must be between 0 and \(UInt64.max) (got \(value.got))")
            return nil
        }
        return seed
    }

    mutating func choice<Choice: RawRepresentable & CaseIterable>(
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
    mutating func duration(
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
            // A field that must be positive says so: "must not be negative" would suggest that 0 is fine.
            report(
                path,
                bound == .positive
                    ? "must be greater than 0 (got \(shown))" : "must not be negative (got \(shown))")
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

    func durationValue(_ value: JSONValue) -> Result<Nanoseconds, DurationParseFailure> {
        switch value {
        case .string(let text): parseDurationDetailed(text)
        case .number(let number): parseDurationDetailed(number.literal)
        default: .failure(.malformed)
        }
    }
}
