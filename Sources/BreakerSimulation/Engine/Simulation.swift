public import BreakerCore

/// A deterministic discrete-event run of one scenario.
///
/// Virtual time advances from event to event; nothing reads the wall clock and nothing runs on another
/// thread. Each client instance owns a BreakerCore ``CircuitBreakerStateMachine`` and drives it with
/// virtual time. Memory depends on the number of breakers and of calls in flight, never on the
/// simulated duration: counters are aggregated as the run goes.
public struct Simulation: ~Copyable {
    /// A simulated breaker (one client instance's breaker for one service) as shown to observers.
    public struct Breaker: Sendable {
        /// `client#n` (or the client's name when it has one instance), followed by the service's name
        /// when the client calls more than one service (`web#3 payments`).
        public let name: String
        /// Index into the scenario's clients.
        public let client: Int
        /// Index of the client instance the breaker belongs to (see ``Simulation/caller(_:)``).
        public let instance: Int
        /// Index into the scenario's services.
        public let service: Int
        /// The breaker's parameters, or `nil` for an unprotected client.
        public let settings: BreakerSettings?
        /// Whole-run counters.
        public let stats: BreakerStats
        /// Counters since the last snapshot.
        public let interval: IntervalCounts
        let machine: CircuitBreakerStateMachine<SimInstant>

        /// The state a viewer sees: an open breaker whose retry timer elapsed reads as half-open.
        public func state(at now: Nanoseconds) -> CircuitState {
            settings == nil ? .closed : machine.state(now: { SimInstant(now) })
        }

        /// Consecutive failures counted while closed.
        public var consecutiveFailures: Int { machine.consecutiveFailures }

        /// Calls and failures in a failure-rate breaker's window now (zero for a consecutive one, and
        /// while not closed).
        public var window: (calls: Int, failures: Int) { (machine.callsInWindow, machine.failuresInWindow) }

        /// Probes in flight now.
        public var probesInFlight: Int { machine.probesInFlight }

        /// When an open breaker lets its next probe through.
        public var retryAt: Nanoseconds? { machine.openUntil?.nanoseconds }
    }

    /// A client instance as shown to observers: its workers and its requests.
    public struct Caller: Sendable {
        /// `client#n`, or the client's name when it has one instance.
        public let name: String
        /// Index into the scenario's clients.
        public let client: Int
        /// Requests being served now (each holds a worker).
        public let busy: Int
        /// Requests waiting for a worker now.
        public let waiting: Int
        /// Counts since the last sample.
        public let interval: RequestIntervalCounts
    }

    /// The fixed description of a breaker.
    private struct BreakerInfo {
        let name: String
        let client: Int
        let instance: Int
        let service: Int
        let settings: BreakerSettings?
    }

    /// What changes per call, kept apart from names and settings so that it is plain data.
    private struct InstanceState {
        let protected: Bool
        let client: Int32
        let service: Int32
        /// The client's timeout.
        let timeout: Nanoseconds
        var interval = IntervalCounts()
        var stats = BreakerStats()
        var machine: CircuitBreakerStateMachine<SimInstant>
        var accountedState: CircuitState = .closed
        var accountedSince: Nanoseconds = 0
        var openUntil: Nanoseconds = 0
    }

    /// A client instance: its arrivals, workers and backlog.
    private struct CallerState {
        var random: RandomStream
        let client: Int32
        /// Its first breaker; the breaker for the client's dependency `d` is `firstBreaker + d`.
        let firstBreaker: Int32
        /// Its client's first route, and how many there are.
        let firstRoute: Int32
        let routeCount: Int32
        let meanGap: Double
        let arrival: Arrival
        /// Requests served at once (`Int.max`: no limit) and requests that may wait.
        let workers: Int
        let backlog: Int
        /// The user's patience (`Nanoseconds.max`: none).
        let deadline: Nanoseconds
        var busy = 0
        var waiting = RingBuffer()
        var interval = RequestIntervalCounts()
    }

    /// A route, flattened: its calls are `routeCalls[firstCall ..< firstCall + callCount]`.
    private struct RouteModel {
        let firstCall: Int
        let callCount: Int32
        /// The sum of the shares of the client's routes up to and including this one, over their total.
        let cumulativeShare: Double
    }

    /// One call of a route: which of the client's dependencies, and whether it falls back.
    private struct RouteCallModel {
        let dependency: Int32
        let fallback: Bool
    }

    /// A snapshot of one service for observers.
    public struct Service: Sendable {
        /// The service's name, as the scenario file gives it.
        public let name: String
        /// The service's concurrency and queue limits, or `nil` when it serves any number of calls at once.
        public let capacity: Capacity?
        /// What the service does to calls now: its baseline, or the phase it is in.
        public fileprivate(set) var condition: ServiceCondition
        /// Calls being served now; always 0 for a service without capacity limits, which keeps no count.
        public fileprivate(set) var inService: Int
        /// Calls waiting for a free slot now; always 0 for a service without capacity limits.
        public fileprivate(set) var queued: Int
        /// Calls that reached the service since the start of the run, including those turned away.
        public fileprivate(set) var received: Int
        /// Calls the service answered successfully since the start of the run.
        public fileprivate(set) var succeeded: Int
        /// Calls the service failed since the start of the run, including those turned away by its
        /// capacity limits.
        public fileprivate(set) var failed: Int
        /// Calls that reached the service since the last sample.
        public fileprivate(set) var intervalReceived: Int
        /// Calls the service failed since the last sample.
        public fileprivate(set) var intervalFailed: Int
    }

    /// The scenario being run.
    public let scenario: Scenario
    /// Current virtual time.
    public private(set) var now: Nanoseconds = 0
    /// Per-instance state, in unmanaged memory owned by this value: the hot path mutates it without
    /// the uniqueness checks an array needs (they were a seventh of the run time).
    private let hot: UnsafeMutableBufferPointer<InstanceState>
    private let info: [BreakerInfo]
    private let services: UnsafeMutableBufferPointer<ServiceModel>
    private let callers: UnsafeMutableBufferPointer<CallerState>
    private let callerNames: [String]
    private let routes: UnsafeMutableBufferPointer<RouteModel>
    private let routeCalls: UnsafeMutableBufferPointer<RouteCallModel>
    /// Outcomes and latencies of requests, per route (all clients' routes in file order).
    private let routeStats: UnsafeMutableBufferPointer<RequestStats>
    private let routeLatency: HistogramBank
    /// Latencies of executed calls, per breaker.
    private let callLatency: HistogramBank
    /// Latencies of this sample's calls, per service, and of its served requests, per client.
    private let serviceIntervalLatency: IntervalLatencyBank
    private let clientIntervalLatency: IntervalLatencyBank
    private var slots = SlotPool<CallSlot>()
    private var requests = SlotPool<RequestSlot>()
    /// Set while freed workers take requests from their backlog, so that a request ending inside that
    /// loop does not start another loop of its own.
    private var drainingBacklog = false

    /// Number of simulated breakers (client instances).
    public var breakerCount: Int { hot.count }

    /// Breaker `index` as observers see it, its times in each state counted up to ``now`` (so that a
    /// run stopped early, or a look in the middle of one, counts the period the breaker is still in).
    public func breaker(_ index: Int) -> Breaker {
        let state = hot[index]
        let fixed = info[index]
        return Breaker(
            name: fixed.name, client: fixed.client, instance: fixed.instance, service: fixed.service,
            settings: fixed.settings, stats: Self.stats(of: state, accountedUpTo: now),
            interval: state.interval, machine: state.machine)
    }

    /// Number of client instances.
    public var callerCount: Int { callers.count }

    /// Client instance `index` as observers see it.
    public func caller(_ index: Int) -> Caller {
        let state = callers[index]
        return Caller(
            name: callerNames[index], client: Int(state.client), busy: state.busy,
            waiting: state.waiting.count,
            interval: state.interval)
    }

    /// Number of routes, over all clients in file order (a one-call client has one).
    public var routeCount: Int { routes.count }

    /// Outcomes of the requests of route `index` (all clients' routes in file order) so far.
    public func requestStats(route index: Int) -> RequestStats { routeStats[index] }

    /// Latencies of the requests of route `index` that were served (shed ones are not).
    public func requestLatency(route index: Int) -> LatencyHistogram { routeLatency[index] }

    /// Latencies of the calls breaker `index` let through, from attempt to outcome.
    public func callLatency(breaker index: Int) -> LatencyHistogram { callLatency[index] }

    /// Latencies, as their callers saw them, of the calls to service `index` that ended since the last
    /// sample (a call without an answer counts as its timeout).
    public func intervalCallLatency(service index: Int) -> IntervalLatency {
        serviceIntervalLatency.summary(index)
    }

    /// Latencies of the requests of client `index` (index into the scenario's clients) answered since the
    /// last sample, from arrival to answer; shed requests are not counted.
    public func intervalRequestLatency(client index: Int) -> IntervalLatency {
        clientIntervalLatency.summary(index)
    }

    /// Every breaker as observers see it, clients in file order.
    public var breakers: [Breaker] {
        var result: [Breaker] = []
        result.reserveCapacity(hot.count)
        for index in 0..<hot.count { result.append(breaker(index)) }
        return result
    }

    /// The service each breaker calls (index into the scenario's services).
    public var breakerServices: [Int] { info.map(\.service) }
    /// Calls simulated so far (attempts offered to breakers).
    public private(set) var simulatedCalls = 0
    /// Whether every event up to the scenario's duration has run.
    public var isFinished: Bool { now >= scenario.duration && finalized }

    private var queue = EventQueue()
    /// The scenario's duration: the last time at which events run.
    private let end: Nanoseconds
    private var finalized = false
    private let retries: [RetryPolicy?]
    private var transitionSink: ((BreakerTransition) -> Void)?

    /// Prepares a run; `withBreakers: false` runs the same scenario with every client unprotected.
    ///
    /// - Precondition: `scenario` is within the limits that ``ScenarioValidator`` checks; in particular
    ///   its duration is at most 30 days (virtual times must fit the event queue's 60 bits).
    public init(scenario: Scenario, withBreakers: Bool = true) {
        precondition(
            scenario.duration >= 0 && scenario.duration < Event.timeLimit,
            "scenario duration \(scenario.duration) ns is outside what the simulator can represent")
        self.scenario = scenario
        end = scenario.duration
        retries = scenario.clients.map(\.retry)
        services = .allocate(capacity: scenario.services.count)
        for (index, profile) in scenario.services.enumerated() {
            let random = RandomStream(seed: scenario.seed, kind: 1, index: UInt64(index))
            let flapRandom = RandomStream(seed: scenario.seed, kind: 3, index: UInt64(index))
            (services.baseAddress! + index).initialize(
                to: ServiceModel(profile: profile, random: random, flapRandom: flapRandom))
        }
        let serviceIndex = Dictionary(
            scenario.services.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var infos: [BreakerInfo] = []
        var states: [InstanceState] = []
        var callerStates: [CallerState] = []
        var names: [String] = []
        var routeModels: [RouteModel] = []
        var callModels: [RouteCallModel] = []
        for (clientIndex, client) in scenario.clients.enumerated() {
            let settings = withBreakers ? client.breaker : nil
            // One machine per client, copied for each of its breakers (they share its configuration).
            let prototype = CircuitBreakerStateMachine<SimInstant>(
                configuration: settings?.configuration
                    ?? CircuitBreakerConfiguration(allowedFails: 1, retryTimer: .zero))
            let jittered = (settings?.retryJitter ?? 0) > 0
            // Each breaker's open periods are drawn from a stream of its own.
            func jitterSeed(_ breaker: Int) -> UInt64 {
                var stream = RandomStream(seed: scenario.seed, kind: 4, index: UInt64(breaker))
                return stream.next()
            }
            let dependencies = client.dependencies
            let firstRoute = routeModels.count
            let totalShare = client.routes.reduce(0) { $0 + $1.share }
            var cumulative = 0.0
            for (routeIndex, route) in client.routes.enumerated() {
                cumulative += route.share
                routeModels.append(
                    RouteModel(
                        firstCall: callModels.count, callCount: Int32(route.calls.count),
                        cumulativeShare: routeIndex == client.routes.count - 1 ? 1 : cumulative / totalShare))
                for call in route.calls {
                    let dependency = dependencies.firstIndex(of: call.service) ?? 0
                    callModels.append(RouteCallModel(dependency: Int32(dependency), fallback: call.fallback))
                }
            }
            for copy in 0..<client.instances {
                let callerName = client.instances == 1 ? client.name : "\(client.name)#\(copy + 1)"
                let callerIndex = callerStates.count
                callerStates.append(
                    CallerState(
                        random: RandomStream(seed: scenario.seed, kind: 2, index: UInt64(callerIndex)),
                        client: Int32(clientIndex), firstBreaker: Int32(states.count),
                        firstRoute: Int32(firstRoute), routeCount: Int32(client.routes.count),
                        meanGap: 1e9 / client.rate, arrival: client.arrival, workers: client.workers ?? .max,
                        backlog: client.backlog, deadline: client.deadline ?? .max))
                names.append(callerName)
                for dependency in dependencies {
                    let service = serviceIndex[dependency] ?? 0
                    let name = dependencies.count == 1 ? callerName : "\(callerName) \(dependency)"
                    infos.append(
                        BreakerInfo(
                            name: name, client: clientIndex, instance: callerIndex, service: service,
                            settings: settings))
                    states.append(
                        InstanceState(
                            protected: settings != nil, client: Int32(clientIndex), service: Int32(service),
                            timeout: client.timeout,
                            machine: jittered ? prototype.reseeded(jitterSeed(states.count)) : prototype))
                }
            }
        }
        info = infos
        callerNames = names
        hot = .allocate(capacity: states.count)
        _ = hot.initialize(from: states)
        callers = .allocate(capacity: callerStates.count)
        _ = callers.initialize(from: callerStates)
        routes = .allocate(capacity: routeModels.count)
        _ = routes.initialize(from: routeModels)
        routeCalls = .allocate(capacity: callModels.count)
        _ = routeCalls.initialize(from: callModels)
        routeStats = .allocate(capacity: routeModels.count)
        routeStats.initialize(repeating: RequestStats())
        routeLatency = HistogramBank(count: routeModels.count)
        callLatency = HistogramBank(count: states.count)
        serviceIntervalLatency = IntervalLatencyBank(count: scenario.services.count)
        clientIntervalLatency = IntervalLatencyBank(count: scenario.clients.count)
        // First arrivals: uniform clients start at a random offset so that instances do not march in step.
        for index in 0..<callers.count {
            let gap = nextGap(index)
            let first =
                callers[index].arrival == .uniform
                ? Nanoseconds(callers[index].random.unit() * Double(gap)) : gap
            schedule(.arrival, at: first, a: Int32(index))
        }
        for (index, profile) in scenario.services.enumerated() {
            services[index].enterPhase(at: 0)
            for phase in profile.phases {
                schedule(.conditionChange, at: phase.at, a: Int32(index))
                schedule(.conditionChange, at: phase.end, a: Int32(index))
            }
            startFlapIfNeeded(service: index)
        }
    }

    deinit {
        hot.deinitialize()
        hot.deallocate()
        callers.deinitialize()
        callers.deallocate()
        routes.deinitialize()
        routes.deallocate()
        routeCalls.deinitialize()
        routeCalls.deallocate()
        routeStats.deinitialize()
        routeStats.deallocate()

        services.deinitialize()
        services.deallocate()
    }

    // MARK: Observing

    /// A read-only view of every service now.
    public var serviceSnapshots: [Service] {
        services.map { model in
            Service(
                name: model.profile.name, capacity: model.profile.capacity, condition: model.condition,
                inService: model.inService, queued: model.queue.count, received: model.received,
                succeeded: model.succeeded, failed: model.failed, intervalReceived: model.intervalReceived,
                intervalFailed: model.intervalFailed)
        }
    }

    /// Whether service `index` is degraded now: in one of its phases, or refusing calls for capacity.
    public func serviceIsDegraded(_ index: Int) -> Bool { services[index].isDegraded }

    /// How many events ``advance(to:onSample:onTransition:shouldStop:)`` handles between two questions
    /// to its `shouldStop` (a few milliseconds of work).
    public static let stopCheckInterval = 16_384

    /// Runs every event up to `time`, capped at the scenario's duration.
    ///
    /// A time already passed leaves the simulation where it is: virtual time never goes backwards.
    ///
    /// - Parameters:
    ///   - time: The virtual time to reach, in nanoseconds since the start of the run.
    ///   - onSample: Called at every `sample_every` boundary crossed, after the events before it and
    ///     before the interval counters are cleared.
    ///   - onTransition: Called for every breaker transition, in order.
    ///   - shouldStop: Asked every ``stopCheckInterval`` events; `true` stops the simulation at the
    ///     event it has reached (short of `time`, between samples), so that a signal is noticed within
    ///     a fraction of a second however dense the load.
    public mutating func advance(
        to time: Nanoseconds,
        onSample: (borrowing Simulation) -> Void = { _ in },
        onTransition: @escaping (BreakerTransition) -> Void = { _ in },
        shouldStop: () -> Bool = { false }
    ) {
        let target = max(now, min(time, scenario.duration))
        transitionSink = onTransition
        defer { transitionSink = nil }
        var nextSample = (now / scenario.sampleEvery + 1) * scenario.sampleEvery
        if now == 0 && nextSample != scenario.sampleEvery { nextSample = scenario.sampleEvery }
        var untilStopCheck = Self.stopCheckInterval
        while let event = queue.popFirst(notAfter: UInt64(target)) {
            // Samples see nothing of the queue: taking the event first changes nothing they show.
            while nextSample <= event.time && nextSample <= target {
                now = nextSample
                emitSample(onSample)
                nextSample += scenario.sampleEvery
            }
            now = event.time
            handle(event)
            untilStopCheck &-= 1
            if untilStopCheck == 0 {
                if shouldStop() { return }
                untilStopCheck = Self.stopCheckInterval
            }
        }
        while nextSample <= target {
            now = nextSample
            emitSample(onSample)
            nextSample += scenario.sampleEvery
        }
        now = target
        if target >= scenario.duration && !finalized { finalize() }
    }

    /// Runs the whole scenario.
    public mutating func run(
        onSample: (borrowing Simulation) -> Void = { _ in },
        onTransition: @escaping (BreakerTransition) -> Void = { _ in }
    ) {
        advance(to: scenario.duration, onSample: onSample, onTransition: onTransition)
    }

    private mutating func emitSample(_ onSample: (borrowing Simulation) -> Void) {
        onSample(self)
        for index in 0..<hot.count { hot[index].interval = IntervalCounts() }
        for index in 0..<callers.count { callers[index].interval = RequestIntervalCounts() }
        serviceIntervalLatency.reset()
        clientIntervalLatency.reset()
        for index in services.indices {
            services[index].intervalReceived = 0
            services[index].intervalFailed = 0
        }
    }

    // MARK: Events

    /// Queues an event; one past the end of the run would never run, so it is not kept.
    @inline(__always)
    private mutating func schedule(_ kind: Event.Kind, at time: Nanoseconds, a: Int32 = 0, b: UInt32 = 0) {
        guard time <= end else { return }
        queue.insert(Event(time: time, kind: kind, a: a, b: b))
    }

    private mutating func handle(_ event: Event) {
        switch event.kind {
        case .arrival:
            let index = Int(event.a)
            arrive(caller: index)
            let next = now + nextGap(index)
            if next < scenario.duration { schedule(.arrival, at: next, a: event.a) }
        case .retry:
            attempt(request: Int(event.a), number: Int(event.b))
        case .clientResolve:
            let slot = Int(event.a)
            guard slots[slot].serial == event.b, !slots[slot].clientDone else { return }
            // Under capacity limits this is the deadline: the call succeeded only if the service answered
            // by now. An answer at this very instant counts, as it does without capacity limits, even
            // when its own event runs after this one.
            let answered = slots[slot].serviceDone || slots[slot].answerAt <= now
            resolve(slot: slot, succeeded: answered && slots[slot].succeeded)
        case .serviceDone:
            serviceFinished(slot: Int(event.a), serial: event.b)
        case .conditionChange:
            let index = Int(event.a)
            services[index].enterPhase(at: now)
            startFlapIfNeeded(service: index)
        case .flapToggle:
            flapToggle(service: Int(event.a), epoch: event.b)
        }
    }

    @inline(__always)
    private mutating func nextGap(_ index: Int) -> Nanoseconds {
        let mean = callers[index].meanGap
        switch callers[index].arrival {
        case .uniform: return max(1, nanoseconds(mean))
        case .poisson: return max(1, nanoseconds(callers[index].random.exponential(mean: mean)))
        }
    }

    // MARK: Requests

    /// A user request reaches client instance `index`: it takes a worker, waits for one, or is shed.
    @inline(__always)
    private mutating func arrive(caller index: Int) {
        var route = Int(callers[index].firstRoute)
        if callers[index].routeCount > 1 {
            let draw = callers[index].random.unit()
            let last = route + Int(callers[index].routeCount) - 1
            while route < last && draw >= routes[route].cumulativeShare { route &+= 1 }
        }
        routeStats[route].requests &+= 1
        if callers[index].busy >= callers[index].workers
            && callers[index].waiting.count >= callers[index].backlog
        {
            routeStats[route].shed &+= 1
            callers[index].interval.shed &+= 1
            return
        }
        let request = requests.allocate()
        let first = routes[route].firstCall
        requests[request].caller = Int32(index)
        requests[request].route = Int32(route)
        requests[request].call = Int32(first)
        requests[request].lastCall = Int32(first) + routes[route].callCount - 1
        requests[request].breaker = callers[index].firstBreaker + routeCalls[first].dependency
        requests[request].arrival = now
        if callers[index].busy >= callers[index].workers {
            callers[index].waiting.append(Int32(request))
            return
        }
        callers[index].busy &+= 1
        attempt(request: request, number: 0)
    }

    /// The request's current call succeeded: on to the next call, or the request is answered.
    @inline(__always)
    private mutating func callSucceeded(request: Int) {
        let call = Int(requests[request].call)
        if call < Int(requests[request].lastCall) {
            requests[request].call &+= 1
            requests[request].breaker += routeCalls[call + 1].dependency - routeCalls[call].dependency
            attempt(request: request, number: 0)
        } else {
            finish(request: request, outcome: .succeeded)
        }
    }

    /// The request's current call failed for good (after its retries, or rejected).
    @inline(__always)
    private mutating func callFailed(request: Int) {
        let fallback = routeCalls[Int(requests[request].call)].fallback
        finish(request: request, outcome: fallback ? .degraded : .failed)
    }

    private enum Answer {
        case succeeded, degraded, failed
    }

    /// The request gets its final answer: counted, its worker freed for the next waiting request.
    private mutating func finish(request: Int, outcome: Answer) {
        let caller = Int(requests[request].caller)
        let route = Int(requests[request].route)
        let latency = now - requests[request].arrival
        let deadline = callers[caller].deadline
        routeLatency.record(latency, in: route)
        clientIntervalLatency.record(latency, in: Int(callers[caller].client))
        if outcome == .succeeded { routeStats[route].succeeded &+= 1 }
        if latency > deadline {
            routeStats[route].late &+= 1
            callers[caller].interval.late &+= 1
        } else {
            switch outcome {
            case .succeeded:
                routeStats[route].good &+= 1
                callers[caller].interval.good &+= 1
            case .degraded:
                routeStats[route].degraded &+= 1
                callers[caller].interval.degraded &+= 1
            case .failed:
                routeStats[route].failed &+= 1
                callers[caller].interval.failed &+= 1
            }
        }
        if outcome != .succeeded || latency > deadline {
            routeStats[route].userWait += min(latency, deadline)
        }
        requests.release(request)
        callers[caller].busy &-= 1
        guard callers[caller].waiting.count > 0, !drainingBacklog else { return }
        // Freed workers take waiting requests in arrival order. A request may end at once (rejected by
        // its breaker) and free its worker again: the loop, not recursion, takes the next one.
        drainingBacklog = true
        while callers[caller].busy < callers[caller].workers, let next = callers[caller].waiting.popFirst() {
            callers[caller].busy &+= 1
            attempt(request: Int(next), number: 0)
        }
        drainingBacklog = false
    }

    // MARK: Calls

    @inline(__always)
    private mutating func attempt(request: Int, number: Int) {
        let index = Int(requests[request].breaker)
        simulatedCalls &+= 1
        if number == 0 { hot[index].stats.requests &+= 1 }
        hot[index].stats.offered &+= 1
        hot[index].interval.offered &+= 1
        let serviceIndex = Int(hot[index].service)
        let degraded = services[serviceIndex].isDegraded
        var permit: CircuitBreakerStateMachine<SimInstant>.Permit?
        if hot[index].protected {
            let time = now
            switch hot[index].machine.acquire(now: { SimInstant(time) }) {
            case .permitted(let granted, let transition):
                permit = granted
                if let transition { report(transition, breaker: index) }
                if granted.isProbe {
                    hot[index].stats.probes &+= 1
                    hot[index].interval.probesSent &+= 1
                }
            case .rejected:
                hot[index].stats.rejected &+= 1
                hot[index].interval.rejected &+= 1
                if !degraded { hot[index].stats.rejectedWhileHealthy &+= 1 }
                if let retry = retries[Int(hot[index].client)], retry.retryRejected, number < retry.max {
                    scheduleRetry(request: request, after: number, policy: retry)
                } else {
                    callFailed(request: request)
                }
                return
            }
        }
        hot[index].stats.executed &+= 1
        if degraded { hot[index].stats.executedWhileDegraded &+= 1 }
        let slot = slots.allocate()
        slots[slot].instance = Int32(index)
        slots[slot].request = Int32(request)
        slots[slot].attempt = Int32(number)
        slots[slot].deadline = now + hot[index].timeout
        slots[slot].permit = permit
        admit(slot: slot, service: serviceIndex)
    }

    @inline(__always)
    private mutating func releaseIfDone(_ slot: Int) {
        if slots[slot].clientDone && slots[slot].serviceDone { slots.release(slot) }
    }

    @inline(__always)
    private mutating func admit(slot: Int, service index: Int) {
        services[index].received &+= 1
        services[index].intervalReceived &+= 1
        guard let capacity = services[index].profile.capacity else {
            start(slot: slot, service: index)
            return
        }
        if services[index].inService < capacity.concurrency {
            start(slot: slot, service: index)
        } else if services[index].queue.count < capacity.queue {
            // A queued call's deadline is set now: the wait in the queue is unknown.
            schedule(.clientResolve, at: slots[slot].deadline, a: Int32(slot), b: slots[slot].serial)
            slots[slot].deadlineScheduled = true
            services[index].queue.append(Int32(slot))
        } else {
            services[index].rejectedByCapacity &+= 1
            hot[Int(slots[slot].instance)].interval.refused &+= 1
            countServiceResult(service: index, succeeded: false)
            slots[slot].serviceDone = true
            resolve(slot: slot, succeeded: false)
        }
    }

    /// The service begins working on a call: its outcome and completion time are decided now.
    @inline(__always)
    private mutating func start(slot: Int, service index: Int) {
        let condition = services[index].active
        var succeeded: Bool
        var completion: Nanoseconds
        switch condition.outage {
        case .failFast?:
            succeeded = false
            completion = now
        case .hang?:
            succeeded = false
            completion = condition.outageEnds
        case nil:
            let latency = condition.latency.sample(&services[index].random) + condition.latencyAdd
            succeeded = !services[index].random.chance(condition.errorRate)
            completion = now + latency
        }
        slots[slot].succeeded = succeeded
        let serial = slots[slot].serial
        if services[index].profile.capacity != nil {
            services[index].inService &+= 1
            slots[slot].answerAt = completion
            // The service's answer resolves the client when it comes by the deadline; only a later (or
            // no) answer needs a deadline event of its own.
            if !slots[slot].deadlineScheduled {
                let deadline = slots[slot].deadline
                if completion > deadline {
                    schedule(.clientResolve, at: deadline, a: Int32(slot), b: serial)
                }
            }
            if completion != .max { schedule(.serviceDone, at: completion, a: Int32(slot), b: serial) }
            return
        }
        countServiceResult(service: index, succeeded: succeeded)
        slots[slot].serviceDone = true
        let deadline = slots[slot].deadline
        // An answer after the deadline is a timeout for the client, whatever the service decided.
        if completion > deadline { slots[slot].succeeded = false }
        schedule(.clientResolve, at: min(completion, deadline), a: Int32(slot), b: serial)
    }

    @inline(__always)
    private mutating func countServiceResult(service index: Int, succeeded: Bool) {
        if succeeded {
            services[index].succeeded &+= 1
        } else {
            services[index].failed &+= 1
            services[index].intervalFailed &+= 1
        }
    }

    @inline(__always)
    private mutating func serviceFinished(slot: Int, serial: UInt32) {
        guard slots[slot].serial == serial, !slots[slot].serviceDone else { return }
        let index = Int(hot[Int(slots[slot].instance)].service)
        countServiceResult(service: index, succeeded: slots[slot].succeeded)
        slots[slot].serviceDone = true
        services[index].inService &-= 1
        if !slots[slot].clientDone {
            // The client is still waiting, so the answer is within its deadline: a later answer would
            // have found the deadline's event run before it.
            resolve(slot: slot, succeeded: slots[slot].succeeded)
        } else {
            releaseIfDone(slot)
        }
        if let next = services[index].queue.popFirst() {
            start(slot: Int(next), service: index)
        }
    }

    /// The client learns how its attempt ended (answer, error or timeout).
    @inline(__always)
    private mutating func resolve(slot: Int, succeeded: Bool) {
        let index = Int(slots[slot].instance)
        slots[slot].clientDone = true
        let latency = now - (slots[slot].deadline - hot[index].timeout)
        if let permit = slots[slot].permit {
            let time = now
            var outcome: CallOutcome = succeeded ? .success : .failure
            if succeeded, hot[index].machine.timesCalls {
                // A success slower than `slow_call` counts as a failure for the breaker (and its probes).
                outcome = hot[index].machine.configuration.countedOutcome(
                    .success, lasted: .nanoseconds(latency))
            }
            let transition = hot[index].machine.record(outcome, for: permit, now: { SimInstant(time) })
            if permit.isProbe {
                if outcome == .success {
                    hot[index].stats.probesSucceeded &+= 1
                    hot[index].interval.probesSucceeded &+= 1
                } else {
                    hot[index].stats.probesFailed &+= 1
                    hot[index].interval.probesFailed &+= 1
                }
            }
            if let transition { report(transition, breaker: index) }
        }
        callLatency.record(latency, in: index)
        serviceIntervalLatency.record(latency, in: Int(hot[index].service))
        let request = Int(slots[slot].request)
        let number = Int(slots[slot].attempt)
        let timedOut = now >= slots[slot].deadline
        releaseIfDone(slot)
        if succeeded {
            hot[index].stats.succeeded &+= 1
            hot[index].interval.succeeded &+= 1
            hot[index].stats.requestsSucceeded &+= 1
            callSucceeded(request: request)
        } else {
            hot[index].stats.failed &+= 1
            hot[index].interval.failed &+= 1
            if timedOut { hot[index].interval.timedOut &+= 1 }
            if let retry = retries[Int(hot[index].client)], number < retry.max {
                scheduleRetry(request: request, after: number, policy: retry)
            } else {
                callFailed(request: request)
            }
        }
    }

    private mutating func scheduleRetry(request: Int, after number: Int, policy: RetryPolicy) {
        let caller = Int(requests[request].caller)
        var backoff = Double(policy.backoff)
        for _ in 0..<number { backoff = min(backoff * policy.multiplier, Double(policy.cap)) }
        backoff = min(backoff, Double(policy.cap))
        switch policy.jitter {
        case .none: break
        case .full: backoff *= callers[caller].random.unit()
        case .equal: backoff = backoff / 2 + callers[caller].random.unit() * backoff / 2
        }
        let at = now + nanoseconds(backoff)
        // A retry after the end never runs: the request stays in progress (and holds its worker).
        if at < scenario.duration { schedule(.retry, at: at, a: Int32(request), b: UInt32(number + 1)) }
    }

    // MARK: Flapping

    private mutating func startFlapIfNeeded(service index: Int) {
        guard let phase = services[index].activePhase, let flap = services[index].profile.phases[phase].flap
        else { return }
        // A flap phase starts with a down period, so that its effect shows at once.
        setFlap(service: index, down: true, flap: flap, phaseEnd: services[index].profile.phases[phase].end)
    }

    private mutating func flapToggle(service index: Int, epoch: UInt32) {
        guard services[index].flapEpoch == epoch, let phase = services[index].activePhase,
            let flap = services[index].profile.phases[phase].flap
        else { return }
        setFlap(
            service: index, down: !services[index].flapDown, flap: flap,
            phaseEnd: services[index].profile.phases[phase].end)
    }

    private mutating func setFlap(service index: Int, down: Bool, flap: Flap, phaseEnd: Nanoseconds) {
        services[index].flapDown = down
        let period = services[index].flapPeriod(flap, down: down)
        let until = min(now + period, phaseEnd)
        services[index].active.outage = down ? flap.outage : nil
        services[index].active.outageEnds = down ? until : .max
        if now + period < phaseEnd {
            schedule(.flapToggle, at: now + period, a: Int32(index), b: services[index].flapEpoch)
        }
    }

    // MARK: Transitions and accounting

    /// Accounts for a transition of breaker `index` and tells the run's transition callback of it.
    private mutating func report(
        _ transition: CircuitBreakerStateMachine<SimInstant>.Transition, breaker index: Int
    ) {
        let time = transition.at.nanoseconds
        account(breaker: index, upTo: time)
        hot[index].accountedState = transition.to
        switch transition.to {
        case .open:
            hot[index].stats.opens &+= 1
            if hot[index].stats.firstOpenAt == nil { hot[index].stats.firstOpenAt = time }
            if !services[Int(hot[index].service)].isDegraded { hot[index].stats.falseOpens &+= 1 }
            hot[index].openUntil = time + (transition.openFor?.nanosecondsClamped ?? 0)
        case .closed:
            hot[index].stats.closes &+= 1
        case .halfOpen:
            break
        }
        transitionSink?(
            BreakerTransition(
                time: time, breaker: index, from: transition.from, to: transition.to,
                reason: transition.reason,
                openFor: transition.openFor?.nanosecondsClamped))
    }

    /// Adds the time since the last transition to the visible states.
    private mutating func account(breaker index: Int, upTo time: Nanoseconds) {
        hot[index].stats = Self.stats(of: hot[index], accountedUpTo: time)
        hot[index].accountedSince = time
    }

    /// A breaker's counters with the time since its last transition added to the visible states: an
    /// open period ends when its retry timer elapses, and the breaker reads as half-open from then
    /// until the probe resolves.
    private static func stats(of state: InstanceState, accountedUpTo time: Nanoseconds) -> BreakerStats {
        var stats = state.stats
        let since = state.accountedSince
        guard time > since else { return stats }
        switch state.accountedState {
        case .closed:
            stats.timeClosed += time - since
        case .halfOpen:
            stats.timeHalfOpen += time - since
        case .open:
            let openEnd = min(max(state.openUntil, since), time)
            stats.timeOpen += openEnd - since
            stats.timeHalfOpen += time - openEnd
        }
        return stats
    }

    private mutating func finalize() {
        finalized = true
        for index in 0..<hot.count { account(breaker: index, upTo: scenario.duration) }
    }

    /// Counters of service `index` over the run so far.
    public func serviceStats(_ index: Int) -> (received: Int, succeeded: Int, failed: Int) {
        (services[index].received, services[index].succeeded, services[index].failed)
    }
}
