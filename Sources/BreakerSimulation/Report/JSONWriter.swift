/// A small JSON emitter with a fixed key order and number format, so that the same run always gives
/// the same bytes.
package struct JSONWriter {
    private(set) var output = ""
    private var indent = 0
    private var needsComma: [Bool] = []

    enum Value {
        case int(Int)
        case double(Double)
        case string(String)
        case bool(Bool)
        case null
        /// Already-rendered JSON (for numbers beyond `Int`).
        case raw(String)
        /// A double written to full (round-trip) precision.
        case exact(Double)
    }

    mutating func beginObject(_ key: String? = nil) { open(key, "{") }
    mutating func endObject() { close("}") }
    mutating func beginArray(_ key: String? = nil) { open(key, "[") }
    mutating func endArray() { close("]") }

    mutating func field(_ key: String, _ value: Value) {
        separator()
        output += "\"\(Self.escape(key))\": " + Self.render(value)
    }

    /// An array element.
    mutating func element(_ value: Value) {
        separator()
        output += Self.render(value)
    }

    /// An object, its members written by `body`.
    mutating func object(_ key: String? = nil, _ body: (inout JSONWriter) -> Void) {
        beginObject(key)
        body(&self)
        endObject()
    }

    /// An array of plain values, one per item.
    mutating func array<Items: Sequence>(_ key: String, _ items: Items, _ value: (Items.Element) -> Value) {
        beginArray(key)
        for item in items { element(value(item)) }
        endArray()
    }

    /// An array of objects, one per item, each one's members written by `body`.
    mutating func objects<Items: Sequence>(
        _ key: String, _ items: Items, _ body: (inout JSONWriter, Items.Element) -> Void
    ) {
        beginArray(key)
        for item in items { object { body(&$0, item) } }
        endArray()
    }

    mutating func field(_ key: String, _ value: Int) { field(key, .int(value)) }
    mutating func field(_ key: String, _ value: String) { field(key, .string(value)) }
    mutating func field(_ key: String, seconds value: Nanoseconds?) {
        field(key, value.map { .double(Double($0) / 1e9) } ?? .null)
    }
    mutating func field(_ key: String, ratio value: Double?) {
        field(key, value.map { .double($0) } ?? .null)
    }

    private mutating func open(_ key: String?, _ bracket: String) {
        separator()
        if let key { output += "\"\(Self.escape(key))\": " }
        output += bracket
        indent += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadContent = needsComma.removeLast()
        indent -= 1
        if hadContent { output += "\n" + String(repeating: "  ", count: indent) }
        output += bracket
        if indent == 0 { output += "\n" }
    }

    private mutating func separator() {
        if let last = needsComma.last {
            output += last ? ",\n" : "\n"
            needsComma[needsComma.count - 1] = true
            output += String(repeating: "  ", count: indent)
        }
    }

    static func render(_ value: Value) -> String {
        switch value {
        case .int(let number): return String(number)
        case .double(let number):
            guard number.isFinite else { return "null" }
            // Six decimals keep the text stable and short; integers print without ".0".
            let rounded = (number * 1e6).rounded() / 1e6
            if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
            return String(rounded)
        case .string(let text): return "\"\(escape(text))\""
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .raw(let text): return text
        case .exact(let number): return number.isFinite ? "\(number)" : "null"
        }
    }

    /// The text as the inside of a JSON string.
    package static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
