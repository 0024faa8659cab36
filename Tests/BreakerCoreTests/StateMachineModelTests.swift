import BreakerCore
import BreakerCoreTesting
import Testing

/// The pure state machine, compared step by step with a small reference model of the contract.
///
/// Every sequence of up to ``exhaustiveDepth`` inputs is tried for each small configuration (the
/// swift-collections way: sweep every small case), then long seeded random sequences reach the deep
/// states (backoff caps, many reopenings) that short ones cannot.
@Suite struct StateMachineModelTests {
    typealias Machine = CircuitBreakerStateMachine<ManualClock.Instant>

    static let exhaustiveDepth = 6

    /// One input to the machine and the model.
    enum Step: CaseIterable, CustomStringConvertible {
        case acquire
        case succeedOldest
        case failOldest
        case ignoreOldest
        case succeedNewest
        case failNewest
        case tick
        case forceOpen
        case reset

        var description: String {
            switch self {
            case .acquire: "acquire"
            case .succeedOldest: "succeed(oldest)"
            case .failOldest: "fail(oldest)"
            case .ignoreOldest: "ignore(oldest)"
            case .succeedNewest: "succeed(newest)"
            case .failNewest: "fail(newest)"
            case .tick: "tick"
            case .forceOpen: "forceOpen"
            case .reset: "reset"
            }
        }
    }

    /// The machine, the model and the calls in flight (machine permit and model ticket side by side).
    struct World {
        var machine: Machine
        var model: ReferenceBreaker
        var inFlight: [(permit: Machine.Permit, ticket: ReferenceBreaker.Ticket)] = []

        init(_ model: ReferenceBreaker) {
            self.model = model
            self.machine = Machine(configuration: model.configuration)
        }

        var now: ManualClock.Instant { .at(model.second) }

        /// Applies `step` to both and describes the first disagreement, or returns `nil`.
        ///
        /// A step that finishes a call needs one in flight (see ``applicable(_:)``).
        mutating func apply(_ step: Step) -> String? {
            var clockReads = 0
            let time = now
            let readClock = {
                clockReads += 1
                return time
            }
            switch step {
            case .acquire:
                let readsTime = model.readsTimeToAdmit
                let admission = machine.acquire(now: readClock)
                let verdict = model.admit()
                if !readsTime && clockReads > 0 { return "acquire read the clock in \(model.mode)" }
                switch (admission, verdict) {
                case (.permitted(let permit, let transition), .run(let ticket, let change)):
                    if permit.isProbe != ticket.probe {
                        return "isProbe \(permit.isProbe), model \(ticket.probe)"
                    }
                    if let mismatch = compare(transition, change) { return mismatch }
                    inFlight.append((permit, ticket))
                case (
                    .rejected(let state, let retryAfter, let forced, let transition),
                    .refuse(let modelState, let wait, let modelForced, let change)
                ):
                    if state != modelState || retryAfter != wait.map({ .seconds($0) })
                        || forced != modelForced
                    {
                        return
                            "rejected(\(state), \(String(describing: retryAfter)), forced: \(forced)), model "
                            + "refuse(\(modelState), \(String(describing: wait))s, forced: \(modelForced))"
                    }
                    if let mismatch = compare(transition, change) { return mismatch }
                default:
                    return "admission \(admission), model \(verdict)"
                }
            case .succeedOldest, .failOldest, .ignoreOldest, .succeedNewest, .failNewest:
                let (index, outcome): (Int, CallOutcome) =
                    switch step {
                    case .succeedOldest: (0, .success)
                    case .failOldest: (0, .failure)
                    case .ignoreOldest: (0, .ignored)
                    case .succeedNewest: (inFlight.count - 1, .success)
                    default: (inFlight.count - 1, .failure)
                    }
                let call = inFlight.remove(at: index)
                let transition = machine.record(outcome, for: call.permit, now: readClock)
                let change = model.report(outcome, call.ticket)
                if transition == nil && clockReads > 0 { return "record read the clock without a transition" }
                if let mismatch = compare(transition, change) { return mismatch }
            case .tick:
                model.second += 1
            case .forceOpen:
                let time = now
                if let mismatch = compare(machine.forceOpen(now: { time }), model.forceOpen()) {
                    return mismatch
                }
            case .reset:
                let time = now
                if let mismatch = compare(machine.reset(now: { time }), model.reset()) { return mismatch }
            }
            return observe()
        }

        func applicable(_ step: Step) -> Bool {
            switch step {
            case .succeedOldest, .failOldest, .ignoreOldest, .failNewest: !inFlight.isEmpty
            // With one call in flight "newest" is "oldest": skip the duplicate.
            case .succeedNewest: inFlight.count > 1
            default: true
            }
        }

        func compare(_ transition: Machine.Transition?, _ change: ReferenceBreaker.Change?) -> String? {
            switch (transition, change) {
            case (nil, nil):
                return nil
            case (let transition?, let change?):
                let same =
                    transition.from == change.from && transition.to == change.to
                    && transition.reason == change.reason && transition.at == .at(change.second)
                    && transition.openFor == change.openForSeconds.map { Duration.seconds($0) }
                return same ? nil : "transition \(describe(transition)), model \(change)"
            case (let transition?, nil):
                return "transition \(describe(transition)), model none"
            case (nil, let change?):
                return "no transition, model \(change)"
            }
        }

        func describe(_ transition: Machine.Transition) -> String {
            "\(transition.from) → \(transition.to) (\(transition.reason)) at \(transition.at), "
                + "open for \(transition.openFor.map { "\($0)" } ?? "-")"
        }

        /// Compares everything observable without an input.
        func observe() -> String? {
            if machine.storedState != model.storedState {
                return "storedState \(machine.storedState), model \(model.storedState)"
            }
            let visible = machine.state(now: { now })
            if visible != model.visibleState { return "state(now:) \(visible), model \(model.visibleState)" }
            if machine.consecutiveFailures != model.consecutiveFailures {
                return
                    "consecutiveFailures \(machine.consecutiveFailures), model \(model.consecutiveFailures)"
            }
            if machine.probesInFlight != model.probesInFlight {
                return "probesInFlight \(machine.probesInFlight), model \(model.probesInFlight)"
            }
            if machine.openUntil != model.openUntilSecond.map({ ManualClock.Instant.at($0) }) {
                return
                    "openUntil \(String(describing: machine.openUntil)), model \(String(describing: model.openUntilSecond))"
            }
            return nil
        }
    }

    /// Walks every sequence of up to `depth` applicable steps from `world`; records the first disagreement.
    static func sweep(_ world: World, path: inout [Step], depth: Int, visited: inout Int) -> Bool {
        guard depth > 0 else { return true }
        for step in Step.allCases where world.applicable(step) {
            var next = world
            path.append(step)
            visited += 1
            if let mismatch = next.apply(step) {
                Issue.record("after \(path): \(mismatch)")
                return false
            }
            if !sweep(next, path: &path, depth: depth - 1, visited: &visited) { return false }
            path.removeLast()
        }
        return true
    }

    @Test("every short input sequence matches the reference model", arguments: 1...3, 1...2)
    func exhaustiveSweep(allowedFails: Int, halfOpenProbes: Int) {
        let model = ReferenceBreaker(allowedFails: allowedFails, probeLimit: halfOpenProbes, retrySeconds: 2)
        var path: [Step] = []
        var visited = 0
        let world = World(model)
        #expect(world.observe() == nil)
        #expect(Self.sweep(world, path: &path, depth: Self.exhaustiveDepth, visited: &visited))
        #expect(visited > 10_000)
    }

    @Test(
        "long random input sequences match the reference model, with and without backoff",
        arguments: 1...3, 1...2)
    func randomLongSequences(allowedFails: Int, halfOpenProbes: Int) {
        let backoffs: [(multiplier: Int, capSeconds: Int)?] = [nil, (2, 7), (3, 50)]
        // The probe timeout: the retry timer's (nil), shorter, longer.
        let probeTimeouts: [Int?] = [nil, 1, 5]
        for (variant, (backoff, probeTimeout)) in backoffs.flatMap({ b in probeTimeouts.map { (b, $0) } })
            .enumerated()
        {
            var random = SplitMix64(seed: UInt64(allowedFails * 100 + halfOpenProbes * 10 + variant))
            for _ in 0..<100 {
                var world = World(
                    ReferenceBreaker(
                        allowedFails: allowedFails, probeLimit: halfOpenProbes, retrySeconds: 2,
                        backoff: backoff, probeTimeoutSeconds: probeTimeout))
                var path: [Step] = []
                for _ in 0..<80 {
                    // Bias towards calls and time, with rare manual control.
                    let step: Step
                    switch random.next() % 20 {
                    case 0..<6: step = .acquire
                    case 6..<9: step = .failOldest
                    case 9..<11: step = .succeedOldest
                    case 11: step = .ignoreOldest
                    case 12: step = .failNewest
                    case 13: step = .succeedNewest
                    case 14..<19: step = .tick
                    default: step = random.next() % 2 == 0 ? .forceOpen : .reset
                    }
                    guard world.applicable(step) || step == .succeedNewest && !world.inFlight.isEmpty else {
                        continue
                    }
                    path.append(step)
                    if let mismatch = world.apply(step) {
                        let timeout = String(describing: probeTimeout)
                        Issue.record(
                            "backoff \(String(describing: backoff)), probe timeout \(timeout), after \(path): \(mismatch)"
                        )
                        return
                    }
                }
            }
        }
    }

    @Test("the model itself: a full open, probe, close cycle")
    func referenceModelSanity() {
        var model = ReferenceBreaker(allowedFails: 2, probeLimit: 1, retrySeconds: 2, backoff: (2, 5))
        guard case .run(let first, nil) = model.admit() else { return #expect(Bool(false)) }
        #expect(model.report(.failure, first) == nil)
        guard case .run(let secondCall, nil) = model.admit() else { return #expect(Bool(false)) }
        #expect(
            model.report(.failure, secondCall)
                == ReferenceBreaker.Change(
                    from: .closed, to: .open, reason: .failureThreshold, second: 0, openForSeconds: 2))
        #expect(model.admit() == .refuse(.open, waitSeconds: 2, forced: false, nil))
        model.second = 2
        guard case .run(let probe, _) = model.admit() else { return #expect(Bool(false)) }
        #expect(probe.probe)
        #expect(model.report(.failure, probe)?.openForSeconds == 4)
        model.second = 6
        guard case .run(let again, _) = model.admit() else { return #expect(Bool(false)) }
        #expect(model.report(.failure, again)?.openForSeconds == 5)
    }
}

/// A deliberately plain model of the breaker contract in whole seconds, written from DESIGN.md rather
/// than from the implementation.
struct ReferenceBreaker {
    enum Mode: Equatable, CustomStringConvertible {
        case closed(failures: Int)
        case open(untilSecond: Int?)
        /// `sinceSecond`: when the oldest probe that may still be out was admitted.
        case halfOpen(probes: Int, sinceSecond: Int)

        var description: String {
            switch self {
            case .closed(let failures): "closed(\(failures))"
            case .open(let until): "open(until: \(until.map(String.init) ?? "reset"))"
            case .halfOpen(let probes, let since): "halfOpen(\(probes), since \(since)s)"
            }
        }
    }

    /// An admitted call: the epoch (state instance) it belongs to, and whether it probes.
    struct Ticket: Equatable {
        var epoch: Int
        var probe: Bool
    }

    struct Change: Equatable, CustomStringConvertible {
        var from: CircuitState
        var to: CircuitState
        var reason: TransitionReason
        var second: Int
        var openForSeconds: Int?

        var description: String {
            "\(from) → \(to) (\(reason)) at \(second)s, open for \(openForSeconds.map { "\($0)s" } ?? "-")"
        }
    }

    enum Verdict: Equatable {
        case run(Ticket, Change?)
        case refuse(CircuitState, waitSeconds: Int?, forced: Bool, Change?)
    }

    let allowedFails: Int
    let probeLimit: Int
    let retrySeconds: Int
    let backoff: (multiplier: Int, capSeconds: Int)?
    /// `nil`: the retry timer.
    let probeTimeoutSeconds: Int?
    /// The failures that opened the breaker, read while it is not closed (the original's count).
    var failuresAtOpening = 0

    var mode = Mode.closed(failures: 0)
    var epoch = 0
    var failedProbesInARow = 0
    var second = 0

    init(
        allowedFails: Int, probeLimit: Int, retrySeconds: Int,
        backoff: (multiplier: Int, capSeconds: Int)? = nil, probeTimeoutSeconds: Int? = nil
    ) {
        self.allowedFails = allowedFails
        self.probeLimit = probeLimit
        self.retrySeconds = retrySeconds
        self.backoff = backoff
        self.probeTimeoutSeconds = probeTimeoutSeconds
    }

    var configuration: CircuitBreakerConfiguration {
        CircuitBreakerConfiguration(
            allowedFails: allowedFails, retryTimer: .seconds(retrySeconds), halfOpenProbes: probeLimit,
            openBackoff: backoff.map {
                OpenBackoff(multiplier: Double($0.multiplier), maxRetryTimer: .seconds($0.capSeconds))
            }, probeTimeout: probeTimeoutSeconds.map { .seconds($0) })
    }

    var storedState: CircuitState {
        switch mode {
        case .closed: .closed
        case .open: .open
        case .halfOpen: .halfOpen
        }
    }

    var visibleState: CircuitState {
        if case .open(let until?) = mode, second >= until { return .halfOpen }
        return storedState
    }

    var consecutiveFailures: Int {
        if case .closed(let failures) = mode { failures } else { failuresAtOpening }
    }

    var probesInFlight: Int {
        if case .halfOpen(let probes, _) = mode { probes } else { 0 }
    }

    var openUntilSecond: Int? {
        if case .open(let until) = mode { until } else { nil }
    }

    /// Only an open or half-open breaker needs the time to decide on a call (half-open: to start a
    /// probe's timeout, or to find one past it).
    var readsTimeToAdmit: Bool {
        switch mode {
        case .closed: false
        case .open, .halfOpen: true
        }
    }

    /// retry, retry·m, retry·m², … capped: the open period after `failedProbesInARow` failed probes.
    var openSeconds: Int {
        guard let backoff else { return retrySeconds }
        var period = retrySeconds
        for _ in 0..<failedProbesInARow {
            period = min(period * backoff.multiplier, backoff.capSeconds)
        }
        return period
    }

    mutating func admit() -> Verdict {
        switch mode {
        case .closed:
            return .run(Ticket(epoch: epoch, probe: false), nil)
        case .halfOpen(let probes, let since):
            if probes < probeLimit {
                mode = .halfOpen(probes: probes + 1, sinceSecond: probes == 0 ? second : since)
                return .run(Ticket(epoch: epoch, probe: true), nil)
            }
            guard second - since >= probeTimeoutSeconds ?? retrySeconds else {
                return .refuse(.halfOpen, waitSeconds: 0, forced: false, nil)
            }
            // The oldest probe is out past its timeout: it counts as a failed probe.
            failedProbesInARow += 1
            let change = trip(from: .halfOpen, reason: .probeTimedOut)
            return .refuse(.open, waitSeconds: change.openForSeconds, forced: false, change)
        case .open(nil):
            return .refuse(.open, waitSeconds: nil, forced: true, nil)
        case .open(let until?):
            if second < until { return .refuse(.open, waitSeconds: until - second, forced: false, nil) }
            epoch += 1
            mode = .halfOpen(probes: 1, sinceSecond: second)
            return .run(
                Ticket(epoch: epoch, probe: true),
                Change(from: .open, to: .halfOpen, reason: .retryTimerElapsed, second: second))
        }
    }

    mutating func report(_ outcome: CallOutcome, _ ticket: Ticket) -> Change? {
        guard ticket.epoch == epoch else { return nil }
        switch (mode, outcome) {
        case (.closed, .success):
            mode = .closed(failures: 0)
        case (.closed(let failures), .failure):
            if failures + 1 < allowedFails {
                mode = .closed(failures: failures + 1)
            } else {
                failuresAtOpening = allowedFails
                return trip(from: .closed, reason: .failureThreshold)
            }
        case (.halfOpen, .success) where ticket.probe:
            epoch += 1
            failedProbesInARow = 0
            failuresAtOpening = 0
            mode = .closed(failures: 0)
            return Change(from: .halfOpen, to: .closed, reason: .probeSucceeded, second: second)
        case (.halfOpen, .failure) where ticket.probe:
            failedProbesInARow += 1
            return trip(from: .halfOpen, reason: .probeFailed)
        case (.halfOpen(let probes, let since), .ignored) where ticket.probe:
            mode = .halfOpen(probes: probes - 1, sinceSecond: since)
        default:
            break
        }
        return nil
    }

    mutating func trip(from: CircuitState, reason: TransitionReason) -> Change {
        let period = openSeconds
        epoch += 1
        mode = .open(untilSecond: second + period)
        return Change(from: from, to: .open, reason: reason, second: second, openForSeconds: period)
    }

    mutating func forceOpen() -> Change? {
        if mode == .open(untilSecond: nil) { return nil }
        if case .closed(let failures) = mode { failuresAtOpening = failures }
        let from = storedState
        epoch += 1
        mode = .open(untilSecond: nil)
        return Change(from: from, to: .open, reason: .forcedOpen, second: second)
    }

    mutating func reset() -> Change? {
        let from = storedState
        epoch += 1
        failedProbesInARow = 0
        failuresAtOpening = 0
        mode = .closed(failures: 0)
        return from == .closed ? nil : Change(from: from, to: .closed, reason: .reset, second: second)
    }
}
