import BreakerSimulation

// "Calls": attempts at the breakers per second, with the unprotected run's successes beside them.
extension RunReport {
    func perSecond(_ counts: [Int], of history: RunHistory) -> [Double?] {
        counts.indices.map { column in
            history.samples[column] > 0 ? Double(counts[column]) / history.recordedSeconds(column) : nil
        }
    }

    func callsChart(axis: TimeAxis, palette: Palette) -> TimeChart {
        let calls = protected.calls
        var series = [
            TimeChart.Series(
                id: "offered", label: "offered", values: perSecond(calls.offered, of: protected),
                stroke: palette.offered),
            TimeChart.Series(
                id: "succeeded", label: "succeeded", values: perSecond(calls.succeeded, of: protected),
                stroke: palette.succeeded),
            TimeChart.Series(
                id: "failed", label: "failed", values: perSecond(calls.failed, of: protected),
                stroke: palette.failed),
            TimeChart.Series(
                id: "rejected", label: "rejected by a breaker",
                values: perSecond(calls.rejected, of: protected),
                stroke: palette.rejected),
        ]
        if let unprotected {
            series.append(
                TimeChart.Series(
                    id: "succeeded:without-breakers", label: "succeeded without breakers",
                    values: perSecond(unprotected.calls.succeeded, of: unprotected),
                    stroke: palette.succeededWithoutBreakers))
        }
        return TimeChart(
            title: "Calls per second", axis: axis, yTitle: "calls/s", scale: .quantity, series: series,
            bands: scenario.services.count == 1 ? phases(of: 0) : [])
    }
}
