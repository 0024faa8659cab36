import BreakerSimulation

// The ranking table: the top combinations, the scenario's own settings and no breaker at all.
extension SweepReport {
    var rankingTable: Markup {
        let ranked = result.ranking
        let tied = result.indistinguishableFromBest
        let tiedCells = Set(tied.indices.filter { tied[$0] }.compactMap { result.cells[$0].map(Key.init) })
        var rows = ranked.prefix(rankingRows).enumerated().map { index, cell in
            row(
                rank: String(index + 1) + (tiedCells.contains(Key(cell)) ? " ≈" : ""),
                cell.trip.label, formatDuration(cell.retryTimer), cell)
        }
        if let own = result.scenarioOwn {
            rows.append(row(rank: "own", own.trip.label, formatDuration(own.retryTimer), own))
        }
        let m = result.baseline
        rows.append([
            "none", "no breaker", "", formatScore(result.baselineScore), formatShare(m.goodputRatio),
            formatQuantity(m.goodCallsRejected), formatQuantity(m.callsToFailingService),
            m.p99Latency.map(formatLatency) ?? "–", formatSecondsShort(m.userWait), "–", "–",
            formatQuantity(m.falseOpens),
            formatShare(m.timeOpenRatio),
        ])
        let more = ranked.count - min(ranked.count, rankingRows)
        let table = Markup.dataTable(
            header: [
                "rank", grid.rowTitle, "retry_timer", "score", "goodput", "good rejected", "to failing",
                "p99", "user wait", "detection", "recovery", "false opens", "open",
            ], rows: rows, numeric: Set(3...12),
            caption: "Combinations by score" + (more > 0 ? " (the top \(rankingRows))" : "")
                + "; ≈: within the noise of the best")
        let note = Markup.paragraph("… and \(more) more: --format csv lists them all.", class: "note")
        return .element("div", more > 0 ? [table, note] : [table])
    }

    /// The best of each policy, when the grid holds more than one; `nil` otherwise.
    var policiesTable: Markup? {
        guard grid.policies.count > 1 else { return nil }
        let rows = result.bestIndexPerPolicy.compactMap { entry -> [String]? in
            guard let cell = result.cells[entry.index] else { return nil }
            return row(rank: entry.policy.rawValue, cell.trip.label, formatDuration(cell.retryTimer), cell)
        }
        let table = Markup.dataTable(
            header: [
                "policy", "trip rule", "retry_timer", "score", "goodput", "good rejected", "to failing",
                "p99",
                "user wait", "detection", "recovery", "false opens", "open",
            ], rows: rows, numeric: Set(3...12), caption: "The best of each policy, on the same seeds")
        guard let sentence = result.policyTradeOff else { return table }
        return .element("div", [table, Markup.paragraph(sentence)])
    }

    func row(rank: String, _ fails: String, _ timer: String, _ cell: SweepCell) -> [String] {
        let m = cell.metrics
        return [
            rank, fails, timer,
            formatScore(cell.score) + (result.seeds > 1 ? " ± " + formatScore(cell.spread) : ""),
            formatShare(m.goodputRatio), formatQuantity(m.goodCallsRejected),
            formatQuantity(m.callsToFailingService),
            m.p99Latency.map(formatLatency) ?? "–", formatSecondsShort(m.userWait),
            m.detectionDelay.map(formatSecondsShort) ?? "–", m.recoveryDelay.map(formatSecondsShort) ?? "–",
            formatQuantity(m.falseOpens), formatShare(m.timeOpenRatio),
        ]
    }
}

/// A cell's place in the grid, to find it again.
private struct Key: Hashable {
    var trip: SweepTrip
    var retryTimer: Nanoseconds
    init(_ cell: SweepCell) {
        trip = cell.trip
        retryTimer = cell.retryTimer
    }
}

// The Pareto front and the good share per route.
extension SweepReport {
    var paretoTable: Markup {
        let rows = result.paretoFront.compactMap { index -> [String]? in
            guard let cell = result.cells[index] else { return nil }
            return [
                cell.trip.label, formatDuration(cell.retryTimer),
                formatShare(cell.metrics.goodputRatio),
                formatQuantity(cell.metrics.callsToFailingService), formatScore(cell.score),
                index == result.bestIndex ? "best" : "",
            ]
        }
        return Markup.dataTable(
            header: [grid.rowTitle, "retry_timer", "goodput", "to failing", "score", ""], rows: rows,
            numeric: Set(2...4),
            caption: "Pareto front: no other combination has both more good requests and fewer calls to the "
                + "failing service (fewest calls first)")
    }

    /// Good share per route for the best, runner-up, own settings and no breaker; `nil` for one route.
    var routesTable: Markup? {
        guard let table = result.routeShares(ownLabel: "own settings") else { return nil }
        return Markup.dataTable(
            header: table.header, rows: table.rows, numeric: Set(1..<table.header.count),
            caption: "Good requests per route (within the deadline)")
    }
}
