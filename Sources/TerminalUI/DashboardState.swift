public import BreakerCore
public import BreakerSimulation

/// One sample of one breaker on its timeline.
public struct TimelineMark: Sendable, Equatable {
    /// What a probe did during the sample.
    public enum Probe: UInt8, Sendable {
        case none, sent, succeeded, failed
    }

    /// State at the end of the sample (`nil`: unprotected client).
    public var state: CircuitState?
    /// What a probe did during the sample: a failure shows over a success, and a success over a probe
    /// merely sent or in flight.
    public var probe: Probe

    /// A mark for one sample; `state` is `nil` for an unprotected client.
    public init(state: CircuitState?, probe: Probe = .none) {
        self.state = state
        self.probe = probe
    }
}

/// A fixed-size ring of the most recent values: memory does not grow with the run.
public struct Ring<Element: Sendable>: Sendable {
    private var storage: [Element]
    private var next = 0
    /// Elements held, at most ``capacity``.
    public private(set) var count = 0
    /// Elements kept; older ones are overwritten.
    public let capacity: Int

    /// An empty ring keeping the last `capacity` elements (at least 1).
    ///
    /// `filler` occupies the storage until real elements replace it and is never read back.
    public init(capacity: Int, filler: Element) {
        self.capacity = max(1, capacity)
        storage = Array(repeating: filler, count: self.capacity)
    }

    /// Adds `element` as the newest, dropping the oldest when the ring is full.
    public mutating func append(_ element: Element) {
        storage[next] = element
        next = (next + 1) % capacity
        count = min(count + 1, capacity)
    }

    /// The last `n` elements, oldest first.
    public func suffix(_ n: Int) -> [Element] {
        let k = min(n, count)
        return (0..<k).map { storage[(next - k + $0 + capacity) % capacity] }
    }

    /// The newest element, or `nil` when the ring is empty.
    public var last: Element? { count == 0 ? nil : storage[(next - 1 + capacity) % capacity] }

    /// Empties the ring, keeping its storage.
    public mutating func removeAll() {
        next = 0
        count = 0
    }
}

/// Everything the dashboard shows, updated from the simulation sample by sample.
///
/// Pure data: it renders identically wherever it is drawn.
public struct DashboardState: Sendable, RunObserver {
    /// How many samples of history a timeline keeps (more than the widest screen shows).
    public static let historyLength = 512

    /// One breaker (client instance) as the dashboard shows it.
    public struct BreakerRow: Sendable {
        /// The instance's name: `client#n`, or the client's name when it has one instance.
        public var name: String
        /// The name of the client this instance belongs to, as the scenario file gives it.
        public var client: String
        /// The name of the service the instance calls.
        public var service: String
        /// The breaker's parameters, or `nil` for an unprotected client.
        public var settings: BreakerSettings?
        /// The state at the last sample, as a viewer sees it; always `.closed` for an unprotected client.
        public var state: CircuitState = .closed
        /// Consecutive failures counted while closed, at the last sample.
        public var consecutiveFailures = 0
        /// When an open breaker lets its next probe through, in nanoseconds of virtual time; `nil`
        /// unless the breaker was open at the last sample.
        public var retryAt: Nanoseconds?
        /// Whole-run counters at the last sample.
        public var stats = BreakerStats()
        /// One mark per sample, the last ``DashboardState/historyLength`` of them.
        public var timeline = Ring<TimelineMark>(
            capacity: DashboardState.historyLength, filler: TimelineMark(state: nil))
        /// The latest transitions of this breaker, for its detail view.
        public var transitions = Ring<BreakerTransition>(
            capacity: 12,
            filler: BreakerTransition(time: 0, breaker: 0, from: .closed, to: .closed, reason: .reset))
    }

    /// One service as the dashboard shows it.
    public struct ServiceRow: Sendable {
        /// The service's name, as the scenario file gives it.
        public var name: String
        /// The service's concurrency and queue limits, or `nil` when it has none.
        public var capacity: Capacity?
        /// The label of the phase in force at the last sample, or `nil` when the service was healthy.
        public var phase: String?
        /// Calls being served at the last sample (0 without capacity limits).
        public var inService = 0
        /// Calls waiting for a free slot at the last sample (0 without capacity limits).
        public var queued = 0
        /// Error rate per sample (failed / received), `nil` when nothing was received.
        public var errorRates = Ring<Double?>(capacity: DashboardState.historyLength, filler: nil)
        /// Calls that reached the service since the start of the run.
        public var received = 0
        /// Calls the service failed since the start of the run.
        public var failed = 0
    }

    /// A line of the event pane.
    public struct EventLine: Sendable, Equatable {
        /// When the transition happened, in nanoseconds of virtual time.
        public var time: Nanoseconds
        /// The transition in words, for example `api#3 CLOSED → OPEN after 5 failures`.
        public var text: String
        /// The state the breaker moved to, which colours the line.
        public var to: CircuitState
    }

    /// How the breaker pane is drawn; `v` switches between the two.
    public enum View: Sendable {
        /// One row per breaker with its timeline.
        case rows
        /// One cell per breaker, for fleets.
        case heat
    }

    /// The scenario being run.
    public var scenario: Scenario
    /// Virtual time of the last sample, in nanoseconds since the start of the run.
    public var now: Nanoseconds = 0
    /// Virtual seconds per wall second; `nil` means as fast as possible.
    public var speed: Double? = 10
    /// Whether the run is paused (space toggles it; `.` steps one sample).
    public var paused = false
    /// Whether the run has reached the scenario's end.
    public var finished = false
    /// One row per breaker, clients in file order.
    public var breakers: [BreakerRow]
    /// One row per service, in file order.
    public var services: [ServiceRow]
    /// The latest 64 transitions, for the event pane.
    public var events = Ring<EventLine>(capacity: 64, filler: EventLine(time: 0, text: "", to: .closed))
    /// Index into ``breakers`` of the selected row, which the detail view shows.
    public var selected = 0
    /// Index into ``breakers`` of the first row to show, kept across restarts.
    ///
    /// The layout starts further down or up when that is what keeps the selected row on screen.
    public var scroll = 0
    /// How the breaker pane is drawn; fleets of more than 60 breakers start as a heat strip.
    public var view: View = .rows
    /// Whether the help overlay is shown; any key closes it.
    public var showHelp = false
    /// Whether the selected breaker's detail view is shown (enter toggles it, escape closes it).
    public var showDetail = false
    /// What `q` does, as the legend and help say it ("quit", or "back" when the sweep's map is behind it).
    public var quitLabel = "quit"
    /// Set when the run has ended.
    public var summary: RunSummary?

    /// Starts an empty dashboard for a scenario about to run.
    public init(simulation: borrowing Simulation) {
        scenario = simulation.scenario
        let scenario = simulation.scenario
        breakers = simulation.breakers.map { breaker in
            BreakerRow(
                name: breaker.name, client: scenario.clients[breaker.client].name,
                service: scenario.services[breaker.service].name, settings: breaker.settings)
        }
        services = simulation.serviceSnapshots.map { ServiceRow(name: $0.name, capacity: $0.capacity) }
        view = breakers.count > 60 ? .heat : .rows
    }

    /// Counts of breakers per state now (protected breakers only).
    public var aggregate: (closed: Int, open: Int, halfOpen: Int) {
        var counts = (closed: 0, open: 0, halfOpen: 0)
        for row in breakers where row.settings != nil {
            switch row.state {
            case .closed: counts.closed += 1
            case .open: counts.open += 1
            case .halfOpen: counts.halfOpen += 1
            }
        }
        return counts
    }

    // MARK: Feeding

    /// Records a transition (called in order by the run).
    public mutating func observe(_ record: BreakerTransition) {
        let row = breakers[record.breaker]
        breakers[record.breaker].transitions.append(record)
        var text = "\(row.name) \(record.from.badge) → \(record.to.badge)"
        switch record.reason {
        case .failureThreshold: text += " after \(row.settings?.allowedFails ?? 0) failures"
        case .probeFailed: text = "\(row.name) HALF-OPEN → probe failed → OPEN"
        case .probeSucceeded: text = "\(row.name) HALF-OPEN → probe succeeded → CLOSED"
        case .retryTimerElapsed: text += ", probe sent"
        default: text += " (\(record.reason))"
        }
        if record.to == .open, let openFor = record.openFor {
            text += ", retry in \(formatDuration(openFor))"
        }
        events.append(EventLine(time: record.time, text: text, to: record.to))
    }

    /// Records one sample of the simulation.
    public mutating func observe(sample simulation: borrowing Simulation) {
        now = simulation.now
        for index in breakers.indices {
            let breaker = simulation.breaker(index)
            let protected = breaker.settings != nil
            let state = protected ? breaker.state(at: now) : nil
            var probe = TimelineMark.Probe.none
            if breaker.interval.probesFailed > 0 {
                probe = .failed
            } else if breaker.interval.probesSucceeded > 0 {
                probe = .succeeded
            } else if breaker.interval.probesSent > 0 || breaker.probesInFlight > 0 {
                probe = .sent
            }
            breakers[index].timeline.append(TimelineMark(state: state, probe: probe))
            breakers[index].state = state ?? .closed
            breakers[index].consecutiveFailures = breaker.consecutiveFailures
            breakers[index].retryAt = state == .open ? breaker.retryAt : nil
            breakers[index].stats = breaker.stats
        }
        let snapshots = simulation.serviceSnapshots
        for index in services.indices {
            let service = snapshots[index]
            services[index].phase = service.condition.label
            services[index].inService = service.inService
            services[index].queued = service.queued
            services[index].received = service.received
            services[index].failed = service.failed
            services[index].errorRates.append(
                service.intervalReceived > 0
                    ? Double(service.intervalFailed) / Double(service.intervalReceived) : nil)
        }
    }

    /// Clears everything learned from a run (for a restart).
    public mutating func reset(simulation: borrowing Simulation) {
        let keep = (speed, view, selected, scroll)
        self = DashboardState(simulation: simulation)
        (speed, view, selected, scroll) = keep
    }
}

extension CircuitState {
    /// The label of the state badge.
    public var badge: String {
        switch self {
        case .closed: "CLOSED"
        case .open: "OPEN"
        case .halfOpen: "HALF-OPEN"
        }
    }
}
