// Mode 1: duration strings, as they come in scenario files and on the command line.

import BreakerSimulation

func checkDuration(_ body: [UInt8]) {
    // The bytes as text (invalid UTF-8 becomes replacement characters, as in a decoded argument).
    let text = String(decoding: body, as: UTF8.self)
    if let parsed = parseDuration(text) {
        guard parsed >= 0 else { fatalError("parseDuration(\(text.debugDescription)) = \(parsed) < 0") }
        let formatted = formatDuration(parsed)
        guard parseDuration(formatted) == parsed else {
            fatalError(
                "parseDuration(\(text.debugDescription)) = \(parsed), formatted "
                    + "\(formatted.debugDescription), parses back as "
                    + "\(String(describing: parseDuration(formatted)))")
        }
        guard formatDuration(parseDuration(formatted)!) == formatted else {
            fatalError("formatDuration is not stable for \(parsed)")
        }
    }

    // The first eight bytes as a number of nanoseconds: every value formats, and a non-negative one
    // parses back exactly (a negative one is rejected).
    guard body.count >= 8 else { return }
    var bits: UInt64 = 0
    for byte in body.prefix(8) { bits = bits << 8 | UInt64(byte) }
    let value = Nanoseconds(bitPattern: bits)
    let formatted = formatDuration(value)
    let expected: Nanoseconds? = value >= 0 ? value : nil
    guard parseDuration(formatted) == expected else {
        fatalError(
            "formatDuration(\(value)) = \(formatted.debugDescription) parses as "
                + "\(String(describing: parseDuration(formatted))), expected \(String(describing: expected))")
    }
}
