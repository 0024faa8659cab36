import BreakerSimulation

// "Calls": attempts at the breakers per second, with the unprotected run's successes beside them.
extension RunReport {
    func perSecond(_ counts: [Int], of history: RunHistory) -> [Double?] {
        counts.indices.map { column in
            history.samples[column] > 0 ? Double(counts[column]) / history.recordedSeconds(column) : nil
        }
    }

    /// Requests per second by how they ended: good ones with breakers and without, and the ones that
    /// went wrong (late, shed or failed) both ways.
    func requestsChart(axis: TimeAxis, palette: Palette) -> TimeChart {
        func bad(_ history: RunHistory) -> [Int] {
            history.requests.late.indices.map {
                history.requests.late[$0] + history.requests.shed[$0] + history.requests.failed[$0]
            }
        }
        var series = [
            TimeChart.Series(
                id: "good", label: "good", values: perSecond(protected.requests.good, of: protected),
                stroke: palette.succeeded),
            TimeChart.Series(
                id: "bad", label: "late, shed or failed", values: perSecond(bad(protected), of: protected),
                stroke: palette.failed),
        ]
        if protected.requests.degraded.contains(where: { $0 > 0 }) {
            series.append(
                TimeChart.Series(
                    id: "degraded", label: "degraded (fallback)",
                    values: perSecond(protected.requests.degraded, of: protected), stroke: palette.rejected))
        }
        if let unprotected {
            series.append(
                TimeChart.Series(
                    id: "good:without-breakers", label: "good without breakers",
                    values: perSecond(unprotected.requests.good, of: unprotected),
                    stroke: palette.succeededWithoutBreakers))
            series.append(
                TimeChart.Series(
                    id: "bad:without-breakers", label: "late, shed or failed without breakers",
                    values: perSecond(bad(unprotected), of: unprotected), stroke: palette.offered))
        }
        return TimeChart(
            title: "Requests per second", axis: axis, yTitle: "requests/s", scale: .quantity, series: series,
            bands: scenario.services.count == 1 ? phases(of: 0) : [])
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
