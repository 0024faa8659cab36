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
            row("requests") { formatInteger($0.totals.requests.requests) },
            row("good requests (succeeded within the deadline)") {
                $0.metrics.goodputRatio.map(formatShare) ?? "–"
            },
            row("goodput (good requests/s)") { formatRate($0.metrics.goodputPerSecond) },
            row("requests degraded (fallback)") { formatInteger($0.totals.requests.degraded) },
            row("requests late") { formatInteger($0.totals.requests.late) },
            row("requests shed (no worker)") { formatInteger($0.totals.requests.shed) },
            row("requests failed") { formatInteger($0.totals.requests.failed) },
            row("user wait on requests not good") { formatUserWait($0.totals.requests.userWait) },
            row("p99 request latency (slowest client)") {
                $0.clients.compactMap(\.latency?.p99).max().map(formatLatency) ?? "–"
            },
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

    /// Per client and route: requests and how they ended, with breakers and without.
    var requestsTable: Markup {
        var rows: [[String]] = []
        func row(
            _ name: String, _ with: RequestStats, _ latency: LatencySummary?, _ without: RequestStats?,
            _ withoutLatency: LatencySummary?
        ) -> [String] {
            func share(_ stats: RequestStats?) -> String {
                guard let stats, stats.requests > 0 else { return "–" }
                return formatShare(Double(stats.good) / Double(stats.requests))
            }
            var cells = [
                name, formatInteger(with.requests), share(with), formatInteger(with.degraded),
                formatInteger(with.late), formatInteger(with.shed), formatInteger(with.failed),
                latency.map { formatLatency($0.p99) } ?? "–",
            ]
            if unprotectedSummary != nil {
                cells += [share(without), withoutLatency.map { formatLatency($0.p99) } ?? "–"]
            }
            return cells
        }
        for (index, client) in summary.clients.enumerated() {
            let other = unprotectedSummary?.clients[index]
            rows.append(row(client.name, client.requests, client.latency, other?.requests, other?.latency))
            if client.routes.count > 1 {
                for (routeIndex, route) in client.routes.enumerated() {
                    let otherRoute = other?.routes[routeIndex]
                    rows.append(
                        row(
                            "\(client.name) · \(route.name)", route.requests, route.latency,
                            otherRoute?.requests,
                            otherRoute?.latency))
                }
            }
        }
        let header =
            ["client · route", "requests", "good", "degraded", "late", "shed", "failed", "p99"]
            + (unprotectedSummary == nil ? [] : ["good without breakers", "p99 without"])
        return .dataTable(
            header: header, rows: rows, numeric: Set(1..<header.count),
            caption: "Requests by client and route (with breakers; the last columns without)")
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
                "\($0.shortTripRule), \(formatDuration($0.retryTimer))"
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

/// User-seconds for a table cell: "412 user-s".
func formatUserWait(_ ns: Nanoseconds) -> String {
    let seconds = Double(ns) / 1e9
    return formatFixed(seconds, decimals: seconds >= 100 ? 0 : seconds >= 10 ? 1 : 2) + " user-s"
}
