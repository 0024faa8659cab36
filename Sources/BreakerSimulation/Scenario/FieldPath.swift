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
