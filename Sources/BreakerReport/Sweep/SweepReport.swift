public import BreakerSimulation

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

    var grid: SweepGrid { result.grid }

    /// The HTML document.
    public func html() -> String {
        let palette = Palette(style)
        var page = ReportPage(title: "Sweep of \(result.scenario) — breaker-sim report", style: style)
        page.append(.element("h1", text: "Sweep: \(result.scenario)"))
        page.append(.paragraph(overview, class: "meta"))
        page.append(.element("div", class: "verdict", verdict.map { .paragraph($0) }))

        page.append(.element("h2", text: "Score by \(grid.rowTitle) and retry_timer"))
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
                + "colour: retry_timer; the label beside a marker: \(grid.rowTitle).")
        page.appendFigure(
            tradeOff(
                title: "Load on the failing service against good requests",
                yTitle: "good requests (within the deadline)", yAxis: .share,
                hint: "better: toward the upper left",
                y: \.goodputRatio, front: true
            ).document(palette: palette),
            caption:
                "The same combinations: calls sent to the degraded service against the share of requests "
                + "that were good (succeeded within their deadline: goodput). The dashed line joins the Pareto "
                + "front, the combinations no other beats on both, from the fewest calls to the most.")
        page.append(paretoTable)
        if let routes = routesTable { page.append(routes) }

        page.append(.element("h2", text: "Ranking"))
        if let policies = policiesTable { page.append(policies) }
        page.append(rankingTable)
        page.append(
            .element(
                "footer",
                text:
                    "breaker-sim sweep --report. The same scenario, grid and seeds always give this same file."
            ))
        return page.render()
    }
}
