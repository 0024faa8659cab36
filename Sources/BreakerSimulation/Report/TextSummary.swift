import BreakerCore

extension RunSummary {
    /// A readable summary for a terminal or a log; the same run always gives the same text.
    public func text(maxBreakerRows: Int = 24) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        func percent(_ part: Int, _ whole: Int) -> String {
            whole == 0 ? "–" : formatShare(Double(part) / Double(whole))
        }
        line(
            "\(scenario) — seed \(seed), \(formatDuration(duration)) simulated, breakers \(withBreakers ? "on" : "off")"
        )
        if let interruptedAt {
            line(
                "INTERRUPTED at \(formatDuration(interruptedAt)) of \(formatDuration(duration)): figures cover that part only"
            )
        }
        line()
        line(
            "requests   \(totals.requests.requests), of which \(percent(totals.requests.good, totals.requests.requests)) good"
                + " (goodput \(formatRate(metrics.goodputPerSecond))/s); degraded \(totals.requests.degraded),"
                + " late \(totals.requests.late), shed \(totals.requests.shed), failed \(totals.requests.failed)"
        )
        let latency = clients.reduce(into: [LatencySummary]()) { if let l = $1.latency { $0.append(l) } }
        if !latency.isEmpty {
            line(
                "wait       user wait on requests not good \(formatUserSeconds(totals.requests.userWait));"
                    + " slowest client p99 \(formatLatency(latency.map(\.p99).max() ?? 0))")
        }
        line(
            "attempts   offered \(totals.offered), executed \(totals.executed), succeeded \(totals.succeeded),"
                + " failed \(totals.failed), rejected \(totals.rejected)")
        line(
            "breakers   opens \(totals.opens), probes \(totals.probes), time open or half-open \(metrics.timeOpenRatio.map(formatShare) ?? "–")"
        )
        // A recovery delay needs a breaker still open when its episode ended: say so where none was,
        // rather than leave a bare dash beside a detection delay.
        let recovery =
            metrics.recoveryDelay.map { "\(formatDelay($0)) mean" }
            ?? (metrics.detectionDelay != nil && metrics.unrecovered == 0
                ? "– (no breaker was still open when its episode ended)" : "–")
        line(
            "detection  \(metrics.detectionDelay.map { "\(formatDelay($0)) mean" } ?? "–");  recovery \(recovery)"
                + (metrics.unrecovered > 0 ? " (\(metrics.unrecovered) never closed again)" : ""))
        line(
            "cost       false opens \(metrics.falseOpens), calls sent to the failing service \(metrics.callsToFailingService),"
                + " good calls rejected \(metrics.goodCallsRejected)")
        if !episodes.isEmpty {
            line()
            line("episodes (service degraded)")
            for result in episodes {
                let window = "\(formatDuration(result.episode.start))–\(formatDuration(result.episode.end))"
                var text = "  \(services[result.episode.service].name)  \(window)  \(result.episode.label)"
                if result.breakers > 0 {
                    text += ";  opened \(result.detected)/\(result.breakers)"
                    if let delay = result.meanDetectionDelay { text += " after \(formatDelay(delay))" }
                    if result.recovered > 0, let delay = result.meanRecoveryDelay {
                        text += ", closed again \(formatDelay(delay)) after it ended"
                    }
                    if result.unrecovered > 0 { text += ", \(result.unrecovered) still open at the end" }
                }
                line(text)
            }
        }
        line()
        var requestRows: [[String]] = []
        for client in clients {
            requestRows.append(requestRow(client.name, client.requests, client.latency))
            if client.routes.count > 1 {
                for route in client.routes {
                    requestRows.append(requestRow("  " + route.name, route.requests, route.latency))
                }
            }
        }
        out += table(
            header: [
                "client / route", "requests", "good", "degraded", "late", "shed", "failed", "p50", "p99",
            ],
            rows: requestRows)
        line()
        let header = [
            "breaker", "offered", "executed", "ok", "failed", "rejected", "opens", "probes", "open",
        ]
        var rows: [[String]] = []
        for breaker in breakers.prefix(maxBreakerRows) {
            let s = breaker.stats
            let total = s.timeClosed + s.timeOpen + s.timeHalfOpen
            rows.append([
                breaker.name, String(s.offered), String(s.executed), String(s.succeeded), String(s.failed),
                String(s.rejected), String(s.opens), String(s.probes),
                breaker.protected
                    ? (total > 0 ? formatShare(Double(s.timeOpen + s.timeHalfOpen) / Double(total)) : "–")
                    : "no breaker",
            ])
        }
        out += table(header: header, rows: rows)
        if breakers.count > maxBreakerRows {
            line("  … and \(breakers.count - maxBreakerRows) more breakers (use --format json for all)")
        }
        line()
        out += table(
            header: ["service", "received", "ok", "failed"],
            rows: services.map { [$0.name, String($0.received), String($0.succeeded), String($0.failed)] })
        return out
    }
}

/// One row of the requests table.
private func requestRow(_ name: String, _ stats: RequestStats, _ latency: LatencySummary?) -> [String] {
    [
        name, String(stats.requests),
        stats.requests == 0 ? "–" : formatShare(Double(stats.good) / Double(stats.requests)),
        String(stats.degraded), String(stats.late), String(stats.shed), String(stats.failed),
        latency.map { formatLatency($0.p50) } ?? "–", latency.map { formatLatency($0.p99) } ?? "–",
    ]
}
