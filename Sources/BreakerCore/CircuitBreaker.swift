public import Logging
public import Synchronization

/// A thread-safe circuit breaker around calls to a dependency.
///
/// ```swift
/// let payments = CircuitBreaker(name: "payments", allowedFails: 5, retryTimer: .seconds(30))
/// let receipt = try await payments.run { try await client.charge(order) }
/// ```
///
/// The breaker holds a ``CircuitBreakerStateMachine`` in a `Mutex`. It takes the lock only to step
/// the machine, never while the operation runs, so calls through a closed breaker run concurrently.
/// It reads the clock only when a decision depends on time: the closed path reads none.
///
/// When a call is not permitted, `run` throws ``CircuitOpenError`` without running the operation.
/// Errors thrown by the operation are rethrown unchanged after being classified by the
/// ``ErrorPolicy``. `CancellationError` never counts as a failure.
public final class CircuitBreaker<C: Clock>: Sendable where C.Duration == Duration {
    /// The state machine type this breaker drives.
    /// The state machine type this breaker drives: on time since the breaker's ``origin``, whatever the
    /// clock (see ``ElapsedInstant``).
    public typealias StateMachine = CircuitBreakerStateMachine<ElapsedInstant>

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
    public var configuration: CircuitBreakerConfiguration { machineConfiguration }

    @usableFromInline let storage: Mutex<Storage>
    @usableFromInline let logger: Logger
    let machineConfiguration: CircuitBreakerConfiguration
    let onStateChange: (@Sendable (StateChange) -> Void)?

    /// Creates a closed breaker.
    ///
    /// - Parameters:
    ///   - name: Shown in errors, logs and events.
    ///   - allowedFails: Consecutive failures that open the breaker (at least 1).
    ///   - retryTimer: How long it stays open before the next call becomes a probe (not negative).
    ///   - halfOpenProbes: Probes allowed in flight at once while half-open (at least 1).
    ///   - errorPolicy: Which errors count as failures.
    ///   - openBackoff: Optional growth of the open period while probes keep failing.
    ///   - clock: Times the open period; tests pass a manual clock.
    ///   - logger: Receives transitions (notice/info) and counted or ignored errors (debug).
    ///   - onStateChange: Called after every transition, outside the lock.
    public init(
        name: String = "circuit-breaker",
        allowedFails: Int = 3,
        retryTimer: Duration = .seconds(30),
        halfOpenProbes: Int = 1,
        errorPolicy: ErrorPolicy = .countAll,
        openBackoff: OpenBackoff? = nil,
        clock: C,
        logger: Logger = Logger(label: "BreakerCore"),
        onStateChange: (@Sendable (StateChange) -> Void)? = nil
    ) {
        let configuration = CircuitBreakerConfiguration(
            allowedFails: allowedFails, retryTimer: retryTimer, halfOpenProbes: halfOpenProbes,
            openBackoff: openBackoff)
        self.name = name
        self.clock = clock
        self.origin = clock.now
        self.errorPolicy = errorPolicy
        self.machineConfiguration = configuration
        self.storage = Mutex(Storage(machine: StateMachine(configuration: configuration)))
        var logger = logger
        logger[metadataKey: "circuit-breaker"] = "\(name)"
        self.logger = logger
        self.onStateChange = onStateChange
    }

    // MARK: Reading the state

    /// The state now; an open breaker whose retry timer has elapsed reads as `.halfOpen`.
    public var state: CircuitState {
        locked { storage in storage.machine.state(now: { elapsed() }) }
    }

    /// Consecutive failures counted while closed.
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
        let permit = try acquire()
        let value: T
        do {
            value = try await operation()
        } catch {
            finish(permit, error: error)
            throw error
        }
        finish(permit, outcome: .success)
        return value
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
        let permit = try acquire()
        let value: T
        do {
            value = try operation()
        } catch {
            finish(permit, error: error)
            throw error
        }
        finish(permit, outcome: .success)
        return value
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

    /// Asks for a permit to make one call; report its end with ``finish(_:outcome:)``.
    ///
    /// - Throws: ``CircuitOpenError`` when the call is not permitted.
    @inlinable
    public func acquire() throws(CircuitOpenError) -> StateMachine.Permit {
        let admission = locked { storage in
            let admission = storage.machine.acquire(now: { elapsed() })
            if case .permitted(_, let transition?) = admission { broadcast(transition, to: storage) }
            return admission
        }
        switch admission {
        case .permitted(let permit, nil):
            return permit
        case .permitted(let permit, let transition?):
            published(transition)
            return permit
        case .rejected(let state, let retryAfter, _):
            throw CircuitOpenError(name: name, state: state, retryAfter: retryAfter)
        }
    }

    /// Reports how a permitted call ended.
    @inlinable
    public func finish(_ permit: StateMachine.Permit, outcome: CallOutcome) {
        let transition = locked { storage in
            let transition = storage.machine.record(outcome, for: permit, now: { elapsed() })
            if let transition { broadcast(transition, to: storage) }
            return transition
        }
        if let transition { published(transition) }
    }

    /// Reports that a permitted call threw `error`, classified by the ``errorPolicy``.
    @usableFromInline
    func finish(_ permit: StateMachine.Permit, error: any Error) {
        let outcome = errorPolicy.outcome(for: error)
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
        finish(permit, outcome: outcome)
    }

    // MARK: Manual control

    /// Opens the breaker until ``reset()``: every call is rejected.
    public func forceOpen() {
        let transition = locked { storage in
            let transition = storage.machine.forceOpen(now: elapsed())
            if let transition { broadcast(transition, to: storage) }
            return transition
        }
        if let transition { published(transition) }
    }

    /// Closes the breaker and clears its failure count.
    public func reset() {
        let transition = locked { storage in
            let transition = storage.machine.reset(now: elapsed())
            if let transition { broadcast(transition, to: storage) }
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
            at: origin.advanced(by: transition.at.sinceOrigin)
        )
    }

    /// Hands a transition to the ``stateChanges()`` subscribers. Called inside the critical section that
    /// made the transition, so every subscriber sees transitions in the machine's order: yielding in a
    /// later critical section would let another thread's later transition overtake this one.
    @usableFromInline
    func broadcast(_ transition: StateMachine.Transition, to storage: borrowing Storage) {
        guard !storage.subscribers.isEmpty else { return }
        let change = stateChange(for: transition)
        for continuation in storage.subscribers.values { continuation.yield(change) }
    }

    /// The time since ``origin``: read only when a decision depends on time.
    @usableFromInline
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

    /// Logs a transition and calls `onStateChange`, outside the lock.
    @usableFromInline
    func published(_ transition: StateMachine.Transition) {
        let level: Logger.Level = transition.to == .open ? .notice : .info
        logger.log(
            level: level, "circuit \(transition.from) → \(transition.to)",
            metadata: ["reason": "\(transition.reason)"])
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
        logger: Logger = Logger(label: "BreakerCore"),
        onStateChange: (@Sendable (StateChange) -> Void)? = nil
    ) {
        self.init(
            name: name, allowedFails: allowedFails, retryTimer: retryTimer, halfOpenProbes: halfOpenProbes,
            errorPolicy: errorPolicy, openBackoff: openBackoff, clock: ContinuousClock(), logger: logger,
            onStateChange: onStateChange)
    }
}
