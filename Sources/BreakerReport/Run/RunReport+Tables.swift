import BreakerCore
import BreakerSimulation

// "Summary": the metric, episode, client and service tables.
extension RunReport {
    var metricsTable: Markup {
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

    var episodesTable: Markup {
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

    var clientsTable: Markup {
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
                client.name, client.dependencies.joined(separator: ", "), String(client.instances),
                settings ?? "none",
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

    var servicesTable: Markup {
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
