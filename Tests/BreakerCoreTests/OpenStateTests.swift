import BreakerCore
import BreakerCoreTesting
import Testing

/// Rejecting calls while open.
@Suite struct OpenStateTests {
    let clock = ManualClock()

    @Test("open rejects without running and names the breaker")
    func openRejectsWithoutRunning() async {
        let breaker = ManualBreaker.manual(
            name: "payments", allowedFails: 2, retryTimer: .seconds(30), clock: clock)
        breaker.fail(2)
        let error = breaker.expectRejection()
        #expect(error == CircuitOpenError(name: "payments", state: .open, retryAfter: .seconds(30)))

        var ran = false
        await #expect(throws: CircuitOpenError.self) {
            try await breaker.run { () async throws -> Void in ran = true }
        }
        #expect(!ran)
        #expect(throws: CircuitOpenError.self) { _ = try breaker.acquire() }
    }

    @Test("retryAfter is the exact remaining open time", arguments: [0, 1, 10, 29])
    func retryAfterIsRemainingWait(elapsedSeconds: Int) {
        let breaker = ManualBreaker.manual(
            name: "payments", allowedFails: 1, retryTimer: .seconds(30), clock: clock)
        clock.advance(by: .seconds(100))
        breaker.fail()
        clock.advance(by: .seconds(elapsedSeconds))
        let error = breaker.expectRejection()
        #expect(error?.retryAfter == .seconds(30 - elapsedSeconds))
        #expect(error?.state == .open)
        #expect(error?.name == "payments")
    }

    @Test("retryAfter keeps sub-second precision")
    func retryAfterSubSecond() {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(2), clock: clock)
        breaker.fail()
        clock.advance(by: .milliseconds(1_250))
        #expect(breaker.expectRejection()?.retryAfter == .milliseconds(750))
        clock.advance(by: .nanoseconds(749_999_999))
        #expect(breaker.expectRejection()?.retryAfter == .nanoseconds(1))
    }

    @Test("state reads open, then half-open once the timer has elapsed, before any call")
    func stateReadsHalfOpenAfterTimer() {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(30), clock: clock)
        breaker.fail()
        #expect(breaker.state == .open)
        clock.advance(by: .seconds(29))
        #expect(breaker.state == .open)
        clock.advance(by: .seconds(1))
        #expect(breaker.state == .halfOpen)
    }

    @Test("rejections while open change nothing")
    func rejectionsDoNotExtendTheOpenPeriod() {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(10), clock: clock)
        breaker.fail()
        for second in 0..<10 {
            #expect(breaker.expectRejection()?.retryAfter == .seconds(10 - second))
            clock.advance(by: .seconds(1))
        }
        breaker.succeed()
        #expect(breaker.state == .closed)
    }

    @Test("the rejection's description says what happened")
    func rejectionDescription() {
        let open = CircuitOpenError(name: "payments", state: .open, retryAfter: .seconds(5))
        #expect(open.description.contains("payments"))
        #expect(open.description.contains("open"))
        let halfOpen = CircuitOpenError(name: "payments", state: .halfOpen, retryAfter: .zero)
        #expect(halfOpen.description.contains("half-open"))
    }
}
