/// The circuit breaker's decisions as a pure value: no clock, no lock, no I/O.
///
/// Every input takes the current time (as a closure, evaluated only when the decision depends on
/// time, so the closed path reads no clock) and returns what the caller must do. The thread-safe
/// ``CircuitBreaker`` and the simulator both drive this one type.
///
/// Each permit carries the *generation* of the state it was issued in. Every transition starts a new
/// generation, and a result whose permit is from an older generation changes nothing: a slow call
/// admitted before the breaker opened cannot close it again, and a late failure from before a reset
/// cannot count against the fresh circuit.
///
/// In half-open state at most ``CircuitBreakerConfiguration/halfOpenProbes`` probes are in flight;
/// the first probe result decides: success closes, failure reopens for the (possibly backed-off)
/// retry timer. A probe whose outcome is ``CallOutcome/ignored`` frees its slot without a transition.
/// While closed, the configuration's ``TripPolicy`` decides when it opens: consecutive failures, or
/// the failed share of a window of calls. A success slower than
/// ``CircuitBreakerConfiguration/slowCallDuration`` counts as a failure, in every state.
///
/// The machine draws the spread of its open periods (``CircuitBreakerConfiguration/retryJitter``)
/// from a generator seeded by its creator, so that a simulation with seeded streams is repeatable.
/// A probe that has not reported within ``CircuitBreakerConfiguration/effectiveProbeTimeout`` counts
/// as failed when the next call finds every probe slot taken: the breaker reopens
/// (``TransitionReason/probeTimedOut``), and the probe's late result is stale.
public struct CircuitBreakerStateMachine<Instant: InstantProtocol>: Sendable
where Instant.Duration == Duration {

    /// A ticket for one admitted call; hand it back with the call's outcome.
    ///
    /// This token is copyable so that a driver can keep it in arrays and optionals (the simulator
    /// does); such a driver promises to report each permit once. ``CircuitBreaker`` hands its callers
    /// a noncopyable ``CircuitBreaker/Permit`` instead, so that the compiler holds them to that promise.
    public struct Permit: Sendable, Hashable {
        /// The generation of the state the call was admitted in.
        public let generation: UInt64
        /// Whether the call is a half-open probe.
        public let isProbe: Bool

        @inlinable init(generation: UInt64, isProbe: Bool) {
            self.generation = generation
            self.isProbe = isProbe
        }
    }

    /// A change of state, for events, logs and timelines.
    public struct Transition: Sendable, Hashable {
        /// State before.
        public let from: CircuitState
        /// State after.
        public let to: CircuitState
        /// Why it changed.
        public let reason: TransitionReason
        /// When it changed.
        public let at: Instant
        /// When the breaker opened: how long it stays open (`nil` when forced open until reset).
        public let openFor: Duration?

        @inlinable init(
            from: CircuitState, to: CircuitState, reason: TransitionReason, at: Instant, openFor: Duration?
        ) {
            self.from = from
            self.to = to
            self.reason = reason
            self.at = at
            self.openFor = openFor
        }
    }

    /// The answer to "may this call run?".
    public enum Admission: Sendable {
        /// Run the call and report its outcome with the permit. The transition, if any, happened on the
        /// way in (open → half-open when this call is the probe).
        case permitted(Permit, Transition?)
        /// Do not run the call. `retryAfter` is the remaining open time: zero while half-open, `nil`
        /// when forced open until reset. The transition, if any, happened on the way in (half-open →
        /// open when this call found a probe past its timeout).
        case rejected(state: CircuitState, retryAfter: Duration?, forced: Bool, transition: Transition?)
    }

    @usableFromInline
    enum Phase: Sendable {
        case closed(failures: Int)
        /// `until == nil`: forced open until `reset`.
        case open(until: Instant?)
        /// `since`: when the oldest probe that may still be in flight was admitted.
        case halfOpen(inFlight: Int, since: Instant)
    }

    /// The configuration, shared by every copy of the machine (it never changes).
    @usableFromInline
    final class Shared: Sendable {
        @usableFromInline let configuration: CircuitBreakerConfiguration

        init(_ configuration: CircuitBreakerConfiguration) {
            self.configuration = configuration
        }
    }

    /// What a failure-rate policy counts while closed, behind a reference so that a machine with a
    /// consecutive policy carries one word for it; copied before a mutation when shared (as the
    /// standard library's collections are), so the machine stays a value.
    @usableFromInline
    final class Rate: @unchecked Sendable {
        @usableFromInline let threshold: Double
        @usableFromInline let minimumCalls: Int
        // Unchecked: a machine owns its box alone whenever it writes (it copies a shared one first),
        // and the runtime's exclusivity checks on a class's properties cost 300 instructions a call.
        @exclusivity(unchecked) @usableFromInline var window: RateWindow
        /// A time window's bucket length (a tenth of the window, at least 1 ns).
        @usableFromInline let bucketWidth: Duration
        /// When a time window's newest bucket ends; `nil` until its first call.
        @exclusivity(unchecked) @usableFromInline var bucketEnd: Instant?

        init(
            threshold: Double, minimumCalls: Int, window: RateWindow, bucketWidth: Duration,
            bucketEnd: Instant?
        ) {
            self.threshold = threshold
            self.minimumCalls = minimumCalls
            self.window = window
            self.bucketWidth = bucketWidth
            self.bucketEnd = bucketEnd
        }

        /// A copy, for a machine that is about to write to a shared box.
        func copy() -> Rate {
            Rate(
                threshold: threshold, minimumCalls: minimumCalls, window: window, bucketWidth: bucketWidth,
                bucketEnd: bucketEnd)
        }

        /// How many buckets ended at or before `time`, moving the newest bucket's end past it.
        @usableFromInline
        func bucketsPassed(at time: Instant) -> Int {
            guard let end = bucketEnd else {
                bucketEnd = time.advanced(by: bucketWidth)
                return 0
            }
            guard time >= end else { return 0 }
            var next = end.advanced(by: bucketWidth)
            var passed = 1
            while time >= next && passed <= FailureWindow.bucketCount {
                next = next.advanced(by: bucketWidth)
                passed += 1
            }
            if time >= next {
                // A gap longer than the window: skip whole buckets at once (every bucket is stale).
                let behind = next.duration(to: time)
                next = next.advanced(by: bucketWidth * Int(behind / bucketWidth))
                while time >= next { next = next.advanced(by: bucketWidth) }
            }
            bucketEnd = next
            return passed
        }
    }

    /// Which optional behaviours the configuration asks for: bits of ``Features``.
    @usableFromInline
    enum Features {
        @inlinable static var slowCalls: UInt8 { 1 }
        @inlinable static var jitter: UInt8 { 2 }
    }

    @usableFromInline let shared: Shared
    /// The parameters the closed and half-open paths read on every call, kept beside the state.
    @usableFromInline let allowedFails: Int
    @usableFromInline let halfOpenProbes: Int
    @usableFromInline let features: UInt8
    @usableFromInline var phase: Phase = .closed(failures: 0)
    @usableFromInline var generation: UInt64 = 0
    @usableFromInline var reopenings: Int = 0
    /// The failures counted when the breaker last left the closed state (read while not closed).
    @usableFromInline var failuresAtOpening: Int = 0
    /// The length of the current (or last) timed open period.
    @usableFromInline var openPeriodInForce: Duration = .zero
    /// The window of a failure-rate policy; `nil` for a consecutive one.
    @usableFromInline var rate: Rate?
    /// The jitter generator's state (SplitMix64).
    @usableFromInline var jitterState: UInt64

    /// The parameters this machine enforces.
    public var configuration: CircuitBreakerConfiguration { shared.configuration }

    /// Whether how long a call took matters (the configuration has a slow-call duration): a driver
    /// then passes `lasted` to ``record(_:for:lasted:now:)``.
    @inlinable public var timesCalls: Bool { features & Features.slowCalls != 0 }

    /// Creates a closed breaker.
    ///
    /// `seed` starts the generator that spreads open periods when the configuration has a
    /// ``CircuitBreakerConfiguration/retryJitter``: machines with the same seed draw the same periods.
    /// ``CircuitBreaker`` seeds each of its machines from the system's generator; a driver that makes
    /// many machines gives each its own seed (with the default, they all draw the same periods).
    public init(configuration: CircuitBreakerConfiguration, seed: UInt64 = 0) {
        shared = Shared(configuration)
        allowedFails = configuration.allowedFails
        halfOpenProbes = configuration.halfOpenProbes
        features =
            (configuration.slowCallDuration == nil ? 0 : Features.slowCalls)
            | (configuration.retryJitter > 0 ? Features.jitter : 0)
        jitterState = seed
        if case .failureRate(let threshold, let window, let minimumCalls) = configuration.policy {
            var width = Duration.nanoseconds(1)
            if case .duration(let length) = window {
                width = max(width, length / FailureWindow.bucketCount)
            }
            rate = Rate(
                threshold: threshold, minimumCalls: minimumCalls, window: RateWindow(window),
                bucketWidth: width,
                bucketEnd: nil)
        }
    }

    /// A copy of this closed, unused machine whose jitter generator starts from `seed`: many breakers
    /// with one configuration share it (the simulator makes a fleet so).
    package func reseeded(_ seed: UInt64) -> Self {
        var copy = self
        copy.jitterState = seed
        return copy
    }

    /// The rate window, unshared first (the first mutation after a copy copies it).
    @usableFromInline
    mutating func uniqueRate() -> Rate {
        if !isKnownUniquelyReferenced(&rate) {
            rate = rate.unsafelyUnwrapped.copy()
        }
        return rate.unsafelyUnwrapped
    }

    /// The current generation; it changes with every transition.
    public var currentGeneration: UInt64 { generation }

    /// Consecutive failures: counted while closed; while open or half-open, the failures that opened
    /// the breaker (as the original's `_failure_count` stays at `allowed_fails`); zero after closing.
    @inlinable public var consecutiveFailures: Int {
        if case .closed(let failures) = phase { return failures }
        return failuresAtOpening
    }

    /// Whether a success would change nothing: closed with no failures counted (for a failure-rate
    /// policy: a count window full of successes; a time window always counts).
    @inlinable public var isClosedWithoutFailures: Bool {
        guard case .closed(0) = phase else { return false }
        guard let rate else { return true }
        return rate.window.successChangesNothing
    }

    /// Calls in a failure-rate policy's window (zero for a consecutive policy).
    ///
    /// A time window's as of the last call counted. The window is cleared when the breaker opens on
    /// it and on reset; after `forceOpen` from closed it keeps the counts of that moment until reset.
    public var callsInWindow: Int { rate?.window.calls ?? 0 }

    /// Failures in a failure-rate policy's window (see ``callsInWindow``).
    public var failuresInWindow: Int { rate?.window.failures ?? 0 }

    /// Probes currently in flight (zero unless half-open).
    @inlinable public var probesInFlight: Int {
        if case .halfOpen(let inFlight, _) = phase { return inFlight }
        return 0
    }

    /// The state as stored, without looking at the clock: an open breaker whose timer has elapsed
    /// stays `.open` here until a call arrives.
    @inlinable public var storedState: CircuitState {
        switch phase {
        case .closed: .closed
        case .open: .open
        case .halfOpen: .halfOpen
        }
    }

    /// The state as a caller would see it at `now`: an open breaker whose timer has elapsed reads as
    /// `.halfOpen`, since the next call will be a probe.
    @inlinable public func state(now: () -> Instant) -> CircuitState {
        switch phase {
        case .closed: return .closed
        case .halfOpen: return .halfOpen
        case .open(let until):
            guard let until else { return .open }
            return now() >= until ? .halfOpen : .open
        }
    }

    /// When an open breaker will let a probe through (`nil` unless open on a timer).
    @inlinable public var openUntil: Instant? {
        if case .open(let until) = phase { return until }
        return nil
    }

    /// How long the current open period lasts, from the opening to ``openUntil``; `nil` unless open
    /// for a time (closed, half-open, or forced open).
    @inlinable public var openPeriod: Duration? {
        if case .open(.some) = phase { return openPeriodInForce }
        return nil
    }

    /// Whether the breaker is forced open until `reset(now:)`.
    @inlinable public var isForcedOpen: Bool {
        if case .open(nil) = phase { return true }
        return false
    }

    /// Asks whether a call may run now.
    @inlinable
    public mutating func acquire(now: () -> Instant) -> Admission {
        switch phase {
        case .closed:
            return .permitted(Permit(generation: generation, isProbe: false), nil)
        case .halfOpen(let inFlight, let since):
            guard inFlight < halfOpenProbes else {
                return rejectWhileProbing(since: since, now: now())
            }
            phase = .halfOpen(inFlight: inFlight + 1, since: inFlight == 0 ? now() : since)
            return .permitted(Permit(generation: generation, isProbe: true), nil)
        case .open(let until):
            return acquireWhileOpen(until: until, now: now())
        }
    }

    @inlinable
    mutating func rejectWhileProbing(since: Instant, now: Instant) -> Admission {
        guard since.duration(to: now) >= configuration.effectiveProbeTimeout else {
            return .rejected(state: .halfOpen, retryAfter: .zero, forced: false, transition: nil)
        }
        reopenings += 1
        let transition = open(reason: .probeTimedOut, from: .halfOpen, now: now)
        return .rejected(state: .open, retryAfter: transition.openFor, forced: false, transition: transition)
    }

    @inlinable
    mutating func acquireWhileOpen(until: Instant?, now: Instant) -> Admission {
        guard let until else {
            return .rejected(state: .open, retryAfter: nil, forced: true, transition: nil)
        }
        guard now >= until else {
            // At most the open period: a clock that stepped back would make the wait look longer.
            return .rejected(
                state: .open, retryAfter: min(now.duration(to: until), openPeriodInForce), forced: false,
                transition: nil)
        }
        generation &+= 1
        phase = .halfOpen(inFlight: 1, since: now)
        let transition = Transition(
            from: .open, to: .halfOpen, reason: .retryTimerElapsed, at: now, openFor: nil)
        return .permitted(Permit(generation: generation, isProbe: true), transition)
    }

    /// Reports how an admitted call ended; returns the transition it caused, if any.
    ///
    /// Report each permit once. A second report of a probe is caught (the program stops) when it would
    /// free a slot that no probe holds; a second report of a closed-state call cannot be told from a new
    /// one, which is why ``CircuitBreaker`` hands out noncopyable permits.
    @inlinable
    public mutating func record(_ outcome: CallOutcome, for permit: Permit, now: () -> Instant) -> Transition?
    {
        // Without a duration nothing is slow: the outcome counts as given.
        recordCounted(outcome, for: permit, now: now)
    }

    /// Reports how an admitted call ended and how long it took (from admission to outcome), so that a
    /// success slower than ``CircuitBreakerConfiguration/slowCallDuration`` counts as a failure;
    /// returns the transition it caused, if any.
    @inlinable
    public mutating func record(
        _ outcome: CallOutcome, for permit: Permit, lasted: Duration?, now: () -> Instant
    ) -> Transition? {
        guard features & Features.slowCalls != 0, outcome == .success else {
            return recordCounted(outcome, for: permit, now: now)
        }
        return recordCounted(configuration.countedOutcome(outcome, lasted: lasted), for: permit, now: now)
    }

    /// Reports an outcome as the breaker counts it (a slow success already turned into a failure).
    @inlinable
    mutating func recordCounted(_ outcome: CallOutcome, for permit: Permit, now: () -> Instant) -> Transition?
    {
        guard permit.generation == generation else { return nil }
        switch phase {
        case .closed(let failures):
            if rate != nil { return recordInWindow(outcome, consecutive: failures, now: now) }
            switch outcome {
            case .success:
                if failures != 0 { phase = .closed(failures: 0) }
                return nil
            case .ignored:
                return nil
            case .failure:
                guard failures + 1 >= allowedFails else {
                    phase = .closed(failures: failures + 1)
                    return nil
                }
                failuresAtOpening = failures + 1
                return open(reason: .failureThreshold, from: .closed, now: now())
            }
        case .halfOpen(let inFlight, let since):
            guard permit.isProbe else { return nil }
            precondition(inFlight > 0, "CircuitBreaker: a probe permit was reported twice")
            switch outcome {
            case .success:
                generation &+= 1
                reopenings = 0
                failuresAtOpening = 0
                phase = .closed(failures: 0)
                return Transition(
                    from: .halfOpen, to: .closed, reason: .probeSucceeded, at: now(), openFor: nil)
            case .failure:
                reopenings += 1
                return open(reason: .probeFailed, from: .halfOpen, now: now())
            case .ignored:
                phase = .halfOpen(inFlight: inFlight - 1, since: since)
                return nil
            }
        case .open:
            return nil
        }
    }

    /// A closed-state outcome under a failure-rate policy: counted in the window (an ignored one is
    /// not); the breaker opens when the window holds the minimum of calls and its failed share has
    /// reached the threshold.
    @usableFromInline
    mutating func recordInWindow(_ outcome: CallOutcome, consecutive: Int, now: () -> Instant) -> Transition?
    {
        let failed: Bool
        switch outcome {
        case .ignored: return nil
        case .success: failed = false
        case .failure: failed = true
        }
        let consecutive = failed ? consecutive + 1 : 0
        let rate = uniqueRate()
        var instant: Instant?
        if rate.window.isTimed {
            let time = now()
            instant = time
            rate.window.count(failed: failed, passed: rate.bucketsPassed(at: time))
        } else {
            rate.window.count(failed: failed)
        }
        // Checked after every call, as Resilience4j does: the call that makes the minimum can be a
        // success, and a time window's success can drop a bucket of older successes.
        guard rate.window.trips(threshold: rate.threshold, minimumCalls: rate.minimumCalls) else {
            phase = .closed(failures: consecutive)
            return nil
        }
        failuresAtOpening = consecutive
        rate.window.clear()
        return open(reason: .failureThreshold, from: .closed, now: instant ?? now())
    }

    @usableFromInline
    mutating func open(reason: TransitionReason, from: CircuitState, now: Instant) -> Transition {
        var period = configuration.openPeriod(afterReopenings: reopenings)
        if features & Features.jitter != 0 { period = configuration.jittered(period, unit: nextUnit()) }
        openPeriodInForce = period
        generation &+= 1
        phase = .open(until: now.advanced(by: period))
        return Transition(from: from, to: .open, reason: reason, at: now, openFor: period)
    }

    /// The next uniform draw from 0 ..< 1 (SplitMix64, 53 bits).
    @usableFromInline
    mutating func nextUnit() -> Double {
        jitterState &+= 0x9E37_79B9_7F4A_7C15
        var z = jitterState
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1p-53
    }

    /// Opens the breaker until `reset(now:)`, whatever its state; pending results are
    /// discarded.
    public mutating func forceOpen(now: () -> Instant) -> Transition? {
        let from = storedState
        if case .open(nil) = phase { return nil }
        if case .closed(let failures) = phase { failuresAtOpening = failures }
        generation &+= 1
        phase = .open(until: nil)
        return Transition(from: from, to: .open, reason: .forcedOpen, at: now(), openFor: nil)
    }

    /// Closes the breaker and clears its counts, whatever its state; pending results are discarded.
    public mutating func reset(now: () -> Instant) -> Transition? {
        let from = storedState
        generation &+= 1
        reopenings = 0
        failuresAtOpening = 0
        phase = .closed(failures: 0)
        if rate.map({ $0.window.calls != 0 }) == true { uniqueRate().window.clear() }
        if from == .closed { return nil }
        return Transition(from: from, to: .closed, reason: .reset, at: now(), openFor: nil)
    }

    /// Opens the breaker until reset; takes the time as a value.
    @available(
        *, deprecated, message: "pass the time as a closure, as to acquire(now:) and record(_:for:now:)"
    )
    public mutating func forceOpen(now: Instant) -> Transition? {
        forceOpen(now: { now })
    }

    /// Closes the breaker and clears its counts; takes the time as a value.
    @available(
        *, deprecated, message: "pass the time as a closure, as to acquire(now:) and record(_:for:now:)"
    )
    public mutating func reset(now: Instant) -> Transition? {
        reset(now: { now })
    }
}
