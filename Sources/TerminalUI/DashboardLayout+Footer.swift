import BreakerCore
import BreakerSimulation

/// The bottom of the main screen: the latest transitions (or the summary once the run is over) and
/// the key legend.
extension DashboardLayout {
    mutating func events(from top: Int, rows: Int) {
        for column in 0..<grid.width { grid[column, top] = Cell(theme.horizontal, style: theme.dim) }
        grid.put(" latest transitions ", x: 2, y: top, style: theme.dim)
        let lines = state.events.suffix(rows - 1)
        for (offset, event) in lines.reversed().enumerated() {
            let y = top + 1 + offset
            let x = grid.put(" " + DashboardRenderer.clock(event.time) + "  ", x: 0, y: y, style: theme.dim)
            let text = theme.unicode ? event.text : event.text.asciiFallback
            let style = theme.color ? Style(foreground: theme.stateColor(event.to)) : Style.plain
            grid.put(text, x: x, y: y, style: style, maxWidth: grid.width - x - 1)
        }
    }

    mutating func legend(y: Int) {
        var x = 1
        for (state, label) in [(CircuitState.closed, "closed"), (.halfOpen, "half-open"), (.open, "open")] {
            grid[x, y] = Cell(theme.glyph(state), style: theme.style(state))
            x = grid.put(" \(label)  ", x: x + 1, y: y, style: theme.dim)
        }
        for (probe, label) in [(TimelineMark.Probe.sent, "probe"), (.succeeded, "ok"), (.failed, "failed")] {
            grid[x, y] = Cell(theme.glyph(probe) ?? " ", style: theme.style(.halfOpen, probe: probe))
            x = grid.put(" \(label)  ", x: x + 1, y: y, style: theme.dim)
        }
        guard !state.recording else { return }
        // On a narrow screen the short form: how to get help and out is what must stay.
        let keys = [
            "space pause  +/- speed  ? help  q \(state.quitLabel) ", "? help  q \(state.quitLabel) ",
        ].first { grid.width - x > $0.count }
        if let keys { grid.put(keys, x: grid.width - keys.count, y: y, style: theme.dim) }
    }

    /// The service band's and caller panel's colours (or, without colour, letters) in words.
    ///
    /// Both legends where they fit; else one legend that names each colour's call and request outcome
    /// together (`timeout/late`: the schemes give analogous outcomes one colour), so that the caller
    /// bars are explained at the usual 100 columns too; else the calls' alone.
    mutating func outcomeLegend(y: Int) {
        let calls: [(CallOutcomeKind, String, Unicode.Scalar)] = [
            (.ok, "ok", " "), (.error, "error", "x"), (.timedOut, "timed out", "t"),
            (.refused, "refused", "r"),
            (.rejected, "rejected by breaker", "b"),
        ]
        let requests = RequestOutcomeKind.allCases.map { "\($0)" }
        let paired: [(CallOutcomeKind, String)] = [
            (.ok, "ok/good"), (.error, "error/failed"), (.timedOut, "timeout/late"),
            (.refused, "refused/degraded"), (.rejected, "rejected/shed"),
        ]
        func width(_ labels: [String]) -> Int { labels.reduce(0) { $0 + $1.count + 4 } }
        let both = 7 + width(calls.map(\.1)) + 10 + width(requests)
        if theme.color && both > grid.width && 16 + width(paired.map(\.1)) <= grid.width {
            var x = grid.put(" calls/requests ", x: 0, y: y, style: theme.dim)
            for (outcome, label) in paired {
                grid[x, y] = Cell(theme.gaugeFull, style: Style(foreground: theme.color(outcome)))
                x = grid.put(" \(label)  ", x: x + 1, y: y, style: theme.dim)
            }
            return
        }
        var x = grid.put(" calls ", x: 0, y: y, style: theme.dim)
        for (outcome, label, letter) in calls {
            let cell =
                theme.color
                ? Cell(theme.gaugeFull, style: Style(foreground: theme.color(outcome))) : Cell(letter)
            if !theme.color && letter == " " { continue }
            grid[x, y] = cell
            x = grid.put(" \(label)  ", x: x + 1, y: y, style: theme.dim)
        }
        guard theme.color, both <= grid.width else { return }
        x = grid.put("requests ", x: x + 1, y: y, style: theme.dim)
        for (outcome, label) in zip(RequestOutcomeKind.allCases, requests) {
            grid[x, y] = Cell(theme.gaugeFull, style: Style(foreground: theme.color(outcome)))
            x = grid.put(" \(label)  ", x: x + 1, y: y, style: theme.dim)
        }
    }

    /// `text` shortened with "…" to `width` columns, as the grid measures them (wide characters count two).
    func truncate(_ text: String, _ width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var kept = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let columns = displayWidth(Grid.shown(scalar))
            if used + columns > width - 1 { break }
            kept.append(scalar)
            used += columns
        }
        return String(kept) + (theme.unicode ? "…" : ".")
    }
}
