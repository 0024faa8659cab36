import BreakerCore
import BreakerCoreTesting
import Synchronization
import Testing

/// The breaker never holds its lock while an operation runs, and enforces its limits under contention.
@Suite(.timeLimit(.minutes(1))) struct ConcurrencyTests {
    @Test(
        "two calls through a closed breaker are inside their operations at the same time",
        .timeLimit(.minutes(1)))
    func operationsRunConcurrently() async throws {
        let breaker = ManualBreaker.manual(clock: ManualClock())
        let gauge = InFlightGauge()
        let (firstArrived, firstSignal) = AsyncStream<Void>.makeStream()
        let (secondArrived, secondSignal) = AsyncStream<Void>.makeStream()
        // Each operation announces itself, then waits for the other: a breaker that serialised the calls
        // would never let the second one in, and the test would hang until its time limit.
        let peaks = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                try await breaker.run { () async -> Int in
                    gauge.enter()
                    defer { gauge.leave() }
                    firstSignal.finish()
                    for await _ in secondArrived {}
                    return gauge.maximum
                }
            }
            group.addTask {
                try await breaker.run { () async -> Int in
                    gauge.enter()
                    defer { gauge.leave() }
                    secondSignal.finish()
                    for await _ in firstArrived {}
                    return gauge.maximum
                }
            }
            var peaks: [Int] = []
            for try await peak in group { peaks.append(peak) }
            return peaks
        }
        #expect(peaks == [2, 2])
        #expect(breaker.state == .closed)
    }

    @Test("an operation may call back into its own breaker")
    func operationMayReenterTheBreaker() throws {
        let clock = ManualClock()
        let breaker = ManualBreaker.manual(allowedFails: 2, clock: clock)
        let observed = try breaker.run { () throws -> CircuitState in
            let inner = try breaker.run { breaker.consecutiveFailures }
            #expect(inner == 0)
            breaker.fail()
            return breaker.state
        }
        #expect(observed == .closed)
        #expect(breaker.consecutiveFailures == 0, "the outer success resets the inner failure")
    }

    @Test("never more than halfOpenProbes probes in flight under contention", arguments: [1, 4])
    func probesInFlightNeverExceedLimit(halfOpenProbes: Int) async {
        let clock = ManualClock()
        // Every probe ends with an ignored error, so the breaker stays half-open for the whole run and every
        // executed call is a probe.
        let breaker = ManualBreaker.manual(
            allowedFails: 1, retryTimer: .seconds(1), halfOpenProbes: halfOpenProbes,
            errorPolicy: .ignoring([IgnoredError.self]), clock: clock)
        breaker.fail()
        clock.advance(by: .seconds(1))
        let gauge = InFlightGauge()
        let tasks = 64
        let callsPerTask = 200

        let (executed, rejected) = await withTaskGroup(of: (executed: Int, rejected: Int).self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    var executed = 0
                    var rejected = 0
                    for _ in 0..<callsPerTask {
                        do {
                            _ = try await breaker.run { () async throws -> Int in
                                gauge.enter()
                                defer { gauge.leave() }
                                executed += 1
                                await Task.yield()
                                throw IgnoredError()
                            }
                        } catch let error as CircuitOpenError {
                            #expect(error.state == .halfOpen)
                            #expect(error.retryAfter == .zero)
                            rejected += 1
                        } catch {
                            #expect(error is IgnoredError)
                        }
                    }
                    return (executed, rejected)
                }
            }
            return await group.reduce(into: (0, 0)) { sum, counts in
                sum.0 += counts.executed
                sum.1 += counts.rejected
            }
        }

        #expect(gauge.maximum <= halfOpenProbes)
        #expect(gauge.maximum >= 1)
        #expect(executed >= 1, "at least one probe ran")
        #expect(executed + rejected == tasks * callsPerTask)
        #expect(gauge.total == executed)
        #expect(gauge.inside == 0)
        #expect(breaker.state == .halfOpen)
    }

    @Test("random outcomes under contention keep the books balanced", arguments: [1, 4])
    func randomStressKeepsInvariants(halfOpenProbes: Int) async {
        let clock = ManualClock()
        let breaker = ManualBreaker.manual(
            allowedFails: 3, retryTimer: .seconds(1), halfOpenProbes: halfOpenProbes, clock: clock)
        let ledger = ProbeLedger()
        let tasks = 64
        let callsPerTask = 200

        let totals = await withTaskGroup(of: StressCounts.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var random = SplitMix64(seed: UInt64(task) &* 7919 &+ UInt64(halfOpenProbes))
                    var counts = StressCounts()
                    for _ in 0..<callsPerTask {
                        // Time passes whether or not calls are admitted, so open periods end.
                        if random.next() % 8 == 0 { clock.advance(by: .milliseconds(100)) }
                        counts.offered += 1
                        let permit: ManualBreaker.Permit
                        do throws(CircuitOpenError) {
                            permit = try breaker.acquire()
                        } catch {
                            #expect(error.state != .closed)
                            counts.rejected += 1
                            continue
                        }
                        counts.executed += 1
                        let isProbe = permit.isProbe
                        if isProbe {
                            counts.probes += 1
                            ledger.enter(permit.generation)
                        }
                        await Task.yield()
                        let outcome: CallOutcome
                        switch random.next() % 10 {
                        case 0..<5: outcome = .success
                        case 5..<9: outcome = .failure
                        default: outcome = .ignored
                        }
                        if isProbe { ledger.leave(permit.generation) }
                        breaker.finish(permit, outcome: outcome)
                    }
                    return counts
                }
            }
            return await group.reduce(into: StressCounts()) { $0.add($1) }
        }

        #expect(totals.offered == tasks * callsPerTask)
        #expect(totals.offered == totals.executed + totals.rejected)
        #expect(totals.probes >= 1, "at least one probe ran")
        #expect(ledger.maximum <= halfOpenProbes)
        #expect(ledger.maximum >= 1)
        // Whatever state the run ended in, the breaker still works.
        breaker.reset()
        breaker.succeed()
        #expect(breaker.state == .closed)
    }

    @Test("state changes reach subscribers in the machine's order under contention", arguments: 0..<8)
    func stateChangesStayOrdered(round: Int) async {
        let delivered = Recorder<CircuitState>()
        let breaker = ManualBreaker.manual(
            allowedFails: 1, retryTimer: .zero, clock: ManualClock(),
            onStateChange: { delivered.append($0.to) })
        let changes = breaker.stateChanges()

        // At most two transitions per call (open → half-open on the way in, a decision on the way out), and
        // the stream buffers 1024: 16 × 32 calls cannot overflow it.
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<16 {
                group.addTask {
                    var random = SplitMix64(seed: UInt64(round * 100 + task))
                    for _ in 0..<32 {
                        let permit: ManualBreaker.Permit
                        do { permit = try breaker.acquire() } catch { continue }
                        await Task.yield()
                        breaker.finish(permit, outcome: random.next() % 2 == 0 ? .success : .failure)
                    }
                }
            }
        }

        // Every transition was yielded to the stream before its callback ran, so all are buffered by now.
        let expected = delivered.elements.count
        #expect(expected <= 1024)
        var received: [ManualBreaker.StateChange] = []
        if expected > 0 {
            for await change in changes {
                received.append(change)
                if received.count == expected { break }
            }
        }
        var previous = CircuitState.closed
        var outOfOrder: [Int] = []
        for (index, change) in received.enumerated() {
            if change.from != previous { outOfOrder.append(index) }
            previous = change.to
        }
        #expect(outOfOrder.isEmpty, "changes out of order at \(outOfOrder) of \(received.count)")
        #expect(received.count == expected)
    }
}

/// Totals of one stress task.
private struct StressCounts: Sendable {
    var offered = 0
    var executed = 0
    var rejected = 0
    var probes = 0

    mutating func add(_ other: StressCounts) {
        offered += other.offered
        executed += other.executed
        rejected += other.rejected
        probes += other.probes
    }
}

/// Probes in flight per half-open generation, with the most seen at once.
///
/// Probes of an older generation may still be running when a new half-open period admits its own, so
/// the limit applies per generation.
private final class ProbeLedger: Sendable {
    private struct State {
        var inFlight: [UInt64: Int] = [:]
        var maximum = 0
    }

    private let state = Locked(State())

    func enter(_ generation: UInt64) {
        state.withLock { state in
            let count = state.inFlight[generation, default: 0] + 1
            state.inFlight[generation] = count
            state.maximum = max(state.maximum, count)
        }
    }

    func leave(_ generation: UInt64) {
        state.withLock { $0.inFlight[generation, default: 0] -= 1 }
    }

    var maximum: Int { state.withLock { $0.maximum } }
}
