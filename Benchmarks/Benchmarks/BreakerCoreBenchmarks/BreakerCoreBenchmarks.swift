import Benchmark
import BreakerCore
import BreakerSimulation
import Logging
import Synchronization

// The cost of a call through a circuit breaker, per call.
//
// Every benchmark runs `scalingFactor` (1000) calls per measured iteration, so the reported figures
// are per call and the harness's ~120 ns per iteration is spread over a thousand calls. "Direct call"
// is the baseline: the breaker's overhead is its figure subtracted from the others.
//
// Targets: the closed success path adds at most ~45 ns over the direct call, with zero allocations;
// a rejection costs at most ~110 ns.
//
// CPU time is left out: Linux reports it in scheduler ticks (10 ms), far coarser than one iteration.

/// An error for tripping a breaker.
struct Failure: Error {}

/// A breaker on the `ContinuousClock` that logs nothing: opening one would otherwise print a notice.
func quietBreaker(allowedFails: Int = 3, retryTimer: Duration = .seconds(30))
    -> CircuitBreaker<ContinuousClock>
{
    CircuitBreaker(
        name: "benchmark", allowedFails: allowedFails, retryTimer: retryTimer,
        logger: Logger(label: "benchmark", factory: { _ in SwiftLogNoOpLogHandler() }))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        timeUnits: .nanoseconds,
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 100_000
    )

    // MARK: Baselines

    Benchmark("Direct call (baseline)") { benchmark in
        let operation = { (value: Int) in value &+ 1 }
        for index in benchmark.scaledIterations {
            blackHole(operation(index))
        }
    }

    Benchmark("Direct call, async (baseline)") { benchmark in
        let operation = { (value: Int) async in value &+ 1 }
        for index in benchmark.scaledIterations {
            blackHole(await operation(index))
        }
    }

    Benchmark("ContinuousClock.now") { benchmark in
        let clock = ContinuousClock()
        for _ in benchmark.scaledIterations {
            blackHole(clock.now)
        }
    }

    // The floor for a breaker that takes its lock twice per call (to acquire, then to record).
    Benchmark("Mutex<Int>.withLock twice (reference)") { benchmark in
        let mutex = Mutex(0)
        for _ in benchmark.scaledIterations {
            mutex.withLock { $0 &+= 1 }
            blackHole(mutex.withLock { $0 })
        }
    }

    // MARK: Closed: the path every healthy call takes

    Benchmark("Closed success, run (sync)") { benchmark in
        let breaker = CircuitBreaker()
        benchmark.startMeasurement()  // making the breaker (its logger) allocates; the calls must not
        for index in benchmark.scaledIterations {
            blackHole(try breaker.run { index &+ 1 })
        }
    }

    Benchmark("Closed success, run (async)") { benchmark in
        let breaker = CircuitBreaker()
        benchmark.startMeasurement()  // making the breaker (its logger) allocates; the calls must not
        for index in benchmark.scaledIterations {
            blackHole(try await breaker.run { () async -> Int in index &+ 1 })
        }
    }

    // MARK: Open: rejections without running the operation

    Benchmark("Rejection, forced open, run") { benchmark in
        let breaker = quietBreaker()
        breaker.forceOpen()
        for index in benchmark.scaledIterations {
            do {
                blackHole(try breaker.run { index &+ 1 })
            } catch {
                blackHole(error)
            }
        }
    }

    Benchmark("Rejection, tripped (timer pending), run") { benchmark in
        let breaker = quietBreaker(allowedFails: 1, retryTimer: .seconds(3600))
        _ = try? breaker.run { () throws -> Int in throw Failure() }
        guard breaker.state == .open else {
            benchmark.error("the breaker did not trip")
            return
        }
        for index in benchmark.scaledIterations {
            do {
                blackHole(try breaker.run { index &+ 1 })
            } catch {
                blackHole(error)
            }
        }
    }

    // `acquire()` throws `CircuitOpenError` typed; `run` rethrows it as `any Error`, which boxes it.
    Benchmark("Rejection, tripped (timer pending), acquire") { benchmark in
        let breaker = quietBreaker(allowedFails: 1, retryTimer: .seconds(3600))
        _ = try? breaker.run { () throws -> Int in throw Failure() }
        for _ in benchmark.scaledIterations {
            do throws(CircuitOpenError) {
                blackHole(try breaker.acquire())
            } catch {
                blackHole(error.retryAfter)
            }
        }
    }

    // MARK: The state machine alone

    // As the simulator drives it: virtual time as an integer instant.
    Benchmark("State machine step (acquire + success), SimInstant") { benchmark in
        var machine = CircuitBreakerStateMachine<SimInstant>(configuration: CircuitBreakerConfiguration())
        var now: Nanoseconds = 0
        for _ in benchmark.scaledIterations {
            now &+= 1_000
            let time = now
            guard case .permitted(let permit, _) = machine.acquire(now: { SimInstant(time) }) else {
                benchmark.error("a closed breaker rejected a call")
                return
            }
            blackHole(machine.record(.success, for: permit, now: { SimInstant(time) }))
        }
    }

    // As `CircuitBreaker` drives it, without the lock: the same step with the standard library's
    // `ContinuousClock.Instant` (its layout is only known at run time outside the standard library).
    Benchmark("State machine step (acquire + success), ContinuousClock.Instant") { benchmark in
        typealias Machine = CircuitBreakerStateMachine<ContinuousClock.Instant>
        var machine = Machine(configuration: CircuitBreakerConfiguration())
        let clock = ContinuousClock()
        for _ in benchmark.scaledIterations {
            guard case .permitted(let permit, _) = machine.acquire(now: { clock.now }) else {
                benchmark.error("a closed breaker rejected a call")
                return
            }
            blackHole(machine.record(.success, for: permit, now: { clock.now }))
        }
    }
}
