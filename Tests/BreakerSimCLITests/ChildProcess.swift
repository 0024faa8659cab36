import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program and collects its output with posix_spawn, poll and waitpid.
///
/// Foundation's `Process.waitUntilExit()` on Linux was seen to miss a child's exit when tests spawn
/// processes from several threads at once (the child stayed a zombie and the test hung until CI's time
/// limit); this reaps exactly its own child and kills it after `timeout`.
enum ChildProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(
        _ executable: String, _ arguments: [String], directory: String? = nil, timeout: Double = 120,
        signal: (number: Int32, after: Double)? = nil
    ) throws -> Output {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        // Close-on-exec, so that children other tests start at the same time do not inherit these ends
        // (a tmux server would keep them open for ever); dup2 clears the flag on the child's 1 and 2.
        let piped = spawning.withLock { _ in makePipe(&outPipe) && makePipe(&errPipe) }
        guard piped else { throw Failure(description: "pipe failed") }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

        // posix_spawn has no portable "change directory" action; a shell does it.
        var argv = [executable] + arguments
        var path = executable
        if let directory {
            path = "/bin/sh"
            argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments
        }
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }

        var pid: pid_t = 0
        let spawned = spawning.withLock { _ in posix_spawn(&pid, path, &actions, nil, &cArguments, environ) }
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }

        // Read both pipes as output arrives, so that neither can fill up and block the child.
        var outBytes: [UInt8] = []
        var errBytes: [UInt8] = []
        var open = [outPipe[0], errPipe[0]]
        let deadline = Date().addingTimeInterval(timeout)
        var signalAt = signal.map { Date().addingTimeInterval($0.after) }
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            if Date() > deadline {
                timedOut = true
                kill(pid, SIGKILL)
                break
            }
            if let at = signalAt, let signal, Date() >= at {
                kill(pid, signal.number)
                signalAt = nil
            }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), 50)
            if ready < 0 && errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == outPipe[0] {
                        outBytes += buffer[0..<count]
                    } else {
                        errBytes += buffer[0..<count]
                    }
                } else if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        for fd in open { close(fd) }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if timedOut {
            throw Failure(description: "\(executable) \(arguments) did not finish in \(timeout) s")
        }
        // The exit status, or 128 + the signal that ended it (as a shell reports it).
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(
            status: exitStatus, stdout: String(decoding: outBytes, as: UTF8.self),
            stderr: String(decoding: errBytes, as: UTF8.self))
    }

    /// Held from creating the pipes until they are close-on-exec, so that no spawn in between inherits them.
    private static let spawning = Mutex(())

    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }
}
