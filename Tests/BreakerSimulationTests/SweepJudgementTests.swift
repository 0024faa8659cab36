import BreakerSimTestSupport
import Testing

@testable import BreakerSimulation

/// What a user relies on to read a sweep: objectives that respect dominance, cells the noise cannot
/// tell from the best, the edge-of-grid hint, the no-breaker warning first, the Pareto front, --client.
@Suite struct SweepJudgementTests {
    /// SplitMix64: the same pairs on every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func metrics(
        goodput: Double, calls: Double, p99: Double?, wait: Double, using rng: inout Generator
    ) -> SweepMetrics {
        // The metrics no objective is about take any value: they must not overturn dominance.
        SweepMetrics(
            goodputRatio: goodput, goodCallsRejected: .random(in: 0...1000, using: &rng),
            callsToFailingService: calls,
            detectionDelay: Bool.random(using: &rng) ? .random(in: 0...60, using: &rng) : nil,
            recoveryDelay: Bool.random(using: &rng) ? .random(in: 0...60, using: &rng) : nil,
            falseOpens: .random(in: 0...50, using: &rng), timeOpenRatio: .random(in: 0...1, using: &rng),
            p99Latency: p99, userWait: wait)
    }

    @Test(arguments: SweepObjective.allCases)
    func aCombinationBetterOnEveryMetricScoresHigher(objective: SweepObjective) {
        var rng = Generator(state: 12)
        for _ in 0..<5000 {
            // `better` beats `worse` strictly on goodput, protection (fewer calls), p99 and wait.
            let goodput = Double.random(in: 0..<1, using: &rng)
            let calls = Double.random(in: 1...5000, using: &rng)
            let p99 = Double.random(in: 0.001...30, using: &rng)
            let wait = Double.random(in: 0...10_000, using: &rng)
            let better = Self.metrics(
                goodput: Double.random(in: goodput.nextUp...1, using: &rng),
                calls: Double.random(in: 0..<calls, using: &rng),
                p99: Double.random(in: 0..<p99, using: &rng),
                wait: Double.random(in: 0..<max(wait, 1), using: &rng),
                using: &rng)
            // Sometimes the worse answered nothing at all: no p99 is the worst p99.
            let worse = Self.metrics(
                goodput: goodput, calls: calls, p99: Bool.random(using: &rng) ? p99 : nil,
                wait: max(wait, better.userWait.nextUp), using: &rng)
            guard better.callsToFailingService < worse.callsToFailingService else { continue }
            let baseline = Double.random(in: 0...10_000, using: &rng)
            let high = objective.score(better, baselineCallsToFailing: baseline)
            let low = objective.score(worse, baselineCallsToFailing: baseline)
            #expect(high > low, "\(objective): \(better) scored \(high), not above \(worse) at \(low)")
            if high <= low { return }
        }
    }

    static let fails = [1, 3, 10]
    static let timers: [Nanoseconds] = [1_000_000_000, 10_000_000_000]

    /// A handmade result: cells in grid order as (goodput, calls, per-seed scores).
    static func result(
        _ cells: [(goodput: Double, calls: Double, scores: [Double])?], baselineGoodput: Double = 0.5,
        objective: SweepObjective = .balanced
    ) -> SweepResult {
        let grid = SweepGrid(
            allowedFails: fails, retryTimers: timers, seeds: cells.compactMap { $0?.scores.count }.first ?? 1)
        let sweepCells = zip(grid.cells, cells).map { position, cell in
            cell.map {
                SweepCell(
                    trip: position.trip, retryTimer: position.retryTimer,
                    metrics: SweepMetrics(
                        goodputRatio: $0.goodput, goodCallsRejected: 0, callsToFailingService: $0.calls,
                        detectionDelay: nil, recoveryDelay: nil, falseOpens: 0, timeOpenRatio: 0),
                    scores: $0.scores)
            }
        }
        return SweepResult(
            scenario: "handmade", seed: 1, seeds: grid.seeds, objective: objective, clients: ["app"],
            grid: grid,
            cells: sweepCells,
            baseline: SweepMetrics(
                goodputRatio: baselineGoodput, goodCallsRejected: 0, callsToFailingService: 100,
                detectionDelay: nil, recoveryDelay: nil, falseOpens: 0, timeOpenRatio: 0),
            baselineCallsToFailing: Array(repeating: 100, count: grid.seeds), scenarioOwn: nil, shard: nil)
    }

    @Test func theParetoFrontHoldsTheCellsNoOtherBeatsOnBoth() {
        let result = Self.result([
            (0.90, 50, [0.1]),  // 0: front (fewest calls)
            (0.95, 60, [0.2]),  // 1: front
            (0.94, 70, [0.3]),  // 2: dominated by 1
            (0.99, 80, [0.4]),  // 3: front (most goodput)
            (0.95, 60, [0.5]),  // 4: equal to 1 on both: kept
            nil,  // 5: did not run
        ])
        #expect(result.paretoFront == [0, 1, 4, 3])
        #expect(result.json().contains("\"pareto_front\": [\n    0,\n    1,\n    4,\n    3\n  ]"))
        let csv = result.csv().split(separator: "\n")
        #expect(csv[0].contains(",indistinguishable_from_best,pareto"))
        #expect(csv[3].hasSuffix(",false,false,consecutive,,,,"))  // cell 2: dominated
    }

    @Test func cellsWithinTheNoiseOfTheBestAreMarked() {
        // Five seeds. Cell 1 trails the best by 0.01 on average but swings by ±0.05: noise. Cell 2 trails
        // by 0.01 on every seed: a real, if small, difference. Cell 3 is far behind.
        let result = Self.result([
            (0.9, 10, [0.80, 0.81, 0.79, 0.80, 0.80]),
            (0.9, 10, [0.85, 0.75, 0.84, 0.74, 0.77]),
            (0.9, 10, [0.79, 0.80, 0.78, 0.79, 0.79]),
            (0.9, 10, [0.50, 0.52, 0.49, 0.51, 0.50]),
            nil, nil,
        ])
        #expect(result.bestIndex == 0)
        #expect(result.indistinguishableFromBest == [false, true, false, false, false, false])
        #expect(result.noiseNote?.hasPrefix("1 other combination is within the noise of the best") == true)
        #expect(result.json().contains("\"indistinguishable_from_best\": true"))
        #expect(result.json().contains("\"indistinguishable\": 1"))
        // With one seed only exact ties are indistinguishable, and the note asks for more seeds.
        let one = Self.result([(0.9, 10, [0.8]), (0.9, 10, [0.8]), (0.9, 10, [0.79]), nil, nil, nil])
        #expect(one.indistinguishableFromBest == [false, true, false, false, false, false])
        #expect(one.noiseNote?.contains("use --seeds 5 or more") == true)
    }

    @Test func aBestOnTheGridsEdgeSuggestsTheNextValues() {
        // Best at allowed_fails 10 (the largest) and retry_timer 10s (the longest).
        let edge = Self.result([
            (0.9, 10, [0.1]), (0.9, 10, [0.2]), (0.9, 10, [0.3]), (0.9, 10, [0.4]), (0.9, 10, [0.5]),
            (0.9, 10, [0.9]),
        ])
        #expect(
            edge.edgeHints == [
                "The best allowed_fails (10) is the largest tried: the best may lie beyond it; try --allowed-fails 10...20.",
                "The best retry_timer (10s) is the longest tried: the best may lie beyond it; try --retry-timer 10s,20s,40s.",
            ])
        #expect(edge.headline.suffix(2) == edge.edgeHints[...])
        // Best inside the allowed_fails range and at the shortest retry_timer.
        let inside = Self.result([
            (0.9, 10, [0.1]), (0.9, 10, [0.2]), (0.9, 10, [0.9]), (0.9, 10, [0.4]), (0.9, 10, [0.5]),
            (0.9, 10, [0.3]),
        ])
        #expect(
            inside.edgeHints == [
                "The best retry_timer (1s) is the shortest tried: try --retry-timer 250ms,500ms,1s."
            ])
    }

    @Test func whenNoBreakerBeatsEveryCellTheHeadlineSaysSoFirst() {
        // Balanced: no breaker scores ½ × 0.99 + 0 = 0.495; the best cell 0.4.
        let losing = Self.result(
            [(0.5, 90, [0.3]), (0.5, 90, [0.4]), nil, nil, nil, nil], baselineGoodput: 0.99)
        #expect(losing.baselineBeatsEveryCell)
        #expect(
            losing.headline.first?.hasPrefix("No breaker at all beats every combination tried on balanced")
                == true)
        #expect(losing.json().contains("\"baseline_beats_every_cell\": true"))
        let winning = Self.result(
            [(0.5, 90, [0.3]), (0.5, 90, [0.6]), nil, nil, nil, nil], baselineGoodput: 0.99)
        #expect(!winning.baselineBeatsEveryCell)
        #expect(winning.headline.first?.hasPrefix("Best: allowed_fails 1, retry_timer 10s") == true)
    }

    @Test func aClientIsTunedAndScoredOnItsOwn() throws {
        let scenario = SweepFixtures.twoClients
        let grid = SweepGrid(allowedFails: [1, 20], retryTimers: [2_000_000_000])
        let result = SweepRunner.run(scenario: scenario, grid: grid, clients: ["app"], jobs: 2)
        #expect(result.clients == ["app"])
        #expect(result.scoredClients == ["app"])
        // The cell's metrics are app's alone: the same run, summarised for app only.
        let configured = SweepRunner.configure(
            scenario, allowedFails: 1, retryTimer: 2_000_000_000, clients: ["app"])
        #expect(configured.clients[1].breaker?.allowedFails == 5, "web keeps its own settings")
        let summary = RunSummary.run(configured)
        let cell = try #require(result.cells[0])
        #expect(cell.metrics == SweepMetrics(summary, clients: ["app"]))
        let app = try #require(summary.clients.first { $0.name == "app" })
        #expect(cell.metrics.goodputRatio == Double(app.requests.good) / Double(app.requests.requests))
        let appCalls = summary.breakers.filter { $0.client == "app" }.reduce(0) {
            $0 + $1.stats.executedWhileDegraded
        }
        #expect(cell.metrics.callsToFailingService == Double(appCalls))
        #expect(cell.metrics.callsToFailingService < Double(summary.metrics.callsToFailingService))
        #expect(cell.metrics.routes.map(\.route) == ["db"])
        // The baseline is scored on app too.
        let baseline = RunSummary.run(scenario, withBreakers: false)
        #expect(result.baseline == SweepMetrics(baseline, clients: ["app"]))
        // The whole run, when no client is named: per-route shares of both clients.
        let whole = SweepRunner.run(scenario: scenario, grid: grid, jobs: 2)
        #expect(
            whole.cells[0]?.metrics.routes.map { "\($0.client)/\($0.route)" } == [
                "app/db", "web/orders", "web/lookup",
            ])
        #expect(whole.cells[0]?.metrics.routes[2].goodRatio == 1)
        #expect(whole.cells[0]?.metrics.p99Latency != nil)
        // The JSON keeps it all through a merge.
        let merged = try SweepResult.merge([("r.json", Array(result.json().utf8))])
        #expect(merged.json() == result.json())
    }
}
