import BreakerCore
import BreakerSimulation

/// The breakers: one row each (badge, gauge, timeline, counts), one row per client and service when
/// they do not all fit, or the fleet's heat strip.
extension DashboardLayout {
    /// The first row shown, keeping the selection visible.
    func firstVisible(rows: Int, count: Int) -> Int {
        var first = min(state.scroll, max(0, count - rows))
        if state.selected < first { first = state.selected }
        if state.selected >= first + rows { first = state.selected - rows + 1 }
        return max(0, first)
    }

    mutating func breakerRows(from top: Int, to bottom: Int) {
        let rows = bottom - top
        guard rows > 0 else { return }
        let columns = columns
        let first = firstVisible(rows: rows, count: state.breakers.count)
        for (offset, index) in (first..<min(state.breakers.count, first + rows)).enumerated() {
            let y = top + offset
            let row = state.breakers[index]
            let isSelected = index == state.selected && !state.recording
            grid.put(
                (isSelected ? ">" : " ") + row.name.padded(to: nameWidth), x: 0, y: y,
                style: isSelected ? theme.selected : theme.bold, maxWidth: nameWidth + 1)
            badge(row, x: columns.badge, y: y)
            gauge(row, x: columns.gauge, y: y)
            timeline(row, x: columns.timeline, y: y)
            if let counters = columns.counters {
                let s = row.stats
                let text =
                    formatAbbreviated(s.succeeded).padded(to: 6, rightAligned: true)
                    + formatAbbreviated(s.failed).padded(to: 6, rightAligned: true)
                    + formatAbbreviated(s.rejected).padded(to: 6, rightAligned: true)
                    + formatAbbreviated(s.probes).padded(to: 5, rightAligned: true)
                grid.put(text, x: counters, y: y)
            }
        }
        if state.breakers.count > rows {
            let text =
                " \(first + 1)–\(min(state.breakers.count, first + rows)) of \(state.breakers.count) ↑↓ "
            grid.put(
                theme.unicode ? text : text.asciiFallback, x: grid.width - text.count - 1, y: bottom - 1,
                style: theme.dim)
        }
    }

    /// One row per client and service: "web payments ×12", how many are open, and the share open over time.
    mutating func groupRows(from top: Int, to bottom: Int) {
        let rows = bottom - top
        guard rows > 0 else { return }
        let columns = columns
        let axis = axis
        let selectedGroup = state.groups.firstIndex { $0.members.contains(state.selected) } ?? 0
        let first = max(0, min(selectedGroup - rows + 1, state.groups.count - rows))
        for (offset, index) in (max(0, first)..<min(state.groups.count, max(0, first) + rows)).enumerated() {
            let y = top + offset
            let group = state.groups[index]
            let isSelected = index == selectedGroup && !state.recording
            let name = "\(group.name) ×\(group.members.count)"
            grid.put(
                (isSelected ? ">" : " ") + name.padded(to: nameWidth), x: 0, y: y,
                style: isSelected ? theme.selected : theme.bold, maxWidth: columns.badge)
            guard group.protected else {
                grid.put("no breakers", x: columns.badge, y: y, style: theme.dim)
                continue
            }
            var counts = (closed: 0, open: 0, halfOpen: 0)
            for member in group.members {
                switch state.breakers[member].state {
                case .closed: counts.closed += 1
                case .open: counts.open += 1
                case .halfOpen: counts.halfOpen += 1
                }
            }
            // The counts in words where they fit, else as "9o 2h 1c", else as many whole counts as fit
            // (open first): never a cut number or word ("1 cl", or a bare "20").
            let room = columns.timeline - columns.badge - 1
            var parts: [(String, CircuitState)] = []
            var separator = " · "
            for short in [false, true] {
                parts = []
                if counts.open > 0 {
                    parts.append((short ? "\(counts.open)o" : "\(counts.open) open", .open))
                }
                if counts.halfOpen > 0 {
                    parts.append((short ? "\(counts.halfOpen)h" : "\(counts.halfOpen) half", .halfOpen))
                }
                if counts.closed > 0 {
                    parts.append((short ? "\(counts.closed)c" : "\(counts.closed) closed", .closed))
                }
                separator = short ? " " : " · "
                let width = parts.reduce(0) { $0 + $1.0.count } + separator.count * max(0, parts.count - 1)
                if width <= room { break }
            }
            var x = columns.badge
            for (offset, part) in parts.enumerated() {
                let needed = (offset > 0 ? separator.count : 0) + part.0.count
                if x + needed > columns.badge + room { break }
                if offset > 0 {
                    x = grid.put(separator, x: x, y: y, style: theme.dim, maxWidth: columns.timeline - x - 1)
                }
                x = grid.put(
                    part.0, x: x, y: y,
                    style: theme.color
                        ? Style(foreground: theme.stateColor(part.1), bold: part.1 != .closed) : .plain,
                    maxWidth: columns.timeline - x - 1)
            }
            let cells = axis.cells(group.timeline) { $0.merge($1) }
            for (column, mark) in cells.enumerated() {
                guard let mark else { continue }
                let total = Int(mark.closed + mark.open + mark.halfOpen)
                let notClosed = Int(mark.open + mark.halfOpen)
                let state: CircuitState = mark.open > 0 ? .open : mark.halfOpen > 0 ? .halfOpen : .closed
                let level =
                    notClosed == 0
                    ? 1 : max(2, min(8, Int((Double(notClosed) / Double(max(1, total)) * 8).rounded(.up))))
                grid[columns.timeline + column, y] = Cell(theme.sparkLevels[level], style: theme.style(state))
            }
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

    /// The failure gauge: it counts to `allowed_fails` whatever its size (`■■■□□ 3/5`), reads `5/5
    /// TRIPPED` while the breaker is open, and says when a probe is out.
    mutating func gauge(_ row: DashboardState.BreakerRow, x: Int, y: Int) {
        guard let settings = row.settings else { return }
        if case .failureRate(let threshold, _, _) = settings.policy {
            return rateGauge(row, threshold: threshold, x: x, y: y)
        }
        let allowed = settings.allowedFails
        switch row.state {
        case .open:
            let reopened = row.transitions.last?.reason == .probeFailed
            let text = reopened ? "reopened" : "\(allowed)/\(allowed) TRIPPED"
            grid.put(text, x: x, y: y, style: theme.warning, maxWidth: 11)
        case .halfOpen:
            grid.put("probing", x: x, y: y, style: theme.bold, maxWidth: 11)
        case .closed:
            let failures = min(row.consecutiveFailures, allowed)
            let cells = min(5, allowed)
            let filled = allowed <= 5 ? failures : (failures * 5 + allowed - 1) / allowed
            gaugeCells(cells, filled: filled, x: x, y: y)
            grid.put(
                " \(failures)/\(allowed)", x: x + cells, y: y, style: failures > 0 ? theme.bold : theme.dim,
                maxWidth: 11 - cells)
        }
    }

    /// `cells` gauge cells from `x`, the first `filled` of them full.
    mutating func gaugeCells(_ cells: Int, filled: Int, x: Int, y: Int) {
        for cell in 0..<cells {
            let full = cell < filled
            let style =
                theme.color
                ? Style(foreground: full ? theme.stateColor(.open) : .default, dim: !full)
                : (full ? theme.bold : theme.dim)
            grid[x + cell, y] = Cell(full ? theme.gaugeFull : theme.gaugeEmpty, style: style)
        }
    }

    /// The gauge of a failure-rate breaker: the window's failed share against the threshold
    /// (`■■■□□ 30%` when 30% of its calls failed and it opens at 50%).
    mutating func rateGauge(_ row: DashboardState.BreakerRow, threshold: Double, x: Int, y: Int) {
        switch row.state {
        case .open:
            let reopened = row.transitions.last?.reason == .probeFailed
            grid.put(reopened ? "reopened" : "TRIPPED", x: x, y: y, style: theme.warning, maxWidth: 11)
        case .halfOpen:
            grid.put("probing", x: x, y: y, style: theme.bold, maxWidth: 11)
        case .closed:
            let share = row.windowCalls == 0 ? 0 : Double(row.windowFailures) / Double(row.windowCalls)
            let filled =
                row.windowFailures == 0 ? 0 : min(5, max(1, Int((share / threshold * 5).rounded(.down))))
            gaugeCells(5, filled: filled, x: x, y: y)
            grid.put(
                " " + formatFixed(share * 100, decimals: 0) + "%", x: x + 5, y: y,
                style: row.windowFailures > 0 ? theme.bold : theme.dim, maxWidth: 6)
        }
    }

    /// A breaker's timeline on the shared axis.
    ///
    /// A cell shows its state at the end, a probe event over
    /// it: `◆` sent, `✓` succeeded (drawn as closed, even when the breaker re-tripped within the cell),
    /// `✗` failed.
    mutating func timeline(_ row: DashboardState.BreakerRow, x: Int, y: Int, width: Int? = nil) {
        var axis = axis
        if let width { axis = TimeAxis(state: state, width: width) }
        let cells = axis.cells(row.timeline) { $0.merge($1) }
        for (column, mark) in cells.enumerated() {
            guard let mark else { continue }
            let scalar = theme.glyph(mark.probe) ?? theme.glyph(mark.state)
            let shown: CircuitState? = mark.probe == .succeeded ? .closed : mark.state
            grid[x + column, y] = Cell(scalar, style: theme.style(shown, probe: mark.probe))
        }
    }

    /// The heat strip: one cell per breaker, a block per client and service under its name.
    mutating func heatStrip(from top: Int, to bottom: Int) {
        let layout = HeatLayout(state: state, width: grid.width)
        let room = bottom - top - 2
        guard room > 0 else { return }
        // A strip taller than its room keeps its last line to say what is out of sight: a group of open
        // breakers below the fold must not look like a fleet at rest.
        let overflow = layout.lineCount > room && room > 1
        let lines = overflow ? room - 1 : room
        let selectedLine = layout.position(of: state.selected)?.line ?? 0
        let firstLine = max(0, min(selectedLine - lines + 1, layout.lineCount - lines))
        if overflow {
            let starts = layout.labels.map(\.line)
            var above = 0
            var below: [String] = []
            for (index, label) in layout.labels.enumerated() {
                let end = index + 1 < starts.count ? starts[index + 1] : layout.lineCount
                if end <= firstLine { above += 1 }
                if label.line >= firstLine + lines { below.append(label.text.replacingAll("  ", with: " ")) }
            }
            var notes: [String] = []
            if above > 0 { notes.append("↑ \(counted(above, "group")) above") }
            if !below.isEmpty { notes.append("↓ " + below.joined(separator: " · ")) }
            let text = " " + notes.joined(separator: "  ")
            grid.put(text, x: 0, y: top + lines, style: theme.bold, maxWidth: grid.width - 2)
        }
        for (line, label) in layout.labels where line >= firstLine && line < firstLine + lines {
            grid.put(
                " " + label, x: 0, y: top + line - firstLine, style: theme.bold, maxWidth: grid.width - 2)
        }
        for (index, row) in state.breakers.enumerated() {
            guard let position = layout.position(of: index) else { continue }
            let line = position.line - firstLine
            guard line >= 0, line < lines else { continue }
            let mark = row.timeline.last ?? TimelineMark(state: row.settings == nil ? nil : .closed)
            var style = theme.style(mark.state, probe: mark.probe)
            if index == state.selected && !state.recording { style.reverse.toggle() }
            grid[position.column, top + line] = Cell(
                theme.glyph(mark.probe) ?? theme.glyph(mark.state), style: style)
        }
        if state.breakers.indices.contains(state.selected) {
            let row = state.breakers[state.selected]
            let y = bottom - 1
            grid.put(" " + row.name, x: 0, y: y, style: theme.selected, maxWidth: columns.badge)
            badge(row, x: columns.badge, y: y)
            gauge(row, x: columns.gauge, y: y)
            timeline(row, x: columns.timeline, y: y)
        }
    }
}

/// Where each breaker's cell is in the heat strip.
///
/// Groups (client and service) come one after another, each under a label line, wrapped at the
/// screen's width. Navigation uses it too.
struct HeatLayout {
    /// Lines with a group's label on them, and the label.
    private(set) var labels: [(line: Int, text: String)] = []
    private var positions: [(line: Int, column: Int)]
    private(set) var lineCount = 0
    /// Cells per line.
    let perLine: Int

    init(state: DashboardState, width: Int) {
        perLine = max(1, (width - 2) / 2)
        positions = Array(repeating: (-1, -1), count: state.breakers.count)
        var line = 0
        for group in state.groups {
            var open = 0
            for member in group.members where state.breakers[member].state != .closed { open += 1 }
            let counts = group.protected ? "  \(open) not closed" : "  no breakers"
            labels.append((line, "\(group.name) ×\(group.members.count)" + counts))
            line += 1
            for (offset, member) in group.members.enumerated() {
                positions[member] = (line + offset / perLine, 1 + (offset % perLine) * 2)
            }
            line += (group.members.count + perLine - 1) / perLine
        }
        lineCount = line
    }

    func position(of index: Int) -> (line: Int, column: Int)? {
        guard positions.indices.contains(index), positions[index].line >= 0 else { return nil }
        return positions[index]
    }

    /// The breaker a line up (`-1`) or down (`+1`) from `index`, nearest in column; `index` at an edge.
    func vertical(from index: Int, by step: Int) -> Int {
        guard let here = position(of: index) else { return index }
        var line = here.line + step
        while line >= 0 && line < lineCount {
            let candidates = positions.indices.filter { positions[$0].line == line }
            if let nearest = candidates.min(by: {
                abs(positions[$0].column - here.column) < abs(positions[$1].column - here.column)
            }) {
                return nearest
            }
            line += step
        }
        return index
    }
}
