import Foundation
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
        // The child's whole life (spawning it, arming its limit, collecting its output, measuring its
        // time) runs on a thread of the runner's own. On the shared pool, the suite's long synchronous
        // tests held both threads of a two-core machine for 90 s, and a signal due 1.5 s after the
        // start was armed only then: the child was reported 87 s slow to react.
        try await withTaskExecutorPreference(childrenExecutor) {
            if waitsForProcessor { await slots.acquire() }
            defer { if waitsForProcessor { slots.release() } }
            // Without input the child reads /dev/null: no task has to write (and close) a pipe for it.
            if let input {
                return try await execute(
                    executable, arguments, directory, environment, .array(Array(input.utf8)), timeout,
                    signal)
            }
            return try await execute(executable, arguments, directory, environment, .none, timeout, signal)
        }
    }

    private static let childrenExecutor = ThreadExecutor()

    /// `@concurrent`: on the runner's thread (the task's executor preference) whatever actor the caller
    /// is on, never on that actor's executor.
    @concurrent private static func execute(
        _ executable: String, _ arguments: [String], _ directory: String?, _ environment: [String: String],
        _ input: some InputProtocol, _ timeout: Duration, _ signal: DelayedSignal?
    ) async throws -> Output {
        let updates = Dictionary(
            uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0), $1) })
        // The time limit and the signal are sent from a thread of their own, not from a task or a
        // Dispatch queue: when the tests' synchronous work fills the pool's threads (which Dispatch's
        // global queues share here), a sleep there can end minutes late (a 300 ms limit once let
        // `sleep 30` run to its end).
        let watch = Watch()
        let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
        let started = ContinuousClock.now
        do {
            result = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(arguments),
                environment: .inherit.updating(updates), workingDirectory: directory.map { FilePath($0) },
                input: input,
                output: .string(limit: outputLimit), error: .string(limit: outputLimit)
            ) { execution in
                watch.arm(pid: execution.processIdentifier.value, timeout: timeout, signal: signal)
            }
        } catch let error as SubprocessError {
            // The watch stops with the run, whatever ended it: a pid it kept could be another process's.
            _ = watch.finish()
            throw Failure(description: "cannot run \(executable): \(error)")
        } catch {
            _ = watch.finish()
            throw error
        }
        let (killedAt, exitedAt) = watch.finish()
        if let killedAt {
            throw Failure(
                description: "\(executable) \(arguments) did not finish in \(timeout)",
                elapsed: killedAt - started)
        }
        let status: Int32 =
            switch result.terminationStatus {
            case .exited(let code): code
            case .signaled(let number): 128 + number
            }
        return Output(
            status: status, stdout: result.standardOutput, stderr: result.standardError,
            elapsed: (exitedAt ?? ContinuousClock.now) - started)
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

/// The time limit and the signal of one child, sent from a thread of its own while the child runs, and
/// the moment it ended, seen from another.
///
/// Neither thread needs the task pool: its end is the child's own, even when the suite's synchronous
/// tests keep the pool from resuming the runner for a while after it.
private final class Watch: @unchecked Sendable {
    /// Guards the properties below, and wakes the sending thread when the child has ended.
    private let condition = NSCondition()
    /// The child's pid while it may still be signalled.
    private var pid: pid_t?
    /// When the time limit killed the child, if it did.
    private var killedAt: ContinuousClock.Instant?
    /// When the child ended, once the waiting thread has seen it.
    private var exitedAt: ContinuousClock.Instant?

    /// Starts the clocks for the child `pid` and the wait for its end.
    func arm(pid: pid_t, timeout: Duration, signal: ChildProcess.DelayedSignal?) {
        condition.lock()
        self.pid = pid
        condition.unlock()
        let start = ContinuousClock.now
        var sends = [(at: start + timeout, number: SIGKILL, killing: true)]
        if let signal { sends.insert((start + signal.after, signal.number, false), at: 0) }
        let ordered = sends.sorted { $0.at < $1.at }
        Thread.detachNewThread { self.send(ordered) }
        Thread.detachNewThread { self.waitForExit(of: pid) }
    }

    /// Stops the sending once the child has been reaped (its pid may be another process's now).
    ///
    /// Returns when the time limit killed it, if it did, and when it ended, if that was seen.
    func finish() -> (killedAt: ContinuousClock.Instant?, exitedAt: ContinuousClock.Instant?) {
        condition.lock()
        defer { condition.unlock() }
        pid = nil
        condition.broadcast()
        return (killedAt, exitedAt)
    }

    private func send(_ sends: [(at: ContinuousClock.Instant, number: Int32, killing: Bool)]) {
        condition.lock()
        defer { condition.unlock() }
        for send in sends {
            while pid != nil, exitedAt == nil,
                case let left = ContinuousClock.now.duration(to: send.at), left > .zero
            {
                let (seconds, attoseconds) = left.components
                _ = condition.wait(
                    until: Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) * 1e-18))
            }
            // Under the lock, so that `finish` cannot forget the pid between the check and the kill.
            guard let pid, exitedAt == nil else { return }
            if kill(pid, send.number) == 0 && send.killing { killedAt = ContinuousClock.now }
        }
    }

    /// Waits for the child to end without reaping it (subprocess does that) and notes when it did.
    ///
    /// `pid` is this process's child until subprocess reaps it, which it does only after the exit this
    /// waits for; another child reusing the number before this thread asks is not a practical concern.
    private func waitForExit(of pid: pid_t) {
        var info = siginfo_t()
        var result: Int32 = 0
        repeat {
            result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT)
        } while result == -1 && errno == EINTR
        let ended = result == 0 || errno == ECHILD
        let now = ContinuousClock.now
        condition.lock()
        // No such child (ECHILD) means subprocess has reaped it already: woken by the same exit, it got
        // there first. Either way it has ended by now, and soon before.
        if ended && self.pid == pid { exitedAt = now }
        condition.broadcast()
        condition.unlock()
    }
}

/// A task executor with one thread of its own, for work that must not wait for the shared pool.
///
/// Every job it is given runs on that thread, in order; the thread lives as long as the process. The
/// children's work on it is short (spawning, reading ready pipes): subprocess waits for exits and I/O
/// on threads of its own.
private final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    /// Guards `jobs` and wakes the thread when one arrives.
    private let condition = NSCondition()
    /// The jobs not yet run, oldest first.
    private var jobs: [UnownedJob] = []

    init() {
        let thread = Thread { self.serve() }
        thread.name = "child-process runner"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func serve() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let ready = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in ready { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
