import BreakerSimulation

// The page's prose: the overview line and the verdict (best, runner-up, the scenario's own, no breaker).
extension SweepReport {
    var overview: String {
        let combinations = grid.trips.count * grid.retryTimers.count
        return
            "\(combinations) combinations × \(result.seeds) seed\(result.seeds == 1 ? "" : "s") (from seed "
            + "\(result.seed)) · objective \(result.objective.rawValue) · varying "
            + (result.clients.isEmpty ? "every protected client" : result.clients.joined(separator: ", "))
            + (result.scoredClients.isEmpty
                ? "" : " · scored on \(result.scoredClients.joined(separator: ", ")) only")
    }

    func describe(_ cell: SweepCell) -> String {
        cell.settingsDescription
    }

    var verdict: [String] {
        var lines: [String] = []
        let ranked = result.ranking
        // A sweep stopped early, or merged without every shard, ranks only what ran: said first.
        if !result.isComplete {
            lines.append(
                "Incomplete: \(result.cells.filter { $0 == nil }.count) of \(counted(result.cells.count, "combination")) did not run."
            )
        }
        // When no breaker beats them all, that is the first thing to know.
        if let warning = result.baselineWarning { lines.append(warning) }
        if let best = ranked.first {
            lines.append(
                "Best\(result.isComplete ? "" : " of those that ran"): \(describe(best)), score \(formatScore(best.score))."
            )
            if ranked.count > 1 {
                lines.append("Runner-up: \(describe(ranked[1])), score \(formatScore(ranked[1].score)).")
            }
            if let tradeOff = result.tradeOff { lines.append(tradeOff) }
            if let policies = result.policyTradeOff { lines.append(policies) }
            if let noise = result.noiseNote { lines.append(noise) }
            lines += result.edgeHints
        } else {
            lines.append("No combination finished.")
        }
        if let own = result.scenarioOwn {
            let rank = ranked.firstIndex { $0.score <= own.score }.map { $0 + 1 } ?? ranked.count + 1
            lines.append(
                "The scenario's own settings (\(describe(own))) score \(formatScore(own.score)) and would rank "
                    + "\(rank) of \(ranked.count + 1).")
        }
        lines.append(
            "No breaker at all: score \(formatScore(result.baselineScore)), \(formatShare(result.baseline.goodputRatio)) "
                + "of requests were good (succeeded within the deadline), \(formatInteger(Int(result.baseline.callsToFailingService.rounded()))) calls "
                + "sent to the failing service.")

        return lines
    }
}
