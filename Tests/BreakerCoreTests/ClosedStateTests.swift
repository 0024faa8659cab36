import BreakerCore
import BreakerCoreTesting
import Testing

/// Counting consecutive failures while closed.
@Suite(.timeLimit(.minutes(1))) struct ClosedStateTests {
    let clock = ManualClock()

    @Test("trips after exactly allowedFails consecutive failures", arguments: 1...6)
    func tripsAfterExactlyAllowedFails(allowedFails: Int) {
        let breaker = ManualBreaker.manual(name: "db", allowedFails: allowedFails, clock: clock)
        for failure in 1..<allowedFails {
            breaker.fail()
            #expect(breaker.state == .closed, "opened after \(failure) of \(allowedFails) failures")
            #expect(breaker.consecutiveFailures == failure)
        }
        breaker.fail()
        #expect(breaker.state == .open)
        // The original's `_failure_count` stays at `allowed_fails` while open.
        #expect(breaker.consecutiveFailures == allowedFails)
        breaker.expectRejection()
    }

    @Test("a success while closed resets the consecutive count", arguments: 1...6)
    func successResetsCount(allowedFails: Int) {
        let breaker = ManualBreaker.manual(allowedFails: allowedFails, clock: clock)
        breaker.fail(allowedFails - 1)
        breaker.succeed()
        #expect(breaker.consecutiveFailures == 0)
        breaker.fail(allowedFails - 1)
        #expect(breaker.state == .closed)
        #expect(breaker.consecutiveFailures == allowedFails - 1)
        breaker.succeed(3)
        #expect(breaker.state == .closed)
    }

    @Test("CancellationError thrown while closed leaves the count unchanged")
    func cancellationErrorIsIgnoredWhileClosed() {
        let breaker = ManualBreaker.manual(allowedFails: 2, clock: clock)
        breaker.fail()
        for _ in 0..<5 {
            #expect(throws: CancellationError.self) {
                try breaker.run { () throws -> Int in throw CancellationError() }
            }
        }
        #expect(breaker.consecutiveFailures == 1)
        #expect(breaker.state == .closed)
    }

    @Test("an operation that notices its task was cancelled does not count as a failure")
    func realTaskCancellationIsIgnored() async {
        let breaker = ManualBreaker.manual(allowedFails: 1, clock: clock)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await breaker.run { () async throws -> Int in
                try Task.checkCancellation()
                return 1
            }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(breaker.state == .closed)
        #expect(breaker.consecutiveFailures == 0)
    }

    @Test("the closed path reads no clock")
    func closedPathReadsNoClock() {
        let breaker = ManualBreaker.manual(allowedFails: 3, clock: clock)
        // Creating the breaker reads the clock once, for its origin; calls while closed read none.
        let atCreation = clock.nowReads
        breaker.succeed(10)
        breaker.fail(2)
        breaker.succeed()
        #expect(clock.nowReads == atCreation)
        breaker.fail(3)
        #expect(clock.nowReads > atCreation, "opening stamps the transition with the time")
    }

    @Test("calls run while closed, failures interleaved with successes never trip", arguments: 2...4)
    func alternatingFailuresNeverTrip(allowedFails: Int) {
        let breaker = ManualBreaker.manual(allowedFails: allowedFails, clock: clock)
        for _ in 0..<20 {
            breaker.fail(allowedFails - 1)
            breaker.succeed()
        }
        #expect(breaker.state == .closed)
    }
}
