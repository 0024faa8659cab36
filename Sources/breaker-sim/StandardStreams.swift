#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes one line to standard error, prefixed with the program's name.
func complain(_ message: String) {
    writeStandardError("breaker-sim: \(message)\n")
}

func writeStandardError(_ text: String) {
    writeAll(text, to: STDERR_FILENO)
}

func writeStandardOutput(_ text: String) {
    writeAll(text, to: STDOUT_FILENO)
}

/// Writes every byte, retrying after partial writes and interruptions (a reader on a slow pipe).
private func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
