import BreakerCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// A million calls down one of BreakerCore's paths, nothing else: the program to count instructions per
// call with `valgrind --tool=cachegrind`, steady where the benchmarks' wall times swing by a third.
// Usage: breaker-calls-once PATH [CALLS], PATH one of the names below; divide the difference between
// two counts of CALLS by their difference in CALLS to drop the start-up.

/// A path through the breaker, as a closure that makes `calls` calls.
let paths: [(String, (Int) -> Int)] = [
    (
        "closed-run",
        { calls in
            let breaker = CircuitBreaker(name: "closed")
            var total = 0
            for index in 0..<calls { total &+= (try? breaker.run { index }) ?? 0 }
            return total
        }
    ),
    (
        "closed-run-rate-calls",
        { calls in
            let breaker = CircuitBreaker(
                name: "rate", policy: .failureRate(threshold: 0.5, window: .calls(100), minimumCalls: 20))
            var total = 0
            for index in 0..<calls { total &+= (try? breaker.run { index }) ?? 0 }
            return total
        }
    ),
    (
        "closed-run-rate-duration",
        { calls in
            let breaker = CircuitBreaker(
                name: "rate",
                policy: .failureRate(threshold: 0.5, window: .duration(.seconds(10)), minimumCalls: 20))
            var total = 0
            for index in 0..<calls { total &+= (try? breaker.run { index }) ?? 0 }
            return total
        }
    ),
    (
        "closed-run-slow-call",
        { calls in
            let breaker = CircuitBreaker(
                name: "slow", policy: .consecutiveFailures(3), slowCallDuration: .seconds(1))
            var total = 0
            for index in 0..<calls { total &+= (try? breaker.run { index }) ?? 0 }
            return total
        }
    ),
    (
        "tripped-run",
        { calls in
            let breaker = CircuitBreaker(name: "tripped", allowedFails: 1, retryTimer: .seconds(3_600))
            _ = try? breaker.run { () throws -> Int in throw TrippingError() }
            var rejected = 0
            for index in 0..<calls { if (try? breaker.run { index }) == nil { rejected += 1 } }
            return rejected
        }
    ),
    (
        "machine-step",
        { calls in
            var machine = CircuitBreakerStateMachine<ElapsedInstant>(
                configuration: CircuitBreakerConfiguration())
            let now = ElapsedInstant(.zero)
            var probes = 0
            for _ in 0..<calls {
                if case .permitted(let permit, _) = machine.acquire(now: { now }) {
                    if permit.isProbe { probes += 1 }
                    _ = machine.record(.success, for: permit, now: { now })
                }
            }
            return probes
        }
    ),
]

struct TrippingError: Error {}

let arguments = CommandLine.arguments
guard arguments.count == 2 || arguments.count == 3, let path = paths.first(where: { $0.0 == arguments[1] }),
    let calls = arguments.count == 3 ? Int(arguments[2]) : 1_000_000, calls >= 0
else {
    print("usage: breaker-calls-once PATH [CALLS]; PATH: \(paths.map(\.0).joined(separator: ", "))")
    exit(64)
}
print("\(path.1(calls)) (\(calls) calls down \(path.0))")
