import Synchronization

/// A slice of a sweep for running on several machines: shard `index` of `count` (1-based).
public struct SweepShard: Sendable, Equatable, CustomStringConvertible {
    /// Which shard this is, from 1 to `count`.
    public var index: Int
    /// How many shards the sweep is split into, at least 1.
    public var count: Int

    /// Shard `index` of `count`; `nil` unless `count` is at least 1 and `index` is between 1 and `count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses "K/N", the form `sweep --shard` takes; `nil` when the text is not a valid shard.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// Whether this shard runs cell `cell` (cells are dealt round-robin, so shards take equal work).
    public func owns(_ cell: Int) -> Bool { cell % count == index - 1 }

    /// "K/N", the form ``init(_:)`` parses.
    public var description: String { "\(index)/\(count)" }
}

/// The outcome of a sweep (or of one shard of it).
public struct SweepResult: Sendable, Equatable {
    /// The scenario's name, as the scenario file gives it.
    public var scenario: String
    /// The first seed: a combination's runs use `seed`, `seed + 1` and so on.
    public var seed: UInt64
    /// Runs per combination (the grid's `seeds`).
    public var seeds: Int
    /// What the scores measure.
    public var objective: SweepObjective
    /// The clients whose breaker settings were varied.
    public var clients: [String]
    /// The combinations tried; ``cells`` follows its order.
    public var grid: SweepGrid
    /// One entry per grid cell, in grid order; `nil` for cells another shard runs.
    public var cells: [SweepCell?]
    /// The same scenario without breakers, mean over seeds.
    public var baseline: SweepMetrics
    /// Its calls to the failing service per seed (what the scores are relative to).
    public var baselineCallsToFailing: [Double]
    /// The scenario's own settings, scored the same way.
    public var scenarioOwn: SweepCell?
    /// Set when this result holds one shard only.
    public var shard: SweepShard?
    /// The clients whose requests and breakers are scored (`--client`); empty for the whole run.
    public var scoredClients: [String] = []
    /// The effective scenario's ``Scenario/fingerprint``: shards merge only when theirs agree.
    public var scenarioFingerprint = ""

    /// The version of the JSON format (``json()``) that shards are written in; `sweep merge` reads
    /// this version only.
    public static let formatVersion = 1

    /// Whether every cell has run.
    public var isComplete: Bool { cells.allSatisfy { $0 != nil } }

    /// Finished cells, best first (ties broken by grid order, so the ranking is deterministic).
    public var ranking: [SweepCell] {
        cells.enumerated().compactMap { index, cell in cell.map { (index, $0) } }
            .sorted { $0.1.score != $1.1.score ? $0.1.score > $1.1.score : $0.0 < $1.0 }
            .map(\.1)
    }

    /// The score of running without any breaker.
    public var baselineScore: Double {
        let scores = baselineCallsToFailing.map {
            objective.score(baselineMetrics(for: $0), baselineCallsToFailing: $0)
        }
        return scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count)
    }

    private func baselineMetrics(for calls: Double) -> SweepMetrics {
        var metrics = baseline
        metrics.callsToFailingService = calls
        return metrics
    }
}

/// Runs a scenario once per combination of breaker settings (and per seed), in parallel.
public enum SweepRunner {
    /// Applies `trip` and `retryTimer` to the named clients (every protected client when `clients` is
    /// empty); their `slow_call`, `retry_jitter` and `half_open_probes` stay as given.
    public static func configure(
        _ scenario: Scenario, trip: SweepTrip, retryTimer: Nanoseconds, clients: [String]
    ) -> Scenario {
        var copy = scenario
        for index in copy.clients.indices {
            let client = copy.clients[index]
            let targeted = clients.isEmpty ? client.breaker != nil : clients.contains(client.name)
            guard targeted else { continue }
            var settings = trip.applied(to: client.breaker ?? BreakerSettings())
            settings.retryTimer = retryTimer
            copy.clients[index].breaker = settings
        }
        return copy
    }

    /// Applies `allowedFails` and `retryTimer` to the named clients as consecutive-failure breakers.
    public static func configure(
        _ scenario: Scenario, allowedFails: Int, retryTimer: Nanoseconds, clients: [String]
    ) -> Scenario {
        configure(
            scenario, trip: .consecutive(allowedFails: allowedFails), retryTimer: retryTimer, clients: clients
        )
    }

    /// Runs the sweep on threads of its own (see ``WorkerThreads``), and returns when it is done.
    ///
    /// Besides the grid, it runs the scenario without breakers (the baseline that scores are relative
    /// to) and with its own settings, once per seed each.
    ///
    /// - Parameters:
    ///   - scenario: The scenario to vary; its seed is the first of the seeds.
    ///   - grid: The combinations of trip rule and `retry_timer` to try, and the runs per combination.
    ///   - clients: The names of the clients whose settings are varied and whose requests and breakers are
    ///     scored; empty to vary every protected client and score the whole run.
    ///   - objective: What the scores measure.
    ///   - jobs: Runs at once (at least 1). Results do not depend on it.
    ///   - shard: The slice of the grid to run, for sweeps split over several machines; `nil` for all of it.
    ///   - progress: Called after each run with (done, total), one call at a time.
    ///   - shouldStop: Polled before each run and between the slices of a run; when it returns `true` the
    ///     runs under way stop within a slice, and the sweep returns what finished.
    /// - Returns: The outcome; a cell is `nil` when another shard runs it or when it did not finish before
    ///   `shouldStop` stopped the sweep.
    public static func run(
        scenario: Scenario, grid: SweepGrid, clients: [String] = [], objective: SweepObjective = .balanced,
        jobs: Int, shard: SweepShard? = nil,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) -> SweepResult {
        let seeds = (0..<grid.seeds).map { scenario.seed &+ UInt64($0) }
        let cells = grid.cells
        let owned = cells.indices.filter { shard?.owns($0) ?? true }

        // Work items: the baseline and the scenario's own settings per seed, then every owned cell.
        enum Work: Sendable {
            case baseline(seed: Int)
            case own(seed: Int)
            case cell(Int, seed: Int)
        }
        var work: [Work] = seeds.indices.map { .baseline(seed: $0) } + seeds.indices.map { .own(seed: $0) }
        for cell in owned { work += seeds.indices.map { .cell(cell, seed: $0) } }
        let total = work.count

        @Sendable func scenarioFor(_ item: Work) -> (Scenario, Bool) {
            switch item {
            case .baseline(let seed):
                var copy = scenario
                copy.seed = seeds[seed]
                return (copy, false)
            case .own(let seed):
                var copy = scenario
                copy.seed = seeds[seed]
                return (copy, true)
            case .cell(let cell, let seed):
                var copy = configure(
                    scenario, trip: cells[cell].trip, retryTimer: cells[cell].retryTimer, clients: clients)
                copy.seed = seeds[seed]
                return (copy, true)
            }
        }

        struct Collected {
            var metrics: [SweepMetrics?]
            var finished = 0
        }
        let collected = Mutex(Collected(metrics: Array(repeating: nil, count: total)))
        let items = work
        WorkerThreads.forEach(count: total, threads: jobs) { index in
            if shouldStop() { return }
            let (runScenario, withBreakers) = scenarioFor(items[index])
            var run = ScenarioRun(scenario: runScenario, withBreakers: withBreakers)
            run.run(shouldStop: shouldStop)
            // A run stopped part-way is not a result: its cell counts as not run.
            guard run.isFinished else { return }
            let metrics = SweepMetrics(run.summary(), clients: clients)
            collected.withLock { collected in
                collected.metrics[index] = metrics
                collected.finished += 1
                progress(collected.finished, total)
            }
        }
        let results = collected.withLock { $0.metrics }

        let baselineRuns = seeds.indices.compactMap { results[$0] }
        let baselineCalls = baselineRuns.map(\.callsToFailingService)
        func cell(_ trip: SweepTrip, _ timer: Nanoseconds, runs: [SweepMetrics?]) -> SweepCell? {
            guard runs.allSatisfy({ $0 != nil }), baselineCalls.count == seeds.count else { return nil }
            let complete = runs.compactMap { $0 }
            let scores = zip(complete, baselineCalls).map { objective.score($0, baselineCallsToFailing: $1) }
            return SweepCell(trip: trip, retryTimer: timer, metrics: .mean(complete), scores: scores)
        }
        var sweepCells = [SweepCell?](repeating: nil, count: cells.count)
        for (position, cellIndex) in owned.enumerated() {
            let start = 2 * seeds.count + position * seeds.count
            sweepCells[cellIndex] = cell(
                cells[cellIndex].trip, cells[cellIndex].retryTimer,
                runs: Array(results[start..<(start + seeds.count)]))
        }
        let ownSettings = scenario.clients.first {
            clients.isEmpty ? $0.breaker != nil : clients.contains($0.name)
        }?.breaker
        let own = ownSettings.flatMap {
            cell(SweepTrip($0), $0.retryTimer, runs: Array(results[seeds.count..<(2 * seeds.count)]))
        }
        let targeted = scenario.clients.filter {
            clients.isEmpty ? $0.breaker != nil : clients.contains($0.name)
        }
        return SweepResult(
            scenario: scenario.name, seed: scenario.seed, seeds: grid.seeds, objective: objective,
            clients: targeted.map(\.name), grid: grid, cells: sweepCells, baseline: .mean(baselineRuns),
            baselineCallsToFailing: baselineCalls, scenarioOwn: own, shard: shard, scoredClients: clients,
            scenarioFingerprint: scenario.fingerprint)
    }
}
