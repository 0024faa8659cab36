import BreakerCore
import BreakerSimulation

/// The end of a run: the summary that replaces the event pane.
extension DashboardLayout {
    mutating func finished(_ summary: RunSummary, from top: Int) {
        for column in 0..<grid.width { grid[column, top] = Cell(theme.horizontal, style: theme.bold) }
        grid.put(" finished: summary (q quits, r runs again) ", x: 2, y: top, style: theme.bold)
        let t = summary.totals
        let m = summary.metrics
        var lines: [String] = []
        let ratio = m.goodputRatio.map(formatShare) ?? "–"
        lines.append(
            "requests \(t.requests), \(ratio) succeeded; offered \(t.offered), executed \(t.executed),"
                + " rejected \(t.rejected), opens \(t.opens), probes \(t.probes)")
        lines.append(
            "detection \(m.detectionDelay.map(formatDelay) ?? "–") mean, recovery \(m.recoveryDelay.map(formatDelay) ?? "–")"
                + " mean, false opens \(m.falseOpens)")
        lines.append(
            "calls sent to the failing service \(m.callsToFailingService), good calls rejected \(m.goodCallsRejected)"
        )
        for (offset, line) in lines.prefix(eventPaneRows - 1).enumerated() {
            grid.put(" " + line, x: 0, y: top + 1 + offset, style: .plain, maxWidth: grid.width - 1)
        }
    }
}
