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
            "requests   \(totals.requests), of which \(percent(totals.requestsSucceeded, totals.requests)) succeeded"
                + " (goodput \(formatRate(metrics.goodputPerSecond))/s)")
        line(
            "attempts   offered \(totals.offered), executed \(totals.executed), succeeded \(totals.succeeded),"
                + " failed \(totals.failed), rejected \(totals.rejected)")
        line(
            "breakers   opens \(totals.opens), probes \(totals.probes), time open or half-open \(metrics.timeOpenRatio.map(formatShare) ?? "–")"
        )
        line(
            "detection  \(metrics.detectionDelay.map(formatDelay) ?? "–") mean;  recovery \(metrics.recoveryDelay.map(formatDelay) ?? "–") mean"
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

/// Left-aligns the first column and right-aligns the others.
func table(header: [String], rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    var out = ""
    for row in all {
        var cells: [String] = []
        for (column, cell) in row.enumerated() {
            let pad = String(repeating: " ", count: widths[column] - cell.count)
            cells.append(column == 0 ? cell + pad : pad + cell)
        }
        out += "  " + cells.joined(separator: "  ") + "\n"
    }
    return out
}

/// A share with one decimal for summaries: 0.1234 → "12.3%".
public func formatShare(_ ratio: Double) -> String {
    let tenths = (ratio * 1000).rounded()
    return "\(Int(tenths) / 10).\(abs(Int(tenths)) % 10)%"
}

/// "12.3", "1.2k", "3.4M".
public func formatRate(_ value: Double) -> String {
    func oneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
    if value >= 1e6 { return oneDecimal(value / 1e6) + "M" }
    if value >= 1e4 { return oneDecimal(value / 1e3) + "k" }
    return oneDecimal(value)
}

/// A measured delay for people: milliseconds below ten seconds, tenths of a second above.
public func formatDelay(_ ns: Nanoseconds) -> String {
    let unit: Nanoseconds = ns < 10_000_000_000 ? 1_000_000 : 100_000_000
    return formatDuration((ns + unit / 2) / unit * unit)
}
