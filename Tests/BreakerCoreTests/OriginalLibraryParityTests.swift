import BreakerCore
import BreakerCoreTesting
import Testing

/// The intent of the original Python library's test suite, on the Swift breaker.
///
/// The original drove private hooks (`_on_failure`, `_parse_result`, `_call`) and slept for its retry
/// time; these drive the public API on a manual clock.
@Suite struct OriginalLibraryParityTests {
    static let allowedFails = 3
    static let retryTimer = Duration.seconds(1)

    let clock = ManualClock()

    func breaker(
        errorPolicy: ErrorPolicy = .countAll
    ) -> ManualBreaker {
        ManualBreaker.manual(
            allowedFails: Self.allowedFails, retryTimer: Self.retryTimer, errorPolicy: errorPolicy,
            clock: clock)
    }

    @Test("open transition: allowedFails failures open the circuit")
    func openTransition() {
        let breaker = breaker()
        breaker.fail(Self.allowedFails)
        #expect(breaker.state == .open)
    }

    @Test("the failure count stays at allowedFails while open and half-open, and is 0 after closing")
    func failureCountWhileOpen() throws {
        let breaker = breaker()
        breaker.fail(Self.allowedFails)
        #expect(breaker.state == .open)
        #expect(breaker.consecutiveFailures == Self.allowedFails)
        breaker.expectRejection()
        #expect(breaker.consecutiveFailures == Self.allowedFails)
        clock.advance(by: Self.retryTimer)
        let probe = try breaker.acquire()
        #expect(breaker.consecutiveFailures == Self.allowedFails)
        breaker.finish(probe, outcome: .failure)
        #expect(
            breaker.consecutiveFailures == Self.allowedFails, "a failed probe reopens with the count kept")
        clock.advance(by: Self.retryTimer)
        breaker.succeed()
        #expect(breaker.state == .closed)
        #expect(breaker.consecutiveFailures == 0)
    }

    @Test("success reset: a success after allowedFails - 1 failures clears the count")
    func successResetsFailureCount() {
        let breaker = breaker()
        breaker.fail(Self.allowedFails - 1)
        #expect(breaker.state == .closed)
        #expect(breaker.consecutiveFailures == Self.allowedFails - 1)
        breaker.succeed()
        #expect(breaker.state == .closed)
        #expect(breaker.consecutiveFailures == 0)
    }

    @Test("half-open after the retry timer")
    func halfOpenAfterRetryTimer() {
        let breaker = breaker()
        breaker.fail(Self.allowedFails)
        #expect(breaker.state == .open)
        clock.advance(by: Self.retryTimer)
        #expect(breaker.state == .halfOpen)
    }

    @Test("validation function: a rejected result counts as a failure, an accepted one resets")
    func validationFunction() throws {
        let breaker = breaker()
        _ = try breaker.run(validation: { $0 > 0 }) { 0 }
        #expect(breaker.consecutiveFailures == 1)
        _ = try breaker.run(validation: { $0 > 0 }) { 1 }
        #expect(breaker.consecutiveFailures == 0)
    }

    @Test("no validation function: any returned value is a success")
    func noValidationFunction() throws {
        let breaker = breaker()
        _ = try breaker.run { 0 }
        #expect(breaker.consecutiveFailures == 0)
        _ = try breaker.run { 1 }
        #expect(breaker.consecutiveFailures == 0)
    }

    @Test("allowed exceptions: neither success nor failure; others count")
    func allowedExceptions() {
        let breaker = breaker(errorPolicy: .ignoring([BaseError.self]))
        breaker.fail()
        #expect(breaker.consecutiveFailures == 1)
        #expect(throws: BaseError.self) { try breaker.run { () throws -> Int in throw BaseError() } }
        #expect(breaker.consecutiveFailures == 1, "not a success, but not a failure either")
    }

    @Test("failure exceptions: only these count; others are neither success nor failure")
    func failureExceptions() {
        let breaker = breaker(errorPolicy: .countingOnly([ServiceError.self]))
        breaker.fail()
        #expect(breaker.consecutiveFailures == 1)
        #expect(throws: BaseError.self) { try breaker.run { () throws -> Int in throw BaseError() } }
        #expect(breaker.consecutiveFailures == 1, "not a success, but not a failure either")
    }

    @Test("child exceptions: a subclass of an allowed exception is allowed too")
    func childExceptions() {
        let breaker = breaker(errorPolicy: .ignoring([BaseError.self]))
        #expect(throws: ChildError.self) { try breaker.run { () throws -> Int in throw ChildError() } }
        #expect(breaker.consecutiveFailures == 0)
    }

    @Test("child exceptions: a subclass of a failure exception counts too")
    func childFailureExceptions() {
        let breaker = breaker(errorPolicy: .countingOnly([BaseError.self]))
        #expect(throws: ChildError.self) { try breaker.run { () throws -> Int in throw ChildError() } }
        #expect(breaker.consecutiveFailures == 1)
    }

    @Test("when open the call is refused loudly, not answered with nothing")
    func openCircuitThrowsInsteadOfReturningNil() {
        let breaker = breaker()
        breaker.fail(Self.allowedFails)
        #expect(breaker.expectRejection()?.retryAfter == Self.retryTimer)
    }
}
