import BreakerSimTestSupport
import BreakerSimulation
import Testing

@testable import TerminalUI

/// The sweep's text report: what `breaker-sim sweep` prints on a terminal or into a pipe.
@Suite struct SweepTextTests {
    static let outage = SweepFixtures.longOutage

    static let grid = SweepGrid(
        allowedFails: [1, 3, 10, 100], retryTimers: [1_000_000_000, 10_000_000_000, 60_000_000_000])

    @Test func textReportNamesBestRunnerUpAndHeatMap() async {
        let result = SweepRunner.run(
            scenario: Self.outage, grid: Self.grid, objective: .protect, jobs: 2)
        let text = result.text(color: false)
        #expect(text.contains("best        allowed_fails 1, retry_timer 1m"))
        #expect(text.contains("runner-up   allowed_fails"))
        #expect(text.contains("Against the runner-up"))
        #expect(text.contains("scenario's own settings (allowed_fails 5, retry_timer 30s)"))
        #expect(text.contains("no breaker at all"))
        #expect(text.contains("  fails        1s      10s       1m\n  1       0.953 ░  0.995 ▓  0.999*█"))
        #expect(text.contains("the best sends 8 fewer calls to the failing service"))
        #expect(!text.contains("\u{1B}"))
        // In colour the cells are shaded in viridis (dark purple worst, yellow best) behind the score,
        // or in its eight-colour shape; the plain text inside stays the same.
        let shaded = result.text(color: true)
        #expect(shaded.contains("\u{1B}[0;38;5;16;48;5;226m  0.999*█\u{1B}[0m"))
        let basic = result.text(color: true, extendedColors: false)
        #expect(basic.contains("\u{1B}[0;30;43m  0.999*█\u{1B}[0m"))
        #expect(!basic.contains("38;5") && !basic.contains("48;5"))
        let csv = result.csv().split(separator: "\n")
        #expect(csv.count == 1 + 12)
        #expect(csv[0].hasPrefix("allowed_fails,retry_timer_s,score"))
    }

    @Test func anIncompleteSweepSaysSo() {
        let result = SweepRunner.run(scenario: Self.outage, grid: Self.grid, jobs: 1, shouldStop: { true })
        // Said before anything is ranked: what follows ranks only what ran.
        let text = result.text(color: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.count > 3 && lines[3].hasPrefix("INCOMPLETE: 12 of 12 combinations did not run")
                && lines[3].hasSuffix("none finished, so nothing is ranked."), "\(text)")
    }

    @Test func onlyTheBestCellIsStarredWhenOthersTieWithIt() {
        // A healthy service: no breaker ever trips, so every combination scores the same. The JSON
        // names one best; so does the star (it starred all four before).
        var healthy = Self.outage
        healthy.services[0].phases = []
        let grid = SweepGrid(allowedFails: [3, 5], retryTimers: [1_000_000_000, 10_000_000_000])
        let result = SweepRunner.run(scenario: healthy, grid: grid, jobs: 2)
        let scores = Set(result.cells.compactMap { $0?.score })
        #expect(scores.count == 1)
        let text = result.text(color: false)
        #expect(text.filter { $0 == "*" }.count == 2)  // the legend's "* marks the best" and one cell
        #expect(result.bestIndex == 0)
    }

    @Test func whenNoBreakerWinsTheReportSaysSoBeforeTheBest() {
        // A healthy service with random errors: every breaker only rejects good calls, so no breaker
        // at all has the most goodput.
        var flaky = Self.outage
        flaky.services[0].phases = []
        flaky.services[0].errorRate = 0.3
        flaky.duration = 60_000_000_000
        let grid = SweepGrid(allowedFails: [1, 2], retryTimers: [10_000_000_000])
        let result = SweepRunner.run(scenario: flaky, grid: grid, objective: .availability, jobs: 2)
        #expect(result.baselineBeatsEveryCell)
        let text = result.text(color: false)
        let lines = text.split(separator: "\n")
        let warning = lines.firstIndex {
            $0.hasPrefix("No breaker at all beats every combination tried on availability")
        }
        let best = lines.firstIndex { $0.hasPrefix("best        allowed_fails") }
        #expect(warning != nil && best != nil && warning! < best!)
        // The Pareto front and the new columns are there.
        #expect(text.contains("Pareto front: no other combination has both more goodput"))
        #expect(text.contains(" p99 ") && text.contains(" wait "))
        // allowed_fails 2 is the largest tried; retry_timer has one value, so no hint for it.
        #expect(text.contains("try --allowed-fails 2...4"))
        #expect(!text.contains("--retry-timer 10s,20s"))
    }

    @Test func theRoutesOfEveryClientAreListed() {
        let result = SweepRunner.run(
            scenario: SweepFixtures.twoClients,
            grid: SweepGrid(allowedFails: [2], retryTimers: [5_000_000_000]),
            jobs: 2)
        let text = result.text(color: false)
        #expect(text.contains("good requests per route"))
        #expect(text.contains("web/lookup"))
        let scored = SweepRunner.run(
            scenario: SweepFixtures.twoClients,
            grid: SweepGrid(allowedFails: [2], retryTimers: [5_000_000_000]),
            clients: ["web"], jobs: 2)
        #expect(scored.text(color: false).contains("scored on web only"))
    }
}

extension SweepTextTests {
    @Test("a sweep of both policies: rows labelled by their rule, and the best of each side by side")
    func bothPolicies() throws {
        let rate = SweepTrip.failureRate(threshold: 0.5, window: .calls(20), minimumCalls: 10)
        let result = SweepRunner.run(
            scenario: Self.outage,
            grid: SweepGrid(
                trips: [.consecutive(allowedFails: 3), rate], retryTimers: [1_000_000_000, 10_000_000_000],
                seeds: 2),
            jobs: 2)
        let text = result.text(color: false)
        #expect(text.contains("best of each policy, on the same seeds"))
        #expect(text.contains("\n  consecutive   allowed_fails 3, retry_timer "), "\(text)")
        #expect(
            text.contains(
                "\n  failure_rate  50% of the last 20 calls (at least 10), retry_timer "))
        #expect(text.contains("score by trip rule (rows) and retry_timer (columns)"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.firstIndex { $0.hasPrefix("  trip rule ") })
        #expect(lines[header + 1].hasPrefix("  3             "), "\(lines[header + 1])")
        #expect(lines[header + 2].hasPrefix("  50% of 20 ≥10 "), "\(lines[header + 2])")
        #expect(text.contains(try #require(result.policyTradeOff)))
        // A sweep of one policy has no side-by-side block.
        let one = SweepRunner.run(
            scenario: Self.outage, grid: SweepGrid(trips: [rate], retryTimers: [1_000_000_000]), jobs: 2)
        #expect(!one.text(color: false).contains("best of each policy"))
    }
}
