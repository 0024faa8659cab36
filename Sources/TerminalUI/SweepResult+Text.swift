public import BreakerSimulation

/// The sweep as a terminal reads it: the winner, the comparison, a heat map (in ANSI colours when
/// asked) and a table.
extension SweepResult {
    /// A readable report: the winner, the comparison, a heat map and a table; in colour the heat map's
    /// cells are shaded in viridis (256 colours) or its eight-colour fallback.
    public func text(color: Bool, extendedColors: Bool = true) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        let combos = grid.trips.count * grid.retryTimers.count
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
        // A sweep stopped early, or merged without every shard, ranks only what ran: said before the best.
        if !isComplete {
            line(
                "INCOMPLETE: \(cells.filter { $0 == nil }.count) of \(counted(cells.count, "combination")) did not run "
                    + "(stopped early, or a shard not merged)"
                    + (ranking.isEmpty
                        ? "; none finished, so nothing is ranked."
                        : ": the best below is the best of those that ran."))
        }
        // When no breaker beats them all, that is the first thing to know.
        if let warning = baselineWarning { line(warning) }
        if let best = ranked.first {
            line("best        \(best.settingsDescription)  score \(score(best))")
            if ranked.count > 1 {
                line("runner-up   \(ranked[1].settingsDescription)  score \(score(ranked[1]))")
            }
            if let tradeOff { line(tradeOff) }
            out += policiesText()
            if let noiseNote { line(noiseNote) }
            for hint in edgeHints { line(hint) }
        }
        if let own = scenarioOwn {
            let rank = ranked.firstIndex { $0.score <= own.score }.map { $0 + 1 } ?? ranked.count + 1
            line(
                "scenario's own settings (\(own.settingsDescription)):"
                    + " score \(score(own)), would rank \(rank) of \(ranked.count + 1)")
        }
        line(
            "no breaker at all: score \(formatScore(baselineScore)), goodput \(formatShare(baseline.goodputRatio)),"
                + " \(Int(baseline.callsToFailingService.rounded())) calls to the failing service")
        line()
        line(
            "score by \(grid.rowTitle) (rows) and retry_timer (columns); * marks the best, ≈ a combination within the noise of it, █ the top fifth"
        )
        out += heatMap(color: color, extendedColors: extendedColors)
        line()
        out += paretoText()
        out += routesText()
        let tied = indistinguishableFromBest
        let best = bestIndex
        let header = [
            "", grid.policies == [.consecutive] ? "fails" : "trip rule", "timer", "score", "±", "goodput",
            "good rejected", "to failing", "p99", "wait",
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
        let head = [mark, cell.trip.label, formatDuration(cell.retryTimer), formatScore(cell.score), spread]
        return head
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
                "  \(cell.settingsDescription): goodput "
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

    /// The best of each policy side by side, when the grid holds more than one, and the sentence
    /// between them; nothing otherwise.
    func policiesText() -> String {
        let bests = bestIndexPerPolicy.compactMap { entry in cells[entry.index].map { (entry.policy, $0) } }
        guard grid.policies.count > 1 else { return "" }
        let header = [
            "", "settings", "score", "goodput", "good rejected", "to failing", "p99", "false opens",
        ]
        let rows = bests.map { policy, cell -> [String] in
            let m = cell.metrics
            return [
                policy.rawValue, "\(cell.trip.rule), retry_timer \(formatDuration(cell.retryTimer))",
                score(cell),
                formatShare(m.goodputRatio),
                formatCount(m.goodCallsRejected), formatCount(m.callsToFailingService),
                m.p99Latency.map(formatLatency) ?? "–", formatCount(m.falseOpens),
            ]
        }
        return "best of each policy, on the same seeds\n" + table(header: header, rows: rows, leftAligned: 2)
            + (policyTradeOff.map { $0 + "\n" } ?? "")
    }

    private func score(_ cell: SweepCell) -> String {
        formatScore(cell.score) + (seeds > 1 ? " ± " + formatScore(cell.spread) : "")
    }

    /// Rows: trip rules (allowed_fails); columns: retry_timer; shaded by score.
    func heatMap(color: Bool, extendedColors: Bool = true) -> String {
        let level = shadeLevels
        let best = bestIndex
        let tied = indistinguishableFromBest
        let columnWidth = 9
        let labelWidth = max(6, (grid.trips.map(\.label.count).max() ?? 0) + 2)
        var out = "  " + (grid.policies == [.consecutive] ? "fails" : "trip rule").padded(to: labelWidth)
        for timer in grid.retryTimers {
            out += formatDuration(timer).padded(to: columnWidth, rightAligned: true)
        }
        out += "\n"
        // Shades from worst to best; plain text keeps them apart by glyph.
        let shades = [" ", "░", "▒", "▓", "█"]
        let heat = ColorScheme.for(extended: extendedColors, background: .dark).heat
        for (row, trip) in grid.trips.enumerated() {
            out += "  " + trip.label.padded(to: labelWidth)
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
