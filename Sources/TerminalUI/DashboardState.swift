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
    /// Whether the breaker tripped (closed → open) during the sample.
    public var tripped: Bool
    /// Whether the breaker was closed at some moment of the sample (at its start, or after a probe
    /// succeeded), even if it ended open: the sliver a re-trip within one cell would hide.
    public var closedDuring: Bool

    /// A mark for one sample; `state` is `nil` for an unprotected client.
    public init(state: CircuitState?, probe: Probe = .none, tripped: Bool = false, closedDuring: Bool = false)
    {
        self.state = state
        self.probe = probe
        self.tripped = tripped
        self.closedDuring = closedDuring || state == .closed
    }

    /// Several samples as one cell: the state at the end, the most telling probe event, any trip.
    public mutating func merge(_ later: TimelineMark) {
        state = later.state
        if later.probe.rank > probe.rank { probe = later.probe }
        tripped = tripped || later.tripped
        closedDuring = closedDuring || later.closedDuring
    }
}

extension TimelineMark.Probe {
    /// Precedence when samples merge: a failed probe over a success over a probe merely sent.
    var rank: UInt8 {
        switch self {
        case .none: 0
        case .sent: 1
        case .succeeded: 2
        case .failed: 3
        }
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
    /// Elements appended since the start (or the last ``removeAll()``), the overwritten ones included.
    public private(set) var appended = 0

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
        appended += 1
    }

    /// The element appended `index`-th (from 0), or `nil` when it is overwritten or not yet appended.
    public subscript(appended index: Int) -> Element? {
        guard index >= appended - count, index < appended, index >= 0 else { return nil }
        return storage[(next - (appended - index) + capacity) % capacity]
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
        appended = 0
    }
}

/// What the calls sent to one service came to in one sample, as its callers saw them.
public struct ServiceMark: Sendable, Equatable {
    /// Calls per outcome, indexed by ``CallOutcomeKind``: ok, error, timed out, refused, rejected.
    public var outcomes: [Int32] = [0, 0, 0, 0, 0]
    /// Median latency of the calls (a call without an answer counts as its timeout), in nanoseconds;
    /// `nil` when no call ended.
    public var p50: Nanoseconds?
    /// The 99th percentile of the calls' latency, in nanoseconds; `nil` when no call ended.
    public var p99: Nanoseconds?
    /// Of several samples merged, the lowest p99: a latency that every one of them reached.
    ///
    /// One sample's p99 over a few dozen calls is in effect its slowest call, so a single slow call
    /// shows in ``p99`` but not here.
    public var steadyP99: Nanoseconds?
    /// Calls being served at the end of the sample (0 without capacity limits).
    public var inService: Int32 = 0
    /// Calls waiting for a slot at the end of the sample (0 without capacity limits).
    public var queued: Int32 = 0
    /// Whether one of the service's scripted phases was in force at the end of the sample.
    public var inPhase = false

    /// No calls.
    public init() {}

    /// Calls of one outcome.
    public subscript(_ outcome: CallOutcomeKind) -> Int {
        get { Int(outcomes[outcome.rawValue]) }
        set { outcomes[outcome.rawValue] = Int32(clamping: newValue) }
    }

    /// Calls that ended (every outcome but a breaker's rejection).
    public var ended: Int { self[.ok] + self[.error] + self[.timedOut] + self[.refused] }
    /// Calls the callers attempted, rejected ones included.
    public var attempted: Int { ended + self[.rejected] }

    /// Several samples as one cell: counts add up, latencies take the worst, levels the latest.
    public mutating func merge(_ later: ServiceMark) {
        for index in outcomes.indices { outcomes[index] &+= later.outcomes[index] }
        if let p50 = later.p50 { self.p50 = max(self.p50 ?? 0, p50) }
        if let p99 = later.p99 { self.p99 = max(self.p99 ?? 0, p99) }
        if let steady = later.steadyP99 { steadyP99 = min(steadyP99 ?? steady, steady) }
        inService = later.inService
        queued = later.queued
        inPhase = inPhase || later.inPhase
    }
}

/// What one client's instances did with their requests in one sample.
public struct ClientMark: Sendable, Equatable {
    /// Requests per outcome, indexed by ``RequestOutcomeKind``: good, degraded, late, shed, failed.
    public var outcomes: [Int32] = [0, 0, 0, 0, 0]
    /// Workers busy, over all instances, at the end of the sample.
    public var busy: Int32 = 0
    /// Requests waiting for a worker, over all instances, at the end of the sample.
    public var waiting: Int32 = 0
    /// The 99th percentile of the latency of the requests answered in the sample, in nanoseconds.
    public var p99: Nanoseconds?

    /// No requests.
    public init() {}

    /// Requests of one outcome.
    public subscript(_ outcome: RequestOutcomeKind) -> Int {
        get { Int(outcomes[outcome.rawValue]) }
        set { outcomes[outcome.rawValue] = Int32(clamping: newValue) }
    }

    /// Requests that ended in the sample.
    public var ended: Int { outcomes.reduce(0) { $0 + Int($1) } }

    /// Several samples as one cell.
    public mutating func merge(_ later: ClientMark) {
        for index in outcomes.indices { outcomes[index] &+= later.outcomes[index] }
        if let p99 = later.p99 { self.p99 = max(self.p99 ?? 0, p99) }
        busy = later.busy
        waiting = later.waiting
    }
}

/// What a breaker's calls did in one sample, in one byte (the detail view's strip of recent calls).
public enum SampleCalls: UInt8, Sendable {
    /// No call ended and none was rejected.
    case none
    /// Every call that ended succeeded.
    case allSucceeded
    /// At least one call failed.
    case failures
    /// Calls were rejected by the breaker, and none ended.
    case rejected
}

/// How many of a group's breakers were in each state at the end of one sample.
public struct GroupMark: Sendable, Equatable {
    /// Breakers closed (or unprotected) at the end of the sample.
    public var closed: Int32 = 0
    /// Breakers open at the end of the sample.
    public var open: Int32 = 0
    /// Breakers half-open at the end of the sample.
    public var halfOpen: Int32 = 0
    /// The most telling probe event of the group's breakers during the sample.
    public var probe: TimelineMark.Probe = .none
    /// Trips (closed → open) in the group during the sample.
    public var trips: Int32 = 0

    /// Nothing counted.
    public init() {}

    /// Several samples as one cell: the counts at the end, events added up.
    public mutating func merge(_ later: GroupMark) {
        (closed, open, halfOpen) = (later.closed, later.open, later.halfOpen)
        if later.probe.rank > probe.rank { probe = later.probe }
        trips &+= later.trips
    }
}

/// Everything the dashboard shows, updated from the simulation sample by sample.
///
/// Pure data: it renders identically wherever it is drawn. Every time series keeps one mark per
/// sample, as many as the run has when memory allows (a budget of marks shared by all breakers), so
/// that zooming out shows the whole run.
public struct DashboardState: Sendable, RunObserver {
    /// Marks kept over all breakers' timelines; a run with more samples keeps its latest ones.
    public static let markBudget = 4_000_000
    /// Fewest samples of history a timeline keeps, whatever the fleet.
    public static let minimumHistory = 512

    /// One breaker (one client instance's breaker for one service) as the dashboard shows it.
    public struct BreakerRow: Sendable {
        /// `client#n`, or the client's name when it has one instance, then the service when the client
        /// calls several (`web#3 payments`).
        public var name: String
        /// Index into the scenario's clients.
        public var clientIndex: Int
        /// The client's name, as the scenario file gives it.
        public var client: String
        /// Index into the scenario's services.
        public var serviceIndex: Int
        /// The service's name.
        public var service: String
        /// The breaker's parameters, or `nil` for an unprotected client.
        public var settings: BreakerSettings?
        /// The state at the last sample, as a viewer sees it; always `.closed` for an unprotected client.
        public var state: CircuitState = .closed
        /// Consecutive failures counted while closed (the failures that opened it, while open).
        public var consecutiveFailures = 0
        /// Calls in a failure-rate breaker's window at the last sample (zero otherwise).
        public var windowCalls = 0
        /// Failures among them.
        public var windowFailures = 0
        /// When an open breaker lets its next probe through, in nanoseconds of virtual time; `nil`
        /// unless the breaker was open at the last sample.
        public var retryAt: Nanoseconds?
        /// Whole-run counters at the last sample.
        public var stats = BreakerStats()
        /// One mark per sample.
        public var timeline: Ring<TimelineMark>
        /// The latest transitions of this breaker, for its detail view.
        public var transitions = Ring<BreakerTransition>(
            capacity: 12,
            filler: BreakerTransition(time: 0, breaker: 0, from: .closed, to: .closed, reason: .reset))
        /// What its calls did in each of the latest samples, newest last: for the detail view's strip.
        public var recentCalls = Ring<SampleCalls>(capacity: 24, filler: .none)
    }

    /// The breakers of one client for one service, shown as one row when rows run out.
    public struct GroupRow: Sendable {
        /// `client service` (or the client's name when it calls one service).
        public var name: String
        /// Index into the scenario's clients.
        public var client: Int
        /// Index into the scenario's services.
        public var service: Int
        /// Indices into ``DashboardState/breakers``.
        public var members: [Int]
        /// Whether the group's breakers are protected (an unprotected client has none to count).
        public var protected: Bool
        /// One mark per sample.
        public var timeline: Ring<GroupMark>
    }

    /// One service as the dashboard shows it.
    public struct ServiceRow: Sendable {
        /// The service's name, as the scenario file gives it.
        public var name: String
        /// The service's concurrency and queue limits, or `nil` when it has none.
        public var capacity: Capacity?
        /// The longest timeout of the clients that call it: what its latency line is drawn against.
        public var timeout: Nanoseconds
        /// The label of the phase in force at the last sample, or `nil` when no phase was.
        public var phase: String?
        /// Calls that reached the service since the start of the run.
        public var received = 0
        /// Calls the service failed since the start of the run.
        public var failed = 0
        /// One mark per sample.
        public var timeline: Ring<ServiceMark>
    }

    /// One client (all its instances) as the caller panel shows it.
    public struct ClientRow: Sendable {
        /// The client's name, as the scenario file gives it.
        public var name: String
        /// The client's instances.
        public var instances: Int
        /// Workers over all instances (`nil`: no limit).
        public var workers: Int?
        /// The users' patience, if the client has a deadline.
        public var deadline: Nanoseconds?
        /// One mark per sample.
        public var timeline: Ring<ClientMark>
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

    /// How the breaker pane is drawn; `v` switches between them.
    public enum View: Sendable {
        /// One row per breaker with its timeline.
        case rows
        /// One row per client and service: how many of its breakers are in each state.
        case groups
        /// One cell per breaker, grouped by client and service, for fleets.
        case heat
    }

    /// The scenario being run.
    public var scenario: Scenario
    /// Virtual time of the last sample, in nanoseconds since the start of the run.
    public var now: Nanoseconds = 0
    /// Samples observed so far: the time axis's length.
    public var samples = 0
    /// Samples per timeline cell (the zoom: `z` zooms out, `Z` in).
    public var samplesPerCell = 1
    /// Virtual seconds per wall second; `nil` means as fast as possible.
    public var speed: Double? = 10
    /// Whether the run is paused (space toggles it; `.` steps one sample).
    public var paused = false
    /// Why the run paused by itself (auto-pause, the next-phase key), shown in the header.
    public var pauseReason: String?
    /// Whether the run pauses by itself at the first trip and at the first probe (`a` toggles it).
    public var autoPause = false
    /// Whether auto-pause has stopped at the first trip already.
    public var sawTrip = false
    /// Whether auto-pause has stopped at the first probe already.
    public var sawProbe = false
    /// Whether the run has reached the scenario's end.
    public var finished = false
    /// One row per breaker, clients in file order.
    public var breakers: [BreakerRow]
    /// One row per client and service it calls, in file order.
    public var groups: [GroupRow]
    /// One row per service, in file order.
    public var services: [ServiceRow]
    /// One row per client, in file order.
    public var clients: [ClientRow]
    /// The latest 64 transitions, for the event pane.
    public var events = Ring<EventLine>(capacity: 64, filler: EventLine(time: 0, text: "", to: .closed))
    /// Index into ``breakers`` (or ``groups`` in the group view) of the selected row.
    public var selected = 0
    /// Index of the first row to show, kept across restarts.
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
    /// When the run is over: the same scenario and seed run the other way (without breakers, or with
    /// them), for the summary to compare with.
    public var baseline: RunSummary?
    /// Whether frames are drawn for a recording: no key footer, no selection cursor.
    public var recording = false
    /// Whether this run has its breakers (a run with `--no-breakers` has none).
    public var withBreakers: Bool
    /// The longest label of a row (breaker, service, client, group with its count), counted once:
    /// every frame's layout needs it.
    private(set) var longestName = 0
    /// The longest service or client name.
    private(set) var longestBlockName = 0
    /// The same scenario and seed run the other way (without breakers, or with them), in lockstep,
    /// when the dashboard compares; at most one.
    private var counterparts: [DashboardState] = []

    /// The run this one is compared with, if the dashboard compares (`--compare`, or `c`).
    public var counterpart: DashboardState? { counterparts.first }

    /// Starts comparing with `other`, or stops when it is `nil`.
    public mutating func setCounterpart(_ other: DashboardState?) {
        counterparts = other.map { [$0] } ?? []
    }

    /// Takes the counterpart out, to feed it without copying its history; give it back with
    /// ``setCounterpart(_:)``.
    public mutating func takeCounterpart() -> DashboardState? {
        counterparts.popLast()
    }

    /// The short tag of this run in a comparison: "with" or "w/o" breakers.
    var settingsLabel: String { withBreakers ? "with" : "w/o" }

    /// Starts an empty dashboard for a scenario about to run.
    public init(simulation: borrowing Simulation) {
        scenario = simulation.scenario
        let scenario = simulation.scenario
        let runSamples = Int(min(Int64(Int32.max), scenario.duration / max(1, scenario.sampleEvery) + 1))
        let perBreaker = max(Self.minimumHistory, Self.markBudget / max(1, simulation.breakerCount))
        let history = max(1, min(runSamples, perBreaker))
        let seriesHistory = max(1, min(runSamples, 1 << 20))
        var rows: [BreakerRow] = []
        var groups: [GroupRow] = []
        var groupIndex: [Int: Int] = [:]
        for (index, breaker) in simulation.breakers.enumerated() {
            let client = scenario.clients[breaker.client]
            rows.append(
                BreakerRow(
                    name: breaker.name, clientIndex: breaker.client, client: client.name,
                    serviceIndex: breaker.service, service: scenario.services[breaker.service].name,
                    settings: breaker.settings,
                    timeline: Ring(capacity: history, filler: TimelineMark(state: nil))))
            let key = breaker.client * 1_000_003 + breaker.service
            if let group = groupIndex[key] {
                groups[group].members.append(index)
            } else {
                groupIndex[key] = groups.count
                let name =
                    client.dependencies.count == 1
                    ? client.name : "\(client.name) \(scenario.services[breaker.service].name)"
                groups.append(
                    GroupRow(
                        name: name, client: breaker.client, service: breaker.service, members: [index],
                        protected: breaker.settings != nil,
                        timeline: Ring(capacity: seriesHistory, filler: GroupMark())))
            }
        }
        breakers = rows
        self.groups = groups
        services = scenario.services.enumerated().map { index, service in
            let timeouts = scenario.clients.filter { $0.dependencies.contains(service.name) }.map(\.timeout)
            return ServiceRow(
                name: service.name, capacity: service.capacity, timeout: timeouts.max() ?? 1_000_000_000,
                timeline: Ring(capacity: seriesHistory, filler: ServiceMark()))
        }
        clients = scenario.clients.map { client in
            ClientRow(
                name: client.name, instances: client.instances,
                workers: client.workers.map { $0 * client.instances },
                deadline: client.deadline, timeline: Ring(capacity: seriesHistory, filler: ClientMark()))
        }
        view = breakers.count > 60 ? .heat : .rows
        withBreakers = simulation.breakers.contains { $0.settings != nil }
        let names =
            breakers.map(\.name.count) + services.map(\.name.count) + clients.map(\.name.count)
            + groups.map { $0.name.count + 1 + String($0.members.count).count + 1 }
        longestName = names.max() ?? 0
        longestBlockName = (services.map(\.name.count) + clients.map(\.name.count)).max() ?? 0
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

    /// An open period for a line of text: to a tenth of a second from a second up, to the millisecond
    /// below (a jittered period carries nanoseconds nobody reads).
    static func shownPeriod(_ period: Nanoseconds) -> String {
        let unit: Nanoseconds = period >= 1_000_000_000 ? 100_000_000 : period >= 1_000_000 ? 1_000_000 : 1
        return formatDuration((period + unit / 2) / unit * unit)
    }

    /// Records a transition (called in order by the run).
    public mutating func observe(_ record: BreakerTransition) {
        let row = breakers[record.breaker]
        breakers[record.breaker].transitions.append(record)
        var text = "\(row.name) \(record.from.badge) → \(record.to.badge)"
        switch record.reason {
        case .failureThreshold:
            if let settings = row.settings, case .failureRate(let threshold, let window, _) = settings.policy
            {
                switch window {
                case .calls(let size):
                    text += ": \(formatPercent(threshold)) or more of the last \(size) calls failed"
                case .duration(let length):
                    text +=
                        ": \(formatPercent(threshold)) or more of the calls in \(formatDuration(length)) failed"
                }
            } else {
                text += " after \(row.settings?.allowedFails ?? 0) failures"
            }
        case .probeFailed: text = "\(row.name) HALF-OPEN → probe failed → OPEN"
        case .probeSucceeded: text = "\(row.name) HALF-OPEN → probe succeeded → CLOSED"
        case .retryTimerElapsed: text += ", probe sent"
        default: text += " (\(record.reason))"
        }
        if record.to == .open, let openFor = record.openFor {
            text += ", retry in \(Self.shownPeriod(openFor))"
        }
        events.append(EventLine(time: record.time, text: text, to: record.to))
        // One reason at a time: a probe in the sample that paused at a trip pauses later, at the next.
        guard autoPause, !finished, !paused else { return }
        if record.from == .closed && record.to == .open && !sawTrip {
            sawTrip = true
            paused = true
            pauseReason = "first trip: \(row.name)"
        } else if record.to == .halfOpen && !sawProbe {
            sawProbe = true
            paused = true
            pauseReason = "first probe: \(row.name)"
        }
    }

    /// Records one sample of the simulation.
    public mutating func observe(sample simulation: borrowing Simulation) {
        now = simulation.now
        samples += 1
        var serviceMarks = [ServiceMark](repeating: ServiceMark(), count: services.count)
        var groupMarks = [GroupMark](repeating: GroupMark(), count: groups.count)
        for index in breakers.indices {
            let breaker = simulation.breaker(index)
            let protected = breaker.settings != nil
            let state = protected ? breaker.state(at: now) : nil
            let interval = breaker.interval
            var probe = TimelineMark.Probe.none
            if interval.probesFailed > 0 {
                probe = .failed
            } else if interval.probesSucceeded > 0 {
                probe = .succeeded
            } else if interval.probesSent > 0 || breaker.probesInFlight > 0 {
                probe = .sent
            }
            let previous = breakers[index].stats
            let stats = breaker.stats
            // Opens that were not reopenings after a failed probe are trips from closed.
            let trips = (stats.opens - previous.opens) - (stats.probesFailed - previous.probesFailed)
            let wasClosed = breakers[index].state == .closed || stats.closes > previous.closes
            breakers[index].timeline.append(
                TimelineMark(
                    state: state, probe: probe, tripped: trips > 0, closedDuring: protected && wasClosed))
            breakers[index].state = state ?? .closed
            breakers[index].consecutiveFailures = breaker.consecutiveFailures
            (breakers[index].windowCalls, breakers[index].windowFailures) = breaker.window
            breakers[index].retryAt = state == .open ? breaker.retryAt : nil
            breakers[index].stats = stats
            breakers[index].recentCalls.append(
                interval.failed > 0
                    ? .failures
                    : interval.succeeded > 0 ? .allSucceeded : interval.rejected > 0 ? .rejected : .none)

            var mark = serviceMarks[breaker.service]
            let timedOut = interval.timedOut
            let refused = interval.refused
            mark[.ok] += interval.succeeded
            mark[.error] += interval.failed - timedOut - refused
            mark[.timedOut] += timedOut
            mark[.refused] += refused
            mark[.rejected] += interval.rejected
            serviceMarks[breaker.service] = mark
        }
        for (group, row) in groups.enumerated() {
            var mark = GroupMark()
            for member in row.members {
                let last = breakers[member].timeline.last ?? TimelineMark(state: nil)
                switch last.state {
                case .closed?, nil: mark.closed += 1
                case .open?: mark.open += 1
                case .halfOpen?: mark.halfOpen += 1
                }
                if last.probe.rank > mark.probe.rank { mark.probe = last.probe }
                if last.tripped { mark.trips += 1 }
            }
            groupMarks[group] = mark
        }
        for group in groups.indices { groups[group].timeline.append(groupMarks[group]) }
        let snapshots = simulation.serviceSnapshots
        for index in services.indices {
            let service = snapshots[index]
            services[index].phase = service.condition.label
            services[index].received = service.received
            services[index].failed = service.failed
            var mark = serviceMarks[index]
            let latency = simulation.intervalCallLatency(service: index)
            mark.p50 = latency.p50
            mark.p99 = latency.p99
            mark.steadyP99 = latency.p99
            mark.inService = Int32(clamping: service.inService)
            mark.queued = Int32(clamping: service.queued)
            mark.inPhase = service.condition.label != nil
            services[index].timeline.append(mark)
        }
        var clientMarks = [ClientMark](repeating: ClientMark(), count: clients.count)
        for index in 0..<simulation.callerCount {
            let caller = simulation.caller(index)
            var mark = clientMarks[caller.client]
            mark[.good] += caller.interval.good
            mark[.degraded] += caller.interval.degraded
            mark[.late] += caller.interval.late
            mark[.shed] += caller.interval.shed
            mark[.failed] += caller.interval.failed
            mark.busy &+= Int32(clamping: caller.busy)
            mark.waiting &+= Int32(clamping: caller.waiting)
            clientMarks[caller.client] = mark
        }
        for index in clients.indices {
            var mark = clientMarks[index]
            mark.p99 = simulation.intervalRequestLatency(client: index).p99
            clients[index].timeline.append(mark)
        }
    }

    /// Clears everything learned from a run (for a restart).
    public mutating func reset(simulation: borrowing Simulation) {
        let keep = (speed, view, selected, scroll, samplesPerCell, autoPause, quitLabel)
        self = DashboardState(simulation: simulation)
        (speed, view, selected, scroll, samplesPerCell, autoPause, quitLabel) = keep
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
