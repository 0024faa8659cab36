// User text quoted into one-line messages: the JSON parser, the validator and the overrides all
// show what the user wrote, and a problem must stay exactly one line whatever that was.

/// Quotes user-provided text for a one-line message, JSON style, shortened when long.
///
/// Control characters are escaped so that a problem is always exactly one line.
func quoted(_ text: some StringProtocol, limit: Int = 60) -> String {
    var out = "\""
    var count = 0
    for scalar in text.unicodeScalars {
        if count == limit {
            out += "..."
            break
        }
        count += 1
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        default: appendEscapingControls(scalar, to: &out)
        }
    }
    return out + "\""
}

/// Appends a scalar, control characters as `\n`, `\r`, `\t` or `\u001B` (invisible formatting ones
/// as `\u202E`).
private func appendEscapingControls(_ scalar: Unicode.Scalar, to out: inout String) {
    switch scalar {
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
        if isControl(scalar) || isInvisibleFormatting(scalar) {
            out += "\\u" + hex(scalar.value, digits: 4)
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
}

/// Whether a scalar is a C0 or C1 control character (or DEL).
func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
}

/// Whether a scalar is an invisible formatting character.
///
/// That is a format character (Unicode category Cf) other than the joiners that emoji and some scripts
/// need: bidirectional overrides and isolates (U+202A–202E, U+2066–2069), marks, zero-width spaces, a
/// byte order mark. They draw nothing, and can make one name display as another.
func isInvisibleFormatting(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.generalCategory == .format && scalar.value != 0x200C && scalar.value != 0x200D
}

/// Upper-case hexadecimal with at least `digits` digits.
func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}

/// Shortens text (a number literal, a path, a `--set` override) for a message, with control
/// characters escaped as in ``quoted(_:limit:)`` so that the message stays one line.
func shortened(_ text: some StringProtocol, limit: Int = 40) -> String {
    let isShort = text.count <= limit
    var out = ""
    for scalar in (isShort ? Substring(text) : Substring(text.prefix(limit))).unicodeScalars {
        appendEscapingControls(scalar, to: &out)
    }
    return isShort ? out : out + "..."
}
