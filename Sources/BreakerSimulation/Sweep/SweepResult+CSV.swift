/// The sweep as a spreadsheet.
extension SweepResult {
    /// One row per combination, for spreadsheets.
    public func csv() -> String {
        var out =
            "allowed_fails,retry_timer_s,score,spread,goodput_ratio,good_calls_rejected,calls_to_failing_service,"
            + "detection_delay_s,recovery_delay_s,false_opens,time_open_ratio\n"
        for cell in cells.compactMap({ $0 }) {
            let m = cell.metrics
            let fields: [JSONWriter.Value] = [
                .int(cell.allowedFails), .double(Double(cell.retryTimer) / 1e9), .double(cell.score),
                .double(cell.spread),
                .double(m.goodputRatio), .double(m.goodCallsRejected), .double(m.callsToFailingService),
                m.detectionDelay.map { .double($0) } ?? .null, m.recoveryDelay.map { .double($0) } ?? .null,
                .double(m.falseOpens), .double(m.timeOpenRatio),
            ]
            out +=
                fields.map { value in
                    if case .null = value { return "" }
                    return JSONWriter.render(value)
                }.joined(separator: ",") + "\n"
        }
        return out
    }
}
