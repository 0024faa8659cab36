import BreakerSimulation

// "Services": each service's error rate and load, with breakers and without, under its phases.
extension RunReport {
    func phases(of service: Int) -> [TimeChart.Band] {
        protected.services[service].phases.filter { $0.at < scenario.duration }.map {
            TimeChart.Band(start: $0.at, end: min($0.end, scenario.duration), label: $0.label)
        }
    }

    func errorRateChart(service index: Int, axis: TimeAxis, palette: Palette) -> TimeChart {
        func rates(_ history: RunHistory) -> [Double?] {
            let track = history.services[index]
            return track.received.indices.map { column in
                track.received[column] > 0
                    ? Double(track.failed[column]) / Double(track.received[column]) : nil
            }
        }
        let name = protected.services[index].name
        var series = [
            TimeChart.Series(
                id: "error-rate:\(name)", label: "with breakers", values: rates(protected),
                stroke: palette.withBreakers)
        ]
        if let unprotected {
            series.append(
                TimeChart.Series(
                    id: "error-rate:\(name):without-breakers", label: "without breakers",
                    values: rates(unprotected),
                    stroke: palette.withoutBreakers))
        }
        return TimeChart(
            title: "\(name): error rate", axis: axis, yTitle: "failed calls", scale: .share, series: series,
            bands: phases(of: index), plotHeight: 140)
    }

    func loadChart(service index: Int, axis: TimeAxis, palette: Palette) -> TimeChart {
        let name = protected.services[index].name
        var series = [
            TimeChart.Series(
                id: "load:\(name)", label: "with breakers",
                values: perSecond(protected.services[index].received, of: protected),
                stroke: palette.withBreakers)
        ]
        if let unprotected {
            series.append(
                TimeChart.Series(
                    id: "load:\(name):without-breakers", label: "without breakers",
                    values: perSecond(unprotected.services[index].received, of: unprotected),
                    stroke: palette.withoutBreakers))
        }
        return TimeChart(
            title: "\(name): calls received per second", axis: axis, yTitle: "received calls/s",
            scale: .quantity,
            series: series, bands: phases(of: index), plotHeight: 140)
    }
}
