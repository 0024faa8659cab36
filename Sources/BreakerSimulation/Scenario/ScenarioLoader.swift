#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads scenario files and turns them into validated ``Scenario`` values.
///
/// Every problem in a file is reported at once, each with its field path, in document order:
///
/// ```
/// flaky.json: services[0].phases[2]: overlaps phases[1] (3m..5m)
/// flaky.json: clients[0].breaker: unknown key "alowed_fails" (did you mean "allowed_fails"?)
/// ```
public enum ScenarioLoader {
    /// Reads and validates a file; `overrides` are `--set PATH=VALUE` strings applied to the JSON
    /// before validation.
    ///
    /// - Throws: ``ScenarioError/unreadable(file:reason:)`` when the file cannot be read,
    ///   ``ScenarioError/invalid(_:)`` with every problem found otherwise.
    public static func load(file: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        try parse(readFile(file), file: file, overrides: overrides)
    }

    /// Validates a scenario from bytes already read (`file` only names it in messages).
    ///
    /// - Throws: ``ScenarioError/invalid(_:)`` with every problem found.
    public static func parse(_ bytes: [UInt8], file: String, overrides: [String] = []) throws(ScenarioError)
        -> Scenario
    {
        func invalid(_ message: String) -> ScenarioError {
            .invalid([ScenarioProblem(file: file, path: "", message: message)])
        }
        guard bytes.count <= ScenarioLimits.maximumFileSize else {
            throw invalid(
                "is too large (\(bytes.count) bytes; the limit is \(ScenarioLimits.maximumFileSize) bytes)")
        }
        if let encoding = wideEncoding(of: bytes) { throw invalid(wideEncodingMessage(encoding, file: file)) }
        if let offset = firstInvalidUTF8Offset(bytes) {
            throw invalid(
                "not valid UTF-8 (byte 0x\(hex(UInt32(bytes[offset]), digits: 2)) at offset \(offset))")
        }
        let start = hasByteOrderMark(bytes) ? 3 : 0
        guard bytes[start...].contains(where: { !isJSONWhitespace($0) }) else {
            throw invalid("is empty (expected a JSON object with the scenario's fields)")
        }
        var root: JSONValue
        let duplicateKeys: [JSONDuplicateKey]
        do {
            let document = try JSONParser.parse(bytes)
            root = document.value
            duplicateKeys = document.duplicateKeys
        } catch {
            throw invalid(error.rendered(in: bytes))
        }

        let applied = ScenarioOverrides.apply(overrides, to: &root)
        var problems = applied.problems.map {
            ScenarioProblem(file: file, path: $0.path, message: $0.message)
        }
        for duplicate in duplicateKeys {
            let (line, column) = lineAndColumn(of: duplicate.offset, in: bytes)
            let (firstLine, firstColumn) = lineAndColumn(of: duplicate.firstOffset, in: bytes)
            problems.append(
                ScenarioProblem(
                    file: file, path: duplicate.objectPath,
                    message: "duplicate key \(quoted(duplicate.key)) at line \(line) column \(column) "
                        + "(first at line \(firstLine) column \(firstColumn))"))
        }
        guard duplicateKeys.isEmpty else { throw .invalid(problems) }

        var validator = ScenarioValidator()
        let scenario = validator.validate(root)
        for finding in validator.findings {
            var message = finding.message
            // The override of the field itself (or of an object holding it), or of a field the problem
            // depends on: `--set duration=90s` is why a phase at 2m now starts after the end.
            func within(_ path: String, _ target: String) -> Bool {
                path == target || path.hasPrefix(target + ".") || path.hasPrefix(target + "[")
            }
            if let cause = applied.targets.last(where: { target in
                within(finding.subject, target.path)
                    || finding.related.contains { within($0, target.path) || within(target.path, $0) }
            }) {
                message += " (from --set \(shortened(cause.text, limit: 80)))"
            }
            problems.append(ScenarioProblem(file: file, path: finding.path, message: message))
        }
        guard problems.isEmpty, let scenario else { throw .invalid(problems) }
        return scenario
    }

    /// How long a scenario that is not a regular file (a FIFO, a process substitution, a device) may
    /// take to arrive in full, in milliseconds.
    static let streamWaitMilliseconds: Int32 = 10_000

    /// The whole file, or why it cannot be read.
    ///
    /// A regular file is read to its end. Anything else (a FIFO, `<(…)`, a device) is read without
    /// blocking, for at most `streamWait` milliseconds in all: opening a FIFO nobody writes to would
    /// otherwise wait forever, and a device such as `/dev/zero` never ends (the size limit stops it).
    ///
    /// `limit` is the most bytes read (a scenario's by default; `sweep merge` passes the shards').
    package static func readFile(
        _ file: String, streamWait: Int32 = streamWaitMilliseconds,
        limit: Int = ScenarioLimits.maximumFileSize
    ) throws(ScenarioError) -> [UInt8] {
        var status = stat()
        // Known before opening, because opening a FIFO for reading blocks until a writer comes.
        let regular: Bool
        if stat(file, &status) == 0 {
            if status.st_mode & S_IFMT == S_IFDIR { throw .unreadable(file: file, reason: "is a directory") }
            regular = status.st_mode & S_IFMT == S_IFREG
        } else {
            regular = true  // open says why
        }
        let descriptor = open(file, O_RDONLY | O_CLOEXEC | (regular ? 0 : O_NONBLOCK))
        guard descriptor >= 0 else {
            throw .unreadable(file: file, reason: reason(errno))
        }
        defer { close(descriptor) }
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw .unreadable(file: file, reason: "is a directory")
        }
        let deadline = regular ? 0 : monotonicMilliseconds() + Int64(streamWait)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if !regular {
                let left = deadline - monotonicMilliseconds()
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                if left <= 0 || poll(&waiting, 1, Int32(clamping: left)) == 0 {
                    let seconds = formatSecondsShort(Double(streamWait) / 1000)
                    throw .unreadable(
                        file: file,
                        reason: bytes.isEmpty
                            ? "is not a regular file and nothing arrived within \(seconds) (is anything writing to it?)"
                            : "is not a regular file and did not end within \(seconds)")
                }
            }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                let code = errno
                if code == EINTR || code == EAGAIN || code == EWOULDBLOCK { continue }
                throw .unreadable(file: file, reason: reason(code))
            }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit {
                throw .invalid([
                    ScenarioProblem(file: file, path: "", message: "is too large (more than \(limit) bytes)")
                ])
            }
        }
        return bytes
    }

    private static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case ENOTDIR: return "no such file (a part of the path is not a directory)"
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "is a directory"
        default:
            guard let text = strerror(code) else { return "cannot be read (error \(code))" }
            return "cannot be read (\(String(cString: text).lowercased()))"
        }
    }
}
