import BreakerSimulation

/// A self-contained HTML page about a sweep: the score over allowed_fails × retry_timer as a heat map
/// with the best combination marked, and the trade-offs behind the score as plots.
public struct SweepReport: Sendable {
    /// The sweep (complete, merged from shards, or stopped early).
    public var result: SweepResult
    /// Colour or monochrome charts.
    public var style: ReportStyle
    /// Rows of the ranking table; the rest are counted below it.
    public var rankingRows = 15

    /// A report of `result`.
    public init(result: SweepResult, style: ReportStyle = .color) {
        self.result = result
        self.style = style
    }

    private var grid: SweepGrid { result.grid }

    /// The HTML document.
    public func html() -> String {
        let palette = Palette(style)
        var page = ReportPage(title: "Sweep of \(result.scenario) — breaker-sim report", style: style)
        page.append(.element("h1", text: "Sweep: \(result.scenario)"))
        page.append(.paragraph(overview, class: "meta"))
        page.append(.element("div", class: "verdict", verdict.map { .paragraph($0) }))

        page.append(.element("h2", text: "Score by allowed_fails and retry_timer"))
        page.appendFigure(
            heatMap.document(palette: palette),
            caption: "Each cell is one combination, shaded by its score (\(result.objective.rawValue): "
                + "\(result.objective.explanation)); "
                + (style == .mono
                    ? "light is worse, dark is better" : "dark purple is worse, bright yellow is better")
                + ". The shading spans the scores shown, so small differences stay visible: read the numbers."
                + (result.seeds > 1 ? " Scores are means over \(result.seeds) seeds." : ""))

        page.append(.element("h2", text: "Trade-offs"))
        page.appendFigure(
            tradeOff(
                title: "Load on the failing service against good calls rejected",
                yTitle: "good calls rejected (service healthy)", yAxis: .quantity,
                hint: "better: toward the lower left",
                y: \.goodCallsRejected
            ).document(palette: palette),
            caption:
                "Every combination: the calls sent to a service while it was degraded (what the breakers "
                + "are for) against the calls rejected while it was healthy (what they cost). Marker shape and "
                + "colour: retry_timer; the number beside a marker: allowed_fails.")
        page.appendFigure(
            tradeOff(
                title: "Load on the failing service against requests that succeeded",
                yTitle: "requests that succeeded", yAxis: .share, hint: "better: toward the upper left",
                y: \.goodputRatio
            ).document(palette: palette),
            caption:
                "The same combinations: calls sent to the degraded service against the share of requests "
                + "that eventually succeeded (goodput).")

        page.append(.element("h2", text: "Ranking"))
        page.append(rankingTable)
        page.append(
            .element(
                "footer",
                text:
                    "breaker-sim sweep --report. The same scenario, grid and seeds always give this same file."
            ))
        return page.render()
    }

    // MARK: Text

    private var overview: String {
        let combinations = grid.allowedFails.count * grid.retryTimers.count
        return
            "\(combinations) combinations × \(result.seeds) seed\(result.seeds == 1 ? "" : "s") (from seed "
            + "\(result.seed)) · objective \(result.objective.rawValue) · varying "
            + (result.clients.isEmpty ? "every protected client" : result.clients.joined(separator: ", "))
    }

    private func describe(_ cell: SweepCell) -> String {
        "allowed_fails \(cell.allowedFails), retry_timer \(formatDuration(cell.retryTimer))"
    }

    private var verdict: [String] {
        var lines: [String] = []
        let ranked = result.ranking
        if let best = ranked.first {
            lines.append("Best: \(describe(best)), score \(formatScoreText(best.score)).")
            if ranked.count > 1 {
                lines.append("Runner-up: \(describe(ranked[1])), score \(formatScoreText(ranked[1].score)).")
            }
            if let tradeOff = result.tradeOff { lines.append(tradeOff) }
        } else {
            lines.append("No combination finished.")
        }
        if let own = result.scenarioOwn {
            let rank = ranked.firstIndex { $0.score <= own.score }.map { $0 + 1 } ?? ranked.count + 1
            lines.append(
                "The scenario's own settings (\(describe(own))) score \(formatScoreText(own.score)) and would rank "
                    + "\(rank) of \(ranked.count + 1).")
        }
        lines.append(
            "No breaker at all: score \(formatScoreText(result.baselineScore)), \(formatShare(result.baseline.goodputRatio)) "
                + "of requests succeeded, \(formatInteger(Int(result.baseline.callsToFailingService.rounded()))) calls "
                + "sent to the failing service.")
        if !result.isComplete {
            lines.append(
                "Incomplete: \(result.cells.filter { $0 == nil }.count) of \(result.cells.count) combinations did not run."
            )
        }
        return lines
    }

    // MARK: Charts

    var heatMap: HeatMapChart {
        let ownIndex = result.scenarioOwn.flatMap { own in
            grid.cells.firstIndex { $0.allowedFails == own.allowedFails && $0.retryTimer == own.retryTimer }
        }
        return HeatMapChart(
            title: "Score by allowed_fails (rows) and retry_timer (columns)",
            rowTitle: "allowed_fails", columnTitle: "retry_timer",
            rowLabels: grid.allowedFails.map(String.init), columnLabels: grid.retryTimers.map(formatDuration),
            cells: result.cells.map { cell in
                cell.map {
                    HeatMapChart.Cell(
                        score: $0.score,
                        text: formatScoreText($0.score),
                        tooltip: "\(describe($0)): score \(formatScoreText($0.score)), goodput "
                            + "\(formatShare($0.metrics.goodputRatio)), \(formatQuantity($0.metrics.callsToFailingService)) "
                            + "calls to the failing service, \(formatQuantity($0.metrics.goodCallsRejected)) good calls rejected"
                    )
                }
            },
            best: result.bestIndex, own: ownIndex)
    }

    func tradeOff(
        title: String, yTitle: String, yAxis: ScatterChart.Axis, hint: String,
        y: KeyPath<SweepMetrics, Double>
    ) -> ScatterChart {
        var dots: [ScatterChart.Dot] = []
        for (column, timer) in grid.retryTimers.enumerated() {
            for (row, fails) in grid.allowedFails.enumerated() {
                guard let cell = result.cells[row * grid.retryTimers.count + column] else { continue }
                dots.append(
                    ScatterChart.Dot(
                        x: cell.metrics.callsToFailingService, y: cell.metrics[keyPath: y], category: column,
                        tag: String(fails),
                        tooltip: "allowed_fails \(fails), retry_timer \(formatDuration(timer)): score "
                            + formatScoreText(cell.score)))
            }
        }
        var highlights: [ScatterChart.Highlight] = []
        if let best = result.ranking.first {
            highlights.append(
                ScatterChart.Highlight(
                    kind: .best, x: best.metrics.callsToFailingService, y: best.metrics[keyPath: y],
                    label: "best: \(best.allowedFails), \(formatDuration(best.retryTimer))"))
        }
        if let own = result.scenarioOwn {
            highlights.append(
                ScatterChart.Highlight(
                    kind: .own, x: own.metrics.callsToFailingService, y: own.metrics[keyPath: y],
                    label: "scenario's own: \(own.allowedFails), \(formatDuration(own.retryTimer))"))
        }
        highlights.append(
            ScatterChart.Highlight(
                kind: .baseline, x: result.baseline.callsToFailingService, y: result.baseline[keyPath: y],
                label: "no breaker: \(formatQuantity(result.baseline.callsToFailingService)) calls"))
        return ScatterChart(
            title: title, xTitle: "calls sent to the service while it was degraded (mean per run)",
            yTitle: yTitle,
            yAxis: yAxis, hint: hint,
            categories: grid.retryTimers.map { "retry_timer \(formatDuration($0))" },
            dots: dots, highlights: highlights)
    }

    // MARK: Tables

    private var rankingTable: Markup {
        let ranked = result.ranking
        var rows = ranked.prefix(rankingRows).enumerated().map { index, cell in
            row(rank: String(index + 1), cell.allowedFails.description, formatDuration(cell.retryTimer), cell)
        }
        if let own = result.scenarioOwn {
            rows.append(row(rank: "own", String(own.allowedFails), formatDuration(own.retryTimer), own))
        }
        let m = result.baseline
        rows.append([
            "none", "no breaker", "", formatScoreText(result.baselineScore), formatShare(m.goodputRatio),
            formatQuantity(m.goodCallsRejected), formatQuantity(m.callsToFailingService), "–", "–",
            formatQuantity(m.falseOpens),
            formatShare(m.timeOpenRatio),
        ])
        let more = ranked.count - min(ranked.count, rankingRows)
        let table = Markup.dataTable(
            header: [
                "rank", "allowed_fails", "retry_timer", "score", "goodput", "good rejected", "to failing",
                "detection", "recovery", "false opens", "open",
            ], rows: rows, numeric: Set(3...10),
            caption: "Combinations by score" + (more > 0 ? " (the top \(rankingRows))" : ""))
        let note = Markup.paragraph("… and \(more) more: --format csv lists them all.", class: "note")
        return .element("div", more > 0 ? [table, note] : [table])
    }

    private func row(rank: String, _ fails: String, _ timer: String, _ cell: SweepCell) -> [String] {
        let m = cell.metrics
        return [
            rank, fails, timer,
            formatScoreText(cell.score) + (result.seeds > 1 ? " ± " + formatScoreText(cell.spread) : ""),
            formatShare(m.goodputRatio), formatQuantity(m.goodCallsRejected),
            formatQuantity(m.callsToFailingService),
            m.detectionDelay.map(formatSecondsShort) ?? "–", m.recoveryDelay.map(formatSecondsShort) ?? "–",
            formatQuantity(m.falseOpens), formatShare(m.timeOpenRatio),
        ]
    }
}
