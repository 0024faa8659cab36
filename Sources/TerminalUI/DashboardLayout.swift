import BreakerCore
import BreakerSimulation

/// The main screen's layout, computed for one frame.
struct DashboardLayout {
    let state: DashboardState
    let theme: Theme
    var grid: Grid

    static func eventRows(height: Int) -> Int { max(3, min(8, (height - 20) / 4 + 3)) }

    /// Rows not available to breakers: header, services, headings, events, legend.
    static func fixedRows(serviceCount: Int, height: Int) -> Int {
        2 + 1 + min(serviceCount, 4) + 1 + 2 + 1 + eventRows(height: height) + 1
    }

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
