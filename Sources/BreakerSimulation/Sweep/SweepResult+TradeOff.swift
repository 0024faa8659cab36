/// The sweep's headline in words.
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

    /// Each grid cell's shade, from 0 (bottom fifth of the ranking) to 4 (top fifth).
    ///
    /// `nil` for cells that did not run. Shading by rank, not by score, keeps an order visible when the
    /// scores are close.
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
            if cell.score > best?.score ?? -Double.infinity { best = (index, cell.score) }
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
}
