import BreakerCore
import BreakerSimulation

// "Breaker states": the share of breakers not closed, per client and service, and one timeline row per
// breaker.
extension RunReport {
    func shareChart(axis: TimeAxis, palette: Palette) -> TimeChart {
        let groups = protected.groups.filter(\.protected)
        let series = groups.enumerated().map { position, group in
            let name = group.clientHasOtherServices ? group.title : group.clientName
            let key = group.clientHasOtherServices ? "\(group.clientName):\(group.serviceName)" : name
            return TimeChart.Series(
                id: "not-closed:\(key)",
                label: "\(name) (\(group.breakers) breaker\(group.breakers == 1 ? "" : "s"))",
                values: protected.samples.indices.map { column in
                    let samples = protected.samples[column]
                    guard samples > 0 else { return nil }
                    return Double(group.open[column] + group.halfOpen[column])
                        / Double(samples * group.breakers)
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
        for (index, group) in protected.groups.enumerated() {
            let rows = protected.timelines.filter { $0.group == index }.map { track in
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
            let title =
                group.title
                + (rows.count < group.breakers ? " (first \(rows.count) of \(group.breakers))" : "")
            groups.append(
                StateTimelineChart.Group(
                    title: title, service: group.serviceName, phases: phases(of: group.service), rows: rows))
        }
        return StateTimelineChart(title: "Breaker state over time", axis: axis, groups: groups)
    }

    var timelineCaption: String {
        let protectedGroups = protected.groups.enumerated().filter { $0.element.protected }
        let total = protectedGroups.reduce(0) { $0 + $1.element.breakers }
        let shown = protected.timelines.count
        var text =
            "One row per breaker (each client instance has one per service it calls), grouped by client and "
            + "service under that service's phases; "
        text +=
            protected.samplesPerColumn == 1
            ? "one column per sample. "
            : "each column spans \(formatDuration(scenario.sampleEvery * Nanoseconds(protected.samplesPerColumn))) "
                + "and shows the state held for most of it. "
        if shown < total {
            let perGroup = protectedGroups.map { index, group in
                "\(protected.timelines.filter { $0.group == index }.count) of \(group.breakers) \(group.title)"
            }
            text +=
                "Shown: \(shown) of \(total) breakers, the first few of each client and service "
                + "(\(perGroup.joined(separator: ", "))); the share chart above covers them all."
        } else {
            text += total == 1 ? "Shown: the one breaker." : "Shown: all \(total) breakers."
        }
        var unprotectedClients: [String] = []
        for group in protected.groups where !group.protected && !unprotectedClients.contains(group.clientName)
        {
            unprotectedClients.append(group.clientName)
        }
        if !unprotectedClients.isEmpty {
            text += " No breaker: \(unprotectedClients.joined(separator: ", "))."
        }
        return text
    }
}
