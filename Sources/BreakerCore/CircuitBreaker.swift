public import CoreMetrics
public import Logging
public import Synchronization

/// A thread-safe circuit breaker around calls to a dependency.
///
/// ```swift
/// let payments = CircuitBreaker(name: "payments", allowedFails: 5, retryTimer: .seconds(30))
/// let receipt = try await payments.run { try await client.charge(order) }
/// ```
///
/// The breaker holds a ``CircuitBreakerStateMachine`` in a `Mutex` and mirrors what the closed path
/// needs to know (closed or not, failures counted or not, the generation) in one atomic word. A call
/// through a closed breaker that nothing changes loads that word and takes no lock and reads no clock,
/// so callers on many cores do not serialise on the breaker; the machine is stepped under the lock
/// only when something changes (a failure, the first success after failures, any call while open or
/// half-open), and never while the operation runs.
///
/// When a call is not permitted, `run` throws ``CircuitOpenError`` without running the operation.
/// Errors thrown by the operation are rethrown unchanged after being classified by the
/// ``ErrorPolicy``. `CancellationError` never counts as a failure.
///
/// The breaker is quiet by default: it logs at `.debug` (transitions, counted and ignored errors) and
/// nothing above. An application that wants to hear about transitions uses `onStateChange` or
/// ``stateChanges()``. Metrics go to swift-metrics (see ``init(name:allowedFails:retryTimer:halfOpenProbes:errorPolicy:openBackoff:probeTimeout:clock:metricsFactory:logger:onStateChange:)``).
public final class CircuitBreaker<C: Clock>: Sendable where C.Duration == Duration {
    /// The state machine type this breaker drives: on time since the breaker's ``origin``, whatever the
    /// clock (see ``ElapsedInstant``).
    public typealias StateMachine = CircuitBreakerStateMachine<ElapsedInstant>

    /// Permission to make one call, from ``acquire()``; report how the call ended with
    /// ``finish(_:outcome:)`` or ``finish(_:error:)``, exactly once.
    ///
    /// Noncopyable, and the calls that report it consume it, so reporting one permit twice (which would
    /// free a probe slot twice and let more probes in flight than allowed) does not compile. What the
    /// type system cannot see, a permit reported to a breaker other than the one that issued it, stops
    /// the program.
    public struct Permit: ~Copyable, Sendable {
        @usableFromInline let token: StateMachine.Permit
        @usableFromInline let issuer: ObjectIdentifier
        /// When the call was admitted, in nanoseconds since the breaker's origin, if the breaker times
        /// calls (it has a slow-call duration); zero otherwise.
        @usableFromInline let admitted: Int64

        @inlinable init(token: StateMachine.Permit, issuer: ObjectIdentifier, admitted: Int64) {
            self.token = token
            self.issuer = issuer
            self.admitted = admitted
        }

        /// Whether the call is a half-open probe.
        @inlinable public var isProbe: Bool { token.isProbe }
        /// The generation of the state the call was admitted in (see ``CircuitBreakerStateMachine``).
        @inlinable public var generation: UInt64 { token.generation }
    }

    /// A change of state, as delivered to ``stateChanges()`` and the `onStateChange` callback.
    public struct StateChange: Sendable, Hashable {
        /// Name of the breaker.
        public let name: String
        /// State before.
        public let from: CircuitState
        /// State after.
        public let to: CircuitState
        /// Why it changed.
        public let reason: TransitionReason
        /// When it changed, on the breaker's clock.
        public let at: C.Instant
        /// When the breaker opened on a timer: how long it stays open; `nil` otherwise (and when forced
        /// open until reset).
        public let openFor: Duration?
    }

    @usableFromInline
    struct Storage: ~Copyable {
        @usableFromInline var machine: StateMachine
        @usableFromInline var subscribers: [UInt64: AsyncStream<StateChange>.Continuation] = [:]
        var nextSubscriberID: UInt64 = 0

        init(machine: StateMachine) {
            self.machine = machine
        }
    }

    /// The name used in errors, logs and events.
    public let name: String
    /// The clock that times the open period.
    public let clock: C
    /// The clock's time when the breaker was created; the machine counts from here.
    public let origin: C.Instant
    /// Which errors count as failures.
    public let errorPolicy: ErrorPolicy
    /// The parameters this breaker enforces.
    public let configuration: CircuitBreakerConfiguration

    @usableFromInline let storage: Mutex<Storage>
    /// What a call to a closed or open breaker needs to know (see ``FastWord``): written under the lock
    /// after every step, read without it.
    @usableFromInline let fastWord: Atomic<UInt64>
    /// The open deadline in nanoseconds since ``origin`` (``FastWord/forced`` when forced open).
    @usableFromInline let openDeadline: Atomic<Int64>
    /// The open period's length in nanoseconds, written before ``openDeadline``: `retryAfter` is clamped
    /// to it, so that a clock that steps back never reports a wait longer than the period.
    @usableFromInline let openPeriodWord: Atomic<Int64>
    @usableFromInline let logger: Logger
    @usableFromInline let metrics: BreakerMetrics?
    /// Whether calls are timed (the configuration has a slow-call duration): then admitting one reads
    /// the clock.
    @usableFromInline let timesCalls: Bool
    let onStateChange: (@Sendable (StateChange) -> Void)?

    /// Creates a closed breaker.
    ///
    /// - Parameters:
    ///   - name: Shown in errors, logs, events and metrics.
    ///   - allowedFails: Consecutive failures that open the breaker (at least 1).
    ///   - retryTimer: How long it stays open before the next call becomes a probe (not negative).
    ///   - halfOpenProbes: Probes allowed in flight at once while half-open (at least 1).
    ///   - errorPolicy: Which errors count as failures.
    ///   - openBackoff: Optional growth of the open period while probes keep failing.
    ///   - probeTimeout: How long a probe may stay out; when a call finds every probe slot taken by a
    ///     probe older than this, that probe counts as failed and the breaker reopens. `nil`: the retry
    ///     timer.
    ///   - clock: Times the open period; tests pass a manual clock (`BreakerCoreTesting.ManualClock`).
    ///   - metricsFactory: Receives `circuit_breaker_calls`, `circuit_breaker_state` and
    ///     `circuit_breaker_transitions`, each with a `name` dimension. The default is whatever the
    ///     application bootstrapped; before that, nothing is made and a call pays one branch.
    ///   - logger: Receives transitions and counted or ignored errors, all at `.debug`.
    ///   - onStateChange: Called after every transition, outside the lock.
    public convenience init(
        name: String = "circuit-breaker",
        allowedFails: Int = 3,
        retryTimer: Duration = .seconds(30),
        halfOpenProbes: Int = 1,
        errorPolicy: ErrorPolicy = .countAll,
        openBackoff: OpenBackoff? = nil,
        probeTimeout: Duration? = nil,
        clock: C,
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "BreakerCore"),
        onStateChange: (@Sendable (StateChange) -> Void)? = nil
    ) {
        self.init(
            name: name,
            configuration: CircuitBreakerConfiguration(
                allowedFails: allowedFails, retryTimer: retryTimer, halfOpenProbes: halfOpenProbes,
                openBackoff: openBackoff, probeTimeout: probeTimeout),
            errorPolicy: errorPolicy, clock: clock, metricsFactory: metricsFactory, logger: logger,
            onStateChange: onStateChange)
    }

    /// Creates a closed breaker with any ``TripPolicy``, slow calls and a spread open period.
    ///
    /// ```swift
    /// let payments = CircuitBreaker(
    ///     name: "payments",
    ///     policy: .failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 10),
    ///     retryTimer: .seconds(15), slowCallDuration: .milliseconds(500), retryJitter: 0.2,
    ///     clock: ContinuousClock())
    /// ```
    ///
    /// - Parameters:
    ///   - name: Shown in errors, logs, events and metrics.
    ///   - policy: When the closed breaker opens: `.consecutiveFailures(k)` (what `allowedFails: k`
    ///     means), or `.failureRate(threshold:window:minimumCalls:)`.
    ///   - retryTimer: How long it stays open before the next call becomes a probe (not negative).
    ///   - halfOpenProbes: Probes allowed in flight at once while half-open (at least 1).
    ///   - errorPolicy: Which errors count as failures.
    ///   - openBackoff: Optional growth of the open period while probes keep failing.
    ///   - probeTimeout: How long a probe may stay out; `nil`: the retry timer.
    ///   - slowCallDuration: A success that takes longer (from admission to its report) counts as a
    ///     failure; with it set, admitting a call reads the clock.
    ///   - retryJitter: Each open period is drawn uniformly within ± this fraction of its length
    ///     (0 … 1), from a generator seeded by the system's.
    ///   - clock: Times the open period and, with `slowCallDuration`, the calls.
    ///   - metricsFactory: Receives the breaker's metrics.
    ///   - logger: Receives transitions and counted or ignored errors, all at `.debug`.
    ///   - onStateChange: Called after every transition, outside the lock.
    public convenience init(
        name: String = "circuit-breaker",
        policy: TripPolicy,
        retryTimer: Duration = .seconds(30),
        halfOpenProbes: Int = 1,
        errorPolicy: ErrorPolicy = .countAll,
        openBackoff: OpenBackoff? = nil,
        probeTimeout: Duration? = nil,
        slowCallDuration: Duration? = nil,
        retryJitter: Double = 0,
        clock: C,
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "BreakerCore"),
        onStateChange: (@Sendable (StateChange) -> Void)? = nil
    ) {
        self.init(
            name: name,
            configuration: CircuitBreakerConfiguration(
                policy: policy, retryTimer: retryTimer, halfOpenProbes: halfOpenProbes,
                openBackoff: openBackoff, probeTimeout: probeTimeout, slowCallDuration: slowCallDuration,
                retryJitter: retryJitter),
            errorPolicy: errorPolicy, clock: clock, metricsFactory: metricsFactory, logger: logger,
            onStateChange: onStateChange)
    }

    /// Creates a closed breaker with settings made beforehand.
    ///
    /// The settings come from
    /// ``CircuitBreakerConfiguration/validated(allowedFails:retryTimer:halfOpenProbes:openBackoff:probeTimeout:)``
    /// (a settings file) or the configuration's initialiser; the other parameters are as in
    /// ``init(name:allowedFails:retryTimer:halfOpenProbes:errorPolicy:openBackoff:probeTimeout:clock:metricsFactory:logger:onStateChange:)``.
    public init(
        name: String = "circuit-breaker",
        configuration: CircuitBreakerConfiguration,
        errorPolicy: ErrorPolicy = .countAll,
        clock: C,
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "BreakerCore"),
        onStateChange: (@Sendable (StateChange) -> Void)? = nil
    ) {
        var system = SystemRandomNumberGenerator()
        let machine = StateMachine(configuration: configuration, seed: system.next())
        self.name = name
        self.timesCalls = configuration.slowCallDuration != nil
        self.clock = clock
        self.origin = clock.now
        self.errorPolicy = errorPolicy
        self.configuration = configuration
        self.fastWord = Atomic(FastWord.word(for: machine))
        self.openDeadline = Atomic(FastWord.deadline(for: machine))
        self.openPeriodWord = Atomic(FastWord.nanoseconds(machine.openPeriod ?? .zero))
        self.storage = Mutex(Storage(machine: machine))
        var logger = logger
        logger[metadataKey: "circuit-breaker"] = "\(name)"
        self.logger = logger
        self.metrics = BreakerMetrics(name: name, factory: metricsFactory)
        self.onStateChange = onStateChange
    }

    // MARK: Reading the state

    /// The state now; an open breaker whose retry timer has elapsed reads as `.halfOpen`.
    public var state: CircuitState {
        if FastWord.isClosed(fastWord.load(ordering: .acquiring)) { return .closed }
        return locked { storage in storage.machine.state(now: { elapsed() }) }
    }

    /// Consecutive failures: counted while closed; while open or half-open, the failures that opened
    /// the breaker (the original's `_failure_count` stays at `allowed_fails` while open); zero after
    /// closing.
    public var consecutiveFailures: Int {
        locked { $0.machine.consecutiveFailures }
    }

    // MARK: Running operations

    /// Runs `operation` if the breaker permits it and records its outcome.
    ///
    /// - Throws: ``CircuitOpenError`` without running `operation` when not permitted; otherwise
    ///   whatever `operation` throws, unchanged.
    @inlinable
    public func run<T>(_ operation: () async throws -> T) async throws -> T {
        try await run(validation: { _ in true }, operation)
    }

    /// Runs `operation` if permitted; a result for which `validation` returns `false` counts as a
    /// failure but is still returned (the original's `validation_func`).
    @inlinable
    public func run<T>(validation: (T) -> Bool, _ operation: () async throws -> T) async throws -> T {
        let permit = try acquire()
        let value: T
        do {
            value = try await operation()
        } catch {
            finish(permit, error: error)
            throw error
        }
        finish(permit, outcome: validation(value) ? .success : .failure)
        return value
    }

    /// Runs a synchronous `operation` if the breaker permits it and records its outcome.
    @inlinable
    public func run<T>(_ operation: () throws -> T) throws -> T {
        try run(validation: { _ in true }, operation)
    }

    /// Runs a synchronous `operation` if permitted; `validation` returning `false` counts as a failure.
    @inlinable
    public func run<T>(validation: (T) -> Bool, _ operation: () throws -> T) throws -> T {
        let permit = try acquire()
        let value: T
        do {
            value = try operation()
        } catch {
            finish(permit, error: error)
            throw error
        }
        finish(permit, outcome: validation(value) ? .success : .failure)
        return value
    }

    // MARK: Manual protocol, for callers that cannot wrap the call in a closure

    /// Asks for a permit to make one call; report its end with ``finish(_:outcome:)`` or
    /// ``finish(_:error:)``.
    ///
    /// ```swift
    /// let permit = try breaker.acquire()
    /// do {
    ///     let answer = try await send(request)
    ///     breaker.finish(permit, outcome: answer.status < 500 ? .success : .failure)
    /// } catch {
    ///     breaker.finish(permit, error: error)  // classified by the error policy, as `run` does
    /// }
    /// ```
    ///
    /// - Throws: ``CircuitOpenError`` when the call is not permitted.
    @inlinable
    public func acquire() throws(CircuitOpenError) -> Permit {
        let word = fastWord.load(ordering: .acquiring)
        if FastWord.isOpen(word), let rejection = rejectionWhileOpen() {
            metrics?.rejected.increment()
            throw rejection
        }
        if FastWord.isUntimedClosed(word) {
            return Permit(
                token: StateMachine.Permit(generation: FastWord.generation(word), isProbe: false),
                issuer: ObjectIdentifier(self), admitted: 0)
        }
        if FastWord.isClosed(word) {
            // Closed and timing calls (a slow-call duration): the admission time goes with the permit.
            return Permit(
                token: StateMachine.Permit(generation: FastWord.generation(word), isProbe: false),
                issuer: ObjectIdentifier(self), admitted: FastWord.nanoseconds(elapsed().sinceOrigin))
        }
        return try acquireLocked()
    }

    /// The rejection of a call to an open breaker before its deadline, decided without the lock; `nil`
    /// when the deadline has passed (the machine then lets the probe through).
    @inlinable
    func rejectionWhileOpen() -> CircuitOpenError? {
        let deadline = openDeadline.load(ordering: .acquiring)
        if deadline == FastWord.forced {
            return CircuitOpenError(name: name, state: .open, retryAfter: nil, isForced: true)
        }
        // Compared as `Duration`s: turning the clock's reading into nanoseconds would take a 128-bit
        // division (`Duration.components`), which costs more than the lock this path avoids.
        let until = Duration.nanoseconds(deadline)
        let now = origin.duration(to: clock.now)
        guard now < until else { return nil }
        // At most the open period (a clock that stepped back would make the wait look longer). The
        // period is read after the deadline: in a race with a new opening it is that opening's.
        let period = Duration.nanoseconds(openPeriodWord.load(ordering: .relaxed))
        return CircuitOpenError(
            name: name, state: .open, retryAfter: min(until - now, period), isForced: false)
    }

    @usableFromInline
    func acquireLocked() throws(CircuitOpenError) -> Permit {
        let admission = locked { storage in
            let admission = storage.machine.acquire(now: { elapsed() })
            switch admission {
            case .permitted(_, let transition?), .rejected(_, _, _, let transition?):
                stepped(transition, storage: storage)
            case .permitted(_, nil), .rejected(_, _, _, nil):
                break
            }
            return admission
        }
        switch admission {
        case .permitted(let token, let transition):
            if let transition { published(transition) }
            return Permit(
                token: token, issuer: ObjectIdentifier(self),
                admitted: timesCalls ? FastWord.nanoseconds(elapsed().sinceOrigin) : 0)
        case .rejected(let state, let retryAfter, let forced, let transition):
            if let transition { published(transition) }
            metrics?.rejected.increment()
            throw CircuitOpenError(name: name, state: state, retryAfter: retryAfter, isForced: forced)
        }
    }

    /// Reports how a permitted call ended.
    ///
    /// A success that finds the breaker closed with no failures counted, and any result from an older
    /// generation, change nothing: they take no lock. With a slow-call duration, a success that took
    /// longer (from ``acquire()`` to here) counts as a failure for the breaker; its metrics count it as
    /// a success in `circuit_breaker_calls` and in `circuit_breaker_slow_calls`.
    @inlinable
    public func finish(_ permit: consuming Permit, outcome: CallOutcome) {
        precondition(
            permit.issuer == ObjectIdentifier(self),
            "CircuitBreaker: a permit was reported to another breaker")
        let token = permit.token
        metrics?.record(outcome)
        let word = fastWord.load(ordering: .acquiring)
        guard FastWord.generation(word) == token.generation else { return }
        switch outcome {
        // A breaker that times calls never passes here: its success may be slow (see `record`).
        case .success where FastWord.isUntimedClosedWithoutFailures(word): return
        case .ignored where FastWord.isClosed(word): return
        default: break
        }
        record(outcome, for: token, admitted: permit.admitted, word: word)
    }

    /// An outcome that may change the state: a slow success becomes a failure first (and is counted in
    /// `circuit_breaker_slow_calls`); a success that still changes nothing takes no lock.
    @usableFromInline
    func record(_ outcome: CallOutcome, for token: StateMachine.Permit, admitted: Int64, word: UInt64) {
        guard timesCalls, outcome == .success else { return record(outcome, for: token) }
        let lasted = elapsed().sinceOrigin - .nanoseconds(admitted)
        let counted = configuration.countedOutcome(.success, lasted: lasted)
        if counted == .failure {
            metrics?.slow.increment()
            logger.debug("slow call counted as a failure", metadata: ["lasted": "\(lasted)"])
        } else if FastWord.isClosedWithoutFailures(word) {
            return
        }
        record(counted, for: token)
    }

    @usableFromInline
    func record(_ outcome: CallOutcome, for token: StateMachine.Permit) {
        let transition = locked { storage in
            let transition = storage.machine.record(outcome, for: token, now: { elapsed() })
            if let transition {
                stepped(transition, storage: storage)
            } else {
                publish(storage.machine)
            }
            return transition
        }
        if let transition { published(transition) }
    }

    /// Reports that a permitted call threw `error`: classified by the ``errorPolicy`` and logged (at
    /// `.debug`), as `run` does.
    @inlinable
    public func finish(_ permit: consuming Permit, error: any Error) {
        let outcome = errorPolicy.outcome(for: error)
        logClassified(error, as: outcome)
        finish(permit, outcome: outcome)
    }

    @usableFromInline
    func logClassified(_ error: any Error, as outcome: CallOutcome) {
        switch outcome {
        case .failure:
            logger.debug("call failed", metadata: ["error": "\(String(describing: error))"])
        case .ignored:
            logger.debug(
                "error ignored",
                metadata: ["error": "\(String(describing: error))", "policy": "\(errorPolicy.description)"])
        case .success:
            break
        }
    }

    // MARK: Manual control

    /// Opens the breaker until ``reset()``: every call is rejected with a ``CircuitOpenError`` whose
    /// `retryAfter` is `nil` and `isForced` is `true`.
    public func forceOpen() {
        let transition = locked { storage in
            let transition = storage.machine.forceOpen(now: { elapsed() })
            if let transition { stepped(transition, storage: storage) }
            return transition
        }
        if let transition { published(transition) }
    }

    /// Closes the breaker and clears its failure count.
    public func reset() {
        let transition = locked { storage in
            let transition = storage.machine.reset(now: { elapsed() })
            if let transition {
                stepped(transition, storage: storage)
            } else {
                publish(storage.machine)
            }
            return transition
        }
        if let transition { published(transition) }
    }

    // MARK: Events

    /// A stream of state changes from now on; it ends when the breaker is deallocated.
    public func stateChanges() -> AsyncStream<StateChange> {
        let (stream, continuation) = AsyncStream<StateChange>.makeStream(
            bufferingPolicy: .bufferingNewest(1024))
        let id = locked { storage in
            let id = storage.nextSubscriberID
            storage.nextSubscriberID += 1
            storage.subscribers[id] = continuation
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.locked { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    func stateChange(for transition: StateMachine.Transition) -> StateChange {
        StateChange(
            name: name, from: transition.from, to: transition.to, reason: transition.reason,
            at: origin.advanced(by: transition.at.sinceOrigin), openFor: transition.openFor
        )
    }

    /// Does what every transition needs inside the critical section that made it.
    ///
    /// The closed path's word is republished, the state gauge set, and the ``stateChanges()``
    /// subscribers fed. Yielding (or setting the gauge) in a later critical section would let another
    /// thread's later transition overtake this one.
    @usableFromInline
    func stepped(_ transition: StateMachine.Transition, storage: borrowing Storage) {
        publish(storage.machine)
        metrics?.transitioned(to: transition.to)
        guard !storage.subscribers.isEmpty else { return }
        let change = stateChange(for: transition)
        for continuation in storage.subscribers.values { continuation.yield(change) }
    }

    /// Makes the machine's state visible to the calls that do not take the lock: the deadline first,
    /// then the word that says it applies.
    @usableFromInline
    func publish(_ machine: borrowing StateMachine) {
        if machine.storedState == .open {
            if let period = machine.openPeriod {
                openPeriodWord.store(FastWord.nanoseconds(period), ordering: .relaxed)
            }
            openDeadline.store(FastWord.deadline(for: machine), ordering: .releasing)
        }
        fastWord.store(FastWord.word(for: machine), ordering: .releasing)
    }

    /// The time since ``origin``: read only when a decision depends on time.
    @inlinable
    func elapsed() -> ElapsedInstant {
        ElapsedInstant(origin.duration(to: clock.now))
    }

    /// Runs `body` with the lock held (ThreadSanitizer builds also annotate the acquisition and release).
    @inlinable
    func locked<R>(_ body: (inout sending Storage) -> sending R) -> sending R {
        storage.withLock { storage in
            #if BREAKER_CORE_TSAN
                let address = Unmanaged.passUnretained(self).toOpaque()
                tsanAcquire(address)
                defer { tsanRelease(address) }
            #endif
            return body(&storage)
        }
    }

    /// Logs a transition (at `.debug`) and calls `onStateChange`, outside the lock.
    @usableFromInline
    func published(_ transition: StateMachine.Transition) {
        logger.debug(
            "circuit \(transition.from) → \(transition.to)", metadata: ["reason": "\(transition.reason)"])
        onStateChange?(stateChange(for: transition))
    }

    deinit {
        locked { storage in
            for continuation in storage.subscribers.values { continuation.finish() }
        }
    }
}

extension CircuitBreaker where C == ContinuousClock {
    /// Creates a closed breaker timed by the `ContinuousClock`.
    public convenience init(
        name: String = "circuit-breaker",
        allowedFails: Int = 3,
        retryTimer: Duration = .seconds(30),
        halfOpenProbes: Int = 1,
        errorPolicy: ErrorPolicy = .countAll,
        openBackoff: OpenBackoff? = nil,
        probeTimeout: Duration? = nil,
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "BreakerCore"),
        onStateChange: (@Sendable (StateChange) -> Void)? = nil
    ) {
        self.init(
            name: name, allowedFails: allowedFails, retryTimer: retryTimer, halfOpenProbes: halfOpenProbes,
            errorPolicy: errorPolicy, openBackoff: openBackoff, probeTimeout: probeTimeout,
            clock: ContinuousClock(), metricsFactory: metricsFactory, logger: logger,
            onStateChange: onStateChange)
    }

    /// Creates a closed breaker timed by the `ContinuousClock`, with any ``TripPolicy``, slow calls and a
    /// spread open period.
    public convenience init(
        name: String = "circuit-breaker",
        policy: TripPolicy,
        retryTimer: Duration = .seconds(30),
        halfOpenProbes: Int = 1,
        errorPolicy: ErrorPolicy = .countAll,
        openBackoff: OpenBackoff? = nil,
        probeTimeout: Duration? = nil,
        slowCallDuration: Duration? = nil,
        retryJitter: Double = 0,
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "BreakerCore"),
        onStateChange: (@Sendable (StateChange) -> Void)? = nil
    ) {
        self.init(
            name: name, policy: policy, retryTimer: retryTimer, halfOpenProbes: halfOpenProbes,
            errorPolicy: errorPolicy, openBackoff: openBackoff, probeTimeout: probeTimeout,
            slowCallDuration: slowCallDuration, retryJitter: retryJitter, clock: ContinuousClock(),
            metricsFactory: metricsFactory, logger: logger, onStateChange: onStateChange)
    }

    /// Creates a closed breaker timed by the `ContinuousClock`, with settings made beforehand.
    public convenience init(
        name: String = "circuit-breaker",
        configuration: CircuitBreakerConfiguration,
        errorPolicy: ErrorPolicy = .countAll,
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "BreakerCore"),
        onStateChange: (@Sendable (StateChange) -> Void)? = nil
    ) {
        self.init(
            name: name, configuration: configuration, errorPolicy: errorPolicy, clock: ContinuousClock(),
            metricsFactory: metricsFactory, logger: logger, onStateChange: onStateChange)
    }
}
