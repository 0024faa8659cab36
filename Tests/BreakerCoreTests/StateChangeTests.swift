import BreakerCore
import BreakerCoreTesting
import Logging
import Synchronization
import Testing

/// State-change events, and manual control with `forceOpen()` and `reset()`.
@Suite(.timeLimit(.minutes(1))) struct StateChangeTests {
    let clock = ManualClock()

    /// A state change without the breaker's name, comparable in expectations.
    struct Change: Equatable, CustomStringConvertible {
        var from: CircuitState
        var to: CircuitState
        var reason: TransitionReason
        var at: ManualClock.Instant

        init(_ from: CircuitState, _ to: CircuitState, _ reason: TransitionReason, at: ManualClock.Instant) {
            self.from = from
            self.to = to
            self.reason = reason
            self.at = at
        }

        init(_ change: ManualBreaker.StateChange) {
            self.init(change.from, change.to, change.reason, at: change.at)
        }

        var description: String { "\(from) → \(to) (\(reason)) at \(at)" }
    }

    /// The first `count` changes of `stream` (all of which must already have been published).
    func first(_ count: Int, of stream: AsyncStream<ManualBreaker.StateChange>) async -> [Change] {
        var changes: [Change] = []
        guard count > 0 else { return changes }
        for await change in stream {
            changes.append(Change(change))
            if changes.count == count { break }
        }
        return changes
    }

    /// Drives a breaker (allowedFails 2, retryTimer 30 s) through open, a failed probe, a successful
    /// probe, forceOpen and reset.
    func driveFullCycle(_ breaker: ManualBreaker) {
        breaker.fail(2)  // t=0: closed → open
        clock.advance(by: .seconds(30))
        breaker.fail()  // t=30: open → half-open, half-open → open
        clock.advance(by: .seconds(30))
        breaker.succeed()  // t=60: open → half-open, half-open → closed
        breaker.forceOpen()  // closed → open
        breaker.forceOpen()  // already forced: nothing
        clock.advance(by: .seconds(5))
        breaker.reset()  // t=65: open → closed
        breaker.reset()  // already closed: nothing
    }

    let fullCycle: [Change] = [
        Change(.closed, .open, .failureThreshold, at: .at(0)),
        Change(.open, .halfOpen, .retryTimerElapsed, at: .at(30)),
        Change(.halfOpen, .open, .probeFailed, at: .at(30)),
        Change(.open, .halfOpen, .retryTimerElapsed, at: .at(60)),
        Change(.halfOpen, .closed, .probeSucceeded, at: .at(60)),
        Change(.closed, .open, .forcedOpen, at: .at(60)),
        Change(.open, .closed, .reset, at: .at(65)),
    ]

    @Test("stateChanges() delivers every transition in order with its reason and time")
    func streamDeliversTransitionsInOrder() async {
        let breaker = ManualBreaker.manual(
            name: "search", allowedFails: 2, retryTimer: .seconds(30), clock: clock)
        let stream = breaker.stateChanges()
        driveFullCycle(breaker)
        var names: Set<String> = []
        var changes: [Change] = []
        for await change in stream {
            names.insert(change.name)
            changes.append(Change(change))
            if changes.count == fullCycle.count { break }
        }
        #expect(changes == fullCycle)
        #expect(names == ["search"])
    }

    @Test("a transition made while another is being published reaches subscribers after it")
    func streamOrderSurvivesInterleavedPublishing() async throws {
        // The log handler runs in the window between a transition and its delivery, exactly where another
        // thread could make the next transition; here it makes it deterministically.
        let holder = BreakerHolder()
        let hooked = Locked(false)
        let logger = Logger.recording(into: Recorder<LogEvent>()) { event in
            guard event.message.description == "circuit closed → open" else { return }
            guard
                hooked.withLock({ fired in
                    !fired
                        ? {
                            fired = true
                            return true
                        }() : false
                })
            else { return }
            _ = try? holder.breaker?.acquire()  // retryTimer is zero: open → half-open
        }
        let breaker = CircuitBreaker(allowedFails: 1, retryTimer: .zero, clock: clock, logger: logger)
        holder.breaker = breaker
        let stream = breaker.stateChanges()
        breaker.fail()
        holder.breaker = nil
        #expect(
            await first(2, of: stream) == [
                Change(.closed, .open, .failureThreshold, at: .at(0)),
                Change(.open, .halfOpen, .retryTimerElapsed, at: .at(0)),
            ])
    }

    @Test("the onStateChange callback sees the same transitions")
    func callbackDeliversTransitionsInOrder() {
        let recorder = Recorder<Change>()
        let names = Recorder<String>()
        let breaker = ManualBreaker.manual(
            name: "search", allowedFails: 2, retryTimer: .seconds(30), clock: clock,
            onStateChange: { change in
                recorder.append(Change(change))
                names.append(change.name)
            })
        driveFullCycle(breaker)
        #expect(recorder.elements == fullCycle)
        #expect(Set(names.elements) == ["search"])
    }

    @Test("every subscriber receives every change; later subscribers only later ones")
    func multipleSubscribers() async {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(10), clock: clock)
        let early = breaker.stateChanges()
        let alsoEarly = breaker.stateChanges()
        breaker.fail()
        let late = breaker.stateChanges()
        clock.advance(by: .seconds(10))
        breaker.succeed()
        let all = [
            Change(.closed, .open, .failureThreshold, at: .at(0)),
            Change(.open, .halfOpen, .retryTimerElapsed, at: .at(10)),
            Change(.halfOpen, .closed, .probeSucceeded, at: .at(10)),
        ]
        #expect(await first(3, of: early) == all)
        #expect(await first(3, of: alsoEarly) == all)
        #expect(await first(2, of: late) == Array(all.dropFirst()))
    }

    @Test("the stream ends when the breaker is deallocated", .timeLimit(.minutes(1)))
    func streamEndsWithBreaker() async {
        var breaker: ManualBreaker? = ManualBreaker.manual(allowedFails: 1, clock: clock)
        let stream = breaker?.stateChanges()
        breaker?.fail()
        breaker = nil
        var count = 0
        if let stream {
            for await _ in stream { count += 1 }
        }
        #expect(count == 1)
    }

    @Test("a subscriber that stops listening does not disturb the breaker or other subscribers")
    func cancelledSubscriber() async {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(1), clock: clock)
        let kept = breaker.stateChanges()
        let listener = Task {
            for await _ in breaker.stateChanges() {}
        }
        listener.cancel()
        await listener.value
        breaker.fail()
        clock.advance(by: .seconds(1))
        breaker.succeed()
        #expect(await first(3, of: kept).map(\.to) == [.open, .halfOpen, .closed])
    }

    @Test("onStateChange runs outside the lock: it may read the breaker")
    func callbackMayReadTheBreaker() {
        let seen = Recorder<CircuitState>()
        let holder = BreakerHolder()
        let breaker = ManualBreaker.manual(
            allowedFails: 1, retryTimer: .seconds(1), clock: clock,
            onStateChange: { _ in
                if let breaker = holder.breaker { seen.append(breaker.state) }
            })
        holder.breaker = breaker
        breaker.fail()
        clock.advance(by: .seconds(1))
        breaker.succeed()
        #expect(seen.elements == [.open, .halfOpen, .closed])
        holder.breaker = nil
    }

    @Test("forceOpen() rejects every call until reset(), whatever the time", arguments: CircuitState.allCases)
    func forceOpenRejectsUntilReset(from state: CircuitState) throws {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(10), clock: clock)
        var pending: ManualBreaker.Permit?
        switch state {
        case .closed:
            pending = try breaker.acquire()
        case .open:
            breaker.fail()
        case .halfOpen:
            breaker.fail()
            clock.advance(by: .seconds(10))
            pending = try breaker.acquire()
        }
        breaker.forceOpen()
        for _ in 0..<3 {
            clock.advance(by: .seconds(3_600))
            #expect(breaker.state == .open)
            #expect(breaker.expectRejection()?.state == .open)
        }
        if let pending = pending.take() { breaker.finish(pending, outcome: .success) }
        #expect(breaker.state == .open)
        breaker.reset()
        #expect(breaker.state == .closed)
        breaker.succeed()
    }

    @Test("forceOpen() reports the state it left", arguments: CircuitState.allCases)
    func forceOpenTransition(from state: CircuitState) async throws {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(10), clock: clock)
        if state != .closed { breaker.fail() }
        clock.advance(by: .seconds(10))
        if state == .halfOpen { _ = try breaker.acquire() }
        let stream = breaker.stateChanges()
        breaker.forceOpen()
        #expect(await first(1, of: stream) == [Change(state, .open, .forcedOpen, at: .at(10))])
    }

    @Test("reset() closes the breaker and clears the count")
    func resetClosesAndClears() {
        let breaker = ManualBreaker.manual(allowedFails: 3, retryTimer: .seconds(10), clock: clock)
        breaker.fail(2)
        breaker.reset()
        #expect(breaker.consecutiveFailures == 0)
        breaker.fail(2)
        #expect(breaker.state == .closed)
        breaker.fail()
        #expect(breaker.state == .open)
        breaker.reset()
        #expect(breaker.state == .closed)
        #expect(breaker.consecutiveFailures == 0)
        breaker.succeed()
        breaker.fail(2)
        #expect(breaker.state == .closed)
    }

    @Test("reset() of a half-open breaker frees its probe slots")
    func resetFromHalfOpen() throws {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(10), clock: clock)
        breaker.fail()
        clock.advance(by: .seconds(10))
        _ = try breaker.acquire()
        breaker.reset()
        breaker.succeed(5)
        #expect(breaker.state == .closed)
    }

    @Test("transition reasons describe themselves")
    func reasonDescriptions() {
        let reasons: [TransitionReason] = [
            .failureThreshold, .retryTimerElapsed, .probeSucceeded, .probeFailed, .forcedOpen, .reset,
        ]
        #expect(Set(reasons.map(\.description)).count == reasons.count)
        #expect(CircuitState.allCases.map(\.description) == ["closed", "open", "half-open"])
    }
}

/// Lets a callback reach the breaker it was given to (set after the breaker is made, cleared at the end).
private final class BreakerHolder: Sendable {
    private let storage = Locked<ManualBreaker?>(nil)

    var breaker: ManualBreaker? {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}

/// State changes say how long an opening lasts.
@Suite struct StateChangeOpenForTests {
    @Test("openFor is the open period for timed openings, nil otherwise")
    func openFor() throws {
        let clock = ManualClock()
        let changes = Recorder<ManualBreaker.StateChange>()
        let breaker = ManualBreaker.manual(
            allowedFails: 1, retryTimer: .seconds(4),
            openBackoff: OpenBackoff(multiplier: 2, maxRetryTimer: .seconds(60)),
            clock: clock, onStateChange: changes.append)
        breaker.fail()
        clock.advance(by: .seconds(4))
        breaker.fail()
        clock.advance(by: .seconds(8))
        breaker.succeed()
        breaker.forceOpen()
        #expect(changes.elements.map(\.openFor) == [.seconds(4), nil, .seconds(8), nil, nil, nil])
    }
}
