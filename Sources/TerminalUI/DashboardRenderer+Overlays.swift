import BreakerCore
import BreakerSimulation

/// What the dashboard draws over, or instead of, its main screen: the help, a breaker's details,
/// the too-small notice.
extension DashboardRenderer {
    static func tooSmall(_ grid: inout Grid, theme: Theme) {
        let lines = [
            "breaker-sim needs a bigger window:",
            "make the window at least \(minimumWidth)×\(minimumHeight)",
            "(now \(grid.width)×\(grid.height)); q quits",
        ]
        let top = max(0, grid.height / 2 - 1)
        for (offset, line) in lines.enumerated() {
            let text = theme.unicode ? line : line.replacingAll("×", with: "x")
            grid.put(
                text, x: max(0, (grid.width - text.count) / 2), y: top + offset,
                style: offset == 1 ? theme.warning : .plain)
        }
    }

    @discardableResult
    static func box(_ lines: [(String, Style)], title: String, theme: Theme, into grid: inout Grid) -> (
        x: Int, y: Int
    ) {
        let inner = min(grid.width - 4, max(title.count + 2, lines.map(\.0.count).max() ?? 0) + 2)
        let height = min(grid.height - 2, lines.count + 2)
        let x = (grid.width - inner - 2) / 2
        let y = (grid.height - height) / 2
        grid.fill(x: x, y: y, width: inner + 2, height: height)
        let h = String(repeating: theme.unicode ? "─" : "-", count: inner)
        grid.put((theme.unicode ? "┌" : "+") + h + (theme.unicode ? "┐" : "+"), x: x, y: y, style: theme.bold)
        grid.put(" \(title) ", x: x + 2, y: y, style: theme.bold)
        for row in 1..<(height - 1) {
            grid.put(theme.vertical, x: x, y: y + row, style: theme.bold)
            grid.put(theme.vertical, x: x + inner + 1, y: y + row, style: theme.bold)
            if row - 1 < lines.count {
                grid.put(lines[row - 1].0, x: x + 2, y: y + row, style: lines[row - 1].1, maxWidth: inner - 2)
            }
        }
        grid.put(
            (theme.unicode ? "└" : "+") + h + (theme.unicode ? "┘" : "+"), x: x, y: y + height - 1,
            style: theme.bold)
        // Where line 0 of the text is drawn.
        return (x + 2, y + 1)
    }

    /// Every key, as the `?` overlay lists them.
    public static let keyHelp: [(String, String)] = [
        ("space", "pause / resume"),
        ("+  -", "faster / slower (1× … 1000×, then max)"),
        (".", "step one sample while paused"),
        ("z  Z", "zoom out / in (seconds per cell)"),
        ("a", "auto-pause at the first trip and first probe"),
        ("n", "run to the next phase and pause"),
        ("↑ ↓  k j", "select a breaker (← → in the heat strip)"),
        ("PgUp PgDn", "scroll a page"),
        ("enter", "details of the selected breaker"),
        ("v", "rows / groups / heat strip"),
        ("c", "compare: the same run without breakers, side by side"),
        ("r", "restart from the start, same seed"),
        ("?", "this help (any key closes it)"),
        ("q  Ctrl-C", "quit"),
    ]

    static func help(theme: Theme, quitLabel: String = "quit", into grid: inout Grid) {
        var keys = keyHelp
        if quitLabel != "quit" {
            keys.removeLast()
            keys += [("q", quitLabel == "back" ? "back to the sweep's map" : quitLabel), ("Ctrl-C", "quit")]
        }
        var lines: [(String, Style)] = keys.map { key, action in
            let padded = key.padded(to: 11)
            let text = padded + action
            return (theme.unicode ? text : text.asciiFallback, .plain)
        }
        lines.append(("", .plain))
        let legend =
            "\(theme.glyph(.closed)) closed  \(theme.glyph(.halfOpen)) half-open  \(theme.glyph(.open)) open  "
            + "\(theme.glyph(.sent)!) probe  \(theme.glyph(.succeeded)!) ok  \(theme.glyph(.failed)!) failed"
        lines.append((legend, theme.dim))
        box(lines, title: "keys", theme: theme, into: &grid)
    }

    static func detail(_ state: DashboardState, theme: Theme, into grid: inout Grid) {
        let row = state.breakers[state.selected]
        let s = row.stats
        var lines: [(String, Style)] = []
        lines.append(("\(row.client) \(theme.arrow) \(row.service)", theme.bold))
        var diagramLine: Int?
        if let settings = row.settings {
            lines.append((settingsLine(settings), .plain))
            lines.append(("", .plain))
            diagramLine = lines.count
            for line in diagram(settings, theme: theme) { lines.append((line, theme.dim)) }
            lines.append(("", .plain))
            var status = "state \(row.state.badge)"
            if let retryAt = row.retryAt {
                status += ", probe in \(formatCountdown(max(0, retryAt - state.now)))"
            }
            switch settings.policy {
            case .consecutive:
                status += ", \(row.consecutiveFailures) of \(settings.allowedFails) consecutive failures"
            case .failureRate(let threshold, _, let minimum):
                status += ", \(row.windowFailures) of \(row.windowCalls) calls in the window failed"
                status += " (opens at \(formatPercent(threshold)) once \(minimum) are in)"
            }
            lines.append((status, .plain))
        } else {
            lines.append(("no breaker: every call goes to the service", theme.warning))
        }
        let recent = row.recentCalls.suffix(24)
        if !recent.isEmpty {
            var strip = ""
            for calls in recent {
                switch calls {
                case .failures: strip += theme.unicode ? "✗" : "x"
                case .allSucceeded: strip += theme.unicode ? "✓" : "+"
                case .rejected: strip += theme.unicode ? "–" : "-"
                case .none: strip += theme.unicode ? "·" : "."
                }
            }
            if row.settings != nil { strip += " \(theme.arrow) \(row.state.badge)" }
            lines.append(("", .plain))
            let (ok, failed, rejected) = theme.unicode ? ("✓", "✗", "–") : ("+", "x", "-")
            lines.append(
                (
                    "calls, one mark per sample (\(ok) all ok, \(failed) failures, \(rejected) rejected):",
                    theme.dim
                ))
            lines.append((strip, .plain))
        }
        lines.append(("", .plain))
        lines.append(
            (
                "offered \(formatInteger(s.offered))  executed \(formatInteger(s.executed))  ok \(formatInteger(s.succeeded))"
                    + "  failed \(formatInteger(s.failed))  rejected \(formatInteger(s.rejected))", .plain
            ))
        lines.append(
            (
                "opens \(s.opens)  closes \(s.closes)  probes \(s.probes) (\(s.probesSucceeded) ok,"
                    + " \(s.probesFailed) failed)", .plain
            ))
        lines.append(("", .plain))
        lines.append(("latest transitions", theme.bold))
        let transitions = row.transitions.suffix(6)
        if transitions.isEmpty { lines.append(("none yet", theme.dim)) }
        for record in transitions.reversed() {
            var text =
                "\(clock(record.time))  \(record.from.badge) \(theme.arrow) \(record.to.badge)  \(record.reason)"
            if let openFor = record.openFor { text += ", open for \(formatDuration(openFor))" }
            lines.append((text, .plain))
        }
        lines.append(("", .plain))
        lines.append(("enter or esc closes", theme.dim))
        if !theme.unicode { lines = lines.map { ($0.0.asciiFallback, $0.1) } }
        let origin = box(lines, title: row.name, theme: theme, into: &grid)
        // Light the state the breaker is in.
        if let diagramLine, row.settings != nil {
            let text = lines[diagramLine].0
            let word = " \(row.state.badge) "
            let haystack = Array(text.unicodeScalars)
            let needle = Array(word.unicodeScalars)
            if let column = haystack.indices.first(where: { start in
                start + needle.count <= haystack.count
                    && Array(haystack[start..<(start + needle.count)]) == needle
            }) {
                grid.put(
                    word, x: origin.x + column, y: origin.y + diagramLine, style: theme.badgeStyle(row.state))
            }
        }
    }

    /// The breaker's settings in one line, with the scenario's key names.
    static func settingsLine(_ settings: BreakerSettings) -> String {
        var line: String
        switch settings.policy {
        case .consecutive:
            line = "allowed_fails \(settings.allowedFails)"
        case .failureRate(let threshold, let window, let minimum):
            line = "failure_rate \(formatPercent(threshold))   window "
            switch window {
            case .calls(let size): line += "\(size) calls"
            case .duration(let length): line += formatDuration(length)
            }
            line += "   minimum_calls \(minimum)"
        }
        if let slowCall = settings.slowCall { line += "   slow_call \(formatDuration(slowCall))" }
        line += "   retry_timer \(formatDuration(settings.retryTimer))"
        if settings.retryJitter > 0 { line += " ±\(formatPercent(settings.retryJitter))" }
        return line + "   half_open_probes \(settings.halfOpenProbes)"
    }

    /// The breaker's state diagram, in two lines.
    static func diagram(_ settings: BreakerSettings, theme: Theme) -> [String] {
        let arrow = theme.unicode ? "──▶" : "-->"
        return [
            " CLOSED  \(arrow) \(settings.shortTripRule) \(arrow)  OPEN  \(arrow) \(formatDuration(settings.retryTimer)) \(arrow)  HALF-OPEN ",
            (theme.unicode ? "   ▲ probe ok ◀── " : "   ^ probe ok <-- ") + "HALF-OPEN; probe fails "
                + (theme.unicode ? "──▶" : "-->") + " OPEN",
        ]
    }

    /// "mm:ss" (or "h:mm:ss") of a virtual time.
    static func clock(_ time: Nanoseconds) -> String {
        let seconds = Int(time / 1_000_000_000)
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        let mmss = "\(m < 10 ? "0" : "")\(m):\(s < 10 ? "0" : "")\(s)"
        return h > 0 ? "\(h):\(mmss)" : mmss
    }
}
