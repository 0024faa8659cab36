import BreakerCore
import BreakerCoreTesting
import Testing

/// `false` for a noncopyable type: the overload below wins for every copyable one.
func isCopyable<T: ~Copyable>(_: T.Type) -> Bool { false }
func isCopyable<T>(_: T.Type) -> Bool { true }

/// The type a throwing function returns, copyable or not.
func returnType<T: ~Copyable>(of _: () throws -> T) -> T.Type { T.self }

/// A permit can be reported once only.
@Suite struct PermitTests {
    let clock = ManualClock()

    @Test("acquire() hands out a noncopyable permit, so reporting it twice does not compile")
    func permitIsNoncopyable() {
        let breaker = ManualBreaker.manual(clock: clock)
        #expect(!isCopyable(returnType(of: breaker.acquire)))
        // The machine's token stays copyable for drivers that keep it in arrays (the simulator).
        #expect(isCopyable(ManualBreaker.StateMachine.Permit.self))
    }

    @Test("a permit reported to another breaker stops the program")
    func foreignPermitTraps() async {
        await #expect(processExitsWith: .failure) {
            let clock = ManualClock()
            let first = ManualBreaker.manual(clock: clock)
            let second = ManualBreaker.manual(clock: clock)
            second.finish(try first.acquire(), outcome: .success)
        }
    }

    @Test("the state machine stops a probe token reported twice when no probe holds a slot")
    func machineDoubleReportTraps() async {
        await #expect(processExitsWith: .failure) {
            var machine = CircuitBreakerStateMachine<ManualClock.Instant>(
                configuration: CircuitBreakerConfiguration(allowedFails: 1, retryTimer: .zero))
            guard case .permitted(let first, _) = machine.acquire(now: { .at(0) }) else { return }
            _ = machine.record(.failure, for: first, now: { .at(0) })
            guard case .permitted(let probe, _) = machine.acquire(now: { .at(1) }) else { return }
            _ = machine.record(.ignored, for: probe, now: { .at(1) })
            _ = machine.record(.ignored, for: probe, now: { .at(1) })
        }
    }
}
