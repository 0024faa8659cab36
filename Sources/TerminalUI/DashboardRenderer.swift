import BreakerCore
import BreakerSimulation

/// Draws a ``DashboardState`` into a ``Grid``: the whole visible dashboard, with no terminal involved.
public enum DashboardRenderer {
    /// The smallest screen the dashboard lays out on.
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    /// Renders a full frame.
    public static func render(_ state: DashboardState, theme: Theme, width: Int, height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            tooSmall(&grid, theme: theme)
            return grid
        }
        var layout = Layout(state: state, theme: theme, grid: grid)
        layout.draw()
        grid = layout.grid
        if state.showDetail, state.breakers.indices.contains(state.selected) {
            detail(state, theme: theme, into: &grid)
        }
        if state.showHelp { help(theme: theme, quitLabel: state.quitLabel, into: &grid) }
        return grid
    }

    /// How many breaker rows fit on a screen of this height (used for paging and scrolling).
    public static func visibleRows(_ state: DashboardState, height: Int) -> Int {
        max(1, height - Layout.fixedRows(serviceCount: state.services.count, height: height))
    }

    /// The columns of the timeline on a screen of this width (for tests).
    static func timelineColumns(width: Int, nameWidth: Int) -> Range<Int> {
        let columns = Layout.Columns(width: width, nameWidth: nameWidth)
        return columns.timeline..<(columns.timeline + columns.timelineWidth)
    }

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

    static func box(_ lines: [(String, Style)], title: String, theme: Theme, into grid: inout Grid) {
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
    }

    /// Every key, as the `?` overlay lists them.
    public static let keyHelp: [(String, String)] = [
        ("space", "pause / resume"),
        ("+  -", "faster / slower (1× … 1000×, then max)"),
        (".  →", "step one sample while paused"),
        ("↑ ↓  k j", "select a breaker"),
        ("PgUp PgDn", "scroll a page"),
        ("enter", "details of the selected breaker"),
        ("v", "rows / heat strip (one cell per breaker)"),
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
        if let settings = row.settings {
            lines.append(
                (
                    "allowed_fails \(settings.allowedFails)   retry_timer \(formatDuration(settings.retryTimer))"
                        + "   half_open_probes \(settings.halfOpenProbes)", .plain
                ))
            var status = "state \(row.state.badge)"
            if let retryAt = row.retryAt {
                status += ", probe in \(formatCountdown(max(0, retryAt - state.now)))"
            }
            status += ", \(row.consecutiveFailures) consecutive failures"
            lines.append((status, .plain))
        } else {
            lines.append(("no breaker: every call goes to the service", theme.warning))
        }
        lines.append(("", .plain))
        lines.append(
            (
                "offered \(s.offered)  executed \(s.executed)  ok \(s.succeeded)  failed \(s.failed)"
                    + "  rejected \(s.rejected)", .plain
            ))
        lines.append(
            (
                "opens \(s.opens)  closes \(s.closes)  probes \(s.probes) (\(s.probesSucceeded) ok,"
                    + " \(s.probesFailed) failed)", .plain
            ))
        lines.append(("", .plain))
        lines.append(("latest transitions", theme.bold))
        let transitions = row.transitions.suffix(8)
        if transitions.isEmpty { lines.append(("none yet", theme.dim)) }
        for record in transitions.reversed() {
            var text =
                "\(clock(record.time))  \(record.from.badge) \(theme.arrow) \(record.to.badge)  \(record.reason)"
            if let openFor = record.openFor { text += ", open for \(formatDuration(openFor))" }
            lines.append((text, .plain))
        }
        lines.append(("", .plain))
        lines.append(("enter or esc closes", theme.dim))
        box(lines, title: row.name, theme: theme, into: &grid)
    }

    /// "mm:ss" (or "h:mm:ss") of a virtual time.
    static func clock(_ time: Nanoseconds) -> String {
        let seconds = Int(time / 1_000_000_000)
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        let mmss = "\(m < 10 ? "0" : "")\(m):\(s < 10 ? "0" : "")\(s)"
        return h > 0 ? "\(h):\(mmss)" : mmss
    }
}

/// The main screen's layout, computed for one frame.
struct Layout {
    let state: DashboardState
    let theme: Theme
    var grid: Grid

    static func eventRows(height: Int) -> Int { max(3, min(8, (height - 20) / 4 + 3)) }

    /// Rows not available to breakers: header, services, headings, events, legend.
    static func fixedRows(serviceCount: Int, height: Int) -> Int {
        2 + 1 + min(serviceCount, 4) + 1 + 2 + 1 + eventRows(height: height) + 1
    }

    mutating func draw() {
        var y = 0
        header(&y)
        y += 1
        services(&y)
        y += 1
        aggregate(&y)
        let bottom = grid.height - 1 - Self.eventRows(height: grid.height) - 1
        switch state.view {
        case .rows: breakerRows(from: y, to: bottom)
        case .heat: heatStrip(from: y, to: bottom)
        }
        if let summary = state.summary {
            finished(summary, from: bottom + 1)
        } else {
            events(from: bottom + 1)
        }
        legend(y: grid.height - 1)
    }

    mutating func header(_ y: inout Int) {
        let width = grid.width
        grid.fill(x: 0, y: y, width: width, height: 1, with: Cell(" ", style: theme.header))
        let status: String
        if state.finished {
            status = "FINISHED"
        } else if state.paused {
            status = "PAUSED"
        } else {
            status = "RUNNING"
        }
        let speed = state.speed.map { "\(formatSpeed($0))×" } ?? "max"
        let right =
            "\(DashboardRenderer.clock(state.now)) / \(DashboardRenderer.clock(state.scenario.duration))"
            + "  \(theme.unicode ? speed : speed.asciiFallback)  \(status)  seed \(state.scenario.seed) "
        let left = " breaker-sim \(theme.vertical) "
        var x = grid.put(left, x: 0, y: y, style: theme.header)
        x = grid.put(
            state.scenario.name, x: x, y: y, style: theme.header, maxWidth: width - x - right.count - 1)
        grid.put(right, x: width - right.count, y: y, style: theme.header)
        y += 1
        grid.put(truncate(state.scenario.description, width - 2), x: 1, y: y, style: theme.dim)
        y += 1
    }

    mutating func services(_ y: inout Int) {
        for service in state.services.prefix(4) {
            var x = grid.put(" " + service.name.padded(to: 14), x: 0, y: y, style: theme.bold, maxWidth: 15)
            x = 16
            if let phase = service.phase {
                grid.put(truncate("[\(phase)]", 22), x: x, y: y, style: theme.phase)
            } else {
                grid.put("healthy", x: x, y: y, style: theme.healthy)
            }
            x = 39
            let load: String
            if let capacity = service.capacity {
                load =
                    "in \(service.inService)/\(capacity.concurrency)  queue \(service.queued)/\(capacity.queue)"
            } else {
                load = "received \(formatAbbreviated(service.received))"
            }
            let latest = service.errorRates.last.flatMap { $0 }
            let rate =
                "err "
                + (latest.map { "\(Int(($0 * 100).rounded()))%" } ?? "–").padded(to: 4, rightAligned: true)
            let sparkWidth = max(8, grid.width - x - rate.count - load.count - 4)
            let spark = service.errorRates.suffix(sparkWidth)
            let levels = theme.sparkLevels
            var column = x + sparkWidth - spark.count
            for value in spark {
                let level = value.map { min(8, Int(($0 * 8).rounded(.up))) } ?? 0
                let style = theme.color ? Style(foreground: (value ?? 0) > 0.2 ? .red : .green) : Style.plain
                grid[column, y] = Cell(levels[level], style: style)
                column += 1
            }
            x += sparkWidth + 1
            x = grid.put(rate, x: x, y: y, style: (latest ?? 0) > 0.2 ? theme.warning : .plain)
            grid.put("  " + load, x: x, y: y, style: .plain)
            y += 1
        }
        if state.services.count > 4 {
            grid.put(" … and \(state.services.count - 4) more services", x: 0, y: y - 1, style: theme.dim)
        }
    }

    mutating func aggregate(_ y: inout Int) {
        let counts = state.aggregate
        var x = grid.put(" breakers ", x: 0, y: y, style: theme.bold)
        x = grid.put(
            "\(counts.closed) closed", x: x, y: y,
            style: theme.color ? Style(foreground: .green, bold: true) : .plain)
        x = grid.put("  \(counts.open) open", x: x, y: y, style: counts.open > 0 ? theme.warning : .plain)
        x = grid.put(
            "  \(counts.halfOpen) half-open", x: x, y: y,
            style: theme.color && counts.halfOpen > 0 ? Style(foreground: .yellow, bold: true) : .plain)
        let unprotected = state.breakers.count - counts.closed - counts.open - counts.halfOpen
        if unprotected > 0 { x = grid.put("  \(unprotected) unprotected", x: x, y: y, style: theme.dim) }
        let hint = state.view == .rows ? "v: heat strip" : "v: rows"
        grid.put(hint + " ", x: grid.width - hint.count - 1, y: y, style: theme.dim)
        y += 1
        if state.view == .rows {
            let columns = Columns(width: grid.width, nameWidth: nameWidth)
            grid.put(" breaker", x: 0, y: y, style: theme.dim)
            grid.put("state", x: columns.badge, y: y, style: theme.dim)
            grid.put("fails", x: columns.gauge, y: y, style: theme.dim)
            grid.put(
                "timeline, 1 cell = \(formatDuration(state.scenario.sampleEvery)), newest right",
                x: columns.timeline, y: y,
                style: theme.dim, maxWidth: columns.timelineWidth)
            grid.put("    ok  fail   rej  prb", x: columns.counters, y: y, style: theme.dim)
        }
        y += 1
    }

    var nameWidth: Int { min(16, max(8, state.breakers.map(\.name.count).max() ?? 8)) }

    struct Columns {
        let name = 1
        let badge: Int
        let gauge: Int
        let timeline: Int
        let timelineWidth: Int
        let counters: Int

        init(width: Int, nameWidth: Int) {
            badge = 1 + nameWidth + 1
            gauge = badge + 11
            timeline = gauge + 7
            counters = width - 24
            timelineWidth = counters - timeline - 1
        }
    }

    /// The first row shown, keeping the selection visible.
    func firstVisible(rows: Int) -> Int {
        var first = min(state.scroll, max(0, state.breakers.count - rows))
        if state.selected < first { first = state.selected }
        if state.selected >= first + rows { first = state.selected - rows + 1 }
        return max(0, first)
    }

    mutating func breakerRows(from top: Int, to bottom: Int) {
        let rows = bottom - top
        guard rows > 0 else { return }
        let columns = Columns(width: grid.width, nameWidth: nameWidth)
        let first = firstVisible(rows: rows)
        for (offset, index) in (first..<min(state.breakers.count, first + rows)).enumerated() {
            let y = top + offset
            let row = state.breakers[index]
            let isSelected = index == state.selected
            grid.put(
                (isSelected ? ">" : " ") + row.name.padded(to: nameWidth), x: 0, y: y,
                style: isSelected ? theme.selected : theme.bold, maxWidth: nameWidth + 1)
            badge(row, x: columns.badge, y: y)
            gauge(row, x: columns.gauge, y: y)
            timeline(row, x: columns.timeline, y: y, width: columns.timelineWidth)
            let s = row.stats
            let counters =
                formatAbbreviated(s.succeeded).padded(to: 6, rightAligned: true)
                + formatAbbreviated(s.failed).padded(to: 6, rightAligned: true)
                + formatAbbreviated(s.rejected).padded(to: 6, rightAligned: true)
                + formatAbbreviated(s.probes).padded(to: 5, rightAligned: true)
            grid.put(counters, x: columns.counters, y: y)
        }
        if state.breakers.count > rows {
            let text =
                " \(first + 1)–\(min(state.breakers.count, first + rows)) of \(state.breakers.count) ↑↓ "
            grid.put(
                theme.unicode ? text : text.asciiFallback, x: grid.width - text.count - 1, y: bottom,
                style: theme.dim)
        }
    }

    mutating func badge(_ row: DashboardState.BreakerRow, x: Int, y: Int) {
        guard row.settings != nil else {
            grid.put("no breaker", x: x, y: y, style: theme.dim)
            return
        }
        var text = row.state.badge
        if row.state == .open, let retryAt = row.retryAt {
            let remaining = max(0, retryAt - state.now)
            text += " " + formatCountdown(remaining)
        }
        grid.put(
            " " + text.padded(to: 9) + " ", x: x, y: y, style: theme.badgeStyle(row.state), maxWidth: 11)
    }

    mutating func gauge(_ row: DashboardState.BreakerRow, x: Int, y: Int) {
        guard let settings = row.settings else { return }
        let cells = min(5, settings.allowedFails)
        let filled =
            settings.allowedFails <= 5
            ? row.consecutiveFailures
            : (row.consecutiveFailures * 5 + settings.allowedFails - 1) / settings.allowedFails
        for cell in 0..<cells {
            let full = cell < filled
            let style =
                theme.color
                ? Style(foreground: full ? .red : .default, dim: !full) : (full ? theme.bold : theme.dim)
            grid[x + cell, y] = Cell(full ? theme.gaugeFull : theme.gaugeEmpty, style: style)
        }
    }

    mutating func timeline(_ row: DashboardState.BreakerRow, x: Int, y: Int, width: Int) {
        guard width > 0 else { return }
        let marks = row.timeline.suffix(width)
        var column = x + width - marks.count
        for mark in marks {
            let scalar = theme.glyph(mark.probe) ?? theme.glyph(mark.state)
            grid[column, y] = Cell(scalar, style: theme.style(mark.state, probe: mark.probe))
            column += 1
        }
    }

    mutating func heatStrip(from top: Int, to bottom: Int) {
        let perRow = max(1, (grid.width - 2) / 2)
        let rows = bottom - top - 2
        guard rows > 0 else { return }
        let firstRow = max(0, state.selected / perRow - rows + 1)
        for (index, row) in state.breakers.enumerated() {
            let line = index / perRow - firstRow
            guard line >= 0, line < rows else { continue }
            let x = 1 + (index % perRow) * 2
            let mark = row.timeline.last ?? TimelineMark(state: row.settings == nil ? nil : .closed)
            var style = theme.style(mark.state, probe: mark.probe)
            if index == state.selected { style.reverse.toggle() }
            grid[x, top + line] = Cell(theme.glyph(mark.probe) ?? theme.glyph(mark.state), style: style)
        }
        if state.breakers.indices.contains(state.selected) {
            let row = state.breakers[state.selected]
            let y = bottom - 1
            grid.put(" " + row.name, x: 0, y: y, style: theme.selected)
            let x = 2 + row.name.count + 1
            badge(row, x: x, y: y)
            timeline(row, x: x + 12, y: y, width: grid.width - x - 14)
        }
    }

    mutating func events(from top: Int) {
        let rows = Self.eventRows(height: grid.height)
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

    mutating func finished(_ summary: RunSummary, from top: Int) {
        for column in 0..<grid.width { grid[column, top] = Cell(theme.horizontal, style: theme.bold) }
        grid.put(" finished: summary (q quits, r runs again) ", x: 2, y: top, style: theme.bold)
        let t = summary.totals
        let m = summary.metrics
        var lines: [String] = []
        let ratio = m.goodputRatio.map(formatShare) ?? "–"
        lines.append(
            "requests \(t.requests), \(ratio) succeeded; offered \(t.offered), executed \(t.executed),"
                + " rejected \(t.rejected), opens \(t.opens), probes \(t.probes)")
        lines.append(
            "detection \(m.detectionDelay.map(formatDelay) ?? "–") mean, recovery \(m.recoveryDelay.map(formatDelay) ?? "–")"
                + " mean, false opens \(m.falseOpens)")
        lines.append(
            "calls sent to the failing service \(m.callsToFailingService), good calls rejected \(m.goodCallsRejected)"
        )
        for (offset, line) in lines.prefix(Self.eventRows(height: grid.height) - 1).enumerated() {
            grid.put(" " + line, x: 0, y: top + 1 + offset, style: .plain, maxWidth: grid.width - 1)
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
        let keys = "space pause  +/- speed  ? help  q \(state.quitLabel) "
        if grid.width - x > keys.count { grid.put(keys, x: grid.width - keys.count, y: y, style: theme.dim) }
    }

    func truncate(_ text: String, _ width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + (theme.unicode ? "…" : ".")
    }
}

extension String {
    /// The text with the dashboard's few non-ASCII characters replaced.
    var asciiFallback: String {
        var text = self
        for (from, to) in [
            ("→", "->"), ("×", "x"), ("…", "..."), ("↑", "^"), ("↓", "v"), ("–", "-"), ("←", "<-"),
            ("±", "+/-"),
        ] {
            text = text.replacingAll(from, with: to)
        }
        return text
    }
}
