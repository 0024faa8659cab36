import BreakerCore
import BreakerSimulation

/// Draws a ``DashboardState`` into a ``Grid``: the whole visible dashboard, with no terminal involved.
public enum DashboardRenderer {
    /// The narrowest screen the dashboard lays out on, in columns.
    public static let minimumWidth = 80
    /// The shortest screen the dashboard lays out on, in rows.
    public static let minimumHeight = 24

    /// Renders a full frame.
    public static func render(_ state: DashboardState, theme: Theme, width: Int, height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            tooSmall(&grid, theme: theme)
            return grid
        }
        var layout = DashboardLayout(state: state, theme: theme, grid: grid)
        layout.draw()
        grid = layout.grid
        if state.showDetail, state.breakers.indices.contains(state.selected) {
            detail(state, theme: theme, into: &grid)
        }
        if state.showHelp { help(theme: theme, quitLabel: state.quitLabel, into: &grid) }
        if !theme.unicode { asciiOnly(&grid) }
        return grid
    }

    /// Makes every cell ASCII, whatever text reached the grid (a separator, a name in the scenario file).
    ///
    /// A terminal that cannot draw a character (the C locale) drops it, which shifts the rest of its row
    /// and leaves stale characters behind. Each cell keeps its column: a one-column stand-in, `?` for
    /// characters without one, a blank for the right half of a wide character.
    static func asciiOnly(_ grid: inout Grid) {
        let standIns: [Unicode.Scalar: Unicode.Scalar] = [
            "×": "x", "·": "-", "…": ".", "–": "-", "—": "-", "→": ">", "←": "<", "↑": "^", "↓": "v",
            "▼": "v", "µ": "u", "±": "~",
        ]
        for y in 0..<grid.height {
            for x in 0..<grid.width where !grid[x, y].scalar.isASCII {
                // Overwriting a wide character's left half blanks its right half too.
                let cell = grid[x, y]
                grid[x, y] = Cell(standIns[cell.scalar] ?? "?", style: cell.style)
            }
        }
    }

    /// How many breaker rows fit on a screen of this height (used for paging and scrolling).
    public static func visibleRows(_ state: DashboardState, height: Int) -> Int {
        max(1, DashboardLayout.plan(state, height: height).breakerRows)
    }

    /// The columns of the timeline on a screen of this width (for tests).
    public static func timelineColumns(_ state: DashboardState, width: Int) -> Range<Int> {
        let layout = DashboardLayout(
            state: state, theme: Theme(color: false, unicode: true), grid: Grid(width: width, height: 1))
        let columns = layout.columns
        return columns.timeline..<(columns.timeline + columns.timelineWidth)
    }
}
