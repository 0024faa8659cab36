#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output file written beside its destination and renamed into place only when complete, so an
/// interrupted run never leaves a half-written file where a good one was.
final class AtomicFile {
    struct Failure: Error {
        let reason: String
    }

    let path: String
    let temporaryPath: String
    private var handle: UnsafeMutablePointer<FILE>?

    /// Opens the temporary file now, so an unwritable destination is reported before any work.
    init(path: String) throws(Failure) {
        self.path = path
        var isDirectory = stat()
        if stat(path, &isDirectory) == 0 && (isDirectory.st_mode & S_IFMT) == S_IFDIR {
            throw Failure(reason: "is a directory")
        }
        temporaryPath = path + ".partial-\(getpid())"
        guard let handle = fopen(temporaryPath, "w") else {
            throw Failure(reason: String(cString: strerror(errno)))
        }
        self.handle = handle
    }

    func write(_ text: String) throws(Failure) {
        guard let handle else { throw Failure(reason: "already closed") }
        var text = text
        let written = text.withUTF8 { bytes in fwrite(bytes.baseAddress, 1, bytes.count, handle) }
        if written != text.utf8.count { throw Failure(reason: String(cString: strerror(errno))) }
    }

    /// Flushes, closes and renames the file into place.
    func commit() throws(Failure) {
        guard let handle else { return }
        self.handle = nil
        if fclose(handle) != 0 {
            unlink(temporaryPath)
            throw Failure(reason: String(cString: strerror(errno)))
        }
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw Failure(reason: reason)
        }
    }

    /// Removes the temporary file; the destination is left as it was.
    func discard() {
        if let handle { fclose(handle) }
        handle = nil
        unlink(temporaryPath)
    }

    deinit {
        if handle != nil { discard() }
    }
}
