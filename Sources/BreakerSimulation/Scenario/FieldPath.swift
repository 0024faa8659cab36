// Field paths in messages, `services[0].phases[1].for`: the same spelling wherever a problem is
// reported, so that `--set` can tell which override caused it.

/// Appends a key to a field path: `services[0]` + `name` → `services[0].name`.
///
/// Keys that are not plain identifiers are written in brackets: `services[0]["odd key"]`.
func joinPath(_ parent: String, _ key: String) -> String {
    let plain =
        !key.isEmpty
        && key.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        }
    if !plain {
        return parent + "[" + quoted(key) + "]"
    }
    return parent.isEmpty ? key : parent + "." + key
}

/// Appends an array index to a field path: `services` + 0 → `services[0]`.
func joinPath(_ parent: String, _ index: Int) -> String {
    parent + "[\(index)]"
}

/// The segments of a path as `--set` and `check --expect` take it.
///
/// Keys and names are separated by dots; `[N]` is an index (`services[0]` is `services.0`), and `["…"]`
/// a name with dots, brackets or other characters in it (`clients["web.v2"].rate`, the spelling
/// messages use; `\"` and `\\` inside stand for `"` and `\`). Other brackets stay part of a name.
/// `nil` when a segment is empty or a `["` is not closed by `"]`.
package func fieldPathSegments(_ path: String) -> [String]? {
    var segments: [String] = []
    var current = ""
    // Whether the last segment was bracketed and so ended already (a dot or bracket must follow).
    var closed = false
    var rest = Substring(path)
    while let next = rest.first {
        if next == "." {
            guard !current.isEmpty || closed else { return nil }
            if !closed { segments.append(current) }
            current = ""
            closed = false
            rest = rest.dropFirst()
            continue
        }
        if next == "[", current.isEmpty || !closed {
            let inner = rest.dropFirst()
            if inner.first == "\"" {
                // A quoted name up to the closing `"]`.
                var name = ""
                var scan = inner.dropFirst()
                var ended = false
                while let character = scan.first {
                    scan = scan.dropFirst()
                    if character == "\\", let escaped = scan.first {
                        name.append(escaped)
                        scan = scan.dropFirst()
                    } else if character == "\"" {
                        guard scan.first == "]" else { return nil }
                        scan = scan.dropFirst()
                        ended = true
                        break
                    } else {
                        name.append(character)
                    }
                }
                guard ended, !name.isEmpty else { return nil }
                if !current.isEmpty { segments.append(current) }
                segments.append(name)
                current = ""
                closed = true
                rest = scan
                continue
            }
            let digits = inner.prefix(while: { $0.isASCII && $0.isNumber })
            if !digits.isEmpty, inner.dropFirst(digits.count).first == "]" {
                if !current.isEmpty { segments.append(current) }
                segments.append(String(digits))
                current = ""
                closed = true
                rest = inner.dropFirst(digits.count + 1)
                continue
            }
        }
        // A character of a plain name (after a bracketed segment only a dot or a bracket may come).
        guard !closed else { return nil }
        current.append(next)
        rest = rest.dropFirst()
    }
    guard !current.isEmpty || closed else { return nil }
    if !closed { segments.append(current) }
    return segments
}
