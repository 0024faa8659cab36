import BreakerCore
import BreakerSimulation

/// A self-contained HTML page about one scenario: the run with breakers, drawn over time, with the
/// same run without breakers overlaid so that what the breakers protect is visible at a glance.
///
/// The page depends on nothing but the runs: the same scenario and seed give the same bytes.
public struct RunReport: Sendable {
    /// The run with the scenario's breakers.
    public var protected: RunRecording
    /// The summary of the run with breakers (the tables' first column).
    public var summary: RunSummary
    /// The same scenario with every breaker removed, if it ran.
    public var unprotected: RunRecording?
    /// Its summary, if it ran.
    public var unprotectedSummary: RunSummary?
    /// Colour or monochrome charts.
    public var style: ReportStyle

    /// A report of `withBreakers`, compared with `withoutBreakers` where given.
    public init(
        withBreakers: (recording: RunRecording, summary: RunSummary),
        withoutBreakers: (recording: RunRecording, summary: RunSummary)?, style: ReportStyle = .color
    ) {
        protected = withBreakers.recording
        summary = withBreakers.summary
        unprotected = withoutBreakers?.recording
        unprotectedSummary = withoutBreakers?.summary
        self.style = style
    }

    /// Runs the scenario with and without breakers and reports both.
    public static func run(_ scenario: Scenario, style: ReportStyle = .color) -> RunReport {
        RunReport(
            withBreakers: RunRecording.record(scenario, withBreakers: true),
            withoutBreakers: RunRecording.record(scenario, withBreakers: false), style: style)
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

        if protected.clients.contains(where: \.protected) {
            page.append(.element("h2", text: "Breaker states"))
            page.appendFigure(
                shareChart(axis: axis, palette: palette).document(palette: palette),
                caption:
                    "Share of each client's breakers that were open or half-open, over every breaker of the "
                    + "client. \(columnNote)")
            page.appendFigure(
                timelineChart(axis: axis).document(palette: palette), caption: timelineCaption)
        } else {
            page.append(.paragraph("No client of this scenario has a breaker: nothing opens.", class: "note"))
        }

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

    // MARK: Text

    private var overview: String {
        let breakers = scenario.clients.reduce(0) { $0 + $1.instances }
        let services = scenario.services.count
        return "seed \(scenario.seed) · \(formatDuration(scenario.duration)) simulated, sampled every "
            + "\(formatDuration(scenario.sampleEvery)) · \(breakers) client instance\(breakers == 1 ? "" : "s") in "
            + "\(scenario.clients.count) client\(scenario.clients.count == 1 ? "" : "s") · \(services) "
            + "service\(services == 1 ? "" : "s")"
    }

    /// One or two sentences a reader takes away.
    private var headline: [String] {
        let with = summary.metrics
        var lines: [String] = []
        let goodput = with.goodputRatio.map(formatShare) ?? "–"
        if let unprotectedSummary {
            let without = unprotectedSummary.metrics
            lines.append(
                "With breakers \(goodput) of requests succeeded; without them "
                    + "\(without.goodputRatio.map(formatShare) ?? "–").")
            lines.append(
                "While a service was degraded it received \(formatInteger(with.callsToFailingService)) calls with "
                    + "breakers and \(formatInteger(without.callsToFailingService)) without; the breakers rejected "
                    + "\(formatInteger(with.goodCallsRejected)) calls while it was healthy.")
        } else {
            lines.append(
                "\(goodput) of requests succeeded; a degraded service received "
                    + "\(formatInteger(with.callsToFailingService)) calls.")
        }
        return lines
    }

    private var columnNote: String {
        let seconds = protected.samplesPerColumn
        return seconds == 1
            ? "One point per sample (\(formatDuration(scenario.sampleEvery)))."
            : "Each point sums \(seconds) samples (\(formatDuration(scenario.sampleEvery * Nanoseconds(seconds)))), "
                + "to keep the page small."
    }

    private var timelineCaption: String {
        let protectedClients = protected.clients.enumerated().filter { $0.element.protected }
        let total = protectedClients.reduce(0) { $0 + $1.element.instances }
        let shown = protected.timelines.count
        var text = "One row per breaker (client instance), grouped by client under its service's phases; "
        text +=
            protected.samplesPerColumn == 1
            ? "one column per sample. "
            : "each column spans \(formatDuration(scenario.sampleEvery * Nanoseconds(protected.samplesPerColumn))) "
                + "and shows the state held for most of it. "
        if shown < total {
            let perClient = protectedClients.map { index, client in
                "\(protected.timelines.filter { $0.client == index }.count) of \(client.instances) \(client.name)"
            }
            text +=
                "Shown: \(shown) of \(total) breakers, the first few of each client (\(perClient.joined(separator: ", "))); "
                + "the share chart above covers them all."
        } else {
            text += "Shown: all \(total) breakers."
        }
        let unprotectedClients = protected.clients.filter { !$0.protected }.map(\.name)
        if !unprotectedClients.isEmpty {
            text += " No breaker: \(unprotectedClients.joined(separator: ", "))."
        }
        return text
    }

    // MARK: Charts

    private func phases(of service: Int) -> [TimeChart.Band] {
        protected.services[service].phases.filter { $0.at < scenario.duration }.map {
            TimeChart.Band(start: $0.at, end: min($0.end, scenario.duration), label: $0.label)
        }
    }

    private func perSecond(_ counts: [Int], of recording: RunRecording) -> [Double?] {
        counts.indices.map { column in
            recording.samples[column] > 0 ? Double(counts[column]) / recording.recordedSeconds(column) : nil
        }
    }

    func shareChart(axis: TimeAxis, palette: Palette) -> TimeChart {
        let clients = protected.clients.filter(\.protected)
        let series = clients.enumerated().map { position, client in
            TimeChart.Series(
                id: "not-closed:\(client.name)",
                label: "\(client.name) (\(client.instances) breaker\(client.instances == 1 ? "" : "s"))",
                values: protected.samples.indices.map { column in
                    let samples = protected.samples[column]
                    guard samples > 0 else { return nil }
                    return Double(client.open[column] + client.halfOpen[column])
                        / Double(samples * client.instances)
                },
                stroke: palette.category(position))
        }
        return TimeChart(
            title: "Share of breakers open or half-open, per client", axis: axis, yTitle: "open or half-open",
            scale: .share, series: series, bands: scenario.services.count == 1 ? phases(of: 0) : [],
            plotHeight: 150)
    }

    func timelineChart(axis: TimeAxis) -> StateTimelineChart {
        var groups: [StateTimelineChart.Group] = []
        for (index, client) in protected.clients.enumerated() {
            let rows = protected.timelines.filter { $0.client == index }.map { track in
                StateTimelineChart.Row(
                    label: track.name,
                    states: track.closed.indices.map { column in
                        majority(
                            closed: track.closed[column], open: track.open[column],
                            halfOpen: track.halfOpen[column])
                    },
                    probes: track.probes)
            }
            guard !rows.isEmpty else { continue }
            let service = protected.services[client.service].name
            let title =
                "\(client.name) → \(service)"
                + (rows.count < client.instances ? " (first \(rows.count) of \(client.instances))" : "")
            groups.append(
                StateTimelineChart.Group(
                    title: title, service: service, phases: phases(of: client.service), rows: rows))
        }
        return StateTimelineChart(title: "Breaker state over time", axis: axis, groups: groups)
    }

    func callsChart(axis: TimeAxis, palette: Palette) -> TimeChart {
        let calls = protected.calls
        var series = [
            TimeChart.Series(
                id: "offered", label: "offered", values: perSecond(calls.offered, of: protected),
                stroke: palette.offered),
            TimeChart.Series(
                id: "succeeded", label: "succeeded", values: perSecond(calls.succeeded, of: protected),
                stroke: palette.succeeded),
            TimeChart.Series(
                id: "failed", label: "failed", values: perSecond(calls.failed, of: protected),
                stroke: palette.failed),
            TimeChart.Series(
                id: "rejected", label: "rejected by a breaker",
                values: perSecond(calls.rejected, of: protected),
                stroke: palette.rejected),
        ]
        if let unprotected {
            series.append(
                TimeChart.Series(
                    id: "succeeded:without-breakers", label: "succeeded without breakers",
                    values: perSecond(unprotected.calls.succeeded, of: unprotected),
                    stroke: palette.succeededWithoutBreakers))
        }
        return TimeChart(
            title: "Calls per second", axis: axis, yTitle: "calls/s", scale: .quantity, series: series,
            bands: scenario.services.count == 1 ? phases(of: 0) : [])
    }

    func errorRateChart(service index: Int, axis: TimeAxis, palette: Palette) -> TimeChart {
        func rates(_ recording: RunRecording) -> [Double?] {
            let track = recording.services[index]
            return track.received.indices.map { column in
                track.received[column] > 0
                    ? Double(track.failed[column]) / Double(track.received[column]) : nil
            }
        }
        let name = protected.services[index].name
        var series = [
            TimeChart.Series(
                id: "error-rate:\(name)", label: "with breakers", values: rates(protected),
                stroke: palette.withBreakers)
        ]
        if let unprotected {
            series.append(
                TimeChart.Series(
                    id: "error-rate:\(name):without-breakers", label: "without breakers",
                    values: rates(unprotected),
                    stroke: palette.withoutBreakers))
        }
        return TimeChart(
            title: "\(name): error rate", axis: axis, yTitle: "failed calls", scale: .share, series: series,
            bands: phases(of: index), plotHeight: 140)
    }

    func loadChart(service index: Int, axis: TimeAxis, palette: Palette) -> TimeChart {
        let name = protected.services[index].name
        var series = [
            TimeChart.Series(
                id: "load:\(name)", label: "with breakers",
                values: perSecond(protected.services[index].received, of: protected),
                stroke: palette.withBreakers)
        ]
        if let unprotected {
            series.append(
                TimeChart.Series(
                    id: "load:\(name):without-breakers", label: "without breakers",
                    values: perSecond(unprotected.services[index].received, of: unprotected),
                    stroke: palette.withoutBreakers))
        }
        return TimeChart(
            title: "\(name): calls received per second", axis: axis, yTitle: "received calls/s",
            scale: .quantity,
            series: series, bands: phases(of: index), plotHeight: 140)
    }

    // MARK: Tables

    private var metricsTable: Markup {
        let with = summary
        let without = unprotectedSummary
        func row(_ label: String, breakersOnly: Bool = false, _ value: (RunSummary) -> String) -> [String] {
            [label, value(with)]
                + (without.map { [breakersOnly && !$0.withBreakers ? "–" : value($0)] } ?? [])
        }
        let rows: [[String]] = [
            row("requests (first attempts)") { formatInteger($0.totals.requests) },
            row("requests that succeeded") { $0.metrics.goodputRatio.map(formatShare) ?? "–" },
            row("goodput (requests/s)") { formatRate($0.metrics.goodputPerSecond) },
            row("attempts offered") { formatInteger($0.totals.offered) },
            row("attempts executed") { formatInteger($0.totals.executed) },
            row("attempts failed") { formatInteger($0.totals.failed) },
            row("attempts rejected by a breaker") { formatInteger($0.totals.rejected) },
            row("calls sent to a degraded service") { formatInteger($0.metrics.callsToFailingService) },
            row("good calls rejected (service healthy)") { formatInteger($0.metrics.goodCallsRejected) },
            row("breaker opens", breakersOnly: true) { formatInteger($0.totals.opens) },
            row("false opens (service healthy)", breakersOnly: true) { formatInteger($0.metrics.falseOpens) },
            row("probes", breakersOnly: true) { formatInteger($0.totals.probes) },
            row("detection delay (mean)", breakersOnly: true) {
                $0.metrics.detectionDelay.map(formatDelay) ?? "–"
            },
            row("recovery delay (mean)", breakersOnly: true) {
                $0.metrics.recoveryDelay.map(formatDelay) ?? "–"
            },
            row("time open or half-open", breakersOnly: true) {
                $0.metrics.timeOpenRatio.map(formatShare) ?? "–"
            },
        ]
        return .dataTable(
            header: ["metric", "with breakers"] + (without == nil ? [] : ["without breakers"]), rows: rows,
            numeric: [1, 2], caption: "Metrics (definitions in the README)")
    }

    private var episodesTable: Markup {
        let rows = summary.episodes.map { result -> [String] in
            [
                summary.services[result.episode.service].name, result.episode.label,
                "\(formatDuration(result.episode.start))–\(formatDuration(result.episode.end))",
                "\(result.detected) of \(result.breakers)", result.meanDetectionDelay.map(formatDelay) ?? "–",
                result.meanRecoveryDelay.map(formatDelay) ?? "–", String(result.unrecovered),
            ]
        }
        return .dataTable(
            header: [
                "service", "episode", "when", "breakers opened", "detection", "recovery", "never closed",
            ],
            rows: rows, numeric: [3, 4, 5, 6], caption: "Episodes (a service degraded)")
    }

    private var clientsTable: Markup {
        let rows = scenario.clients.map { client -> [String] in
            let breakers = summary.breakers.filter { $0.client == client.name }
            func sum(_ value: (BreakerStats) -> Int) -> Int { breakers.reduce(0) { $0 + value($1.stats) } }
            let time = breakers.reduce(Nanoseconds(0)) {
                $0 + $1.stats.timeClosed + $1.stats.timeOpen + $1.stats.timeHalfOpen
            }
            let notClosed = breakers.reduce(Nanoseconds(0)) { $0 + $1.stats.timeOpen + $1.stats.timeHalfOpen }
            let settings = client.breaker.map {
                "\($0.allowedFails) fails, \(formatDuration($0.retryTimer))"
            }
            return [
                client.name, client.calls, String(client.instances), settings ?? "none",
                formatInteger(sum(\.offered)),
                formatInteger(sum(\.succeeded)), formatInteger(sum(\.failed)), formatInteger(sum(\.rejected)),
                formatInteger(sum(\.opens)), formatInteger(sum(\.probes)),
                client.breaker == nil || time == 0 ? "–" : formatShare(Double(notClosed) / Double(time)),
            ]
        }
        return .dataTable(
            header: [
                "client", "calls", "instances", "breaker", "offered", "succeeded", "failed", "rejected",
                "opens",
                "probes", "not closed",
            ], rows: rows, numeric: Set(2...10).subtracting([3]), caption: "Clients, with breakers")
    }

    private var servicesTable: Markup {
        let rows = summary.services.enumerated().map { index, service -> [String] in
            var row = [
                service.name, formatInteger(service.received), formatInteger(service.succeeded),
                formatInteger(service.failed),
            ]
            if let unprotectedSummary {
                let other = unprotectedSummary.services[index]
                row += [formatInteger(other.received), formatInteger(other.failed)]
            }
            return row
        }
        return .dataTable(
            header: ["service", "received", "succeeded", "failed"]
                + (unprotectedSummary == nil
                    ? [] : ["received without breakers", "failed without breakers"]),
            rows: rows, numeric: [1, 2, 3, 4, 5], caption: "Services")
    }
}
