import BreakerSimulation

// The score heat map and the trade-off scatter plots.
extension SweepReport {
    var heatMap: HeatMapChart {
        let tied = result.indistinguishableFromBest
        let ownIndex = result.scenarioOwn.flatMap { own in
            grid.cells.firstIndex { $0.trip == own.trip && $0.retryTimer == own.retryTimer }
        }
        return HeatMapChart(
            title: "Score by \(grid.rowTitle) (rows) and retry_timer (columns)",
            rowTitle: grid.rowTitle, columnTitle: "retry_timer",
            rowLabels: grid.trips.map(\.label), columnLabels: grid.retryTimers.map(formatDuration),
            cells: result.cells.map { cell in
                cell.map {
                    HeatMapChart.Cell(
                        score: $0.score,
                        text: formatScore($0.score),
                        tooltip: "\(describe($0)): score \(formatScore($0.score)), goodput "
                            + "\(formatShare($0.metrics.goodputRatio)), \(formatQuantity($0.metrics.callsToFailingService)) "
                            + "calls to the failing service, \(formatQuantity($0.metrics.goodCallsRejected)) good calls rejected"
                            + ($0.metrics.p99Latency.map { ", p99 \(formatLatency($0))" } ?? "")
                            + ", user wait \(formatSecondsShort($0.metrics.userWait))"
                    )
                }
            },
            best: result.bestIndex, own: ownIndex,
            tied: Set(tied.indices.filter { tied[$0] }))
    }

    func tradeOff(
        title: String, yTitle: String, yAxis: ScatterChart.Axis, hint: String,
        y: KeyPath<SweepMetrics, Double>, front: Bool = false
    ) -> ScatterChart {
        var dots: [ScatterChart.Dot] = []
        for (column, timer) in grid.retryTimers.enumerated() {
            for (row, trip) in grid.trips.enumerated() {
                guard let cell = result.cells[row * grid.retryTimers.count + column] else { continue }
                dots.append(
                    ScatterChart.Dot(
                        x: cell.metrics.callsToFailingService, y: cell.metrics[keyPath: y], category: column,
                        tag: trip.label,
                        tooltip: "\(trip.description), retry_timer \(formatDuration(timer)): score "
                            + formatScore(cell.score)))
            }
        }
        var highlights: [ScatterChart.Highlight] = []
        if let best = result.ranking.first {
            highlights.append(
                ScatterChart.Highlight(
                    kind: .best, x: best.metrics.callsToFailingService, y: best.metrics[keyPath: y],
                    label: "best: \(best.trip.label), \(formatDuration(best.retryTimer))"))
        }
        if let own = result.scenarioOwn {
            highlights.append(
                ScatterChart.Highlight(
                    kind: .own, x: own.metrics.callsToFailingService, y: own.metrics[keyPath: y],
                    label: "scenario's own: \(own.trip.label), \(formatDuration(own.retryTimer))"))
        }
        highlights.append(
            ScatterChart.Highlight(
                kind: .baseline, x: result.baseline.callsToFailingService, y: result.baseline[keyPath: y],
                label: "no breaker: \(formatQuantity(result.baseline.callsToFailingService)) calls"))
        return ScatterChart(
            title: title, xTitle: "calls sent to the service while it was degraded (mean per run)",
            yTitle: yTitle,
            yAxis: yAxis, hint: hint,
            categories: grid.retryTimers.map { "retry_timer \(formatDuration($0))" },
            dots: dots, highlights: highlights,
            front: front
                ? result.paretoFront.compactMap { index in
                    result.cells[index].map { ($0.metrics.callsToFailingService, $0.metrics[keyPath: y]) }
                } : [],
            frontLabel: "Pareto front: no combination has both more good requests and fewer calls")
    }
}
