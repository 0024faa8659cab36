// Where a byte sits in a scenario file, for messages: line and column, the byte order mark, and the
// first byte that is not UTF-8.

/// 1-based line and column (in Unicode scalars) of a byte offset.
func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    let start = hasByteOrderMark(bytes) ? 3 : 0
    var index = start
    let end = min(offset, bytes.count)
    while index < end {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
        index += 1
    }
    return (line, column)
}

/// Whether the bytes start with a UTF-8 byte order mark.
func hasByteOrderMark(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
}

/// The UTF-16 or UTF-32 encoding `bytes` look like (by a byte order mark, or the NUL bytes beside
/// the ASCII that every JSON document starts with), or `nil`: such a file gets a message that says so,
/// instead of one about JSON syntax or a stray byte.
func wideEncoding(of bytes: [UInt8]) -> String? {
    guard bytes.count >= 2 else { return nil }
    if bytes.count >= 4 && bytes[0] == 0 && bytes[1] == 0 && (bytes[2] != 0 || bytes[3] != 0) {
        return "UTF-32BE"
    }
    if bytes.count >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0 {
        return "UTF-32LE"
    }
    if bytes[0] == 0xFF && bytes[1] == 0xFE { return "UTF-16LE" }
    if bytes[0] == 0xFE && bytes[1] == 0xFF { return "UTF-16BE" }
    if bytes[0] != 0 && bytes[1] == 0 { return "UTF-16LE" }
    if bytes[0] == 0 && bytes[1] != 0 { return "UTF-16BE" }
    return nil
}

/// The message for a file in `encoding` (see ``wideEncoding(of:)``).
func wideEncodingMessage(_ encoding: String, file: String) -> String {
    "is \(encoding) text, not UTF-8: convert it first, e.g. iconv -f \(encoding) -t UTF-8 \(file) > converted.json"
}

/// Offset of the first byte that does not start a well-formed UTF-8 sequence, or nil.
///
/// Overlong forms, surrogates and scalars beyond U+10FFFF are rejected, as are truncated sequences.
func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    var index = 0
    let count = bytes.count
    while index < count {
        let lead = bytes[index]
        if lead < 0x80 {
            index += 1
            continue
        }
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default: return index
        }
        guard index + length <= count, secondRange.contains(bytes[index + 1]) else { return index }
        for next in (index + 2)..<(index + length) where bytes[next] & 0xC0 != 0x80 {
            return index
        }
        index += length
    }
    return nil
}
