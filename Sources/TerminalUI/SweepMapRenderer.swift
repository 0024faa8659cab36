import BreakerSimulation

/// Draws a ``SweepMapState`` into a ``Grid``.
public enum SweepMapRenderer {
    /// Width of one heat-map cell (" 0.873*").
    static let cellWidth = 7
    /// Width of the row labels ("fails" and the values).
    static let labelWidth = 6

    /// Every key, as the `?` overlay lists them.
    public static let keyHelp: [(String, String)] = [
        ("← → h l", "retry_timer: shorter / longer"),
        ("↑ ↓ k j", "allowed_fails: fewer / more"),
        ("b", "back to the best combination"),
        ("enter", "watch this combination run live"),
        ("", "(in the dashboard, q comes back here)"),
        ("?", "this help (any key closes it)"),
        ("q  Ctrl-C", "quit (during the sweep: stop, keep what finished)"),
    ]

    /// Renders a full frame: the header, then the progress or the map, the selected cell's panel and
    /// any overlay; a screen below the dashboard's minimum size gets a request to enlarge it instead.
    public static func render(_ state: SweepMapState, theme: Theme, width: Int, height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        guard width >= DashboardRenderer.minimumWidth, height >= DashboardRenderer.minimumHeight else {
            DashboardRenderer.tooSmall(&grid, theme: theme)
            return grid
        }
        header(state, theme: theme, into: &grid)
        if let result = state.result {
            map(state, result: result, theme: theme, into: &grid)
        } else {
            progress(state, theme: theme, into: &grid)
        }
        if state.showHelp {
            let lines = keyHelp.map { key, action in
                let text = key.padded(to: 11) + action
                return (theme.unicode ? text : text.asciiFallback, Style.plain)
            }
            DashboardRenderer.box(lines, title: "keys", theme: theme, into: &grid)
        }
        return grid
    }

    static func header(_ state: SweepMapState, theme: Theme, into grid: inout Grid) {
        grid.fill(x: 0, y: 0, width: grid.width, height: 1, with: Cell(" ", style: theme.header))
        let status: String
        if let result = state.result {
            let combinations = result.grid.trips.count * result.grid.retryTimers.count
            let seeds = "\(result.seeds) seed\(result.seeds == 1 ? "" : "s")"
            status =
                "\(counted(combinations, "combination")) × \(seeds)  "
                + (result.isComplete ? "DONE " : "STOPPED ")
        } else {
            status = "SWEEPING \(state.done)/\(state.total) "
        }
        let right = theme.unicode ? status : status.asciiFallback
        let x = grid.put(" breaker-sim sweep \(theme.vertical) ", x: 0, y: 0, style: theme.header)
        grid.put(state.scenario, x: x, y: 0, style: theme.header, maxWidth: grid.width - x - right.count - 1)
        grid.put(right, x: grid.width - right.count, y: 0, style: theme.header)
        var objective = "objective \(state.objective.rawValue): \(state.objective.explanation)"
        if objective.count > grid.width - 2 {
            objective = String(objective.prefix(grid.width - 3)) + (theme.unicode ? "…" : ".")
        }
        grid.put(objective, x: 1, y: 1, style: theme.dim)
    }

    static func progress(_ state: SweepMapState, theme: Theme, into grid: inout Grid) {
        let y = grid.height / 2 - 1
        let barWidth = min(60, grid.width - 10)
        let filled = state.total > 0 ? barWidth * state.done / state.total : 0
        let x = (grid.width - barWidth) / 2
        let full: Unicode.Scalar = theme.unicode ? "█" : "#"
        let empty: Unicode.Scalar = theme.unicode ? "░" : "."
        for column in 0..<barWidth {
            grid[x + column, y] = Cell(
                column < filled ? full : empty,
                style: column < filled
                    ? (theme.color ? Style(foreground: theme.scheme.closed) : theme.bold) : theme.dim)
        }
        var line = "\(state.done) of \(state.total) runs"
        if state.done > 0 && state.done < state.total && state.elapsed > 0.5 {
            let left = state.elapsed / Double(state.done) * Double(state.total - state.done)
            line += ", about \(Int(left.rounded(.up))) s left"
        }
        grid.put(line, x: (grid.width - line.count) / 2, y: y + 2)
        let hint = "q stops and shows what finished"
        grid.put(hint, x: (grid.width - hint.count) / 2, y: y + 4, style: theme.dim)
    }

    static func map(_ state: SweepMapState, result: SweepResult, theme: Theme, into grid: inout Grid) {
        let timers = result.grid.retryTimers
        let fails = result.grid.trips.map(\.label)
        let labelWidth = max(Self.labelWidth, (fails.map(\.count).max() ?? 0) + 1)
        let levels = result.shadeLevels
        let best = result.bestIndex

        // The detail panel takes the right-hand side; the map gets what is left, scrolling around the cursor.
        let panelWidth = 30
        let mapLeft = 1
        let mapWidth = grid.width - panelWidth - 3
        let visibleColumns = max(1, min(timers.count, (mapWidth - labelWidth) / cellWidth))
        let top = 3
        let footer = grid.height - 1
        let summaryRows = 5
        let visibleRows = max(1, min(fails.count, footer - summaryRows - top - 4))
        let firstColumn = window(first: state.column, visible: visibleColumns, count: timers.count)
        let firstRow = window(first: state.row, visible: visibleRows, count: fails.count)

        let title = "score by \(result.grid.rowTitle) ↓ and retry_timer →"
        grid.put(
            theme.unicode ? title : title.asciiFallback, x: mapLeft, y: top, style: theme.bold,
            maxWidth: mapWidth)
        var x = grid.put(
            (result.grid.policies == [.consecutive] ? "fails" : "rule").padded(to: labelWidth), x: mapLeft,
            y: top + 1, style: theme.dim)
        for column in firstColumn..<(firstColumn + visibleColumns) {
            let label = formatDuration(timers[column]).padded(to: cellWidth - 1, rightAligned: true) + " "
            x = grid.put(label, x: x, y: top + 1, style: column == state.column ? theme.bold : theme.dim)
        }
        for (offset, row) in (firstRow..<(firstRow + visibleRows)).enumerated() {
            let y = top + 2 + offset
            let labelStyle = row == state.row ? theme.bold : theme.dim
            x = grid.put(
                fails[row].padded(to: labelWidth - 1, rightAligned: true) + " ", x: mapLeft, y: y,
                style: labelStyle)
            for column in firstColumn..<(firstColumn + visibleColumns) {
                let index = row * timers.count + column
                let selected = row == state.row && column == state.column
                let text: String
                if let cell = result.cells[index] {
                    text = " " + formatScore(cell.score) + (index == best ? "*" : " ")
                } else {
                    text = "   –   "
                }
                let style = cellStyle(level: levels[index], selected: selected, theme: theme)
                x = grid.put(theme.unicode ? text : text.asciiFallback, x: x, y: y, style: style)
            }
        }
        var y = top + 2 + visibleRows
        if timers.count > visibleColumns || fails.count > visibleRows {
            let more = "(\(fails.count) × \(timers.count); the map scrolls with the cursor)"
            grid.put(theme.unicode ? more : more.asciiFallback, x: mapLeft, y: y, style: theme.dim)
        }
        y += 1
        legend(theme: theme, x: mapLeft, y: y, into: &grid)

        panel(
            state, result: result, theme: theme, x: grid.width - panelWidth - 1, width: panelWidth,
            into: &grid)
        summary(result, theme: theme, from: footer - summaryRows, into: &grid)

        let keys = "←↑↓→ move  b best  enter watch it live  ? help  q quit "
        let text = theme.unicode ? keys : keys.asciiFallback
        grid.put(text, x: max(0, grid.width - text.count), y: footer, style: theme.dim)
    }

    /// The first of `visible` items to show so that `first` stays in view, centred when it can be.
    static func window(first index: Int, visible: Int, count: Int) -> Int {
        guard count > visible else { return 0 }
        return min(max(0, index - visible / 2), count - visible)
    }

    /// The look of a map cell: five shades of viridis from worst to best (see ``ColorScheme``).
    ///
    /// The selected cell is the same shade reversed. Without colour, the shade is a glyph after the score.
    static func cellStyle(level: Int?, selected: Bool, theme: Theme) -> Style {
        guard let level else { return selected ? theme.selected : theme.dim }
        guard theme.color else { return selected ? theme.selected : Style(bold: level == 4) }
        var style = theme.scheme.heat[max(0, min(4, level))]
        if selected {
            style.reverse = true
            style.bold = true
        }
        return style
    }

    static func legend(theme: Theme, x: Int, y: Int, into grid: inout Grid) {
        guard theme.color else {
            grid.put("* the best   bold: the top fifth", x: x, y: y, style: theme.dim)
            return
        }
        var column = grid.put("worst ", x: x, y: y, style: theme.dim)
        for level in 0..<5 {
            column = grid.put(
                "  ", x: column, y: y, style: cellStyle(level: level, selected: false, theme: theme))
        }
        grid.put(" best   * the best", x: column, y: y, style: theme.dim)
    }
}
