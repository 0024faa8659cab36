import BreakerCore
import BreakerSimulation

/// The end of a run: the summary that replaces the event pane.
extension DashboardLayout {
    /// The summary over `rows` rows from `top`, its rule included.
    mutating func finished(_ summary: RunSummary, from top: Int, rows: Int) {
        for column in 0..<grid.width { grid[column, top] = Cell(theme.horizontal, style: theme.bold) }
        let heading = state.recording ? " finished: summary " : " finished: summary (q quits, r runs again) "
        grid.put(heading, x: 2, y: top, style: theme.bold)
        let rows = rows - 1
        var lines = wrap(
            summary.briefParts(comparedWith: state.baseline), width: grid.width - 2, unicode: theme.unicode)
        if lines.count > rows {
            // What does not fit is printed in full when the dashboard closes.
            let more = state.recording ? "" : " the whole summary is printed when you quit"
            lines = Array(lines.prefix(max(0, rows - 1))) + [theme.ellipsis + more]
        }
        for (offset, line) in lines.prefix(rows).enumerated() {
            let style = line.hasPrefix("with") || line.hasPrefix("without") ? theme.bold : .plain
            grid.put(" " + line, x: 0, y: top + 1 + offset, style: style, maxWidth: grid.width - 1)
        }
    }
}
