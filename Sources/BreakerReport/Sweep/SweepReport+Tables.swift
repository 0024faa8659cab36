import BreakerSimulation

// The ranking table: the top combinations, the scenario's own settings and no breaker at all.
extension SweepReport {
    var rankingTable: Markup {
        let ranked = result.ranking
        var rows = ranked.prefix(rankingRows).enumerated().map { index, cell in
            row(rank: String(index + 1), cell.allowedFails.description, formatDuration(cell.retryTimer), cell)
        }
        if let own = result.scenarioOwn {
            rows.append(row(rank: "own", String(own.allowedFails), formatDuration(own.retryTimer), own))
        }
        let m = result.baseline
        rows.append([
            "none", "no breaker", "", formatScore(result.baselineScore), formatShare(m.goodputRatio),
            formatQuantity(m.goodCallsRejected), formatQuantity(m.callsToFailingService), "–", "–",
            formatQuantity(m.falseOpens),
            formatShare(m.timeOpenRatio),
        ])
        let more = ranked.count - min(ranked.count, rankingRows)
        let table = Markup.dataTable(
            header: [
                "rank", "allowed_fails", "retry_timer", "score", "goodput", "good rejected", "to failing",
                "detection", "recovery", "false opens", "open",
            ], rows: rows, numeric: Set(3...10),
            caption: "Combinations by score" + (more > 0 ? " (the top \(rankingRows))" : ""))
        let note = Markup.paragraph("… and \(more) more: --format csv lists them all.", class: "note")
        return .element("div", more > 0 ? [table, note] : [table])
    }

    func row(rank: String, _ fails: String, _ timer: String, _ cell: SweepCell) -> [String] {
        let m = cell.metrics
        return [
            rank, fails, timer,
            formatScore(cell.score) + (result.seeds > 1 ? " ± " + formatScore(cell.spread) : ""),
            formatShare(m.goodputRatio), formatQuantity(m.goodCallsRejected),
            formatQuantity(m.callsToFailingService),
            m.detectionDelay.map(formatSecondsShort) ?? "–", m.recoveryDelay.map(formatSecondsShort) ?? "–",
            formatQuantity(m.falseOpens), formatShare(m.timeOpenRatio),
        ]
    }
}
