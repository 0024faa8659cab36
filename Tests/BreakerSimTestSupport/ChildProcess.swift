import Subprocess
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// Runs a program to its end and collects its output and exit status, with a time limit.
///
/// Built on swift-subprocess, which waits for exactly its own child (a pidfd on Linux) instead of
/// Foundation's `Process.waitUntilExit()`, which was seen to miss a child's exit when tests spawn
/// processes from several threads at once; it also closes every other descriptor in the child, so a
/// tmux server started by one test keeps no pipe of another open.
///
/// At most one child per processor runs at a time: Swift Testing starts every async test at once, and
/// forty simulations sharing two cores would each take many times their own time (and fail the tests that
/// check how promptly a child reacts).
package enum ChildProcess {
    /// What a finished program left.
    package struct Output: Sendable {
        /// The exit status, or 128 + the signal that ended it (as a shell reports it).
        package var status: Int32
        /// Everything it wrote to standard output, decoded as UTF-8.
        package var stdout: String
        /// Everything it wrote to standard error, decoded as UTF-8.
        package var stderr: String
        /// The wall time from its start to its end (without the wait for a free processor).
        package var elapsed: Duration
    }

    /// A program that could not be run or did not finish in time.
    package struct Failure: Error, CustomStringConvertible {
        /// What went wrong, for the test's failure message.
        package var description: String
        /// The wall time from the child's start to the failure (without the wait for a processor).
        package var elapsed: Duration = .zero
    }

    /// A signal to send a program once it has run for a while.
    package struct DelayedSignal: Sendable {
        /// The signal's number (`SIGINT`, `SIGTERM`, …).
        package var number: Int32
        /// How long after the start it is sent.
        package var after: Duration

        /// `number`, sent `after` the program started.
        package init(_ number: Int32, after: Duration) {
            self.number = number
            self.after = after
        }
    }

    /// The most either stream may hold; more is a failure, not a hang.
    private static let outputLimit = 64 << 20

    /// Runs `executable` with `arguments` in `directory` (or the current one), with `environment` added
    /// to this process's, `input` on standard input (`/dev/null` if nil) and `signal` sent while it runs;
    /// kills it and throws after `timeout`.
    ///
    /// `waitsForProcessor: false` is for commands that take no processor to speak of (a tmux client
    /// that types keys or reads the screen): they must not queue for minutes behind simulations, or a
    /// dashboard test polling the screen sees nothing change.
    package static func run(
        _ executable: String, _ arguments: [String], directory: String? = nil,
        environment: [String: String] = [:], input: String? = nil, timeout: Duration = .seconds(120),
        signal: DelayedSignal? = nil, waitsForProcessor: Bool = true
    ) async throws -> Output {
        if waitsForProcessor { await slots.acquire() }
        defer { if waitsForProcessor { slots.release() } }
        let started = ContinuousClock.now
        return try await withThrowingTaskGroup(of: Output?.self) { group in
            group.addTask {
                if let input {
                    try await collect(
                        executable, arguments, directory, environment, .array(Array(input.utf8)), signal)
                } else {
                    try await collect(executable, arguments, directory, environment, .none, signal)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            // The first to finish decides; cancelling the run makes swift-subprocess kill the child.
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let first else {
                throw Failure(
                    description: "\(executable) \(arguments) did not finish in \(timeout)",
                    elapsed: ContinuousClock.now - started)
            }
            return first
        }
    }

    private static func collect(
        _ executable: String, _ arguments: [String], _ directory: String?, _ environment: [String: String],
        _ input: some InputProtocol, _ signal: DelayedSignal?
    ) async throws -> Output {
        let updates = Dictionary(
            uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0), $1) })
        let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
        let started = ContinuousClock.now
        do {
            result = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(arguments),
                environment: .inherit.updating(updates), workingDirectory: directory.map { FilePath($0) },
                input: input, output: .string(limit: outputLimit), error: .string(limit: outputLimit)
            ) { execution in
                guard let signal else { return }
                try await Task.sleep(for: signal.after)
                // The child may have ended already: it stays a zombie until the run returns, so the pid
                // is still its own and a failed send only means there was nothing left to signal.
                try? execution.send(signal: Signal(rawValue: signal.number))
            }
        } catch let error as SubprocessError {
            throw Failure(description: "cannot run \(executable): \(error)")
        }
        let status: Int32 =
            switch result.terminationStatus {
            case .exited(let code): code
            case .signaled(let number): 128 + number
            }
        return Output(
            status: status, stdout: result.standardOutput, stderr: result.standardError,
            elapsed: ContinuousClock.now - started)
    }

    private static let slots = Slots(max(2, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
}

/// A counting semaphore for async callers: `acquire` waits for a free slot, `release` hands it on.
private final class Slots: Sendable {
    private let state: Mutex<(free: Int, waiting: [CheckedContinuation<Void, Never>])>

    init(_ count: Int) {
        state = Mutex((free: count, waiting: []))
    }

    func acquire() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state in
                guard state.free > 0 else {
                    state.waiting.append(continuation)
                    return false
                }
                state.free -= 1
                return true
            }
            if now { continuation.resume() }
        }
    }

    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
