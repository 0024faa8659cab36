import BreakerCore
import BreakerSimulation

/// The top of the main screen: the header, the services, the breakers' aggregate.
extension DashboardLayout {
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

}
