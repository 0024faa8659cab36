public import BreakerSimulation

/// The end of a run in a few lines for a screen: the dashboard's summary pane and what is printed
/// to the terminal after it closes.
///
/// Each line is a list of parts ("requests 299,605", "91.5% good"); ``wrap(_:width:unicode:)`` lays
/// them out at a width, never cutting a part, so that no number is cut in half.
extension RunSummary {
    /// The summary's lines of parts; with `other` (the same scenario and seed run the other way: without
    /// breakers, or with them), a line after the requests compares the two.
    public func briefParts(comparedWith other: RunSummary? = nil) -> [[String]] {
        var lines: [[String]] = []
        if let interruptedAt {
            lines.append([
                "stopped at \(formatDuration(interruptedAt / 1_000_000 * 1_000_000)) of \(formatDuration(duration)):",
                "the figures cover that part only",
            ])
        }
        let t = totals
        lines.append(
            [
                "requests \(formatInteger(t.requests.requests))", "\(goodShare) good",
                "goodput \(formatRate(metrics.goodputPerSecond))/s",
                "degraded \(formatInteger(t.requests.degraded))",
                "late \(formatInteger(t.requests.late))", "shed \(formatInteger(t.requests.shed))",
                "failed \(formatInteger(t.requests.failed))", "user wait \(userWait)",
            ])
        // The comparison comes second: it is what a short pane must keep.
        if let other { lines.append(comparisonParts(with: other)) }
        lines.append(
            [
                "calls offered \(formatInteger(t.offered))", "executed \(formatInteger(t.executed))",
                "rejected \(formatInteger(t.rejected))", "opens \(formatInteger(t.opens))",
                "probes \(formatInteger(t.probes))",
                "time open or half-open \(metrics.timeOpenRatio.map(formatShare) ?? "–")",
            ])
        lines.append(
            [
                "detection \(metrics.detectionDelay.map(formatDelay) ?? "–") mean",
                "recovery \(metrics.recoveryDelay.map(formatDelay) ?? "–") mean",
                "false opens \(formatInteger(metrics.falseOpens))",
                "calls sent to the failing service \(formatInteger(metrics.callsToFailingService))",
                "good calls rejected \(formatInteger(metrics.goodCallsRejected))",
            ])
        return lines
    }

    /// One line comparing this run with `other`, the same scenario and seed run the other way.
    public func comparisonParts(with other: RunSummary) -> [String] {
        let here = withBreakers ? "with" : "without"
        func pair(_ name: String, _ count: (RunSummary) -> Int) -> String {
            "\(name) \(formatInteger(count(other))) (\(here): \(formatInteger(count(self))))"
        }
        // Late and shed are how a cascade shows (workers held by a hung dependency): compared wherever
        // either run has any, beside failed, where breakers may look worse.
        let outcomes: [(String, (RunSummary) -> Int)] = [
            ("late", { $0.totals.requests.late }), ("shed", { $0.totals.requests.shed }),
            ("failed", { $0.totals.requests.failed }),
        ]
        let shown = outcomes.filter { $0.0 == "failed" || $0.1(self) > 0 || $0.1(other) > 0 }
        // Both waits in one unit, so that they compare at a glance.
        let (theirs, ours) =
            other.userWait.hasSuffix(" user-h") == userWait.hasSuffix(" user-h")
            ? (other.userWait, userWait) : (other.userWaitInSeconds, userWaitInSeconds)
        return [
            "\(other.withBreakers ? "with" : "without") breakers, same seed:",
            "\(other.goodShare) good (\(here): \(goodShare))",
        ] + shown.map { pair($0.0, $0.1) } + [
            "user wait \(theirs) (\(here): \(ours))",
            "calls sent to the failing service \(formatInteger(other.metrics.callsToFailingService))"
                + " (\(here): \(formatInteger(metrics.callsToFailingService)))",
        ]
    }

    /// The share of requests that were good ("–" before any).
    var goodShare: String {
        totals.requests.requests == 0
            ? "–" : formatShare(Double(totals.requests.good) / Double(totals.requests.requests))
    }

    /// User wait on requests that were not good in user-seconds, however long, with thousands separators.
    var userWaitInSeconds: String {
        let seconds = Double(totals.requests.userWait) / 1e9
        guard seconds >= 100 else { return formatUserSeconds(totals.requests.userWait) }
        return formatInteger(Int(seconds.rounded())) + " user-s"
    }

    /// User wait on requests that were not good, with thousands separators.
    var userWait: String {
        let seconds = Double(totals.requests.userWait) / 1e9
        guard seconds >= 100 && seconds < 36_000 else { return formatUserSeconds(totals.requests.userWait) }
        return formatInteger(Int(seconds.rounded())) + " user-s"
    }
}

/// Lines of parts laid out at `width` characters: parts joined by " · ", a line that does not fit
/// carried on to the next one (indented by two), no part ever cut — except one longer than the whole
/// width, which ends in an ellipsis.
public func wrap(_ lines: [[String]], width: Int, unicode: Bool = true) -> [String] {
    let separator = unicode ? " · " : " - "
    let ellipsis = unicode ? "…" : "..."
    var out: [String] = []
    for parts in lines {
        var line = ""
        for part in parts {
            let part = unicode ? part : part.asciiFallback
            if line.isEmpty {
                line = part
            } else if line.count + separator.count + part.count <= width {
                line += part.hasSuffix(":") || line.hasSuffix(":") ? " " + part : separator + part
            } else {
                out.append(line)
                line = "  " + part
            }
            if line.count > width {
                line = String(line.prefix(max(0, width - ellipsis.count))) + ellipsis
            }
        }
        if !line.isEmpty { out.append(line) }
    }
    return out
}
