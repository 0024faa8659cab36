import BreakerCore
import BreakerSimulation

/// The top of the main screen: the header, the time axis, the service band, the caller panel and the
/// breakers' aggregate.
extension DashboardLayout {
    mutating func header(_ y: inout Int) {
        let width = grid.width
        grid.fill(x: 0, y: y, width: width, height: 1, with: Cell(" ", style: theme.header))
        let status: String
        var reason: String?
        if state.finished {
            status = "FINISHED"
        } else if state.paused {
            status = "PAUSED"
            reason = state.pauseReason
        } else {
            status = "RUNNING"
        }
        let autoPause = state.autoPause && !state.finished ? " · auto-pause" : ""
        let speed = state.speed.map { "\(formatSpeed($0))×" } ?? "max"
        let clock =
            "\(DashboardRenderer.clock(state.now)) / \(DashboardRenderer.clock(state.scenario.duration))"
        let seed = "seed \(state.scenario.seed)"
        let left = " breaker-sim \(theme.vertical) "
        // What fits beside the left part and the name (its first 24 characters): parts are left out
        // whole, never a cut number: first the seed, then the auto-pause mark, the pause's reason, the
        // speed.
        let room = width - left.count - min(24, state.scenario.name.count) - 1
        let explained = status + (reason.map { " (\($0))" } ?? "")
        let choices = [
            [clock, speed, explained + autoPause, seed],
            [clock, speed, explained + autoPause],
            [clock, speed, explained],
            [clock, speed, status],
            [clock, status],
            [clock],
        ].map { $0.joined(separator: "  ") + " " }.map { theme.unicode ? $0 : $0.asciiFallback }
        var right = choices.first { $0.count <= room } ?? choices[choices.count - 1]
        if right.count > width - left.count { right = String(right.prefix(max(0, width - left.count))) }
        var x = grid.put(left, x: 0, y: y, style: theme.header)
        x = grid.put(
            state.scenario.name, x: x, y: y, style: theme.header, maxWidth: width - x - right.count - 1)
        grid.put(right, x: width - right.count, y: y, style: theme.header)
        y += 1
        grid.put(truncate(state.scenario.description, width - 2), x: 1, y: y, style: theme.dim)
        y += 1
    }

    /// A comparison's headline: the run with breakers against the run without.
    ///
    /// Over the last five seconds; parts that do not fit are left out whole, never cut.
    mutating func headline(_ y: inout Int) {
        guard let other = counterpart else { return }
        let (with, without) = state.withBreakers ? (state, other) : (other, state)
        let samples = max(1, Int(5_000_000_000 / max(1, state.scenario.sampleEvery)))
        let seconds = Double(samples) * seconds(state.scenario.sampleEvery)
        func good(_ run: DashboardState) -> String {
            var (good, ended) = (0, 0)
            for client in run.clients {
                for mark in client.timeline.suffix(samples) {
                    good += mark[.good]
                    ended += mark.ended
                }
            }
            return ended == 0 ? "–" : percent(Double(good) / Double(ended))
        }
        func reaching(_ run: DashboardState, _ index: Int) -> Int {
            run.services[index].timeline.suffix(samples).reduce(0) { $0 + $1.ended }
        }
        func inProgress(_ run: DashboardState) -> Int {
            run.clients.reduce(0) { total, client in
                total + Int(client.timeline.last?.busy ?? 0) + Int(client.timeline.last?.waiting ?? 0)
            }
        }
        // The service to watch: one in a phase now, else the one whose load differs most.
        let watched =
            with.services.indices.first { with.services[$0].phase != nil }
            ?? with.services.indices.max {
                abs(reaching(with, $0) - reaching(without, $0))
                    < abs(reaching(with, $1) - reaching(without, $1))
            }
        // Each part in words, and shorter for a narrow screen.
        var parts = [
            ("good requests \(good(with)) vs \(good(without))", "good \(good(with)) vs \(good(without))")
        ]
        if let watched {
            let a = formatInteger(Int((Double(reaching(with, watched)) / seconds).rounded()))
            let b = formatInteger(Int((Double(reaching(without, watched)) / seconds).rounded()))
            let name = with.services[watched].name
            parts.append(("calls reaching \(name) \(a)/s vs \(b)/s", "to \(name) \(a)/s vs \(b)/s"))
        }
        // A request that arrived and has not ended (held by a worker or queued for one) is a user waiting.
        let waiting = "\(formatInteger(inProgress(with))) vs \(formatInteger(inProgress(without)))"
        parts.append(("users waiting " + waiting, "waiting " + waiting))
        /// The parts that fit, whole; and whether all of them did.
        func line(_ parts: [String]) -> (text: String, complete: Bool) {
            var text = " breakers on/off:"
            for part in parts {
                let next = text + (text.hasSuffix(":") ? " " : " · ") + part
                if next.count > grid.width - 1 { return (text, false) }
                text = next
            }
            return (text, true)
        }
        // The words when everything fits; otherwise the short forms, as many as fit.
        let long = line(parts.map(\.0))
        let text = long.complete ? long.text : line(parts.map(\.1)).text
        grid.put(
            theme.unicode ? text : text.asciiFallback, x: 0, y: y, style: theme.bold, maxWidth: grid.width)
        y += 1
    }

    /// The axis row: the scale, and each phase's label above the column where it started.
    mutating func timeAxis(_ y: inout Int) {
        let columns = columns
        let axis = axis
        let scale = "1 cell = \(formatDuration(axis.cellDuration))  z/Z zoom"
        grid.put(" services", x: 0, y: y, style: theme.bold)
        grid.put(scale, x: columns.timeline - scale.count - 1, y: y, style: theme.dim)
        let named = state.scenario.services.filter { !$0.phases.isEmpty }.count > 1
        var phases: [(column: Int, text: String)] = []
        for service in state.scenario.services {
            for phase in service.phases where phase.at < state.now || (phase.at == 0 && state.samples > 0) {
                guard let column = axis.column(ofTime: phase.at) else {
                    // A phase that began after the newest sample drawn: labelled once its column is.
                    if Int(phase.at / axis.sampleEvery) >= axis.samples { continue }
                    // A phase still in force whose start has scrolled off: its label at the left edge.
                    if phase.end > state.now, phase.at < state.now {
                        phases.append(
                            (
                                0,
                                (theme.unicode ? "◀" : "<")
                                    + (named ? "\(service.name) \(phase.label)" : phase.label)
                            ))
                    }
                    continue
                }
                let label = phase.label
                phases.append((column, named ? "\(service.name) \(label)" : label))
            }
        }
        var free = 0
        let sorted = phases.sorted { $0.column < $1.column }
        for (index, (column, text)) in sorted.enumerated() where column >= free {
            let edge = text.hasPrefix("◀") || text.hasPrefix("<")
            let arrow = theme.unicode ? "▼" : "v"
            // The next phase's arrow bounds this label: a label that would run into it is shortened,
            // so that every phase on screen keeps its arrow and the newest its label.
            let next = sorted[(index + 1)...].first { $0.column > column }?.column
            if next == nil, !edge, column + 1 + text.count > columns.timelineWidth {
                // A phase that just began, at the right edge: its label goes before the arrow, so that it
                // is read whole rather than as a bare arrow.
                // (In ASCII a space keeps the label from reading as one word with the arrow: "brownout v".)
                let before = theme.unicode ? text : text + " "
                if column - before.count >= free {
                    let end = grid.put(
                        before + arrow, x: columns.timeline + column - before.count, y: y, style: theme.phase)
                    free = end - columns.timeline + 1
                    continue
                }
            }
            let room = (next ?? columns.timelineWidth) - column - (edge ? 0 : 1) - (next == nil ? 0 : 1)
            var label = text
            if label.count > room {
                label = room >= 3 ? String(label.prefix(room - 1)) + (theme.unicode ? "…" : ".") : ""
            }
            let marker = edge ? (label.isEmpty ? String(text.prefix(1)) : label) : arrow + label
            let end = grid.put(
                marker, x: columns.timeline + column, y: y, style: theme.phase,
                maxWidth: columns.timelineWidth - column)
            free = end - columns.timeline + 1
        }
        y += 1
    }

    // MARK: Services

    mutating func services(_ y: inout Int, plan: Plan) {
        for index in 0..<plan.services {
            eachRun(&y) { layout, y, tag in layout.service(index, &y, plan: plan, tag: tag) }
        }
    }

    /// Draws a block of this run and, when comparing, the same block of the other run right under it,
    /// with the tags that tell them apart.
    mutating func eachRun(_ y: inout Int, _ draw: (inout DashboardLayout, inout Int, String?) -> Void) {
        guard let other = counterpart else {
            draw(&self, &y, nil)
            return
        }
        draw(&self, &y, state.settingsLabel)
        var layout = DashboardLayout(
            state: other, theme: theme, grid: Grid(width: 0, height: 0), tagged: true)
        swap(&layout.grid, &grid)
        draw(&layout, &y, other.settingsLabel)
        swap(&layout.grid, &grid)
    }

    mutating func service(_ index: Int, _ y: inout Int, plan: Plan, tag: String?) {
        let columns = columns
        let axis = axis
        let service = state.services[index]

        let cells = axis.cells(service.timeline) { $0.merge($1) }
        let recent = recentMark(service.timeline)
        let observed = observedBadge(service, recent: recent)
        putName(service.name, tag: tag, y: y)
        grid.put(
            theme.unicode ? observed.text : observed.text.asciiFallback, x: columns.badge, y: y,
            style: theme.style(observed.severity), maxWidth: columns.timeline - columns.badge - 1)
        stackedBars(
            cells, total: \.attempted, top: y, rows: plan.serviceRows,
            segments: { [theme] mark in CallOutcomeKind.allCases.map { (mark[$0], theme.color($0)) } },
            letter: { [theme] in theme.badLetter($0) })
        var detailRow = y + 1
        if plan.serviceRows >= 2 {
            var text = "  " + (service.phase.map { "scripted: \($0)" } ?? "scripted: baseline")
            if let capacity = service.capacity, columns.counters == nil {
                // The slots and the queue whole, or the queue alone, or neither: a cut "q 9" of
                // "q 999/1000" would say the queue is nearly empty.
                let room = columns.timeline - 1
                text =
                    [
                        " · in \(recent.inService)/\(capacity.concurrency) q \(recent.queued)/\(capacity.queue)",
                        " · q \(recent.queued)/\(capacity.queue)", "",
                    ].map { text + $0 }.first { $0.count <= room } ?? text
            }
            grid.put(
                theme.unicode ? text : text.asciiFallback, x: 0, y: detailRow, style: theme.dim,
                maxWidth: columns.timeline - 1)
            detailRow += 1
        }
        if let counters = columns.counters {
            // Per second over the recent samples: calls that reached the service, of those attempted.
            let span = seconds(state.scenario.sampleEvery) * Double(max(1, min(3, service.timeline.count)))
            let reached = formatInteger(Int((Double(recent.ended) / span).rounded()))
            let attempted = formatInteger(Int((Double(recent.attempted) / span).rounded()))
            let text =
                recent.attempted == recent.ended
                ? "\(reached) calls/s" : "reach \(reached)/s of \(attempted)/s"
            grid.put(text, x: counters, y: y, style: .plain, maxWidth: 24)
            if let capacity = service.capacity, plan.serviceRows >= 2 {
                let room = min(23, grid.width - counters - 1)
                let choices = [
                    "in \(recent.inService)/\(capacity.concurrency) q \(recent.queued)/\(capacity.queue)",
                    "q \(recent.queued)/\(capacity.queue)",
                ]
                if let text = choices.first(where: { $0.count <= room }) {
                    grid.put(text, x: counters + 1, y: y + 1, style: theme.dim)
                }
            }
        }
        y += plan.serviceRows
        if plan.latencyRow {
            let p99 = recent.p99.map(formatLatencyShort) ?? "–"
            let text = "  p99 \(p99) of \(formatLatencyShort(service.timeout)) timeout"
            grid.put(
                theme.unicode ? text : text.asciiFallback, x: 0, y: y,
                style: theme.dim, maxWidth: columns.timeline - 1)
            for (x, mark) in cells.enumerated() {
                guard let p99 = mark?.p99 else { continue }
                let ratio = Double(p99) / Double(max(1, service.timeout))
                let level = ratio >= 1 ? 8 : max(1, min(8, Int((ratio * 8).rounded(.up))))
                let severity: Severity = ratio >= 0.95 ? .critical : ratio >= 0.5 ? .warning : .normal
                grid[columns.timeline + x, y] = Cell(
                    theme.sparkLevels[level],
                    style: severity == .normal ? theme.dim : theme.style(severity))
            }
            y += 1
        }
        _ = detailRow
    }

    /// The latest few samples of a series merged, so that a badge does not flicker from one to the next.
    func recentMark(_ ring: Ring<ServiceMark>) -> ServiceMark {
        var mark = ServiceMark()
        let count = min(ring.count, max(1, Int(3_000_000_000 / max(1, state.scenario.sampleEvery))))
        for (offset, sample) in ring.suffix(count).enumerated() {
            if offset == 0 { mark = sample } else { mark.merge(sample) }
        }
        return mark
    }

    /// What is observed of a service in its latest samples, whatever its scripted phase says.
    func observedBadge(_ service: DashboardState.ServiceRow, recent: ServiceMark) -> (
        text: String, severity: Severity
    ) {
        let ended = recent.ended
        let attempted = recent.attempted
        func share(_ outcome: CallOutcomeKind) -> Double {
            ended == 0 ? 0 : Double(recent[outcome]) / Double(ended)
        }
        if attempted == 0 { return ("idle", .normal) }
        if ended == 0 && recent[.rejected] > 0 { return ("SHIELDED by breakers", .warning) }
        // Overload first: calls that time out in a full queue are not a hang, the service is busy.
        if share(.refused) >= 0.1 { return ("OVERLOADED \(percent(share(.refused))) refused", .critical) }
        if let capacity = service.capacity, capacity.queue > 0, Int(recent.queued) * 10 >= capacity.queue * 9
        {
            return ("OVERLOADED — queue full", .critical)
        }
        if ended > 0 && recent[.ok] == 0 && share(.timedOut) >= 0.5 {
            return ("HUNG — no answers", .critical)
        }
        if share(.timedOut) >= 0.1 { return ("TIMEOUTS \(percent(share(.timedOut)))", .critical) }
        let errors = share(.error)
        if errors >= 0.1 { return ("ERRORS \(percent(errors))", errors >= 0.3 ? .critical : .warning) }
        // Slow in every sample of the window, not one slow call among a few dozen.
        if let p99 = recent.steadyP99, Double(p99) >= 0.5 * Double(service.timeout) {
            return ("SLOW p99 \(formatLatencyShort(p99))", .warning)
        }
        return ("ok" + (recent.steadyP99.map { " · p99 \(formatLatencyShort($0))" } ?? ""), .normal)
    }

    /// A row's name in the label area; in a comparison, with a tag that says which run it is.
    mutating func putName(_ name: String, tag: String?, y: Int) {
        let width = columns.badge - 1
        guard let tag else {
            grid.put(" " + name, x: 0, y: y, style: theme.bold, maxWidth: width)
            return
        }
        // The tag right-aligned (" with", "  w/o"), the name in what is left of the area.
        grid.put(" " + name, x: 0, y: y, style: theme.bold, maxWidth: max(1, width - tag.count - 1))
        grid.put(tag, x: width - tag.count, y: y, style: theme.dim)
    }

    func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    // MARK: Callers

    mutating func clients(_ y: inout Int, plan: Plan) {
        for index in 0..<plan.clients {
            eachRun(&y) { layout, y, tag in layout.client(index, &y, plan: plan, tag: tag) }
        }
    }

    mutating func client(_ index: Int, _ y: inout Int, plan: Plan, tag: String?) {
        let columns = columns
        let axis = axis
        let client = state.clients[index]

        let cells = axis.cells(client.timeline) { $0.merge($1) }
        let last = client.timeline.last ?? ClientMark()
        putName(client.name, tag: tag, y: y)
        var busy = "busy \(last.busy)" + (client.workers == nil ? " (no limit)" : "")
        var severity = Severity.normal
        if let workers = client.workers {
            busy += "/\(workers)"
            let share = Double(last.busy) / Double(max(1, workers))
            severity = share >= 0.999 ? .critical : share >= 0.8 ? .warning : .normal
        }
        if last.waiting > 0 {
            let waiting = " +\(last.waiting) waiting"
            busy +=
                busy.count + waiting.count < columns.timeline - columns.badge ? waiting : " +\(last.waiting)"
        }
        grid.put(
            busy, x: columns.badge, y: y, style: theme.style(severity),
            maxWidth: columns.timeline - columns.badge - 1)
        stackedBars(
            cells, total: \.ended, top: y, rows: plan.clientRows,
            segments: { [theme] mark in RequestOutcomeKind.allCases.map { (mark[$0], theme.color($0)) } },
            letter: { _ in nil })
        let ended = last.ended
        let good = ended == 0 ? "–" : percent(Double(last[.good]) / Double(ended))
        let p99 = last.p99.map(formatLatencyShort) ?? "–"
        let shed = formatInteger(
            Int((Double(last[.shed]) / seconds(state.scenario.sampleEvery)).rounded()))
        var summary = "good \(good) shed \(shed)/s p99 \(p99)"
        if !theme.unicode { summary = summary.asciiFallback }
        if let counters = columns.counters {
            // Two rows on the right when there are two; on one, the p99 goes if it does not fit.
            let first = "good \(good) shed \(shed)/s"
            let second = "p99 \(p99)"
            if plan.clientRows >= 2 || plan.workersRow {
                grid.put(first, x: counters, y: y, style: .plain, maxWidth: 24)
                grid.put(
                    theme.unicode ? second : second.asciiFallback, x: counters, y: y + 1, style: theme.dim,
                    maxWidth: 24)
            } else {
                grid.put(
                    summary.count <= 24 ? summary : first, x: counters, y: y, style: .plain, maxWidth: 24)
            }
        } else if plan.clientRows >= 2 {
            // Beside the bars' second row, which they describe; never beside the workers' line, which it
            // would seem to label (near zero "good" beside a full line of busy workers).
            grid.put("  " + summary, x: 0, y: y + 1, style: theme.dim, maxWidth: columns.timeline - 1)
        }
        y += plan.clientRows
        if plan.workersRow {
            grid.put("  workers busy", x: 0, y: y, style: theme.dim, maxWidth: columns.timeline - 1)
            let busiest = Int(cells.map { $0?.busy ?? 0 }.max() ?? 1)
            for (x, mark) in cells.enumerated() {
                guard let mark else { continue }
                let share = Double(mark.busy) / Double(max(1, client.workers ?? busiest))
                let level = mark.busy == 0 ? 0 : max(1, min(8, Int((share * 8).rounded(.up))))
                var severity: Severity = share >= 0.999 ? .critical : share >= 0.8 ? .warning : .normal
                if client.workers == nil { severity = .normal }
                grid[columns.timeline + x, y] = Cell(
                    theme.sparkLevels[level],
                    style: severity == .normal ? theme.dim : theme.style(severity))
            }
            y += 1
        }
    }

    /// One stacked bar per timeline cell, all on the scale of the tallest (`total` of each mark).
    mutating func stackedBars<Mark>(
        _ cells: [Mark?], total: (Mark) -> Int, top: Int, rows: Int, segments: (Mark) -> [(Int, Color)],
        letter: (Mark) -> Unicode.Scalar?
    ) {
        let scale = max(1, cells.map { $0.map(total) ?? 0 }.max() ?? 1)
        for (x, mark) in cells.enumerated() {
            guard let mark else { continue }
            stackedBar(
                segments(mark), scale: scale, x: columns.timeline + x, top: top, rows: rows,
                letter: letter(mark))
        }
    }

    /// One column of a stacked bar over `rows` rows.
    ///
    /// Segments go bottom up, to a height of `total / scale` of the rows. A cell shows at most two segments: the one at its bottom (a lower block in its colour) and
    /// the next one above it (the cell's background).
    mutating func stackedBar(
        _ segments: [(Int, Color)], scale: Int, x: Int, top: Int, rows: Int, letter: Unicode.Scalar?
    ) {
        let eighths = rows * 8
        let total = segments.reduce(0) { $0 + $1.0 }
        guard total > 0 else { return }
        var bounds: [(end: Int, color: Color)] = []
        var cumulative = 0
        for (count, color) in segments where count > 0 {
            cumulative += count
            bounds.append((Int((Double(cumulative) / Double(scale) * Double(eighths)).rounded()), color))
        }
        let height = max(1, min(eighths, bounds[bounds.count - 1].end))
        for row in 0..<rows {
            let low = row * 8
            guard low < height else { break }
            let at = bounds.firstIndex { $0.end > low } ?? bounds.count - 1
            let filledEnd = min(bounds[at].end, low + 8, height)
            var background = Color.default
            // A segment ending inside the cell below the bar's top leaves the rest to the next one.
            if filledEnd < low + 8, filledEnd < height, at + 1 < bounds.count {
                background = bounds[at + 1].color
            }
            var scalar = theme.sparkLevels[max(1, filledEnd - low)]
            if low + 8 >= height, let letter { scalar = letter }
            let style =
                theme.color ? Style(foreground: bounds[at].color, background: background) : Style.plain
            grid[x, top + rows - 1 - row] = Cell(scalar, style: style)
        }
    }

    func seconds(_ ns: Nanoseconds) -> Double { Double(max(1, ns)) / 1e9 }

    // MARK: Breakers' heading

    mutating func aggregate(_ y: inout Int, plan: Plan) {
        let counts = state.aggregate
        var x = grid.put(" breakers ", x: 0, y: y, style: theme.bold)
        x = grid.put(
            "\(counts.closed) closed", x: x, y: y,
            style: theme.color ? Style(foreground: theme.stateColor(.closed), bold: true) : .plain)
        x = grid.put(
            "  \(counts.open) open", x: x, y: y,
            style: theme.color && counts.open > 0
                ? Style(foreground: theme.stateColor(.open), bold: true) : .plain)
        x = grid.put(
            "  \(counts.halfOpen) half-open", x: x, y: y,
            style: theme.color && counts.halfOpen > 0
                ? Style(foreground: theme.stateColor(.halfOpen), bold: true) : .plain)
        let unprotected = state.breakers.count - counts.closed - counts.open - counts.halfOpen
        if unprotected > 0 { x = grid.put("  \(unprotected) unprotected", x: x, y: y, style: theme.dim) }
        let hint: String
        switch plan.view {
        case .rows: hint = "v: groups"
        case .groups:
            hint =
                state.view != .rows
                ? "v: heat"
                : grid.width - x > 45
                    ? "one row per client and service · v: heat" : "one row per client and service"
        case .heat:
            // `v` asks for rows; where they do not fit, the groups come instead: the hint says which.
            var next = state
            next.view = .rows
            hint = DashboardLayout.plan(next, height: grid.height).view == .rows ? "v: rows" : "v: groups"
        }
        if grid.width - x > hint.count + 2 {
            grid.put(hint + " ", x: grid.width - hint.count - 1, y: y, style: theme.dim)
        }
        y += 1
        if plan.view != .heat {
            let columns = columns
            // The label area's heading fits it (a short one where names are short: "client service"
            // ran into the next heading).
            let heading =
                plan.view == .groups
                ? (columns.badge > 16 ? " client service" : " client") : " breaker"
            grid.put(heading, x: 0, y: y, style: theme.dim, maxWidth: columns.badge - 1)
            grid.put(plan.view == .groups ? "breakers" : "state", x: columns.badge, y: y, style: theme.dim)
            grid.put(plan.view == .groups ? "" : "fails", x: columns.gauge, y: y, style: theme.dim)
            grid.put(
                plan.view == .groups ? "share open (height), newest right" : "timeline, newest right",
                x: columns.timeline, y: y, style: theme.dim, maxWidth: columns.timelineWidth)
            if let counters = columns.counters {
                grid.put("    ok  fail   rej  prb", x: counters, y: y, style: theme.dim)
            }
        }
        y += 1
    }
}
