import BreakerCore
public import BreakerSimulation

/// What a report shows of one run, collected sample by sample.
///
/// Memory does not grow with the simulated duration: samples are summed into at most `columns`
/// columns (a ten-minute run sampled every second keeps every sample; an hour-long one sums six per
/// column), and individual state timelines are kept for a bounded number of breakers only.
public struct RunHistory: Sendable, RunObserver {
    /// Columns of a chart: enough for a wide screen, few enough to keep the page small.
    public static let defaultColumns = 600
    /// Breakers that get a timeline row of their own; the others show in the per-client shares.
    public static let defaultTimelineRows = 24

    /// The scenario that ran.
    public let scenario: Scenario
    /// Whether any client had a breaker on in this run.
    public let withBreakers: Bool
    /// Samples summed into one column.
    let samplesPerColumn: Int
    /// Samples the whole run takes.
    let totalSamples: Int
    /// Samples recorded into each column: `samplesPerColumn`, fewer in the last column, 0 where the run
    /// did not get to.
    private(set) var samples: [Int]
    private(set) var calls: CallTrack
    private(set) var requests: RequestTrack
    private(set) var services: [ServiceTrack]
    /// One per client and service it calls, in file order (a client's services in the order its routes
    /// first call them).
    private(set) var groups: [GroupTrack]
    private(set) var timelines: [BreakerTrack]
    /// The group of each breaker.
    private let groupOfBreaker: [Int]
    /// The timeline row of each breaker, if it has one.
    private let timelineOfBreaker: [Int?]
    /// Simulated time of the latest sample.
    public private(set) var lastSample: Nanoseconds = 0

    /// Attempts at the breakers per column, summed over every breaker.
    struct CallTrack: Sendable {
        var offered: [Int]
        var succeeded: [Int]
        var failed: [Int]
        var rejected: [Int]
    }

    /// User requests per column by how they ended, summed over every client instance.
    struct RequestTrack: Sendable {
        var good: [Int]
        var degraded: [Int]
        var late: [Int]
        var shed: [Int]
        var failed: [Int]
        /// Requests being served or waiting for a worker, summed over the column's samples.
        var inProgress: [Int]
    }

    /// One service per column.
    struct ServiceTrack: Sendable {
        var name: String
        var phases: [Phase]
        var received: [Int]
        var failed: [Int]
    }

    /// The breakers of one client towards one service (one per instance), per column: how many were not
    /// closed, summed over the column's samples.
    struct GroupTrack: Sendable {
        var clientName: String
        var service: Int
        var serviceName: String
        /// Whether the client calls other services too (its breakers are then told apart by service).
        var clientHasOtherServices: Bool
        var breakers: Int
        var protected: Bool
        var open: [Int]
        var halfOpen: [Int]

        /// `web → payments`.
        var title: String { "\(clientName) → \(serviceName)" }
    }

    /// One breaker's state per column (samples in each state) and the probes it made.
    struct BreakerTrack: Sendable {
        var name: String
        var client: Int
        var group: Int
        var closed: [Int32]
        var open: [Int32]
        var halfOpen: [Int32]
        var probes: [ProbeMarks]
    }

    /// What the probes of a breaker did within one column.
    struct ProbeMarks: OptionSet, Sendable {
        let rawValue: UInt8
        static let sent = ProbeMarks(rawValue: 1)
        static let succeeded = ProbeMarks(rawValue: 2)
        static let failed = ProbeMarks(rawValue: 4)
    }

    /// Prepares the history of a simulation that has not run yet.
    public init(
        simulation: borrowing Simulation, columns: Int = defaultColumns,
        timelineRows: Int = defaultTimelineRows
    ) {
        let scenario = simulation.scenario
        self.scenario = scenario
        let total = scenario.sampleEvery > 0 ? Int(scenario.duration / scenario.sampleEvery) : 0
        totalSamples = total
        let perColumn = max(1, (total + max(1, columns) - 1) / max(1, columns))
        samplesPerColumn = perColumn
        let count = (total + perColumn - 1) / perColumn
        samples = Array(repeating: 0, count: count)
        let zeros = [Int](repeating: 0, count: count)
        calls = CallTrack(offered: zeros, succeeded: zeros, failed: zeros, rejected: zeros)
        requests = RequestTrack(
            good: zeros, degraded: zeros, late: zeros, shed: zeros, failed: zeros, inProgress: zeros)
        services = scenario.services.map {
            ServiceTrack(name: $0.name, phases: $0.phases, received: zeros, failed: zeros)
        }
        let breakers = (0..<simulation.breakerCount).map { simulation.breaker($0) }
        withBreakers = breakers.contains { $0.settings != nil }
        // The groups in the order their first breakers come (client by client, each client's services in
        // the order of its breakers).
        var groupIndex: [Pair: Int] = [:]
        var groups: [GroupTrack] = []
        var groupOf: [Int] = []
        for breaker in breakers {
            let pair = Pair(client: breaker.client, service: breaker.service)
            let group: Int
            if let known = groupIndex[pair] {
                group = known
            } else {
                group = groups.count
                groupIndex[pair] = group
                let client = scenario.clients[breaker.client]
                groups.append(
                    GroupTrack(
                        clientName: client.name, service: breaker.service,
                        serviceName: scenario.services[breaker.service].name,
                        clientHasOtherServices: client.dependencies.count > 1, breakers: 0, protected: false,
                        open: zeros, halfOpen: zeros))
            }
            groups[group].breakers += 1
            if breaker.settings != nil { groups[group].protected = true }
            groupOf.append(group)
        }

        // Timeline rows dealt round-robin over the protected groups, so that every client and service
        // shows.
        var quota = [Int](repeating: 0, count: groups.count)
        var left = max(0, timelineRows)
        var dealt = true
        while left > 0 && dealt {
            dealt = false
            for (index, group) in groups.enumerated() where group.protected && left > 0 {
                if quota[index] < group.breakers {
                    quota[index] += 1
                    left -= 1
                    dealt = true
                }
            }
        }
        var taken = [Int](repeating: 0, count: groups.count)
        var rows: [BreakerTrack] = []
        var rowOf = [Int?](repeating: nil, count: breakers.count)
        let zeros32 = [Int32](repeating: 0, count: count)
        for (index, breaker) in breakers.enumerated() where taken[groupOf[index]] < quota[groupOf[index]] {
            taken[groupOf[index]] += 1
            rowOf[index] = rows.count
            rows.append(
                BreakerTrack(
                    name: breaker.name, client: breaker.client, group: groupOf[index], closed: zeros32,
                    open: zeros32, halfOpen: zeros32, probes: Array(repeating: [], count: count)))
        }
        self.groups = groups
        groupOfBreaker = groupOf
        timelines = rows
        timelineOfBreaker = rowOf
    }

    /// Number of columns.
    var columnCount: Int { samples.count }

    /// Where column `column` starts in simulated time.
    func columnStart(_ column: Int) -> Nanoseconds {
        Nanoseconds(column * samplesPerColumn) * scenario.sampleEvery
    }

    /// Where column `column` ends in simulated time.
    func columnEnd(_ column: Int) -> Nanoseconds {
        Nanoseconds(min(totalSamples, (column + 1) * samplesPerColumn)) * scenario.sampleEvery
    }

    /// Simulated seconds that column `column` holds samples of.
    func recordedSeconds(_ column: Int) -> Double {
        Double(samples[column]) * Double(scenario.sampleEvery) / 1e9
    }

    /// Adds one sample (call it from the simulation's `onSample`).
    public mutating func observe(sample simulation: borrowing Simulation) {
        let now = simulation.now
        let number = Int(now / scenario.sampleEvery)
        guard number >= 1, !samples.isEmpty else { return }
        let column = min(samples.count - 1, (number - 1) / samplesPerColumn)
        samples[column] += 1
        lastSample = now
        for index in 0..<simulation.breakerCount {
            let breaker = simulation.breaker(index)
            let interval = breaker.interval
            calls.offered[column] += interval.offered
            calls.succeeded[column] += interval.succeeded
            calls.failed[column] += interval.failed
            calls.rejected[column] += interval.rejected
            guard breaker.settings != nil else { continue }
            let state = breaker.state(at: now)
            switch state {
            case .closed: break
            case .open: groups[groupOfBreaker[index]].open[column] += 1
            case .halfOpen: groups[groupOfBreaker[index]].halfOpen[column] += 1
            }
            guard let row = timelineOfBreaker[index] else { continue }
            switch state {
            case .closed: timelines[row].closed[column] += 1
            case .open: timelines[row].open[column] += 1
            case .halfOpen: timelines[row].halfOpen[column] += 1
            }
            var marks: ProbeMarks = []
            if interval.probesSent > 0 || breaker.probesInFlight > 0 { marks.insert(.sent) }
            if interval.probesSucceeded > 0 { marks.insert(.succeeded) }
            if interval.probesFailed > 0 { marks.insert(.failed) }
            timelines[row].probes[column].formUnion(marks)
        }
        for index in 0..<simulation.callerCount {
            let caller = simulation.caller(index)
            requests.good[column] += caller.interval.good
            requests.degraded[column] += caller.interval.degraded
            requests.late[column] += caller.interval.late
            requests.shed[column] += caller.interval.shed
            requests.failed[column] += caller.interval.failed
            requests.inProgress[column] += caller.busy + caller.waiting
        }
        let snapshots = simulation.serviceSnapshots
        for index in services.indices {
            services[index].received[column] += snapshots[index].intervalReceived
            services[index].failed[column] += snapshots[index].intervalFailed
        }
    }

    /// Runs `scenario` to its end (or until `shouldStop` says so, polled before every slice),
    /// collecting its history, and summarises it; `progress` hears after every slice.
    public static func collect(
        _ scenario: Scenario, withBreakers: Bool, columns: Int = defaultColumns,
        timelineRows: Int = defaultTimelineRows, shouldStop: () -> Bool = { false },
        progress: (_ simulated: Nanoseconds, _ calls: Int) -> Void = { _, _ in }
    ) -> (history: RunHistory, summary: RunSummary) {
        var run = ScenarioRun(scenario: scenario, withBreakers: withBreakers)
        var history = RunHistory(simulation: run.simulation, columns: columns, timelineRows: timelineRows)
        run.run(observer: &history, shouldStop: shouldStop) { _, run in
            progress(run.now, run.simulatedCalls)
            return true
        }
        return (history, run.summary())
    }
}

/// A client and a service it calls.
private struct Pair: Hashable {
    var client: Int
    var service: Int
}

/// The state a column shows: the one held for most of its samples, the more severe one on a tie.
func majority(closed: Int32, open: Int32, halfOpen: Int32) -> CircuitState? {
    if closed + open + halfOpen == 0 { return nil }
    if open >= halfOpen && open >= closed { return .open }
    if halfOpen >= closed { return .halfOpen }
    return .closed
}
