import BreakerCore
import BreakerCoreTesting
import Logging
import Synchronization
import Testing

/// What the breaker tells its logger.
@Suite struct LoggingTests {
    let clock = ManualClock()
    let events = Recorder<LogEvent>()

    func breaker(allowedFails: Int = 1, errorPolicy: ErrorPolicy = .countAll) -> ManualBreaker {
        CircuitBreaker(
            name: "payments", allowedFails: allowedFails, retryTimer: .seconds(10), errorPolicy: errorPolicy,
            clock: clock, logger: .recording(into: events))
    }

    @Test("transitions are logged at debug, with the reason and breaker name")
    func transitionsAreLogged() {
        let breaker = breaker()
        breaker.fail()
        clock.advance(by: .seconds(10))
        breaker.succeed()
        let transitions = events.elements.filter { $0.message.description.hasPrefix("circuit ") }
        #expect(transitions.map(\.level) == [.debug, .debug, .debug])
        #expect(
            transitions.map(\.message.description) == [
                "circuit closed → open", "circuit open → half-open", "circuit half-open → closed",
            ])
        #expect(
            transitions.map { $0.metadata?["reason"]?.description } == [
                "failure threshold reached", "retry timer elapsed", "probe succeeded",
            ])
        #expect(transitions.allSatisfy { $0.metadata?["circuit-breaker"]?.description == "payments" })
    }

    @Test("nothing reaches a logger at info: a library is quiet unless asked (swift-log's guidance)")
    func quietAtInfo() throws {
        let breaker = CircuitBreaker(
            name: "payments", allowedFails: 1, retryTimer: .seconds(10), halfOpenProbes: 1,
            errorPolicy: .ignoring([IgnoredError.self]), probeTimeout: .seconds(5), clock: clock,
            logger: .recording(into: events, level: .info))
        #expect(throws: IgnoredError()) { try breaker.run { () throws -> Int in throw IgnoredError() } }
        breaker.fail()
        breaker.expectRejection()
        clock.advance(by: .seconds(10))
        let hung = try breaker.acquire()
        clock.advance(by: .seconds(5))
        breaker.expectRejection()  // the probe timed out: reopened
        breaker.finish(hung, outcome: .failure)
        breaker.forceOpen()
        breaker.reset()
        breaker.succeed()
        #expect(events.elements.isEmpty)
    }

    @Test("counted and ignored errors are logged at debug, ignored ones with the policy")
    func errorsAreLoggedAtDebug() {
        let breaker = breaker(allowedFails: 5, errorPolicy: .ignoring([IgnoredError.self]))
        breaker.fail()
        #expect(throws: IgnoredError()) { try breaker.run { () throws -> Int in throw IgnoredError() } }
        let debug = events.elements.filter { $0.level == .debug }
        #expect(debug.map(\.message.description) == ["call failed", "error ignored"])
        #expect(debug.last?.metadata?["policy"]?.description == "ignoring IgnoredError")
        #expect(debug.first?.metadata?["error"]?.description == "unavailable")
    }

    @Test("the manual protocol's finish(_:error:) classifies and logs as run does")
    func manualFinishClassifies() throws {
        let breaker = breaker(allowedFails: 2, errorPolicy: .ignoring([IgnoredError.self]))
        breaker.finish(try breaker.acquire(), error: IgnoredError())
        #expect(breaker.consecutiveFailures == 0)
        breaker.finish(try breaker.acquire(), error: ServiceError.unavailable)
        #expect(breaker.consecutiveFailures == 1)
        breaker.finish(try breaker.acquire(), error: CancellationError())
        #expect(breaker.consecutiveFailures == 1)
        let debug = events.elements.filter { $0.level == .debug }.map(\.message.description)
        #expect(debug == ["error ignored", "call failed", "error ignored"])
    }

    @Test("successes and rejections log nothing")
    func quietPaths() {
        let breaker = breaker(allowedFails: 2)
        breaker.succeed(3)
        #expect(events.elements.isEmpty)
        breaker.fail(2)
        let logged = events.elements.count
        breaker.expectRejection()
        #expect(events.elements.count == logged)
    }
}
