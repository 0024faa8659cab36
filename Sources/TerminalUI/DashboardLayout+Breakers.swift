import BreakerCore
import BreakerSimulation

/// The breakers: one row each (badge, gauge, timeline, counts), or the fleet's heat strip.
extension DashboardLayout {
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
}
