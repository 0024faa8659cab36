/// The sweep's outputs: text with a heat map, JSON (also the shard format), CSV.
extension SweepResult {
    /// The runner-up's and the best's trade-off in one sentence.
    public var tradeOff: String? {
        let ranked = ranking
        guard let best = ranked.first else { return nil }
        func describe(_ cell: SweepCell) -> String {
            "allowed_fails \(cell.allowedFails), retry_timer \(formatDuration(cell.retryTimer))"
        }
        guard ranked.count > 1 else { return "\(describe(best)) is the only combination that finished." }
        let second = ranked[1]
        let goodput = best.metrics.goodputRatio - second.metrics.goodputRatio
        let load = best.metrics.callsToFailingService - second.metrics.callsToFailingService
        var parts: [String] = []
        if abs(goodput) >= 0.0005 {
            parts.append("has \(formatPoints(abs(goodput))) \(goodput > 0 ? "more" : "less") goodput")
        }
        if abs(load) >= 1 {
            parts.append(
                "sends \(Int(abs(load).rounded())) \(load < 0 ? "fewer" : "more") calls to the failing service"
            )
        }
        let delta = parts.isEmpty ? "scores about the same" : parts.joined(separator: " and ")
        return "Against the runner-up (\(describe(second))), the best \(delta)"
            + (best.metrics.falseOpens != second.metrics.falseOpens
                ? ", with \(formatCount(best.metrics.falseOpens)) false opens against \(formatCount(second.metrics.falseOpens))."
                : ".")
    }

    /// A readable report: the winner, the comparison, a heat map and a table.
    public func text(color: Bool) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        let combos = grid.allowedFails.count * grid.retryTimers.count
        line(
            "Sweep of \"\(scenario)\" — \(combos) combinations × \(seeds) seed\(seeds == 1 ? "" : "s")"
                + (clients.isEmpty ? "" : ", varying \(clients.joined(separator: ", "))")
                + (shard.map { ", shard \($0)" } ?? ""))
        line("objective \(objective.rawValue): \(objective.explanation)")
        line()
        let ranked = ranking
        if let best = ranked.first {
            line(
                "best        allowed_fails \(best.allowedFails), retry_timer \(formatDuration(best.retryTimer))  score \(score(best))"
            )
            if ranked.count > 1 {
                let second = ranked[1]
                line(
                    "runner-up   allowed_fails \(second.allowedFails), retry_timer \(formatDuration(second.retryTimer))  score \(score(second))"
                )
            }
            if let tradeOff { line(tradeOff) }
        }
        if let own = scenarioOwn {
            let rank = ranked.firstIndex { $0.score <= own.score }.map { $0 + 1 } ?? ranked.count + 1
            line(
                "scenario's own settings (allowed_fails \(own.allowedFails), retry_timer \(formatDuration(own.retryTimer))):"
                    + " score \(score(own)), would rank \(rank) of \(ranked.count + 1)")
        }
        line(
            "no breaker at all: score \(formatScore(baselineScore)), goodput \(formatShare(baseline.goodputRatio)),"
                + " \(Int(baseline.callsToFailingService.rounded())) calls to the failing service")
        if !isComplete { line("(incomplete: \(cells.filter { $0 == nil }.count) combinations did not run)") }
        line()
        line("score by allowed_fails (rows) and retry_timer (columns); * marks the best, █ the top fifth")
        out += heatMap(color: color)
        line()
        let header = [
            "fails", "timer", "score", "±", "goodput", "good rejected", "to failing", "detect", "recover",
            "false opens",
            "open",
        ]
        let rows = ranked.map { cell -> [String] in
            let m = cell.metrics
            return [
                String(cell.allowedFails), formatDuration(cell.retryTimer), formatScore(cell.score),
                seeds > 1 ? formatScore(cell.spread) : "–", formatShare(m.goodputRatio),
                formatCount(m.goodCallsRejected),
                formatCount(m.callsToFailingService), m.detectionDelay.map(formatSecondsShort) ?? "–",
                m.recoveryDelay.map(formatSecondsShort) ?? "–", formatCount(m.falseOpens),
                formatShare(m.timeOpenRatio),
            ]
        }
        out += table(header: header, rows: rows)
        return out
    }

    private func score(_ cell: SweepCell) -> String {
        formatScore(cell.score) + (seeds > 1 ? " ± " + formatScore(cell.spread) : "")
    }

    /// Each grid cell's shade, 0 (bottom fifth of the ranking) to 4 (top fifth); `nil` for cells that did
    /// not run. Shading by rank, not by score, keeps an order visible when the scores are close.
    public var shadeLevels: [Int?] {
        let finished = cells.enumerated().compactMap { index, cell in cell.map { (index, $0) } }
            .sorted { $0.1.score != $1.1.score ? $0.1.score > $1.1.score : $0.0 < $1.0 }
        var levels = [Int?](repeating: nil, count: cells.count)
        for (position, entry) in finished.enumerated() {
            levels[entry.0] = 4 - min(4, position * 5 / max(1, finished.count))
        }
        return levels
    }

    /// The grid index of the best cell (the first in grid order among equal scores).
    public var bestIndex: Int? {
        var best: (index: Int, score: Double)?
        for (index, cell) in cells.enumerated() {
            guard let cell else { continue }
            if best == nil || cell.score > best!.score { best = (index, cell.score) }
        }
        return best?.index
    }

    /// A cell's place in the ranking, from 1.
    public func rank(ofCellAt index: Int) -> Int? {
        guard let cell = cells[index] else { return nil }
        return cells.enumerated().filter { other, candidate in
            guard let candidate else { return false }
            return candidate.score > cell.score || (candidate.score == cell.score && other < index)
        }.count + 1
    }

    /// Rows: allowed_fails; columns: retry_timer; shaded by score.
    func heatMap(color: Bool) -> String {
        let level = shadeLevels
        let bestScore = ranking.first?.score
        let columnWidth = 9
        var out = "  " + "fails".padded(6)
        for timer in grid.retryTimers { out += formatDuration(timer).padded(columnWidth, left: true) }
        out += "\n"
        // Shades from worst to best; plain text keeps them apart by glyph.
        let shades = [" ", "░", "▒", "▓", "█"]
        let colors = [31, 33, 93, 92, 32]
        for (row, fails) in grid.allowedFails.enumerated() {
            out += "  " + String(fails).padded(6)
            for column in grid.retryTimers.indices {
                let index = row * grid.retryTimers.count + column
                guard let cell = cells[index] else {
                    out += "–".padded(columnWidth, left: true)
                    continue
                }
                let shade = level[index] ?? 0
                let mark = cell.score == bestScore ? "*" : " "
                let text = formatScore(cell.score) + mark + shades[shade]
                let padded = text.padded(columnWidth, left: true)
                out += color ? "\u{1B}[\(colors[shade])m\(padded)\u{1B}[0m" : padded
            }
            out += "\n"
        }
        return out
    }

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

    /// The JSON document; shards use it too, so numbers are written to full precision and
    /// ``SweepResult/merge(_:)`` can rebuild exactly what a single run gives.
    public func json() -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("scenario", scenario)
        w.field("seed", .raw(String(seed)))
        w.field("seeds", seeds)
        w.field("objective", objective.rawValue)
        w.beginArray("clients")
        for client in clients { w.element(.string(client)) }
        w.endArray()
        w.beginArray("allowed_fails")
        for fails in grid.allowedFails { w.element(.int(fails)) }
        w.endArray()
        w.beginArray("retry_timer_ns")
        for timer in grid.retryTimers { w.element(.raw(String(timer))) }
        w.endArray()
        if let shard { w.field("shard", shard.description) } else { w.field("shard", .null) }
        w.field("complete", .bool(isComplete))
        w.beginObject("baseline")
        writeMetrics(baseline, into: &w)
        w.beginArray("calls_to_failing_service_per_seed")
        for calls in baselineCallsToFailing { w.element(.exact(calls)) }
        w.endArray()
        w.field("score", .exact(baselineScore))
        w.endObject()
        if let own = scenarioOwn {
            w.beginObject("scenario_own")
            writeCell(own, into: &w)
            w.endObject()
        } else {
            w.field("scenario_own", .null)
        }
        if let best = ranking.first {
            w.beginObject("best")
            w.field("allowed_fails", best.allowedFails)
            w.field("retry_timer_s", .exact(Double(best.retryTimer) / 1e9))
            w.field("score", .exact(best.score))
            w.endObject()
        }
        if let tradeOff { w.field("trade_off", tradeOff) }
        w.beginArray("cells")
        for (index, cell) in cells.enumerated() {
            guard let cell else { continue }
            w.beginObject()
            w.field("index", index)
            writeCell(cell, into: &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.output
    }

    private func writeCell(_ cell: SweepCell, into w: inout JSONWriter) {
        w.field("allowed_fails", cell.allowedFails)
        w.field("retry_timer_ns", .raw(String(cell.retryTimer)))
        w.field("retry_timer_s", .exact(Double(cell.retryTimer) / 1e9))
        w.field("score", .exact(cell.score))
        w.field("spread", .exact(cell.spread))
        w.beginArray("scores")
        for score in cell.scores { w.element(.exact(score)) }
        w.endArray()
        writeMetrics(cell.metrics, into: &w)
    }

    private func writeMetrics(_ m: SweepMetrics, into w: inout JSONWriter) {
        w.field("goodput_ratio", .exact(m.goodputRatio))
        w.field("good_calls_rejected", .exact(m.goodCallsRejected))
        w.field("calls_to_failing_service", .exact(m.callsToFailingService))
        w.field("detection_delay_s", m.detectionDelay.map { .exact($0) } ?? .null)
        w.field("recovery_delay_s", m.recoveryDelay.map { .exact($0) } ?? .null)
        w.field("false_opens", .exact(m.falseOpens))
        w.field("time_open_ratio", .exact(m.timeOpenRatio))
    }
}

public func formatScore(_ score: Double) -> String {
    let thousandths = Int((score * 1000).rounded())
    let sign = thousandths < 0 ? "-" : ""
    let magnitude = abs(thousandths)
    let fraction = String(magnitude % 1000)
    return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
}

/// A difference of two shares in percentage points: 0.013 → "1.3 points".
public func formatPoints(_ value: Double) -> String {
    "\((value * 1000).rounded() / 10) points"
}

public func formatCount(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
}

public func formatSecondsShort(_ seconds: Double) -> String {
    seconds < 10 ? String((seconds * 10).rounded() / 10) + "s" : String(Int(seconds.rounded())) + "s"
}

extension String {
    func padded(_ width: Int, left: Bool = false) -> String {
        let count = self.count
        guard count < width else { return self }
        let pad = String(repeating: " ", count: width - count)
        return left ? pad + self : self + pad
    }
}
