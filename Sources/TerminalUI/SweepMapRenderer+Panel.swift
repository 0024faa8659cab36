import BreakerSimulation

/// The selected cell's metrics beside the map, and the sweep's summary under it.
extension SweepMapRenderer {
    static func panel(
        _ state: SweepMapState, result: SweepResult, theme: Theme, x: Int, width: Int, into grid: inout Grid
    ) {
        var y = 3
        func line(_ text: String, _ style: Style = .plain) {
            grid.put(theme.unicode ? text : text.asciiFallback, x: x, y: y, style: style, maxWidth: width)
            y += 1
        }
        func metric(_ label: String, _ value: String) {
            line(label.padded(to: 16) + value)
        }
        guard let index = state.selectedIndex else { return }
        let trip = result.grid.trips[state.row]
        let timer = result.grid.retryTimers[state.column]
        switch trip {
        case .consecutive(let fails):
            line("allowed_fails".padded(to: 16) + String(fails), theme.bold)
        case .failureRate:
            line("failure_rate".padded(to: 16) + trip.label, theme.bold)
        }
        line("retry_timer".padded(to: 16) + formatDuration(timer), theme.bold)
        guard let cell = result.cells[index] else {
            line("did not run", theme.dim)
            return
        }
        let m = cell.metrics
        var score = formatScore(cell.score)
        if result.seeds > 1 { score += " ± " + formatScore(cell.spread) }
        metric("score", score)
        if let rank = result.rank(ofCellAt: index) {
            metric("rank", "\(rank) of \(result.cells.compactMap { $0 }.count)")
        }
        metric("goodput", formatShare(m.goodputRatio))
        metric("good rejected", formatCount(m.goodCallsRejected))
        metric("to failing", formatCount(m.callsToFailingService))
        metric("detection", m.detectionDelay.map(formatSecondsShort) ?? "–")
        metric("recovery", m.recoveryDelay.map(formatSecondsShort) ?? "–")
        metric("false opens", formatCount(m.falseOpens))
        metric("time open", formatShare(m.timeOpenRatio))
        y += 1
        line("enter: watch it run live", theme.dim)
    }

    static func summary(_ result: SweepResult, theme: Theme, from top: Int, into grid: inout Grid) {
        var y = top
        func line(_ text: String, _ style: Style = .plain) {
            grid.put(
                theme.unicode ? text : text.asciiFallback, x: 1, y: y, style: style, maxWidth: grid.width - 2)
            y += 1
        }
        let ranked = result.ranking
        if let first = ranked.first {
            var text =
                "best: \(first.settingsDescription)"
                + " (\(formatScore(first.score)))"
            if ranked.count > 1 {
                let second = ranked[1]
                text +=
                    "   runner-up: \(second.trip.label), \(formatDuration(second.retryTimer))"
                    + " (\(formatScore(second.score)))"
            }
            line(text, theme.bold)
        }
        // The trade-off sentence may need two lines.
        if let tradeOff = result.tradeOff {
            let width = grid.width - 2
            let words = tradeOff.split(separator: " ")
            var current = ""
            var lines: [String] = []
            for word in words {
                if !current.isEmpty && current.count + 1 + word.count > width {
                    lines.append(current)
                    current = ""
                }
                current += (current.isEmpty ? "" : " ") + word
            }
            if !current.isEmpty { lines.append(current) }
            for text in lines.prefix(2) { line(text) }
            if lines.count < 2 { y += 1 }
        } else {
            y += 2
        }
        if let own = result.scenarioOwn {
            line(
                "the scenario's own (\(own.trip.label), \(formatDuration(own.retryTimer))): "
                    + formatScore(own.score) + "   no breaker at all: " + formatScore(result.baselineScore),
                theme.dim)
        } else {
            line("no breaker at all: " + formatScore(result.baselineScore), theme.dim)
        }
    }
}
