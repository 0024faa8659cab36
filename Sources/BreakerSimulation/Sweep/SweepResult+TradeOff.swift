/// The sweep's headline in words, and the judgements behind it: which cells the noise cannot tell from
/// the best, whether the best lies on the grid's edge, whether no breaker beats them all, and the
/// Pareto front of goodput against load on the failing service.
extension SweepResult {
    /// The lines a reader needs first, in order: a warning when no breaker beats every combination,
    /// the best, the trade-off against the runner-up, how many combinations the noise cannot tell
    /// from the best, and where to look next when the best is on the grid's edge.
    public var headline: [String] {
        var lines: [String] = []
        if let warning = baselineWarning { lines.append(warning) }
        if let best = ranking.first {
            lines.append("Best: \(describeCell(best)), score \(formatScore(best.score)).")
        }
        if let tradeOff { lines.append(tradeOff) }
        if let policyTradeOff { lines.append(policyTradeOff) }
        if let noise = noiseNote { lines.append(noise) }
        lines += edgeHints
        return lines
    }

    /// Said first when running without any breaker scores higher than every combination tried.
    public var baselineWarning: String? {
        guard baselineBeatsEveryCell, let best = ranking.first else { return nil }
        return "No breaker at all beats every combination tried on \(objective.rawValue): it scores "
            + "\(formatScore(baselineScore)) against \(formatScore(best.score)) for the best; on this scenario "
            + "these breaker settings cost more than they save."
    }

    /// Whether the no-breaker baseline scores higher than every finished cell (`false` when none finished).
    public var baselineBeatsEveryCell: Bool {
        guard let best = ranking.first else { return false }
        return baselineScore > best.score
    }

    private func describeCell(_ cell: SweepCell) -> String { cell.settingsDescription }

    /// The runner-up's and the best's trade-off in one sentence.
    public var tradeOff: String? {
        let ranked = ranking
        guard let best = ranked.first else { return nil }
        guard ranked.count > 1 else { return "\(describeCell(best)) is the only combination that finished." }
        let second = ranked[1]
        let noise = isIndistinguishable(second, from: best) ? " (within the noise)" : ""
        return "Against the runner-up (\(describeCell(second))\(noise)), the best \(difference(best, second))"
    }

    /// How `cell` differs from `other` in goodput, load on the failing service, p99 and false opens, as
    /// the end of a sentence ("has 1.2 points more goodput and sends 300 fewer calls … .").
    private func difference(_ cell: SweepCell, _ other: SweepCell) -> String {
        let goodput = cell.metrics.goodputRatio - other.metrics.goodputRatio
        let load = cell.metrics.callsToFailingService - other.metrics.callsToFailingService
        var parts: [String] = []
        if abs(goodput) >= 0.0005 {
            parts.append("has \(formatPoints(abs(goodput))) \(goodput > 0 ? "more" : "less") goodput")
        }
        if abs(load) >= 1 {
            parts.append(
                "sends \(Int(abs(load).rounded())) \(load < 0 ? "fewer" : "more") calls to the failing service"
            )
        }
        if let cellP99 = cell.metrics.p99Latency, let otherP99 = other.metrics.p99Latency,
            abs(cellP99 - otherP99) >= 0.001
        {
            parts.append(
                "has a p99 \(formatLatency(abs(cellP99 - otherP99))) \(cellP99 < otherP99 ? "lower" : "higher")"
            )
        }
        let delta = parts.isEmpty ? "scores about the same" : parts.joined(separator: " and ")
        return delta
            + (cell.metrics.falseOpens != other.metrics.falseOpens
                ? ", with \(formatCount(cell.metrics.falseOpens)) false opens against \(formatCount(other.metrics.falseOpens))."
                : ".")
    }

    // MARK: Policies side by side

    /// The grid index of each policy's best finished cell, in policy order (consecutive first); a policy
    /// none of whose cells finished is left out.
    public var bestIndexPerPolicy: [(policy: SweepPolicy, index: Int)] {
        grid.policies.compactMap { policy in
            var best: (index: Int, score: Double)?
            for (index, cell) in cells.enumerated() {
                guard let cell, cell.trip.policy == policy else { continue }
                if cell.score > best?.score ?? -Double.infinity { best = (index, cell.score) }
            }
            return best.map { (policy, $0.index) }
        }
    }

    /// The best of each policy compared in one sentence, when the grid holds two policies: which scores
    /// higher, whether the seeds can tell them apart, and what the winner gains or gives up.
    public var policyTradeOff: String? {
        let bests = bestIndexPerPolicy.compactMap { entry in cells[entry.index].map { (entry.policy, $0) } }
        guard bests.count == 2 else { return nil }
        let (winner, loser) =
            bests[0].1.score >= bests[1].1.score ? (bests[0], bests[1]) : (bests[1], bests[0])
        let noise =
            seeds == 1
            ? "with one seed the noise is unknown (use --seeds 5 or more to tell them apart)"
            : isIndistinguishable(loser.1, from: winner.1)
                ? "the seeds cannot tell them apart (less than two standard errors)"
                : "more than two standard errors apart over \(counted(seeds, "seed"))"
        return
            "Best of each policy on the same seeds: the \(winner.0.noun) (\(describeCell(winner.1))) scores "
            + "\(formatScore(winner.1.score)) against \(formatScore(loser.1.score)) for the \(loser.0.noun) "
            + "(\(describeCell(loser.1))), \(noise); against it, the \(winner.0.noun) "
            + difference(winner.1, loser.1)
    }

    // MARK: Noise

    /// Whether the seeds cannot tell `cell` from `best`.
    ///
    /// The rule: every combination runs on the same seeds, so the per-seed differences
    /// `best.scores[i] − cell.scores[i]` are paired. The cell is indistinguishable from the best when
    /// their mean is at most two standard errors (the differences' standard deviation / √seeds). With
    /// one seed there is no estimate of the noise, and only exact ties are indistinguishable.
    public func isIndistinguishable(_ cell: SweepCell, from best: SweepCell) -> Bool {
        let differences = zip(best.scores, cell.scores).map { $0 - $1 }
        guard !differences.isEmpty else { return false }
        let n = Double(differences.count)
        let mean = differences.reduce(0, +) / n
        guard differences.count > 1 else { return mean <= 1e-12 }
        let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return mean <= 2 * (variance / n).squareRoot() + 1e-12
    }

    /// Per grid cell: whether it is indistinguishable from the best (see ``isIndistinguishable(_:from:)``);
    /// `false` for the best itself and for cells that did not run.
    public var indistinguishableFromBest: [Bool] {
        guard let bestIndex, let best = cells[bestIndex] else { return cells.map { _ in false } }
        return cells.enumerated().map { index, cell in
            guard index != bestIndex, let cell else { return false }
            return isIndistinguishable(cell, from: best)
        }
    }

    /// How many cells the noise cannot tell from the best, in words; `nil` when there is one cell.
    public var noiseNote: String? {
        guard ranking.count > 1 else { return nil }
        let count = indistinguishableFromBest.filter { $0 }.count
        if seeds == 1 {
            return count > 0
                ? "\(count) combination\(count == 1 ? " ties" : "s tie") with the best (≈); with one seed the noise is unknown: use --seeds 5 or more to tell close combinations apart."
                : "With one seed the noise is unknown: use --seeds 5 or more before trusting small differences."
        }
        return count == 0
            ? "Every other combination is worse than the best by more than two standard errors over the \(seeds) seeds."
            : "\(count) other combination\(count == 1 ? " is" : "s are") within the noise of the best (≈: less than two standard errors of the per-seed differences over \(seeds) seeds): any of them will do as well."
    }

    // MARK: Edge of the grid

    /// Hints when the best lies on the edge of the grid in a dimension with several values: the best
    /// may lie beyond it, and the hint names the values to try next.
    public var edgeHints: [String] {
        guard let best = ranking.first else { return [] }
        var hints = edgeHints(for: best, timers: true)
        // With two policies, the other policy's best may sit on the edge of its own values too: a verdict
        // between the policies is only as good as the grid each had.
        for entry in bestIndexPerPolicy where entry.policy != best.trip.policy {
            guard let cell = cells[entry.index] else { continue }
            for hint in edgeHints(for: cell, timers: cell.retryTimer != best.retryTimer) {
                let line = "For the \(entry.policy.noun)s, t" + hint.dropFirst()
                if !hints.contains(line) { hints.append(line) }
            }
        }
        return hints
    }

    /// The edge hints of one cell: its trip rule's values and, with `timers`, its retry_timer.
    private func edgeHints(for best: SweepCell, timers showTimers: Bool) -> [String] {
        var hints: [String] = []
        let fails = grid.allowedFails
        if let bestFails = best.allowedFails, fails.count > 1, let low = fails.min(), let high = fails.max() {
            if bestFails == high {
                hints.append(
                    "The best allowed_fails (\(high)) is the largest tried: the best may lie beyond it; try --allowed-fails \(high)...\(2 * high)."
                )
            } else if bestFails == low, low > 1 {
                hints.append(
                    "The best allowed_fails (\(low)) is the smallest tried: try --allowed-fails 1...\(low).")
            }
        }
        if case .failureRate(let threshold, let window, _) = best.trip {
            var thresholds: [Double] = []
            var sizes: [Int] = []
            for case .failureRate(let rate, let other, _) in grid.trips {
                if !thresholds.contains(rate) { thresholds.append(rate) }
                if case .calls(let size) = other, !sizes.contains(size) { sizes.append(size) }
            }
            // Suggested thresholds: more than 0, at most 1, each once, to three decimals.
            func values(_ candidates: [Double]) -> String {
                var seen: [Double] = []
                for value in candidates.map({ ($0 * 1000).rounded() / 1000 }) where value > 0 && value <= 1 {
                    if !seen.contains(value) { seen.append(value) }
                }
                return seen.map(formatNumber).joined(separator: ",")
            }
            if thresholds.count > 1, let low = thresholds.min(), let high = thresholds.max() {
                if threshold == high, high < 1 {
                    hints.append(
                        "The best failure_rate (\(formatPercent(high))) is the highest tried: try --failure-rate \(values([high, (high + 1) / 2, 1]))."
                    )
                } else if threshold == low, low > 0.001 {
                    hints.append(
                        "The best failure_rate (\(formatPercent(low))) is the lowest tried: try --failure-rate \(values([low / 4, low / 2, low]))."
                    )
                }
            }
            if case .calls(let size) = window, sizes.count > 1, let low = sizes.min(), let high = sizes.max()
            {
                if size == high, high < ScenarioLimits.maximumWindowCalls {
                    hints.append(
                        "The best window (\(high) calls) is the longest tried: try --window \(high),\(min(ScenarioLimits.maximumWindowCalls, 2 * high))."
                    )
                } else if size == low, low > 1 {
                    hints.append(
                        "The best window (\(low) calls) is the shortest tried: try --window \(max(1, low / 2)),\(low)."
                    )
                }
            }
        }
        let timers = grid.retryTimers
        if showTimers, timers.count > 1, let low = timers.min(), let high = timers.max() {
            if best.retryTimer == high {
                let next = [high, 2 * high, 4 * high].map(formatDuration).joined(separator: ",")
                hints.append(
                    "The best retry_timer (\(formatDuration(high))) is the longest tried: the best may lie beyond it; try --retry-timer \(next)."
                )
            } else if best.retryTimer == low {
                let next = [low / 4, low / 2, low].filter { $0 > 0 }.map(formatDuration).joined(
                    separator: ",")
                hints.append(
                    "The best retry_timer (\(formatDuration(low))) is the shortest tried: try --retry-timer \(next)."
                )
            }
        }
        return hints
    }

    // MARK: Pareto front

    /// The grid indices of the finished cells no other cell beats on both goodput (higher) and calls to
    /// the failing service (lower), from the fewest calls to the most (and so from the least goodput to
    /// the most); cells equal on both are all kept.
    public var paretoFront: [Int] {
        let finished = cells.enumerated().compactMap { index, cell in cell.map { (index, $0.metrics) } }
        let front = finished.filter { _, m in
            !finished.contains { _, other in
                other.goodputRatio >= m.goodputRatio && other.callsToFailingService <= m.callsToFailingService
                    && (other.goodputRatio > m.goodputRatio
                        || other.callsToFailingService < m.callsToFailingService)
            }
        }
        return front.sorted {
            $0.1.callsToFailingService != $1.1.callsToFailingService
                ? $0.1.callsToFailingService < $1.1.callsToFailingService
                : $0.1.goodputRatio != $1.1.goodputRatio ? $0.1.goodputRatio < $1.1.goodputRatio : $0.0 < $1.0
        }.map(\.0)
    }

    // MARK: Shading and rank

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

extension SweepResult {
    /// The good share per route of the cells a reader compares, as a header and rows of text.
    ///
    /// Columns: the best, the runner-up, the scenario's own settings (headed `ownLabel`) and no
    /// breaker; `nil` when there is a single route. The text report and the HTML report both show it.
    package func routeShares(ownLabel: String) -> (header: [String], rows: [[String]])? {
        let ranked = ranking
        guard let best = ranked.first, best.metrics.routes.count > 1 else { return nil }
        var columns: [(String, SweepMetrics)] = [("best", best.metrics)]
        if ranked.count > 1 { columns.append(("runner-up", ranked[1].metrics)) }
        if let own = scenarioOwn { columns.append((ownLabel, own.metrics)) }
        columns.append(("no breaker", baseline))
        let rows = best.metrics.routes.indices.map { index -> [String] in
            let route = best.metrics.routes[index]
            return ["\(route.client)/\(route.route)"]
                + columns.map { _, metrics in
                    metrics.routes.indices.contains(index)
                        ? metrics.routes[index].goodRatio.map(formatShare) ?? "–" : "–"
                }
        }
        return (["route"] + columns.map(\.0), rows)
    }
}
