import BreakerCore
public import BreakerSimulation

/// A self-contained HTML page about one scenario: the run with breakers, drawn over time, with the
/// same run without breakers overlaid so that what the breakers protect is visible at a glance.
///
/// The page depends on nothing but the runs: the same scenario and seed give the same bytes.
public struct RunReport: Sendable {
    /// The run with the scenario's breakers.
    public var protected: RunHistory
    /// The summary of the run with breakers (the tables' first column).
    public var summary: RunSummary
    /// The same scenario with every breaker removed, if it ran.
    public var unprotected: RunHistory?
    /// Its summary, if it ran.
    public var unprotectedSummary: RunSummary?
    /// Colour or monochrome charts.
    public var style: ReportStyle

    /// A report of `withBreakers`, compared with `withoutBreakers` where given.
    public init(
        withBreakers: (history: RunHistory, summary: RunSummary),
        withoutBreakers: (history: RunHistory, summary: RunSummary)?, style: ReportStyle = .color
    ) {
        protected = withBreakers.history
        summary = withBreakers.summary
        unprotected = withoutBreakers?.history
        unprotectedSummary = withoutBreakers?.summary
        self.style = style
    }

    /// Runs the scenario with and without breakers and reports both.
    public static func run(_ scenario: Scenario, style: ReportStyle = .color) -> RunReport {
        RunReport(
            withBreakers: RunHistory.collect(scenario, withBreakers: true),
            withoutBreakers: RunHistory.collect(scenario, withBreakers: false), style: style)
    }

    var scenario: Scenario { protected.scenario }

    /// The HTML document.
    public func html() -> String {
        let palette = Palette(style)
        let axis = TimeAxis(protected)
        var page = ReportPage(title: "\(scenario.name) — breaker-sim report", style: style)
        page.append(.element("h1", text: scenario.name))
        if !scenario.description.isEmpty { page.append(.paragraph(scenario.description)) }
        page.append(.paragraph(overview, class: "meta"))
        if let interrupted = summary.interruptedAt {
            page.append(
                .paragraph(
                    "Interrupted at \(formatDuration(interrupted)) of \(formatDuration(scenario.duration)): "
                        + "the charts and figures cover that part only.", class: "verdict"))
        }
        page.append(.element("div", class: "verdict", headline.map { .paragraph($0) }))

        if protected.groups.contains(where: \.protected) {
            page.append(.element("h2", text: "Breaker states"))
            page.appendFigure(
                shareChart(axis: axis, palette: palette).document(palette: palette),
                caption:
                    "Share of each client's breakers that were open or half-open, over every breaker of the "
                    + "client (per service it calls, when it calls several). \(columnNote)")
            page.appendFigure(
                timelineChart(axis: axis).document(palette: palette), caption: timelineCaption)
        } else {
            page.append(.paragraph("No client of this scenario has a breaker: nothing opens.", class: "note"))
        }

        page.append(.element("h2", text: "Requests"))
        page.appendFigure(
            requestsChart(axis: axis, palette: palette).document(palette: palette),
            caption:
                "User requests per second by how they ended, summed over every client: good = succeeded "
                + "within the client's deadline; late = answered after it; shed = refused because every "
                + "worker was busy; failed = a call failed or was rejected without a fallback; degraded = "
                + "answered by a fallback."
                + (unprotected == nil ? "" : " The same run without breakers beside it.") + " \(columnNote)")
        page.append(requestsTable)

        page.append(.element("h2", text: "Calls"))
        page.appendFigure(
            callsChart(axis: axis, palette: palette).document(palette: palette),
            caption:
                "Attempts at the breakers per second, retries included, summed over every client: offered "
                + "= executed + rejected; executed calls succeed or fail (a timeout is a failure)."
                + (unprotected == nil
                    ? "" : " \"Succeeded without breakers\" is the same run with every breaker removed.")
                + " \(columnNote)")

        page.append(.element("h2", text: "Services"))
        for (index, service) in protected.services.enumerated() {
            page.append(.element("h3", text: service.name))
            page.appendFigure(
                errorRateChart(service: index, axis: axis, palette: palette).document(palette: palette),
                caption:
                    "Share of the calls \(service.name) received that failed (errors, and calls it dropped "
                    + "when its queue was full), with breakers and without. Shaded: the scenario's phases.")
            page.appendFigure(
                loadChart(service: index, axis: axis, palette: palette).document(palette: palette),
                caption:
                    "Calls \(service.name) received per second (its load), with breakers and without: what "
                    + "the breakers keep off an ailing service.")
        }

        page.append(.element("h2", text: "Summary"))
        page.append(metricsTable)
        if !summary.episodes.isEmpty { page.append(episodesTable) }
        page.append(clientsTable)
        page.append(servicesTable)
        page.append(
            .element(
                "footer",
                text: "breaker-sim run --report. The same scenario and seed always give this same file; "
                    + "the runs are simulated, on virtual time."))
        return page.render()
    }
}
