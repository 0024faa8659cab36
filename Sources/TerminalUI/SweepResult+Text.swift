public import BreakerSimulation

/// The sweep as a terminal reads it: the winner, the comparison, a heat map (in ANSI colours when
/// asked) and a table.
extension SweepResult {
    /// A readable report: the winner, the comparison, a heat map and a table.
    public func text(color: Bool) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        let combos = grid.allowedFails.count * grid.retryTimers.count
        line(
            "Sweep of \"\(scenario)\" — \(combos) combinations × \(seeds) seed\(seeds == 1 ? "" : "s")"
                + (clients.isEmpty ? "" : ", varying \(clients.joined(separator: ", "))")
                + (shard.map { ", shard \($0)" } ?? ""))
        line("objective \(objective.rawValue): \(objective.explanation)")
        line()
        let ranked = ranking
        if let best = ranked.first {
            line(
                "best        allowed_fails \(best.allowedFails), retry_timer \(formatDuration(best.retryTimer))  score \(score(best))"
            )
            if ranked.count > 1 {
                let second = ranked[1]
                line(
                    "runner-up   allowed_fails \(second.allowedFails), retry_timer \(formatDuration(second.retryTimer))  score \(score(second))"
                )
            }
            if let tradeOff { line(tradeOff) }
        }
        if let own = scenarioOwn {
            let rank = ranked.firstIndex { $0.score <= own.score }.map { $0 + 1 } ?? ranked.count + 1
            line(
                "scenario's own settings (allowed_fails \(own.allowedFails), retry_timer \(formatDuration(own.retryTimer))):"
                    + " score \(score(own)), would rank \(rank) of \(ranked.count + 1)")
        }
        line(
            "no breaker at all: score \(formatScore(baselineScore)), goodput \(formatShare(baseline.goodputRatio)),"
                + " \(Int(baseline.callsToFailingService.rounded())) calls to the failing service")
        if !isComplete { line("(incomplete: \(cells.filter { $0 == nil }.count) combinations did not run)") }
        line()
        line("score by allowed_fails (rows) and retry_timer (columns); * marks the best, █ the top fifth")
        out += heatMap(color: color)
        line()
        let header = [
            "fails", "timer", "score", "±", "goodput", "good rejected", "to failing", "detect", "recover",
            "false opens",
            "open",
        ]
        let rows = ranked.map { cell -> [String] in
            let m = cell.metrics
            return [
                String(cell.allowedFails), formatDuration(cell.retryTimer), formatScore(cell.score),
                seeds > 1 ? formatScore(cell.spread) : "–", formatShare(m.goodputRatio),
                formatCount(m.goodCallsRejected),
                formatCount(m.callsToFailingService), m.detectionDelay.map(formatSecondsShort) ?? "–",
                m.recoveryDelay.map(formatSecondsShort) ?? "–", formatCount(m.falseOpens),
                formatShare(m.timeOpenRatio),
            ]
        }
        out += table(header: header, rows: rows)
        return out
    }

    private func score(_ cell: SweepCell) -> String {
        formatScore(cell.score) + (seeds > 1 ? " ± " + formatScore(cell.spread) : "")
    }

    /// Rows: allowed_fails; columns: retry_timer; shaded by score.
    func heatMap(color: Bool) -> String {
        let level = shadeLevels
        let best = bestIndex
        let columnWidth = 9
        var out = "  " + "fails".padded(to: 6)
        for timer in grid.retryTimers {
            out += formatDuration(timer).padded(to: columnWidth, rightAligned: true)
        }
        out += "\n"
        // Shades from worst to best; plain text keeps them apart by glyph.
        let shades = [" ", "░", "▒", "▓", "█"]
        let colors = [31, 33, 93, 92, 32]
        for (row, fails) in grid.allowedFails.enumerated() {
            out += "  " + String(fails).padded(to: 6)
            for column in grid.retryTimers.indices {
                let index = row * grid.retryTimers.count + column
                guard let cell = cells[index] else {
                    out += "–".padded(to: columnWidth, rightAligned: true)
                    continue
                }
                let shade = level[index] ?? 0
                // One star, on the cell the ranking and the JSON call best (ties go to grid order).
                let mark = index == best ? "*" : " "
                let text = formatScore(cell.score) + mark + shades[shade]
                let padded = text.padded(to: columnWidth, rightAligned: true)
                out += color ? "\u{1B}[\(colors[shade])m\(padded)\u{1B}[0m" : padded
            }
            out += "\n"
        }
        return out
    }
}
