public import BreakerSimulation

/// The sweep as a terminal reads it: the winner, the comparison, a heat map (in ANSI colours when
/// asked) and a table.
extension SweepResult {
    /// A readable report: the winner, the comparison, a heat map and a table; in colour the heat map's
    /// cells are shaded in viridis (256 colours) or its eight-colour fallback.
    public func text(color: Bool, extendedColors: Bool = true) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        let combos = grid.allowedFails.count * grid.retryTimers.count
        line(
            "Sweep of \"\(scenario)\" — \(counted(combos, "combination")) × \(counted(seeds, "seed"))"
                + (clients.isEmpty ? "" : ", varying \(clients.joined(separator: ", "))")
                + (shard.map { ", shard \($0)" } ?? ""))
        line("objective \(objective.rawValue): \(objective.explanation)")
        if !scoredClients.isEmpty {
            line("scored on \(scoredClients.joined(separator: ", ")) only: its requests and its breakers")
        }
        line()
        let ranked = ranking
        // When no breaker beats them all, that is the first thing to know.
        if let warning = baselineWarning { line(warning) }
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
            if let noiseNote { line(noiseNote) }
            for hint in edgeHints { line(hint) }
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
        if !isComplete {
            line("(incomplete: \(counted(cells.filter { $0 == nil }.count, "combination")) did not run)")
        }
        line()
        line(
            "score by allowed_fails (rows) and retry_timer (columns); * marks the best, ≈ a combination within the noise of it, █ the top fifth"
        )
        out += heatMap(color: color, extendedColors: extendedColors)
        line()
        out += paretoText()
        out += routesText()
        let tied = indistinguishableFromBest
        let best = bestIndex
        let header = [
            "", "fails", "timer", "score", "±", "goodput", "good rejected", "to failing", "p99", "wait",
            "detect", "recover", "false opens", "open",
        ]
        let order = cells.enumerated().compactMap { index, cell in cell.map { (index, $0) } }
            .sorted { $0.1.score != $1.1.score ? $0.1.score > $1.1.score : $0.0 < $1.0 }
        let rows = order.map { index, cell in
            tableRow(cell, mark: index == best ? "best" : tied[index] ? "≈" : "")
        }
        out += table(header: header, rows: rows)
        return out
    }

    private func tableRow(_ cell: SweepCell, mark: String) -> [String] {
        let m = cell.metrics
        let spread = seeds > 1 ? formatScore(cell.spread) : "–"
        let p99 = m.p99Latency.map(formatLatency) ?? "–"
        let detect = m.detectionDelay.map(formatSecondsShort) ?? "–"
        let recover = m.recoveryDelay.map(formatSecondsShort) ?? "–"
        let counts = [formatCount(m.goodCallsRejected), formatCount(m.callsToFailingService)]
        return [
            mark, String(cell.allowedFails), formatDuration(cell.retryTimer), formatScore(cell.score), spread,
        ]
            + [formatShare(m.goodputRatio)] + counts + [p99, formatSecondsShort(m.userWait), detect, recover]
            + [formatCount(m.falseOpens), formatShare(m.timeOpenRatio)]
    }

    /// The Pareto front of goodput against calls to the failing service, fewest calls first.
    func paretoText() -> String {
        let front = paretoFront
        guard !front.isEmpty else { return "" }
        var out =
            "Pareto front: no other combination has both more goodput and fewer calls to the failing service"
            + " (fewest calls first)\n"
        for index in front {
            guard let cell = cells[index] else { continue }
            out +=
                "  allowed_fails \(cell.allowedFails), retry_timer \(formatDuration(cell.retryTimer)): goodput "
                + "\(formatShare(cell.metrics.goodputRatio)), \(formatCount(cell.metrics.callsToFailingService)) calls"
                + " to the failing service, score \(formatScore(cell.score))"
                + (index == bestIndex ? " (best)" : "") + "\n"
        }
        return out + "\n"
    }

    /// Good share per route for the best, the runner-up, the scenario's own settings and no breaker;
    /// nothing when there is a single route.
    func routesText() -> String {
        guard let shares = routeShares(ownLabel: "own") else { return "" }
        return "good requests per route\n" + table(header: shares.header, rows: shares.rows) + "\n"
    }

    private func score(_ cell: SweepCell) -> String {
        formatScore(cell.score) + (seeds > 1 ? " ± " + formatScore(cell.spread) : "")
    }

    /// Rows: allowed_fails; columns: retry_timer; shaded by score.
    func heatMap(color: Bool, extendedColors: Bool = true) -> String {
        let level = shadeLevels
        let best = bestIndex
        let tied = indistinguishableFromBest
        let columnWidth = 9
        var out = "  " + "fails".padded(to: 6)
        for timer in grid.retryTimers {
            out += formatDuration(timer).padded(to: columnWidth, rightAligned: true)
        }
        out += "\n"
        // Shades from worst to best; plain text keeps them apart by glyph.
        let shades = [" ", "░", "▒", "▓", "█"]
        let heat = ColorScheme.for(extended: extendedColors, background: .dark).heat
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
                let mark = index == best ? "*" : tied[index] ? "≈" : " "
                let text = formatScore(cell.score) + mark + shades[shade]
                let padded = text.padded(to: columnWidth, rightAligned: true)
                out += color ? heat[shade].selectGraphicRendition + padded + "\u{1B}[0m" : padded
            }
            out += "\n"
        }
        return out
    }
}
