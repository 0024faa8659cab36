// A small, strict JSON reader for scenario files (RFC 8259, nothing more): exact number literals,
// object keys in file order, duplicate keys reported with their path, bounded nesting, and error
// positions as line and column.

/// A JSON syntax error: what was expected, where, and a hint.
struct JSONSyntaxError: Error, Sendable, Equatable {
    /// What is wrong, for example `expected ',' or '}'`.
    var message: String
    /// Byte offset of the problem.
    var offset: Int
    /// An optional explanation appended in parentheses, for example `end of file`.
    var hint: String?
    /// Whether this is the nesting limit rather than malformed JSON.
    var isNestingLimit = false

    /// The message with its position: `not valid JSON: expected ',' or '}' at line 3 column 5`.
    func rendered(in bytes: [UInt8]) -> String {
        let (line, column) = lineAndColumn(of: offset, in: bytes)
        let prefix = isNestingLimit ? "" : "not valid JSON: "
        let suffix = hint.map { " (\($0))" } ?? ""
        return "\(prefix)\(message) at line \(line) column \(column)\(suffix)"
    }
}

/// A key that appears twice in one object.
struct JSONDuplicateKey: Sendable, Equatable {
    /// Field path of the object holding the key ("" for the top level).
    var objectPath: String
    var key: String
    var offset: Int
    var firstOffset: Int
}

/// Whether a byte is JSON whitespace.
func isJSONWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}

/// Parses one JSON document from well-formed UTF-8 bytes.
///
/// Recursion is bounded by ``maximumDepth``, so hostile input cannot overflow the stack.
struct JSONParser {
    /// Arrays and objects nested deeper than this are an error.
    static let maximumDepth = 64

    /// The result of a successful parse: the value and any duplicate keys found on the way.
    struct Document {
        var value: JSONValue
        var duplicateKeys: [JSONDuplicateKey]
    }

    private enum PathComponent {
        case key(String)
        case index(Int)
    }

    private let bytes: [UInt8]
    private var index: Int
    private var path: [PathComponent] = []
    private var duplicateKeys: [JSONDuplicateKey] = []

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        self.index = hasByteOrderMark(bytes) ? 3 : 0
    }

    /// Parses a whole document; the bytes must be valid UTF-8 (see ``firstInvalidUTF8Offset(_:)``).
    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> Document {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw parser.error("unexpected text after the end of the JSON document")
        }
        return Document(value: value, duplicateKeys: parser.duplicateKeys)
    }

    private var current: UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, isJSONWhitespace(bytes[index]) {
            index += 1
        }
    }

    private func error(_ message: String, at offset: Int? = nil, hint: String? = nil) -> JSONSyntaxError {
        let offset = offset ?? index
        var hint = hint
        if hint == nil {
            if offset >= bytes.count {
                hint = "end of file"
            } else {
                switch bytes[offset] {
                case UInt8(ascii: "/"), UInt8(ascii: "#"): hint = "comments are not allowed in JSON"
                case UInt8(ascii: "'"): hint = "strings need double quotes"
                default: break
                }
            }
        }
        return JSONSyntaxError(message: message, offset: offset, hint: hint)
    }

    private var currentPath: String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key): text = joinPath(text, key)
            case .index(let position): text = joinPath(text, position)
            }
        }
        return text
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard let byte = current else { throw error("expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw error("expected a value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let start = index
        let text = literal.withUTF8Buffer { Array($0) }
        guard index + text.count <= bytes.count, Array(bytes[index..<(index + text.count)]) == text else {
            throw error("expected a value", at: start)
        }
        index += text.count
    }

    /// Refuses a container nested deeper than ``maximumDepth``.
    private func checkDepth(_ depth: Int) throws(JSONSyntaxError) {
        guard depth <= Self.maximumDepth else {
            var failure = error("nested more than \(Self.maximumDepth) levels deep")
            failure.isNestingLimit = true
            failure.hint = nil
            throw failure
        }
    }

    /// After a member or element: `true` at the container's closing bracket (consumed), `false` after a
    /// comma (consumed, with the white space after it).
    private mutating func endOfItem(closing: Unicode.Scalar) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        switch current {
        case UInt8(ascii: ","):
            index += 1
            skipWhitespace()
            return false
        case UInt8(ascii: closing):
            index += 1
            return true
        default:
            throw error("expected ',' or '\(closing)'")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        try checkDepth(depth)
        index += 1  // {
        var members: [JSONMember] = []
        var firstOffsets: [String: Int] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            guard current == UInt8(ascii: "\"") else {
                if members.isEmpty {
                    throw error("expected a key in double quotes or '}'")
                }
                if current == UInt8(ascii: "}") {
                    throw error("expected a key in double quotes", hint: "trailing commas are not allowed")
                }
                throw error("expected a key in double quotes")
            }
            let keyOffset = index
            let key = try parseString()
            if let first = firstOffsets[key] {
                duplicateKeys.append(
                    JSONDuplicateKey(objectPath: currentPath, key: key, offset: keyOffset, firstOffset: first)
                )
            } else {
                firstOffsets[key] = keyOffset
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after the key") }
            index += 1
            skipWhitespace()
            path.append(.key(key))
            let value = try parseValue(depth: depth)
            path.removeLast()
            members.append(JSONMember(key: key, value: value))
            if try endOfItem(closing: "}") { return .object(members) }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        try checkDepth(depth)
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            if !elements.isEmpty, current == UInt8(ascii: "]") {
                throw error("expected a value", hint: "trailing commas are not allowed")
            }
            path.append(.index(elements.count))
            let value = try parseValue(depth: depth)
            path.removeLast()
            elements.append(value)
            if try endOfItem(closing: "]") { return .array(elements) }
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = index
        func isDigit(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
            if isDigit(current) {
                throw error("invalid number", at: start, hint: "leading zeros are not allowed")
            }
        } else if isDigit(current) {
            while isDigit(current) { index += 1 }
        } else {
            throw error("invalid number", at: start)
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard isDigit(current) else {
                throw error("invalid number", at: start, hint: "digits must follow '.'")
            }
            while isDigit(current) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard isDigit(current) else { throw error("invalid number", at: start) }
            while isDigit(current) { index += 1 }
        }
        return JSONNumber(literal: String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1  // opening quote
        // Fast path: no escapes.
        var scan = index
        while scan < bytes.count {
            let byte = bytes[scan]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[index..<scan], as: UTF8.self)
                index = scan + 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            scan += 1
        }
        var buffer = Array(bytes[index..<scan])
        index = scan
        while true {
            guard let byte = current else {
                throw error("unterminated string", at: start)
            }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                let escapeOffset = index
                index += 1
                guard let escaped = current else { throw error("unterminated string", at: start) }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try parseUnicodeEscape(escapeOffset: escapeOffset)
                    buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw error("invalid escape in string", at: escapeOffset)
                }
            default:
                if byte < 0x20 {
                    throw error(
                        "control character in string", hint: "write it as an escape such as \\n or \\u001F")
                }
                buffer.append(byte)
                index += 1
            }
        }
    }

    private mutating func parseHex4(escapeOffset: Int) throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("invalid \\u escape", at: escapeOffset) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape", at: escapeOffset)
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func parseUnicodeEscape(escapeOffset: Int) throws(JSONSyntaxError) -> Unicode.Scalar {
        let first = try parseHex4(escapeOffset: escapeOffset)
        switch first {
        case 0xD800...0xDBFF:
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                bytes[index + 1] == UInt8(ascii: "u")
            else {
                throw error("invalid \\u escape", at: escapeOffset, hint: "unpaired surrogate")
            }
            index += 2
            let second = try parseHex4(escapeOffset: escapeOffset)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw error("invalid \\u escape", at: escapeOffset, hint: "unpaired surrogate")
            }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else {
                throw error("invalid \\u escape", at: escapeOffset)
            }
            return scalar
        case 0xDC00...0xDFFF:
            throw error("invalid \\u escape", at: escapeOffset, hint: "unpaired surrogate")
        default:
            guard let scalar = Unicode.Scalar(first) else {
                throw error("invalid \\u escape", at: escapeOffset)
            }
            return scalar
        }
    }
}
