// JSON values as the scenario reader sees them: exact number literals and object members in file
// order, with the words messages use for them.

/// A JSON value as written in a scenario file.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    /// Members in file order (duplicates, when the parser reports them, are kept).
    case object([JSONMember])

    /// The value for "(got …)" in messages: `null`, `true`, `3.5`, `string "fast"`, `an array`.
    var got: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let number): shortened(number.literal)
        case .string(let text): "string " + quoted(text)
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// What kind of value this is, for messages: "a number", "an object".
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One `"key": value` pair of a JSON object.
struct JSONMember: Sendable, Equatable {
    var key: String
    var value: JSONValue
}

extension [JSONMember] {
    /// The value of the first member with this key.
    func value(for key: String) -> JSONValue? {
        first { $0.key == key }?.value
    }

    /// Whether a member has this key.
    func has(_ key: String) -> Bool {
        contains { $0.key == key }
    }
}

/// A JSON number: its literal text (exact) and its nearest `Double`.
struct JSONNumber: Sendable, Equatable {
    /// The literal as written, for example `42`, `-0.5` or `1e3`.
    var literal: String
    /// The nearest double; infinite when the literal is beyond `Double`'s range.
    var value: Double

    init(literal: String) {
        self.literal = literal
        self.value = Double(literal) ?? (literal.hasPrefix("-") ? -.infinity : .infinity)
    }

    /// Whether the number has no fractional part (`3`, `3.0`, `1e3`; huge values count as whole).
    var isWhole: Bool {
        if !literal.utf8.contains(where: {
            $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
        }) {
            return true
        }
        return value.rounded(.towardZero) == value
    }

    /// The exact value as an `Int64`, when it is whole and fits.
    var int64: Int64? {
        if let exact = Int64(literal) { return exact }
        guard value.isFinite, value.rounded(.towardZero) == value else { return nil }
        return Int64(exactly: value)
    }

    /// The exact value as a `UInt64`, when it is whole, non-negative and fits.
    var uint64: UInt64? {
        if let exact = UInt64(literal) { return exact }
        if literal == "-0" { return 0 }
        guard value.isFinite, value.rounded(.towardZero) == value else { return nil }
        return UInt64(exactly: value)
    }
}
