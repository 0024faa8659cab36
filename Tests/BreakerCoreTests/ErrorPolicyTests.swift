import BreakerCore
import BreakerCoreTesting
import Testing

/// Which thrown errors count, and that they reach the caller unchanged.
@Suite struct ErrorPolicyTests {
    let clock = ManualClock()

    func breaker(_ policy: ErrorPolicy, allowedFails: Int = 3) -> ManualBreaker {
        ManualBreaker.manual(allowedFails: allowedFails, errorPolicy: policy, clock: clock)
    }

    /// Runs a call that throws `error` and returns the error the caller saw.
    func throwing(_ error: any Error, through breaker: ManualBreaker) -> (any Error)? {
        do {
            _ = try breaker.run { () throws -> Int in throw error }
            Issue.record("the operation's error was swallowed")
            return nil
        } catch {
            return error
        }
    }

    @Test("countAll counts every error")
    func countAllCountsEverything() {
        let breaker = breaker(.countAll, allowedFails: 4)
        _ = throwing(ServiceError.unavailable, through: breaker)
        _ = throwing(IgnoredError(), through: breaker)
        _ = throwing(BaseError(), through: breaker)
        #expect(breaker.consecutiveFailures == 3)
        _ = throwing(UnrelatedError(), through: breaker)
        #expect(breaker.state == .open)
    }

    @Test("ignoring([BaseError]) ignores the type and its subclasses and counts the rest")
    func ignoringMatchesSubclasses() {
        let breaker = breaker(.ignoring([BaseError.self, IgnoredError.self]))
        _ = throwing(BaseError(), through: breaker)
        _ = throwing(ChildError(), through: breaker)
        _ = throwing(IgnoredError(), through: breaker)
        #expect(breaker.consecutiveFailures == 0)
        _ = throwing(UnrelatedError(), through: breaker)
        _ = throwing(ServiceError.timedOut(after: .seconds(1)), through: breaker)
        #expect(breaker.consecutiveFailures == 2)
    }

    @Test("ignoring([ChildError]) does not ignore the parent class")
    func ignoringChildDoesNotIgnoreParent() {
        let breaker = breaker(.ignoring([ChildError.self]))
        _ = throwing(ChildError(), through: breaker)
        #expect(breaker.consecutiveFailures == 0)
        _ = throwing(BaseError(), through: breaker)
        #expect(breaker.consecutiveFailures == 1)
    }

    @Test("countingOnly([BaseError]) counts the type and its subclasses and ignores the rest")
    func countingOnlyMatchesSubclasses() {
        let breaker = breaker(.countingOnly([BaseError.self]))
        _ = throwing(UnrelatedError(), through: breaker)
        _ = throwing(ServiceError.unavailable, through: breaker)
        _ = throwing(IgnoredError(), through: breaker)
        #expect(breaker.consecutiveFailures == 0)
        _ = throwing(BaseError(), through: breaker)
        _ = throwing(ChildError(), through: breaker)
        #expect(breaker.consecutiveFailures == 2)
        _ = throwing(ChildError(), through: breaker)
        #expect(breaker.state == .open)
    }

    @Test("countingOnly([]) ignores every error")
    func countingOnlyNothing() {
        let breaker = breaker(.countingOnly([]), allowedFails: 1)
        _ = throwing(ServiceError.unavailable, through: breaker)
        #expect(breaker.state == .closed)
    }

    @Test("custom decides with a predicate")
    func customPredicate() {
        let breaker = breaker(
            .custom { error in
                if case ServiceError.timedOut(let after) = error { return after >= .seconds(1) }
                return false
            })
        _ = throwing(ServiceError.timedOut(after: .milliseconds(10)), through: breaker)
        _ = throwing(ServiceError.unavailable, through: breaker)
        #expect(breaker.consecutiveFailures == 0)
        _ = throwing(ServiceError.timedOut(after: .seconds(2)), through: breaker)
        #expect(breaker.consecutiveFailures == 1)
    }

    @Test("CancellationError is never a failure, whatever the policy")
    func cancellationNeverCounts() {
        let policies: [ErrorPolicy] = [
            .countAll, .ignoring([IgnoredError.self]), .countingOnly([CancellationError.self]),
            .custom { _ in true },
        ]
        for policy in policies {
            #expect(policy.outcome(for: CancellationError()) == .ignored, "\(policy.description)")
        }
    }

    @Test("outcome(for:) classifies without a breaker")
    func outcomeClassification() {
        #expect(ErrorPolicy.countAll.outcome(for: IgnoredError()) == .failure)
        #expect(ErrorPolicy.ignoring([BaseError.self]).outcome(for: ChildError()) == .ignored)
        #expect(ErrorPolicy.ignoring([BaseError.self]).outcome(for: UnrelatedError()) == .failure)
        #expect(ErrorPolicy.countingOnly([BaseError.self]).outcome(for: ChildError()) == .failure)
        #expect(ErrorPolicy.countingOnly([BaseError.self]).outcome(for: UnrelatedError()) == .ignored)
    }

    @Test("descriptions name the policy and its types")
    func descriptions() {
        #expect(ErrorPolicy.ignoring([BaseError.self, IgnoredError.self]).description.contains("BaseError"))
        #expect(
            ErrorPolicy.ignoring([BaseError.self, IgnoredError.self]).description.contains("IgnoredError"))
        #expect(ErrorPolicy.countingOnly([ChildError.self]).description.contains("ChildError"))
        #expect(ErrorPolicy.custom { _ in true }.description == "custom")
    }

    @Test(
        "the operation's own error is rethrown unchanged",
        arguments: [ErrorPolicy.countAll, .ignoring([BaseError.self]), .countingOnly([UnrelatedError.self])])
    func errorsAreRethrownUnchanged(policy: ErrorPolicy) async {
        let breaker = breaker(policy, allowedFails: 100)
        let child = ChildError("child")
        #expect(throwing(child, through: breaker) as? ChildError === child)
        let base = BaseError("base")
        #expect(throwing(base, through: breaker) as? BaseError === base)
        #expect(
            throwing(ServiceError.timedOut(after: .seconds(3)), through: breaker) as? ServiceError
                == .timedOut(after: .seconds(3)))
        let unrelated = UnrelatedError()
        let caught = await #expect(throws: UnrelatedError.self) {
            try await breaker.run { () async throws -> Int in throw unrelated }
        }
        #expect(caught === unrelated)
    }

    @Test("an error policy applies to probes too")
    func policyAppliesToProbes() {
        let breaker = ManualBreaker.manual(
            allowedFails: 1, retryTimer: .seconds(1), errorPolicy: .countingOnly([ServiceError.self]),
            clock: clock)
        breaker.fail()
        clock.advance(by: .seconds(1))
        _ = throwing(UnrelatedError(), through: breaker)
        #expect(breaker.state == .halfOpen)
        _ = throwing(ServiceError.unavailable, through: breaker)
        #expect(breaker.state == .open)
    }
}
