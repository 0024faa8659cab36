import BreakerCore
import BreakerCoreTesting
import Testing

/// `run(validation:)`: a result the caller deems bad counts as a failure but is still returned.
@Suite struct ValidationTests {
    let clock = ManualClock()

    @Test("validation returning false counts as a failure and still returns the value")
    func falseValidationCountsAsFailure() throws {
        let breaker = ManualBreaker.manual(allowedFails: 2, clock: clock)
        let value = try breaker.run(validation: { $0 > 0 }) { -1 }
        #expect(value == -1)
        #expect(breaker.consecutiveFailures == 1)
        let second = try breaker.run(validation: { (status: Int) in status == 200 }) { 503 }
        #expect(second == 503)
        #expect(breaker.state == .open)
        breaker.expectRejection()
    }

    @Test("validation returning true counts as a success")
    func trueValidationCountsAsSuccess() throws {
        let breaker = ManualBreaker.manual(allowedFails: 2, clock: clock)
        breaker.fail()
        let value = try breaker.run(validation: { $0 > 0 }) { 5 }
        #expect(value == 5)
        #expect(breaker.consecutiveFailures == 0)
    }

    @Test("async run(validation:) behaves the same")
    func asyncValidation() async throws {
        let breaker = ManualBreaker.manual(allowedFails: 2, clock: clock)
        let bad = try await breaker.run(validation: { $0.isEmpty == false }) { () async -> String in "" }
        #expect(bad == "")
        #expect(breaker.consecutiveFailures == 1)
        let good = try await breaker.run(validation: { $0.isEmpty == false }) { () async -> String in "ok" }
        #expect(good == "ok")
        #expect(breaker.consecutiveFailures == 0)
    }

    @Test("validation is not consulted when the operation throws")
    func validationSkippedOnThrow() {
        let breaker = ManualBreaker.manual(
            allowedFails: 3, errorPolicy: .ignoring([IgnoredError.self]), clock: clock)
        var consulted = false
        #expect(throws: IgnoredError()) {
            try breaker.run(validation: { (_: Int) in
                consulted = true
                return false
            }) { () throws -> Int in throw IgnoredError() }
        }
        #expect(!consulted)
        #expect(breaker.consecutiveFailures == 0)
    }

    @Test("a probe whose result fails validation reopens the breaker")
    func probeFailingValidationReopens() throws {
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(5), clock: clock)
        breaker.fail()
        clock.advance(by: .seconds(5))
        let value = try breaker.run(validation: { $0 }) { false }
        #expect(value == false)
        #expect(breaker.state == .open)
        #expect(breaker.expectRejection()?.retryAfter == .seconds(5))
    }

    @Test("a rejected call does not consult validation")
    func rejectedCallSkipsValidation() {
        let breaker = ManualBreaker.manual(allowedFails: 1, clock: clock)
        breaker.fail()
        var consulted = false
        #expect(throws: CircuitOpenError.self) {
            try breaker.run(validation: { (_: Int) in
                consulted = true
                return true
            }) { 1 }
        }
        #expect(!consulted)
    }
}
