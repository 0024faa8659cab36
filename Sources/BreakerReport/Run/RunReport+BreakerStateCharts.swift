import BreakerCore
import BreakerSimulation

// "Breaker states": the share of breakers not closed, per client, and one timeline row per breaker.
extension RunReport {
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

    var timelineCaption: String {
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
            text += total == 1 ? "Shown: the one breaker." : "Shown: all \(total) breakers."
        }
        let unprotectedClients = protected.clients.filter { !$0.protected }.map(\.name)
        if !unprotectedClients.isEmpty {
            text += " No breaker: \(unprotectedClients.joined(separator: ", "))."
        }
        return text
    }
}
