import Synchronization

/// A clock that moves only when a test calls ``advance(by:)``: virtual time for testing a breaker's
/// settings without waiting on the wall clock.
///
/// ```swift
/// let clock = ManualClock()
/// let breaker = CircuitBreaker(allowedFails: 2, retryTimer: .seconds(30), clock: clock)
/// // … two failures open it …
/// clock.advance(by: .seconds(30))  // the next call is the probe
/// ```
///
/// Sleepers suspend until the clock is advanced past their deadline (or their task is cancelled),
/// so a test never waits on wall time. It also counts reads of ``now``, which lets a test check that
/// a code path reads no clock.
public final class ManualClock: Clock {
    /// A point on the manual time line: an offset from the clock's origin.
    public struct Instant: InstantProtocol, CustomStringConvertible {
        /// Time since the clock's origin.
        public var offset: Duration

        /// The instant `offset` after the clock's origin.
        public init(offset: Duration) {
            self.offset = offset
        }

        /// The instant `duration` later.
        public func advanced(by duration: Duration) -> Instant {
            Instant(offset: offset + duration)
        }

        /// The time from this instant to `other` (negative when `other` is earlier).
        public func duration(to other: Instant) -> Duration {
            other.offset - offset
        }

        /// Whether `lhs` comes before `rhs`.
        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.offset < rhs.offset
        }

        /// The offset from the clock's origin, as test failures print it: "t+1.5 seconds".
        public var description: String { "t+\(offset)" }
    }

    private struct Sleeper {
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Instant
        var nowReads = 0
        var sleepers: [UInt64: Sleeper] = [:]
        var nextSleeperID: UInt64 = 0
    }

    private let state: Mutex<State>

    /// A clock that reads `now` until it is advanced.
    public init(now: Instant = Instant(offset: .zero)) {
        self.state = Mutex(State(now: now))
    }

    /// The current time; each read is counted (see ``nowReads``), so tests can assert how often a
    /// breaker reads its clock.
    public var now: Instant {
        locked { state in
            state.nowReads += 1
            return state.now
        }
    }

    /// The current time, without counting as a read.
    public var peek: Instant { locked { $0.now } }

    /// How many times ``now`` has been read.
    public var nowReads: Int { locked { $0.nowReads } }

    /// One nanosecond: the clock moves only when a test advances it, by any amount.
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Moves the clock forward and wakes every sleeper whose deadline has come.
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "ManualClock cannot go backwards")
        let due = locked { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let dueIDs = state.sleepers.filter { $0.value.deadline <= now }.map(\.key)
            return dueIDs.compactMap { state.sleepers.removeValue(forKey: $0)?.continuation }
        }
        for continuation in due { continuation.resume() }
    }

    /// Moves the clock forward to `instant` (not backwards) and wakes the sleepers that are due.
    public func advance(to instant: Instant) {
        advance(by: peek.duration(to: instant))
    }

    /// Suspends until a test advances the clock to `deadline` or past it.
    ///
    /// It returns at once if the clock is already there, and throws `CancellationError` if the task is
    /// cancelled first. `tolerance` is ignored.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = locked { state in
            defer { state.nextSleeperID += 1 }
            return state.nextSleeperID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<Void, any Error>) in
                let immediate: Result<Void, any Error>? = locked { state in
                    // Checked under the lock, so a cancellation that ran before registration is not lost.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let sleeper = locked { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Runs `body` with the lock held; ThreadSanitizer builds (BREAKER_CORE_TSAN) annotate the
    /// acquisition and release, which the sanitizer cannot see inside `Mutex` on Linux.
    private func locked<R>(_ body: (inout sending State) -> sending R) -> sending R {
        state.withLock { state in
            #if BREAKER_CORE_TSAN
                let address = Unmanaged.passUnretained(self).toOpaque()
                manualClockTSanAcquire(address)
                defer { manualClockTSanRelease(address) }
            #endif
            return body(&state)
        }
    }
}

#if BREAKER_CORE_TSAN
    @_silgen_name("__tsan_acquire")
    private func manualClockTSanAcquire(_ address: UnsafeMutableRawPointer)

    @_silgen_name("__tsan_release")
    private func manualClockTSanRelease(_ address: UnsafeMutableRawPointer)
#endif
