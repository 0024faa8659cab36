import BreakerCore
import BreakerCoreTesting
import Testing

/// The failure-rate policy, slow calls and the jittered open period.
@Suite struct TripPolicyTests {
    typealias Machine = CircuitBreakerStateMachine<ManualClock.Instant>

    static func at(_ seconds: Double) -> ManualClock.Instant {
        ManualClock.Instant(offset: .milliseconds(Int64((seconds * 1000).rounded())))
    }

    /// Admits and reports one call at `seconds`; returns the transition it caused.
    @discardableResult
    static func call(
        _ machine: inout Machine, _ outcome: CallOutcome, at seconds: Double = 0, lasted: Duration? = nil
    ) -> Machine.Transition? {
        let now = at(seconds)
        guard case .permitted(let permit, _) = machine.acquire(now: { now }) else {
            Issue.record("the call was rejected")
            return nil
        }
        return machine.record(outcome, for: permit, lasted: lasted, now: { now })
    }

    static func rate(
        _ threshold: Double, _ window: FailureWindow, minimum: Int, retryTimer: Duration = .seconds(10)
    ) -> Machine {
        Machine(
            configuration: CircuitBreakerConfiguration(
                policy: .failureRate(threshold: threshold, window: window, minimumCalls: minimum),
                retryTimer: retryTimer))
    }

    @Test("a count window opens when the failed share of the last N calls reaches the threshold")
    func countWindowTripsAtTheThreshold() {
        var machine = Self.rate(0.5, .calls(4), minimum: 4)
        Self.call(&machine, .failure)
        Self.call(&machine, .success)
        Self.call(&machine, .failure)
        #expect(machine.storedState == .closed, "3 calls: below the minimum of 4")
        // The fourth call is a success, and still 2 of 4 have failed: ≥ 0.5 opens (as Resilience4j
        // checks after every call, not only after failures).
        let transition = Self.call(&machine, .success)
        #expect(transition?.to == .open)
        #expect(transition?.reason == .failureThreshold)
        #expect(machine.storedState == .open)
    }

    @Test("old outcomes slide out of a count window")
    func countWindowSlides() {
        var machine = Self.rate(0.5, .calls(4), minimum: 4)
        // F S S S: 1 of 4. Then S pushes the failure out: 0 of 4; F S: 1 of 4 again.
        for outcome: CallOutcome in [.failure, .success, .success, .success, .success, .failure, .success] {
            Self.call(&machine, outcome)
        }
        #expect(machine.storedState == .closed)
        #expect(machine.callsInWindow == 4)
        #expect(machine.failuresInWindow == 1)
        // S F S + F: the window is F S F... → S, F, S, F = 2 of 4.
        Self.call(&machine, .failure)
        #expect(machine.storedState == .open)
        #expect(machine.callsInWindow == 0, "the window starts empty again")
    }

    @Test("ignored calls are not counted; below the minimum nothing opens, whatever the share")
    func minimumAndIgnored() {
        var machine = Self.rate(0.2, .calls(100), minimum: 10)
        for _ in 0..<9 { Self.call(&machine, .failure) }
        for _ in 0..<5 { Self.call(&machine, .ignored) }
        #expect(machine.storedState == .closed, "9 calls counted, all failed, but the minimum is 10")
        #expect(machine.callsInWindow == 9)
        #expect(machine.consecutiveFailures == 9)
        Self.call(&machine, .failure)
        #expect(machine.storedState == .open)
    }

    @Test("a time window counts the calls of the last D in ten buckets and drops old buckets whole")
    func timeWindow() {
        var machine = Self.rate(0.5, .duration(.seconds(10)), minimum: 4)
        // Three failures at 0–0.2 s, then successes from 9.5 s: at 10.0 s the bucket [0, 1) is out.
        Self.call(&machine, .failure, at: 0)
        Self.call(&machine, .failure, at: 0.1)
        Self.call(&machine, .failure, at: 0.2)
        Self.call(&machine, .success, at: 9.5)
        #expect(machine.storedState == .open, "3 of 4 within 10 s")

        var later = Self.rate(0.5, .duration(.seconds(10)), minimum: 4)
        Self.call(&later, .failure, at: 0)
        Self.call(&later, .failure, at: 0.1)
        Self.call(&later, .failure, at: 0.2)
        Self.call(&later, .success, at: 10.0)
        #expect(later.storedState == .closed, "the first bucket fell out: 1 call in the window")
        #expect(later.callsInWindow == 1)
        Self.call(&later, .failure, at: 10.5)
        Self.call(&later, .success, at: 11)
        Self.call(&later, .success, at: 12)
        #expect(later.storedState == .closed, "1 of 4")
        // A gap longer than the window clears everything, however long.
        Self.call(&later, .failure, at: 5_000)
        #expect(later.callsInWindow == 1)
        #expect(later.failuresInWindow == 1)
    }

    @Test("a count window full of successes is a state a success does not change")
    func fullWindowOfSuccessesIsStable() {
        var machine = Self.rate(0.5, .calls(3), minimum: 2)
        Self.call(&machine, .success)
        Self.call(&machine, .success)
        #expect(!machine.isClosedWithoutFailures, "not full yet: a success still counts")
        Self.call(&machine, .success)
        #expect(machine.isClosedWithoutFailures)
        Self.call(&machine, .failure)
        #expect(!machine.isClosedWithoutFailures)
        var timed = Self.rate(0.5, .duration(.seconds(1)), minimum: 2)
        for second in 0..<5 { Self.call(&timed, .success, at: Double(second)) }
        #expect(!timed.isClosedWithoutFailures, "a time window counts every success")
    }

    @Test("the rate policy keeps the probe rules: one probe, success closes with an empty window")
    func probesAsBefore() {
        var machine = Self.rate(1, .calls(2), minimum: 2)
        Self.call(&machine, .failure)
        Self.call(&machine, .failure)
        #expect(machine.storedState == .open)
        let now = Self.at(10)
        guard case .permitted(let probe, let transition) = machine.acquire(now: { now }) else {
            Issue.record("the probe was rejected")
            return
        }
        #expect(transition?.to == .halfOpen)
        guard case .rejected = machine.acquire(now: { now }) else {
            Issue.record("a second probe was admitted")
            return
        }
        #expect(machine.record(.success, for: probe, now: { now })?.to == .closed)
        #expect(machine.callsInWindow == 0)
        Self.call(&machine, .failure, at: 11)
        #expect(machine.storedState == .closed, "one failure is not the minimum of 2")
    }

    @Test("a success slower than the slow-call duration counts as a failure, closed and half-open")
    func slowCalls() {
        var machine = Machine(
            configuration: CircuitBreakerConfiguration(
                policy: .consecutiveFailures(2), retryTimer: .seconds(10),
                slowCallDuration: .milliseconds(500)))
        Self.call(&machine, .success, lasted: .milliseconds(500))
        #expect(machine.consecutiveFailures == 0, "exactly the limit is not slow")
        Self.call(&machine, .success, lasted: .milliseconds(501))
        #expect(machine.consecutiveFailures == 1)
        Self.call(&machine, .success)
        #expect(machine.consecutiveFailures == 0, "an untimed report is not slow")
        Self.call(&machine, .success, lasted: .seconds(2))
        Self.call(&machine, .failure)
        #expect(machine.storedState == .open)
        let now = Self.at(10)
        guard case .permitted(let probe, _) = machine.acquire(now: { now }) else {
            Issue.record("the probe was rejected")
            return
        }
        let transition = machine.record(.success, for: probe, lasted: .seconds(1), now: { now })
        #expect(transition?.to == .open, "a slow probe has not shown the dependency well")
        #expect(transition?.reason == .probeFailed)
    }

    @Test("jitter spreads open periods within ± the fraction, repeatably for a seed")
    func jitter() {
        let configuration = CircuitBreakerConfiguration(
            policy: .consecutiveFailures(1), retryTimer: .seconds(10), retryJitter: 0.2)
        func periods(seed: UInt64) -> [Duration] {
            var machine = Machine(configuration: configuration, seed: seed)
            var periods: [Duration] = []
            var time = 0.0
            for _ in 0..<400 {
                guard let opened = Self.call(&machine, .failure, at: time) else { break }
                periods.append(opened.openFor ?? .zero)
                time += 20
                // The probe succeeds: closed again, and the next failure opens afresh.
                Self.call(&machine, .success, at: time)
                time += 1
            }
            return periods
        }
        let first = periods(seed: 1)
        #expect(first.count == 400)
        #expect(first == periods(seed: 1), "the same seed draws the same periods")
        #expect(first != periods(seed: 2))
        #expect(first.allSatisfy { $0 >= .seconds(8) && $0 <= .seconds(12) })
        let seconds = first.map { $0 / .seconds(1) }
        let mean = seconds.reduce(0, +) / Double(seconds.count)
        // Uniform on [8, 12]: mean 10, standard error 1.155 / √400 ≈ 0.058.
        #expect(abs(mean - 10) < 0.3)
        #expect(seconds.filter { $0 < 9 }.count > 60 && seconds.filter { $0 > 11 }.count > 60)
        var unjittered = Machine(
            configuration: CircuitBreakerConfiguration(allowedFails: 1, retryTimer: .seconds(10)))
        #expect(Self.call(&unjittered, .failure)?.openFor == .seconds(10))
    }

    @Test("a jittered backoff spreads each grown period and stays within the longest period")
    func jitteredBackoff() {
        let configuration = CircuitBreakerConfiguration(
            policy: .consecutiveFailures(1), retryTimer: .seconds(10),
            openBackoff: OpenBackoff(multiplier: 2, maxRetryTimer: .seconds(40)), retryJitter: 0.5)
        #expect(configuration.jittered(.seconds(40), unit: 0) == .seconds(20))
        #expect(configuration.jittered(.seconds(40), unit: 0.5) == .seconds(40))
        #expect(configuration.jittered(.seconds(40), unit: 0.999_999) <= .seconds(60))
        let huge = CircuitBreakerConfiguration(
            policy: .consecutiveFailures(1), retryTimer: .seconds(Int64.max), retryJitter: 1)
        #expect(
            huge.jittered(CircuitBreakerConfiguration.longestOpenPeriod, unit: 0.99)
                == CircuitBreakerConfiguration.longestOpenPeriod)
    }

    @Test("the fewest failures that can trip a rate policy")
    func fewestFailures() {
        func fewest(_ threshold: Double, _ minimum: Int) -> Int {
            TripPolicy.failureRate(threshold: threshold, window: .calls(100), minimumCalls: minimum)
                .fewestFailuresToTrip
        }
        #expect(fewest(0.3, 10) == 3)
        #expect(fewest(0.5, 7) == 4)
        #expect(fewest(1, 5) == 5)
        #expect(fewest(0.01, 5) == 1)
        #expect(TripPolicy.consecutiveFailures(6).fewestFailuresToTrip == 6)
        let configuration = CircuitBreakerConfiguration(
            policy: .failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 10))
        #expect(configuration.allowedFails == 5)
    }

    @Test(
        "settings that cannot work are refused, naming the parameter",
        arguments: [
            (TripPolicy.failureRate(threshold: 0, window: .calls(10), minimumCalls: 5), "threshold"),
            (.failureRate(threshold: 1.5, window: .calls(10), minimumCalls: 5), "threshold"),
            (.failureRate(threshold: .nan, window: .calls(10), minimumCalls: 5), "threshold"),
            (.failureRate(threshold: 0.5, window: .calls(10), minimumCalls: 0), "minimumCalls"),
            (.failureRate(threshold: 0.5, window: .calls(10), minimumCalls: 11), "minimumCalls"),
            (.failureRate(threshold: 0.5, window: .calls(0), minimumCalls: 1), "window"),
            (.failureRate(threshold: 0.5, window: .calls(1 << 25), minimumCalls: 1), "window"),
            (.failureRate(threshold: 0.5, window: .duration(.zero), minimumCalls: 1), "window"),
            (.consecutiveFailures(0), "allowedFails"),
        ])
    func invalidPolicies(policy: TripPolicy, parameter: String) {
        #expect(throws: CircuitBreakerConfigurationError.self) {
            try CircuitBreakerConfiguration.validated(policy: policy)
        }
        do {
            _ = try CircuitBreakerConfiguration.validated(policy: policy)
        } catch {
            #expect(error.parameter == parameter)
        }
    }

    @Test("slow-call durations and jitter outside their ranges are refused")
    func invalidSlowCallsAndJitter() {
        for (slow, jitter, parameter) in [
            (Duration.zero, 0.0, "slowCallDuration"), (.milliseconds(-1), 0, "slowCallDuration"),
            (.seconds(1), -0.1, "retryJitter"), (.seconds(1), 1.01, "retryJitter"),
            (.seconds(1), .infinity, "retryJitter"),
        ] {
            do {
                _ = try CircuitBreakerConfiguration.validated(
                    policy: .consecutiveFailures(3), slowCallDuration: slow, retryJitter: jitter)
                Issue.record("accepted \(slow), \(jitter)")
            } catch {
                #expect(error.parameter == parameter)
            }
        }
        let fine = try? CircuitBreakerConfiguration.validated(
            policy: .consecutiveFailures(3), slowCallDuration: .nanoseconds(1), retryJitter: 1)
        #expect(fine?.retryJitter == 1)
    }

    @Test("against a plain model of the last N outcomes, over random sequences")
    func countWindowAgainstAModel() {
        var generator = SplitMix64(seed: 0x5EED)
        for round in 0..<300 {
            let size = Int(generator.next() % 40) + 1
            let minimum = Int(generator.next() % UInt64(size)) + 1
            let threshold = [0.1, 0.25, 0.3, 0.5, 0.7, 1.0][Int(generator.next() % 6)]
            let failureChance = Double(generator.next() % 100) / 100
            var machine = Self.rate(threshold, .calls(size), minimum: minimum)
            var model: [Bool] = []
            for step in 0..<200 {
                let roll = Double(generator.next() % 1000) / 1000
                let outcome: CallOutcome = roll < 0.05 ? .ignored : roll < failureChance ? .failure : .success
                let transition = Self.call(&machine, outcome)
                if outcome != .ignored {
                    model.append(outcome == .failure)
                    if model.count > size { model.removeFirst() }
                }
                let failed = model.filter { $0 }.count
                let trips = model.count >= minimum && Double(failed) / Double(model.count) >= threshold
                #expect(
                    (transition?.to == .open) == trips,
                    "round \(round) step \(step): \(failed) of \(model.count), size \(size) minimum \(minimum) threshold \(threshold)"
                )
                guard transition == nil else { break }
                #expect(machine.callsInWindow == model.count && machine.failuresInWindow == failed)
            }
        }
    }
}

extension TripPolicyTests {
    @Test("a time window against a plain model of ten buckets from the first call, over random times")
    func timeWindowAgainstAModel() {
        var generator = SplitMix64(seed: 0x7143)
        for round in 0..<200 {
            let minimum = Int(generator.next() % 20) + 1
            let threshold = [0.2, 0.5, 0.75, 1.0][Int(generator.next() % 4)]
            let failureChance = Double(generator.next() % 100) / 100
            // A 10 s window: buckets of 1 s from the first call.
            var machine = Self.rate(threshold, .duration(.seconds(10)), minimum: minimum)
            var model: [(bucket: Int, failed: Bool)] = []
            var milliseconds = 0
            var first: Int?
            for step in 0..<300 {
                // Gaps from 0 to 2 s, and now and then one longer than the window.
                milliseconds += generator.next() % 50 == 0 ? 25_000 : Int(generator.next() % 2_000)
                let roll = Double(generator.next() % 1000) / 1000
                let outcome: CallOutcome = roll < 0.05 ? .ignored : roll < failureChance ? .failure : .success
                let transition = Self.call(&machine, outcome, at: Double(milliseconds) / 1000)
                if outcome != .ignored {
                    let origin = first ?? milliseconds
                    first = origin
                    let bucket = (milliseconds - origin) / 1_000
                    model.append((bucket, outcome == .failure))
                    model.removeAll { $0.bucket <= bucket - 10 }
                }
                let failed = model.filter(\.failed).count
                let trips = model.count >= minimum && Double(failed) / Double(model.count) >= threshold
                #expect(
                    (transition?.to == .open) == trips,
                    "round \(round) step \(step): \(failed) of \(model.count), minimum \(minimum) threshold \(threshold)"
                )
                guard transition == nil else { break }
                #expect(machine.callsInWindow == model.count && machine.failuresInWindow == failed)
            }
        }
    }
}
