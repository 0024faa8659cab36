import Synchronization

/// A clock that moves only when a test calls ``advance(by:)``.
///
/// Sleepers suspend until the clock is advanced past their deadline (or their task is cancelled),
/// so a test never waits on wall time. It also counts reads of ``now``, which lets tests check that
/// the breaker's closed path reads no clock.
final class ManualClock: Clock {
    /// A point on the manual time line: an offset from the clock's origin.
    struct Instant: InstantProtocol, CustomStringConvertible {
        var offset: Duration

        init(offset: Duration) {
            self.offset = offset
        }

        func advanced(by duration: Duration) -> Instant {
            Instant(offset: offset + duration)
        }

        func duration(to other: Instant) -> Duration {
            other.offset - offset
        }

        static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.offset < rhs.offset
        }

        var description: String { "t+\(offset)" }
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

    private let state: Locked<State>

    init(now: Instant = Instant(offset: .zero)) {
        self.state = Locked(State(now: now))
    }

    var now: Instant {
        state.withLock { state in
            state.nowReads += 1
            return state.now
        }
    }

    /// The current time, without counting as a read.
    var peek: Instant { state.withLock { $0.now } }

    /// How many times ``now`` has been read.
    var nowReads: Int { state.withLock { $0.nowReads } }

    var minimumResolution: Duration { .nanoseconds(1) }

    /// Moves the clock forward and wakes every sleeper whose deadline has come.
    func advance(by duration: Duration) {
        precondition(duration >= .zero, "ManualClock cannot go backwards")
        let due = state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let dueIDs = state.sleepers.filter { $0.value.deadline <= now }.map(\.key)
            return dueIDs.compactMap { state.sleepers.removeValue(forKey: $0)?.continuation }
        }
        for continuation in due { continuation.resume() }
    }

    func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state in
            defer { state.nextSleeperID += 1 }
            return state.nextSleeperID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<Void, any Error>) in
                let immediate: Result<Void, any Error>? = state.withLock { state in
                    // Checked under the lock, so a cancellation that ran before registration is not lost.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }
}
