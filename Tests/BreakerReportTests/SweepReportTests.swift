import BreakerSimulation
import Testing

@testable import BreakerReport

/// The sweep report: the heat map with the best cell marked, the trade-off plots, the ranking.
@Suite struct SweepReportTests {
    static let grid = SweepGrid(
        allowedFails: [1, 3, 10], retryTimers: [2_000_000_000, 10_000_000_000, 60_000_000_000])

    static func sweep(jobs: Int = 2) async -> SweepResult {
        SweepRunner.run(scenario: TestScenarios.outage(), grid: grid, jobs: jobs)
    }

    @Test func thePageParsesAndMarksTheBestCell() async throws {
        let result = await Self.sweep()
        let html = SweepReport(result: result).html()
        let document = try XHTMLDocument(html)
        #expect(document.all("script").isEmpty)
        let cells = document.inside(series: "heat-map").filter { $0.name == "rect" }
        #expect(cells.count == 9)
        let best = try #require(result.bestIndex)
        let bestCell = try #require(result.cells[best])
        #expect(document.series.contains("best"))
        // The best cell's tooltip and its score are in the map.
        let texts = document.inside(series: "heat-map").filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains(formatScore(bestCell.score)))
        #expect(
            document.inside(series: "heat-map").contains {
                $0.name == "title"
                    && $0.text.hasPrefix(
                        "\(bestCell.settingsDescription): score"
                    )
            })
        // Axis titles and labels.
        let allTexts = Set(document.all("text").map(\.text))
        for label in ["allowed_fails", "retry_timer", "1", "3", "10", "2s", "10s", "1m", "score"] {
            #expect(allTexts.contains(label), "\(label)")
        }
        // The scenario's own settings (3, 10s) are in the grid and outlined, unless they are the best.
        if result.scenarioOwn.map({ $0.allowedFails == 3 && $0.retryTimer == 10_000_000_000 }) == true,
            Self.grid.cells[best].trip != .consecutive(allowedFails: 3)
                || Self.grid.cells[best].retryTimer != 10_000_000_000
        {
            #expect(document.series.contains("scenario-own"))
        }
    }

    @Test func theTradeOffPlotsHoldEveryCombinationAndTheReferences() async throws {
        let result = await Self.sweep()
        let document = try XHTMLDocument(SweepReport(result: result).html())
        let categories = document.series.filter { $0.hasPrefix("category:") }
        // Two plots, one marker group per retry_timer each.
        #expect(
            categories == ["category:retry_timer 2s", "category:retry_timer 10s", "category:retry_timer 1m"]
                + ["category:retry_timer 2s", "category:retry_timer 10s", "category:retry_timer 1m"])
        for name in ["category:retry_timer 2s", "category:retry_timer 1m"] {
            // A tooltip per combination: three allowed_fails values.
            let tips = document.inside(series: name).filter { $0.name == "title" }
            #expect(tips.count == 3)
        }
        #expect(document.series.filter { $0 == "no-breaker" }.count == 2)
        #expect(document.series.filter { $0 == "best" }.count == 3)
        let texts = Set(document.all("text").map(\.text))
        #expect(texts.contains("calls sent to the service while it was degraded (mean per run)"))
        #expect(texts.contains("good calls rejected (service healthy)"))
        #expect(texts.contains("good requests (within the deadline)"))
        #expect(texts.contains("better: toward the lower left"))
    }

    @Test func theSameSweepGivesTheSameBytesWhateverTheJobs() async {
        let one = SweepReport(result: await Self.sweep(jobs: 1)).html()
        let two = SweepReport(result: await Self.sweep(jobs: 2)).html()
        #expect(one == two)
        #expect(SweepReport(result: await Self.sweep(), style: .mono).html() != one)
    }

    @Test func anIncompleteSweepShowsTheCellsThatDidNotRun() async throws {
        var result = await Self.sweep()
        result.cells[4] = nil
        let document = try XHTMLDocument(SweepReport(result: result).html())
        #expect(document.all("p").contains { $0.text == "Incomplete: 1 of 9 combinations did not run." })
        #expect(Set(document.all("text").map(\.text)).contains("did not run"))
        let cells = document.inside(series: "heat-map").filter { $0.name == "rect" }
        #expect(cells.filter { $0.attributes["stroke-dasharray"] != nil }.count == 1)
    }

    @Test func theRankingTableListsTheTopAndTheReferences() async throws {
        let result = await Self.sweep()
        var report = SweepReport(result: result)
        report.rankingRows = 4
        let document = try XHTMLDocument(report.html())
        let rows = document.all("tr").filter { $0.path.last == "tbody" }
        // The ranking's rows, then the Pareto front's, then one per route when there are several.
        let routes = result.ranking.first?.metrics.routes.count ?? 0
        #expect(rows.count == 4 + 2 + result.paretoFront.count + (routes > 1 ? routes : 0))
        let cells = document.all("td").map(\.text)
        #expect(cells.contains("own"))
        #expect(cells.contains("no breaker"))
        #expect(document.all("p").contains { $0.text == "… and 5 more: --format csv lists them all." })
    }

    @Test func theFrontAndTheCellsWithinTheNoiseAreMarked() async throws {
        let grid = SweepGrid(allowedFails: [1, 3], retryTimers: [2_000_000_000, 10_000_000_000], seeds: 2)
        var result = SweepRunner.run(scenario: TestScenarios.outage(), grid: grid, jobs: 2)
        // Make cell 3 a noisy near-tie of the best.
        let best = try #require(result.bestIndex)
        let other = best == 3 ? 2 : 3
        let scores = try #require(result.cells[best]).scores
        result.cells[other]?.scores = [scores[0] + 0.05, scores[1] - 0.06]
        #expect(result.indistinguishableFromBest[other])
        let document = try XHTMLDocument(SweepReport(result: result).html())
        #expect(document.series.contains("indistinguishable"))
        #expect(document.inside(series: "indistinguishable").filter { $0.name == "text" }.count == 1)
        if result.paretoFront.count > 1 { #expect(document.series.contains("pareto-front")) }
        #expect(document.all("caption").contains { $0.text.hasPrefix("Pareto front: no other combination") })
        let texts = Set(document.all("th").map(\.text))
        #expect(texts.isSuperset(of: ["p99", "user wait"]))
    }
}
