import BreakerCore
import BreakerCoreTesting
import Logging
import Testing

/// The `run` overloads from synchronous code, async code, the main actor and other actors.
@Suite(.timeLimit(.minutes(1))) struct RunOverloadTests {
    @Test("sync run and run(validation:) work from synchronous code")
    func syncRunFromSynchronousCode() throws {
        let breaker = ManualBreaker.manual(allowedFails: 1, clock: ManualClock())
        let value = try breaker.run { 6 * 7 }
        #expect(value == 42)
        let validated = try breaker.run(validation: { $0.hasPrefix("ok") }) { "ok: 1" }
        #expect(validated == "ok: 1")
        #expect(breaker.state == .closed)
        let unit: Void = try breaker.run {}
        _ = unit
    }

    @Test("the ContinuousClock convenience initializer needs no clock")
    func continuousClockConvenience() throws {
        let breaker = CircuitBreaker(name: "wall", allowedFails: 1, retryTimer: .seconds(60), logger: .quiet)
        #expect(try breaker.run { 1 } == 1)
        #expect(breaker.configuration.allowedFails == 1)
        breaker.fail()
        let error = breaker.expectRejection()
        #expect(error?.name == "wall")
        #expect((error?.retryAfter ?? .zero) > .seconds(59))
    }

    @Test("async run with an async closure")
    func asyncRunWithAsyncClosure() async throws {
        let breaker = ManualBreaker.manual(clock: ManualClock())
        let value = try await breaker.run { try await fetch(21) }
        #expect(value == 42)
        let validated = try await breaker.run(validation: { $0 > 0 }) { try await fetch(-1) }
        #expect(validated == -2)
        #expect(breaker.consecutiveFailures == 1)
    }

    @Test("run from the main actor can touch main-actor state in its operation")
    @MainActor
    func runOnTheMainActor() async throws {
        let breaker = ManualBreaker.manual(clock: ManualClock())
        let screen = Screen()
        let shown = try await breaker.run { () async throws -> Int in
            let value = try await fetch(2)
            screen.lines.append("\(value)")
            return screen.lines.count
        }
        #expect(shown == 1)
        #expect(screen.lines == ["4"])
    }

    @Test("run from an actor can touch the actor's state in its operation")
    func runInsideAnActor() async throws {
        let breaker = ManualBreaker.manual(allowedFails: 2, clock: ManualClock())
        let account = Account(breaker: breaker)
        #expect(try await account.withdraw(30) == 70)
        await #expect(throws: ServiceError.unavailable) { try await account.withdraw(500) }
        #expect(breaker.consecutiveFailures == 1)
        #expect(await account.balance == 70)
    }

    @Test("a non-Sendable result comes back through async run")
    func nonSendableResult() async throws {
        let breaker = ManualBreaker.manual(clock: ManualClock())
        let draft = try await breaker.run { () async -> Draft in
            let draft = Draft()
            draft.words.append("hello")
            return draft
        }
        draft.words.append("world")
        #expect(draft.words == ["hello", "world"])
    }

    @Test("acquire and finish for callers that cannot wrap the call in a closure")
    func manualProtocol() throws {
        let clock = ManualClock()
        let breaker = ManualBreaker.manual(allowedFails: 1, retryTimer: .seconds(5), clock: clock)
        let permit = try breaker.acquire()
        let permitIsProbe = permit.isProbe
        #expect(!permitIsProbe)
        breaker.finish(permit, outcome: .failure)
        let rejection = #expect(throws: CircuitOpenError.self) { _ = try breaker.acquire() }
        #expect(rejection?.retryAfter == .seconds(5))
        clock.advance(by: .seconds(5))
        let probe = try breaker.acquire()
        let isProbe = probe.isProbe
        #expect(isProbe)
        breaker.finish(probe, outcome: .success)
        #expect(breaker.state == .closed)
    }
}

private func fetch(_ value: Int) async throws -> Int {
    await Task.yield()
    return value * 2
}

@MainActor
private final class Screen {
    var lines: [String] = []
}

private actor Account {
    let breaker: ManualBreaker
    var balance = 100

    init(breaker: ManualBreaker) {
        self.breaker = breaker
    }

    func withdraw(_ amount: Int) async throws -> Int {
        try await breaker.run { () async throws -> Int in
            try await Task.sleep(for: .zero)
            guard amount <= balance else { throw ServiceError.unavailable }
            balance -= amount
            return balance
        }
    }
}

/// Mutable and not `Sendable`.
private final class Draft {
    var words: [String] = []
}
