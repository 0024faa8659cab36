import BreakerSimulation

// "Calls": attempts at the breakers per second, with the unprotected run's successes beside them.
extension RunReport {
    func perSecond(_ counts: [Int], of history: RunHistory) -> [Double?] {
        counts.indices.map { column in
            history.samples[column] > 0 ? Double(counts[column]) / history.recordedSeconds(column) : nil
        }
    }

    /// A series of `counts` per second of `history`.
    func rateSeries(
        _ id: String, _ label: String, _ counts: [Int], of history: RunHistory, stroke: Stroke
    ) -> TimeChart.Series {
        TimeChart.Series(id: id, label: label, values: perSecond(counts, of: history), stroke: stroke)
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
            rateSeries("good", "good", protected.requests.good, of: protected, stroke: palette.succeeded),
            rateSeries("bad", "late, shed or failed", bad(protected), of: protected, stroke: palette.failed),
        ]
        if protected.requests.degraded.contains(where: { $0 > 0 }) {
            series.append(
                rateSeries(
                    "degraded", "degraded (fallback)", protected.requests.degraded, of: protected,
                    stroke: palette.rejected))
        }
        if let unprotected {
            series.append(
                rateSeries(
                    "good:without-breakers", "good without breakers", unprotected.requests.good,
                    of: unprotected,
                    stroke: palette.succeededWithoutBreakers))
            series.append(
                rateSeries(
                    "bad:without-breakers", "late, shed or failed without breakers", bad(unprotected),
                    of: unprotected, stroke: palette.offered))
        }
        return TimeChart(
            title: "Requests per second", axis: axis, yTitle: "requests/s", scale: .quantity, series: series,
            bands: scenario.services.count == 1 ? phases(of: 0) : [])
    }

    func callsChart(axis: TimeAxis, palette: Palette) -> TimeChart {
        let calls = protected.calls
        var series = [
            rateSeries("offered", "offered", calls.offered, of: protected, stroke: palette.offered),
            rateSeries("succeeded", "succeeded", calls.succeeded, of: protected, stroke: palette.succeeded),
            rateSeries("failed", "failed", calls.failed, of: protected, stroke: palette.failed),
            rateSeries(
                "rejected", "rejected by a breaker", calls.rejected, of: protected, stroke: palette.rejected),
        ]
        if let unprotected {
            series.append(
                rateSeries(
                    "succeeded:without-breakers", "succeeded without breakers", unprotected.calls.succeeded,
                    of: unprotected, stroke: palette.succeededWithoutBreakers))
        }
        return TimeChart(
            title: "Calls per second", axis: axis, yTitle: "calls/s", scale: .quantity, series: series,
            bands: scenario.services.count == 1 ? phases(of: 0) : [])
    }
}
