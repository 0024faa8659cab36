import BreakerCore
import BreakerSimulation

/// The main screen's layout, computed for one frame.
///
/// From the top: the header, the time axis with the phases' labels, the service band (what happened
/// to the calls each service was sent, and their latency against the timeout), the caller panel
/// (each client's workers and requests), the breakers, the latest transitions, the key legend. Every
/// time series shares one ``TimeAxis``: the same columns, the same right edge.
struct DashboardLayout {
    let state: DashboardState
    let theme: Theme
    var grid: Grid
    /// Whether rows carry a tag saying which run they are (a comparison): both runs' layouts say so,
    /// so that their columns agree.
    var tagged = false

    /// How the screen's rows are shared out, decided before anything is drawn.
    struct Plan: Equatable {
        /// Services and clients shown (at most four of each).
        var services: Int
        var clients: Int
        /// Rows of each service's stacked bars, and whether its latency line has a row of its own.
        var serviceRows = 1
        var latencyRow = false
        /// Rows of each client's requests, and whether its workers line has a row of its own.
        var clientRows = 1
        var workersRow = false
        /// Rows for the breaker pane's entries, and rows of the event pane (its rule included).
        var breakerRows = 0
        var eventRows = 3
        /// What the breaker pane shows: breaker rows collapse to one row per client and service when
        /// they do not fit.
        var view: DashboardState.View

        /// Whether two runs are shown (each service and client twice): a comparison.
        var compare = false
    }

    /// The run compared with this one, if any, drawn at this run's zoom.
    var counterpart: DashboardState? {
        guard var other = state.counterpart else { return nil }
        other.samplesPerCell = state.samplesPerCell
        other.recording = state.recording
        return other
    }

    static func plan(_ state: DashboardState, height: Int) -> Plan {
        var plan = Plan(
            services: min(4, state.services.count), clients: min(4, state.clients.count), view: state.view)
        plan.compare = state.counterpart != nil
        let copies = plan.compare ? 2 : 1
        // Fixed: header 2, axis 1, breakers' heading 2, legend 1; a comparison's headline 1.
        var free =
            height - 6 - (plan.services + plan.clients) * copies - plan.eventRows - (plan.compare ? 1 : 0)
        let wanted: Int
        switch state.view {
        case .rows: wanted = state.breakers.count
        case .groups: wanted = state.groups.count
        case .heat: wanted = max(6, min(free / 2, state.groups.count * 2 + state.breakers.count / 40 + 2))
        }
        func take(_ rows: Int) -> Bool {
            guard rows <= free else { return false }
            free -= rows
            return true
        }
        if free - plan.services * copies >= min(wanted, 3) { plan.latencyRow = take(plan.services * copies) }
        if state.view == .rows && wanted > free {
            // Not every breaker fits: one row per client and service instead.
            plan.view = .groups
        }
        let entries = plan.view == .groups ? state.groups.count : wanted
        plan.breakerRows = min(entries, max(0, free))
        free -= plan.breakerRows
        if take(plan.services * copies) { plan.serviceRows = 2 }
        if take(3) { plan.eventRows += 3 }
        if take(plan.clients * copies) { plan.workersRow = true }
        if take(plan.services * copies) { plan.serviceRows = 3 }
        if take(plan.clients * copies) { plan.clientRows = 2 }
        let more = max(0, min(free, 24 - plan.eventRows))
        plan.eventRows += more
        free -= more
        // What is still free goes to the breaker pane (a heat strip can use it; rows leave it blank).
        plan.breakerRows += max(0, free)
        return plan
    }

    /// The columns every row shares: the label area on the left, then the timeline, then (on wide
    /// screens) the breakers' counters.
    struct Columns {
        let name = 1
        let badge: Int
        let gauge: Int
        let timeline: Int
        let timelineWidth: Int
        /// Where the counters start, or `nil` on a screen too narrow for them.
        let counters: Int?

        init(width: Int, nameWidth: Int) {
            badge = 1 + nameWidth + 1
            gauge = badge + 11
            timeline = gauge + 12
            counters = width >= 110 ? width - 24 : nil
            timelineWidth = max(1, (counters ?? width) - timeline - 1)
        }
    }

    var nameWidth: Int {
        let width = min(18, max(10, state.longestName))
        guard tagged || state.counterpart != nil else { return width }
        // Room for " with" / "  w/o" after a service's or client's name.
        return max(width, min(18, state.longestBlockName) + 5)
    }

    var columns: Columns { Columns(width: grid.width, nameWidth: nameWidth) }

    var axis: TimeAxis { TimeAxis(state: state, width: columns.timelineWidth) }

    mutating func draw() {
        let plan = Self.plan(state, height: grid.height)
        var y = 0
        header(&y)
        if plan.compare { headline(&y) }
        timeAxis(&y)
        services(&y, plan: plan)
        clients(&y, plan: plan)
        aggregate(&y, plan: plan)
        let bottom = y + plan.breakerRows
        switch plan.view {
        case .rows: breakerRows(from: y, to: bottom)
        case .groups: groupRows(from: y, to: bottom)
        case .heat: heatStrip(from: y, to: bottom)
        }
        var eventRows = plan.eventRows
        if eventRows >= 6 {
            eventRows -= 1
            outcomeLegend(y: grid.height - 2)
        }
        let events = grid.height - 1 - plan.eventRows
        if let summary = state.summary {
            finished(summary, from: events, rows: eventRows)
        } else {
            self.events(from: events, rows: eventRows)
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
            ("±", "+/-"), ("—", "-"), ("·", "-"), ("▼", "v"), ("µ", "u"),
        ] {
            text = text.replacingAll(from, with: to)
        }
        return text
    }
}
