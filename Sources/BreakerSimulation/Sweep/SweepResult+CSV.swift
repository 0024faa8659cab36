/// The sweep as a spreadsheet.
extension SweepResult {
    /// One row per combination, for spreadsheets.
    public func csv() -> String {
        var out =
            "allowed_fails,retry_timer_s,score,spread,goodput_ratio,good_calls_rejected,calls_to_failing_service,"
            + "detection_delay_s,recovery_delay_s,false_opens,time_open_ratio,p99_latency_s,user_wait_s,"
            + "indistinguishable_from_best,pareto,policy,failure_rate,window_calls,window_s,minimum_calls"
        // One good-share column per route, named client/route.
        let routeNames = (cells.lazy.compactMap { $0 }.first?.metrics.routes ?? []).map {
            "\($0.client)/\($0.route)"
        }
        for name in routeNames {
            let column = "good_ratio:" + name
            out +=
                ","
                + (column.contains(",") || column.contains("\"")
                    ? "\"" + column.replacingAll("\"", with: "\"\"") + "\"" : column)
        }
        out += "\n"
        let tied = indistinguishableFromBest
        let front = Set(paretoFront)
        for (index, cell) in cells.enumerated() {
            guard let cell else { continue }
            let m = cell.metrics
            let rate: [JSONWriter.Value]
            switch cell.trip {
            case .consecutive: rate = [.null, .null, .null, .null]
            case .failureRate(let threshold, .calls(let size), let minimum):
                rate = [.double(threshold), .int(size), .null, .int(minimum)]
            case .failureRate(let threshold, .duration(let length), let minimum):
                rate = [.double(threshold), .null, .double(Double(length) / 1e9), .int(minimum)]
            }
            let trip: [JSONWriter.Value] = [
                cell.allowedFails.map { .int($0) } ?? .null, .double(Double(cell.retryTimer) / 1e9),
            ]
            let fields: [JSONWriter.Value] =
                trip + [
                    .double(cell.score),
                    .double(cell.spread),
                    .double(m.goodputRatio), .double(m.goodCallsRejected), .double(m.callsToFailingService),
                    m.detectionDelay.map { .double($0) } ?? .null,
                    m.recoveryDelay.map { .double($0) } ?? .null,
                    .double(m.falseOpens), .double(m.timeOpenRatio),
                    m.p99Latency.map { .double($0) } ?? .null,
                    .double(m.userWait), .bool(tied[index]), .bool(front.contains(index)),
                    .raw(cell.trip.policy.rawValue),
                ] + rate + m.routes.map { $0.goodRatio.map { .double($0) } ?? .null }
            out +=
                fields.map { value in
                    if case .null = value { return "" }
                    return JSONWriter.render(value)
                }.joined(separator: ",") + "\n"
        }
        return out
    }
}
