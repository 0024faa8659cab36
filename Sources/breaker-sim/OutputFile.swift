#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output file, opened before any work so that a destination that cannot be written is reported
/// at once.
///
/// A regular file (or one that does not exist yet) is written beside its destination under a hidden
/// temporary name and renamed into place only when complete, so an interrupted run never leaves half a
/// file where a good one was; the file it replaces keeps its mode and owner. A symbolic link is followed
/// and its target replaced, never the link. What is not a regular file — a terminal, `/dev/null`, a
/// FIFO, `/dev/fd/N` from `>(…)`, `/dev/stdout` — is written straight to, since renaming a file over
/// it would replace the device or the pipe itself. A block device, a socket or a directory is refused.
final class OutputFile {
    struct Failure: Error {
        let reason: String
    }

    /// How the output reaches its destination.
    enum Delivery: Equatable {
        /// A temporary file renamed over `target` (the destination with its links followed).
        case replacement(temporary: String, target: String)
        /// Written straight to the destination, which is not a regular file.
        case stream
    }

    /// The destination as the user named it.
    let path: String
    let delivery: Delivery
    private var handle: UnsafeMutablePointer<FILE>?

    /// The longest wait for a reader when the destination is a FIFO nobody has opened yet.
    static let readerWait: Duration = .seconds(10)

    init(path: String) throws(Failure) {
        self.path = path
        guard !path.isEmpty else { throw Failure(reason: "the path is empty") }
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                throw Failure(reason: "is a directory")
            case _ where Self.descriptor(named: path) != nil:
                (handle, delivery) = (try Self.openStream(path), .stream)
            case S_IFBLK:
                throw Failure(
                    reason:
                        "is a block device; outputs go to files, terminals, pipes or devices such as /dev/null"
                )
            case S_IFSOCK:
                throw Failure(reason: "is a socket")
            case S_IFCHR, S_IFIFO:
                (handle, delivery) = (try Self.openStream(path), .stream)
            default:
                let target = try Self.resolved(path)
                let (handle, temporary) = try Self.openReplacement(for: target, existing: info)
                (self.handle, delivery) = (handle, .replacement(temporary: temporary, target: target))
            }
        } else if errno == ENOENT {
            let target = try Self.resolved(path)
            let (handle, temporary) = try Self.openReplacement(for: target, existing: nil)
            (self.handle, delivery) = (handle, .replacement(temporary: temporary, target: target))
        } else {
            throw Failure(reason: Self.describe(errno))
        }
    }

    func write(_ text: String) throws(Failure) {
        guard let handle else { throw Failure(reason: "already closed") }
        var text = text
        let written = text.withUTF8 { bytes in fwrite(bytes.baseAddress, 1, bytes.count, handle) }
        if written != text.utf8.count { throw Failure(reason: Self.describe(errno)) }
    }

    /// Flushes and closes the file and, for a regular file, renames it into place.
    func commit() throws(Failure) {
        guard let handle else { return }
        self.handle = nil
        let closed = fclose(handle)
        let closeError = errno
        guard case .replacement(let temporary, let target) = delivery else {
            if closed != 0 { throw Failure(reason: Self.describe(closeError)) }
            return
        }
        if closed != 0 {
            unlink(temporary)
            throw Failure(reason: Self.describe(closeError))
        }
        if rename(temporary, target) != 0 {
            let reason = Self.describe(errno)
            unlink(temporary)
            throw Failure(reason: reason)
        }
    }

    /// Removes the temporary file, leaving the destination as it was; a stream is closed (what was
    /// written to it is out already).
    func discard() {
        if let handle { fclose(handle) }
        handle = nil
        if case .replacement(let temporary, _) = delivery { unlink(temporary) }
    }

    deinit {
        if handle != nil { discard() }
    }

    // MARK: - Opening

    /// The descriptor that `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N` names.
    ///
    /// When this process has it open, output to it is written through a copy of that descriptor, so it
    /// shares the offset with whatever else writes there (the summary on standard output), as the shell's
    /// `>` set it up. Opening the name afresh would start a second offset at 0 and overwrite one with the
    /// other.
    static func descriptor(named path: String) -> Int32? {
        let number: Substring
        switch path {
        case "/dev/stdout": number = "1"
        case "/dev/stderr": number = "2"
        default:
            guard let prefix = ["/dev/fd/", "/proc/self/fd/"].first(where: path.hasPrefix) else { return nil }
            number = path.dropFirst(prefix.count)
        }
        guard let descriptor = Int32(number), descriptor >= 0, fcntl(descriptor, F_GETFD) != -1 else {
            return nil
        }
        return descriptor
    }

    /// Opens a terminal, device or pipe for writing.
    ///
    /// A FIFO without a reader is waited for, at most `readerWait`, instead of blocking forever.
    private static func openStream(_ path: String) throws(Failure) -> UnsafeMutablePointer<FILE> {
        if let inherited = descriptor(named: path) {
            let copy = fcntl(inherited, F_DUPFD_CLOEXEC, 0)
            guard copy >= 0, let handle = fdopen(copy, "w") else { throw Failure(reason: describe(errno)) }
            return handle
        }
        let flags = O_WRONLY | O_NONBLOCK | O_CLOEXEC
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: readerWait)
        var descriptor = open(path, flags)
        while descriptor < 0 && (errno == ENXIO || errno == EINTR) {
            if errno == ENXIO && clock.now >= deadline {
                throw Failure(
                    reason:
                        "is a FIFO that nobody opened for reading within \(readerWait.components.seconds)s")
            }
            usleep(20_000)
            descriptor = open(path, flags)
        }
        guard descriptor >= 0 else { throw Failure(reason: describe(errno)) }
        // Writes block as usual from here on: the reader sets the pace.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        guard let handle = fdopen(descriptor, "w") else {
            let reason = describe(errno)
            close(descriptor)
            throw Failure(reason: reason)
        }
        return handle
    }

    /// Creates the hidden temporary file beside `target`, with the mode and owner of the file it will
    /// replace; refuses up front what the rename could not do or would change.
    private static func openReplacement(for target: String, existing: stat?) throws(Failure) -> (
        UnsafeMutablePointer<FILE>, String
    ) {
        let (directory, name) = split(target)
        guard !["", ".", ".."].contains(name) else { throw Failure(reason: "names a directory, not a file") }
        if let existing, access(target, W_OK) != 0 {
            // Permission to write the file, not only its directory: a read-only file stays read-only,
            // as the shell's `>` leaves it.
            throw Failure(
                reason:
                    "is not writable (\(describe(errno))); its mode is \(octal(existing.st_mode & 0o7777))")
        }
        let temporary = directory + "/" + temporaryName(for: name)
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw Failure(reason: "cannot create a file in \(directory) (\(describe(errno)))")
        }
        func fail(_ reason: String) -> Failure {
            close(descriptor)
            unlink(temporary)
            return Failure(reason: reason)
        }
        if let existing {
            var created = stat()
            _ = fstat(descriptor, &created)
            if created.st_uid != existing.st_uid || created.st_gid != existing.st_gid {
                if fchown(descriptor, existing.st_uid, existing.st_gid) != 0
                    && created.st_uid != existing.st_uid
                {
                    throw fail(
                        "belongs to user \(existing.st_uid), and replacing it would make it yours; remove it or choose another path"
                    )
                }
            }
            // After the owner: changing the owner clears set-user-ID bits.
            if fchmod(descriptor, existing.st_mode & 0o7777) != 0 { throw fail(describe(errno)) }
        }
        guard let handle = fdopen(descriptor, "w") else { throw fail(describe(errno)) }
        return (handle, temporary)
    }

    /// `.NAME.partial-PID`, with `NAME` shortened (at a character boundary) so the whole fits in the
    /// 255 bytes a file name may have.
    static func temporaryName(for name: String) -> String {
        let suffix = ".partial-\(getpid())"
        let room = 255 - 1 - suffix.utf8.count
        var kept = Substring(name)
        while kept.utf8.count > room { kept = kept.dropLast() }
        return "." + kept + suffix
    }

    /// The destination with every symbolic link followed, including a link to a file that does not
    /// exist yet (which is then created, as the shell's `>` does).
    static func resolved(_ path: String) throws(Failure) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { break }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { throw Failure(reason: describe(errno)) }
            let link = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : split(current).directory + "/" + link
        }
        let (directory, name) = split(current)
        guard let real = realpath(directory, nil) else {
            throw Failure(reason: "its directory \(directory): \(describe(errno))")
        }
        defer { free(real) }
        let base = String(cString: real)
        return (base == "/" ? "" : base) + "/" + name
    }

    private static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    private static func octal(_ mode: mode_t) -> String {
        "0" + String(mode, radix: 8)
    }

    private static func describe(_ error: Int32) -> String {
        String(cString: strerror(error))
    }
}
