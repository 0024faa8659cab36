/// The sweep as JSON: the output for scripts and the shard format.
extension SweepResult {
    /// The JSON document; shards use it too, so numbers are written to full precision and
    /// ``SweepResult/merge(_:)`` can rebuild exactly what a single run gives.
    public func json() -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("format_version", Self.formatVersion)
        w.field("scenario", scenario)
        w.field("scenario_fingerprint", scenarioFingerprint)
        w.field("seed", .raw(String(seed)))
        w.field("seeds", seeds)
        w.field("objective", objective.rawValue)
        w.array("clients", clients) { .string($0) }
        w.array("scored_clients", scoredClients) { .string($0) }
        w.array("allowed_fails", grid.allowedFails) { .int($0) }
        w.objects("trips", grid.trips) { w, trip in writeTrip(trip, into: &w) }
        w.array("retry_timer_ns", grid.retryTimers) { .raw(String($0)) }
        if let shard { w.field("shard", shard.description) } else { w.field("shard", .null) }
        w.field("complete", .bool(isComplete))
        w.beginObject("baseline")
        writeMetrics(baseline, into: &w)
        w.array("calls_to_failing_service_per_seed", baselineCallsToFailing) { .exact($0) }
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
            writeTrip(best.trip, into: &w)
            w.field("retry_timer_s", .exact(Double(best.retryTimer) / 1e9))
            w.field("score", .exact(best.score))
            w.field("indistinguishable", indistinguishableFromBest.filter { $0 }.count)
            w.array("edge_hints", edgeHints) { .string($0) }
            w.endObject()
        }
        w.field("baseline_beats_every_cell", .bool(baselineBeatsEveryCell))
        if let tradeOff { w.field("trade_off", tradeOff) }
        if grid.policies.count > 1 {
            w.objects("best_per_policy", bestIndexPerPolicy) { w, best in
                w.field("policy", best.policy.rawValue)
                w.field("index", best.index)
                w.field("score", .exact(cells[best.index]?.score ?? 0))
            }
            if let policyTradeOff { w.field("policy_trade_off", policyTradeOff) }
        }
        w.array("headline", headline) { .string($0) }
        w.array("pareto_front", paretoFront) { .int($0) }
        w.beginArray("cells")
        let tied = indistinguishableFromBest
        let front = Set(paretoFront)
        for (index, cell) in cells.enumerated() {
            guard let cell else { continue }
            w.beginObject()
            w.field("index", index)
            w.field("indistinguishable_from_best", .bool(tied[index]))
            w.field("pareto", .bool(front.contains(index)))
            writeCell(cell, into: &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.output
    }

    /// `policy`, then `allowed_fails` (consecutive) or `failure_rate`, `window_calls` or `window_ns`,
    /// and `minimum_calls` (failure rate).
    private func writeTrip(_ trip: SweepTrip, into w: inout JSONWriter) {
        w.field("policy", trip.policy.rawValue)
        switch trip {
        case .consecutive(let fails):
            w.field("allowed_fails", fails)
        case .failureRate(let threshold, let window, let minimumCalls):
            w.field("failure_rate", .exact(threshold))
            switch window {
            case .calls(let size): w.field("window_calls", size)
            case .duration(let length): w.field("window_ns", .raw(String(length)))
            }
            w.field("minimum_calls", minimumCalls)
        }
    }

    private func writeCell(_ cell: SweepCell, into w: inout JSONWriter) {
        writeTrip(cell.trip, into: &w)
        w.field("retry_timer_ns", .raw(String(cell.retryTimer)))
        w.field("retry_timer_s", .exact(Double(cell.retryTimer) / 1e9))
        w.field("score", .exact(cell.score))
        w.field("spread", .exact(cell.spread))
        w.array("scores", cell.scores) { .exact($0) }
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
        w.field("p99_latency_s", m.p99Latency.map { .exact($0) } ?? .null)
        w.field("user_wait_s", .exact(m.userWait))
        w.objects("routes", m.routes) { w, route in
            w.field("client", route.client)
            w.field("route", route.route)
            w.field("good_ratio", route.goodRatio.map { .exact($0) } ?? .null)
        }
    }
}
