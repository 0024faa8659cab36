import BreakerCore
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

    @Test("transitions are logged: opening at notice, the others at info, with the reason and breaker name")
    func transitionsAreLogged() {
        let breaker = breaker()
        breaker.fail()
        clock.advance(by: .seconds(10))
        breaker.succeed()
        let transitions = events.elements.filter { $0.level >= .info }
        #expect(transitions.map(\.level) == [.notice, .info, .info])
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
