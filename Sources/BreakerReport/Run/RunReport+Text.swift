import BreakerSimulation

// The page's prose: the overview line, the headline and the note on how samples are summed.
extension RunReport {
    var overview: String {
        let breakers = scenario.clients.reduce(0) { $0 + $1.instances }
        let services = scenario.services.count
        return "seed \(scenario.seed) · \(formatDuration(scenario.duration)) simulated, sampled every "
            + "\(formatDuration(scenario.sampleEvery)) · \(breakers) client instance\(breakers == 1 ? "" : "s") in "
            + "\(scenario.clients.count) client\(scenario.clients.count == 1 ? "" : "s") · \(services) "
            + "service\(services == 1 ? "" : "s")"
    }

    /// One or two sentences a reader takes away.
    var headline: [String] {
        let with = summary.metrics
        var lines: [String] = []
        let goodput = with.goodputRatio.map(formatShare) ?? "–"
        if let unprotectedSummary {
            let without = unprotectedSummary.metrics
            lines.append(
                "With breakers \(goodput) of requests were good (succeeded within the deadline); without them "
                    + "\(without.goodputRatio.map(formatShare) ?? "–"). Users waited "
                    + "\(formatUserWait(summary.totals.requests.userWait)) on requests that were not good with breakers, "
                    + "\(formatUserWait(unprotectedSummary.totals.requests.userWait)) without.")
            lines.append(
                "While a service was degraded it received \(formatInteger(with.callsToFailingService)) calls with "
                    + "breakers and \(formatInteger(without.callsToFailingService)) without; the breakers rejected "
                    + "\(formatInteger(with.goodCallsRejected)) calls while it was healthy.")
        } else {
            lines.append(
                "\(goodput) of requests were good (succeeded within the deadline); a degraded service received "
                    + "\(formatInteger(with.callsToFailingService)) calls.")
        }
        return lines
    }

    var columnNote: String {
        let seconds = protected.samplesPerColumn
        return seconds == 1
            ? "One point per sample (\(formatDuration(scenario.sampleEvery)))."
            : "Each point sums \(seconds) samples (\(formatDuration(scenario.sampleEvery * Nanoseconds(seconds)))), "
                + "to keep the page small."
    }
}
