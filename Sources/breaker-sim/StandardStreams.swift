import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes one line to standard error, prefixed with the program's name.
func complain(_ message: String) {
    writeStandardError("breaker-sim: \(message)\n")
}

/// Writes to standard error; a failure there has nowhere to be reported, so it is ignored.
func writeStandardError(_ text: String) {
    _ = writeAll(text, to: STDERR_FILENO)
}

/// Writes the command's result to standard output; a write that fails (a full disk, a closed pipe with
/// SIGPIPE ignored) is an error, exit 74, so that a script never takes a missing result for a good one.
func writeStandardOutput(_ text: String) throws(ExitCode) {
    if let error = writeAll(text, to: STDOUT_FILENO) {
        complain("standard output: cannot write: \(String(cString: strerror(error)))")
        throw ExitStatus.ioError
    }
}

/// Writes every byte, retrying after partial writes and interruptions (a reader on a slow pipe);
/// returns the error number of a write that failed.
private func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
    var text = text
    return text.withUTF8 { bytes -> Int32? in
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
