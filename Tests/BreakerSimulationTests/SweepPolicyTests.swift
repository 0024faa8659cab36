import BreakerSimTestSupport
import Testing

@testable import BreakerSimulation

/// Sweeps over failure-rate breakers, and over both policies side by side.
@Suite struct SweepPolicyTests {
    static let outage = SweepFixtures.longOutage
    static let timers: [Nanoseconds] = [1_000_000_000, 10_000_000_000]

    @Test(
        "failure-rate rows: windows outermost, then minimums, then thresholds; a minimum no count window reaches is left out"
    )
    func failureRateRows() {
        let trips = SweepTrip.failureRates(
            thresholds: [0.5, 0.8], windows: [.calls(10), .duration(5_000_000_000)], minimumCalls: [5, 20])
        #expect(
            trips == [
                .failureRate(threshold: 0.5, window: .calls(10), minimumCalls: 5),
                .failureRate(threshold: 0.8, window: .calls(10), minimumCalls: 5),
                .failureRate(threshold: 0.5, window: .duration(5_000_000_000), minimumCalls: 5),
                .failureRate(threshold: 0.8, window: .duration(5_000_000_000), minimumCalls: 5),
                .failureRate(threshold: 0.5, window: .duration(5_000_000_000), minimumCalls: 20),
                .failureRate(threshold: 0.8, window: .duration(5_000_000_000), minimumCalls: 20),
            ])
        // Without minimums each window takes a scenario file's default.
        #expect(
            SweepTrip.failureRates(
                thresholds: [0.5], windows: [.calls(20), .duration(1_000_000_000)], minimumCalls: nil)
                == [
                    .failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 20),
                    .failureRate(threshold: 0.5, window: .duration(1_000_000_000), minimumCalls: 100),
                ])
        #expect(trips[0].label == "50% of 10 ≥5" && trips[4].label == "50% in 5s ≥20")
        #expect(SweepTrip.consecutive(allowedFails: 3).label == "3")
        #expect(trips[0].description == "failure_rate 50% of the last 10 calls (at least 5)")
    }

    @Test("a rate cell runs the breaker it names: the same metrics as the scenario run with those settings")
    func aRateCellRunsItsBreaker() throws {
        let trip = SweepTrip.failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 10)
        let result = SweepRunner.run(
            scenario: Self.outage, grid: SweepGrid(trips: [trip], retryTimers: [10_000_000_000]), jobs: 2)
        var scenario = Self.outage
        scenario.clients[0].breaker = BreakerSettings(
            retryTimer: 10_000_000_000,
            policy: .failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 10))
        var run = ScenarioRun(scenario: scenario, withBreakers: true)
        run.run()
        let cell = try #require(result.cells[0])
        #expect(cell.metrics == SweepMetrics(run.summary()))
        #expect(cell.metrics.detectionDelay != nil, "the breaker opened in the outage")
    }

    @Test("both policies on the same seeds: each cell is what a sweep of that policy alone gives")
    func bothPoliciesShareSeeds() throws {
        let rates = SweepTrip.failureRates(thresholds: [0.5, 0.9], windows: [.calls(20)], minimumCalls: nil)
        let both = SweepRunner.run(
            scenario: Self.outage,
            grid: SweepGrid(
                trips: [.consecutive(allowedFails: 3)] + rates, retryTimers: Self.timers, seeds: 2),
            jobs: 2)
        let consecutive = SweepRunner.run(
            scenario: Self.outage, grid: SweepGrid(allowedFails: [3], retryTimers: Self.timers, seeds: 2),
            jobs: 2)
        let rate = SweepRunner.run(
            scenario: Self.outage, grid: SweepGrid(trips: rates, retryTimers: Self.timers, seeds: 2), jobs: 2)
        #expect(Array(both.cells[0..<2]) == consecutive.cells)
        #expect(Array(both.cells[2...]) == rate.cells)
        #expect(both.grid.policies == [.consecutive, .failureRate])
        #expect(both.grid.rowTitle == "trip rule" && consecutive.grid.rowTitle == "allowed_fails")
        let bests = both.bestIndexPerPolicy
        #expect(bests.map(\.policy) == [.consecutive, .failureRate])
        #expect(bests[0].index == consecutive.bestIndex)
        #expect(bests[1].index == 2 + (rate.bestIndex ?? -1))
        let sentence = try #require(both.policyTradeOff)
        #expect(sentence.hasPrefix("Best of each policy on the same seeds: the "))
        #expect(both.headline.contains(sentence))
        #expect(consecutive.policyTradeOff == nil && rate.policyTradeOff == nil)
        // The JSON merges back into the same result.
        #expect(try SweepResult.merge([("whole.json", Array(both.json().utf8))]) == both)
    }

    @Test("the trade-off names the winner, the scores and whether the seeds tell them apart")
    func policyTradeOffSentence() throws {
        func cell(_ trip: SweepTrip, goodput: Double, calls: Double, scores: [Double]) -> SweepCell {
            SweepCell(
                trip: trip, retryTimer: 10_000_000_000,
                metrics: SweepMetrics(
                    goodputRatio: goodput, goodCallsRejected: 0, callsToFailingService: calls,
                    detectionDelay: nil, recoveryDelay: nil, falseOpens: 0, timeOpenRatio: 0),
                scores: scores)
        }
        let rate = SweepTrip.failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 20)
        var result = SweepResult(
            scenario: "x", seed: 1, seeds: 3, objective: .balanced, clients: ["app"],
            grid: SweepGrid(
                trips: [.consecutive(allowedFails: 3), rate], retryTimers: [10_000_000_000], seeds: 3),
            cells: [
                cell(.consecutive(allowedFails: 3), goodput: 0.90, calls: 500, scores: [0.80, 0.81, 0.82]),
                cell(rate, goodput: 0.92, calls: 300, scores: [0.85, 0.86, 0.87]),
            ],
            baseline: SweepMetrics(
                goodputRatio: 0.5, goodCallsRejected: 0, callsToFailingService: 1000, detectionDelay: nil,
                recoveryDelay: nil, falseOpens: 0, timeOpenRatio: 0),
            baselineCallsToFailing: [1000, 1000, 1000], scenarioOwn: nil, shard: nil)
        #expect(
            result.policyTradeOff
                == "Best of each policy on the same seeds: the failure-rate breaker (failure_rate 50% of the last 20 calls, retry_timer 10s) scores 0.860 against 0.810 for the consecutive breaker (allowed_fails 3, retry_timer 10s), more than two standard errors apart over 3 seeds; against it, the failure-rate breaker has 2.0 points more goodput and sends 200 fewer calls to the failing service."
        )
        // Paired differences that swing around zero: the seeds cannot tell them apart.
        result.cells[1]?.scores = [0.70, 0.81, 0.93]
        #expect(result.policyTradeOff?.contains("the seeds cannot tell them apart") == true)
        // The best failure rate on the highest threshold tried: try higher.
        #expect(result.edgeHints.isEmpty, "one threshold: no edge")
    }
}
