/// What a sweep optimises: one score per combination, higher is better.
public enum SweepObjective: String, Sendable, CaseIterable {
    /// Keep requests succeeding and keep load off the failing service, in equal parts.
    case balanced
    /// Minimise the calls sent to the service while it is failing.
    case protect
    /// Maximise the share of requests that succeed (goodput).
    case availability

    /// One sentence for the README and `--help`.
    public var explanation: String {
        switch self {
        case .balanced:
            "half goodput ratio, half the share of the unprotected run's calls to the failing service that were avoided"
        case .protect:
            "the share of the unprotected run's calls to the failing service that were avoided; goodput breaks ties"
        case .availability:
            "the share of requests that succeeded (goodput ratio); protection breaks ties"
        }
    }

    /// The score of a run's metrics, given the unprotected baseline's calls to the failing service.
    public func score(_ metrics: SweepMetrics, baselineCallsToFailing: Double) -> Double {
        let goodput = metrics.goodputRatio
        let avoided =
            baselineCallsToFailing > 0 ? 1 - metrics.callsToFailingService / baselineCallsToFailing : 0
        switch self {
        case .balanced: return 0.5 * goodput + 0.5 * avoided
        case .protect: return avoided + 0.001 * goodput
        case .availability: return goodput + 0.001 * avoided
        }
    }
}

/// The metrics a sweep compares, averaged over seeds.
public struct SweepMetrics: Sendable, Equatable {
    /// Share of logical requests that eventually succeeded, 0 to 1 (0 for a run without requests).
    public var goodputRatio: Double
    /// Attempts rejected while the service was healthy.
    public var goodCallsRejected: Double
    /// Attempts executed while the service was degraded: the load the breakers should keep off it.
    public var callsToFailingService: Double
    /// Mean detection delay in seconds; `nil` when no breaker detected anything.
    public var detectionDelay: Double?
    /// Mean recovery delay in seconds; `nil` when no breaker open at an episode's end closed later.
    public var recoveryDelay: Double?
    /// Opens while the service was healthy.
    public var falseOpens: Double
    /// Share of breaker-time spent open or half-open, 0 to 1.
    public var timeOpenRatio: Double

    /// The metrics of one run, with delays converted to seconds and missing ratios read as 0.
    public init(_ summary: RunSummary) {
        goodputRatio = summary.metrics.goodputRatio ?? 0
        goodCallsRejected = Double(summary.metrics.goodCallsRejected)
        callsToFailingService = Double(summary.metrics.callsToFailingService)
        detectionDelay = summary.metrics.detectionDelay.map { Double($0) / 1e9 }
        recoveryDelay = summary.metrics.recoveryDelay.map { Double($0) / 1e9 }
        falseOpens = Double(summary.metrics.falseOpens)
        timeOpenRatio = summary.metrics.timeOpenRatio ?? 0
    }

    init(
        goodputRatio: Double, goodCallsRejected: Double, callsToFailingService: Double,
        detectionDelay: Double?,
        recoveryDelay: Double?, falseOpens: Double, timeOpenRatio: Double
    ) {
        self.goodputRatio = goodputRatio
        self.goodCallsRejected = goodCallsRejected
        self.callsToFailingService = callsToFailingService
        self.detectionDelay = detectionDelay
        self.recoveryDelay = recoveryDelay
        self.falseOpens = falseOpens
        self.timeOpenRatio = timeOpenRatio
    }

    /// The mean over several runs (optional delays averaged over the runs that have one).
    static func mean(_ runs: [SweepMetrics]) -> SweepMetrics {
        let n = Double(max(1, runs.count))
        func average(_ values: [Double?]) -> Double? {
            let present = values.compactMap { $0 }
            return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
        }
        return SweepMetrics(
            goodputRatio: runs.reduce(0) { $0 + $1.goodputRatio } / n,
            goodCallsRejected: runs.reduce(0) { $0 + $1.goodCallsRejected } / n,
            callsToFailingService: runs.reduce(0) { $0 + $1.callsToFailingService } / n,
            detectionDelay: average(runs.map(\.detectionDelay)),
            recoveryDelay: average(runs.map(\.recoveryDelay)),
            falseOpens: runs.reduce(0) { $0 + $1.falseOpens } / n,
            timeOpenRatio: runs.reduce(0) { $0 + $1.timeOpenRatio } / n)
    }
}

/// The combinations a sweep tries.
public struct SweepGrid: Sendable, Equatable {
    /// The `allowed_fails` values to try, in the order the grid's rows take.
    public var allowedFails: [Int]
    /// The `retry_timer` values to try, in nanoseconds, in the order the grid's columns take.
    public var retryTimers: [Nanoseconds]
    /// Runs per combination.
    ///
    /// They use the seeds `seed`, `seed + 1`, … from the scenario's own seed, so every combination is
    /// compared on the same seeds and a lucky seed favours none of them.
    public var seeds: Int

    /// Largest grid × seeds accepted: beyond it a sweep would run for hours on two cores.
    public static let maximumRuns = 100_000

    /// Creates a grid of every `allowedFails` × `retryTimers` combination, each run `seeds` times.
    public init(allowedFails: [Int], retryTimers: [Nanoseconds], seeds: Int = 1) {
        self.allowedFails = allowedFails
        self.retryTimers = retryTimers
        self.seeds = seeds
    }

    /// Every combination, row by row (allowed_fails outer, retry_timer inner).
    public var cells: [(allowedFails: Int, retryTimer: Nanoseconds)] {
        allowedFails.flatMap { fails in retryTimers.map { (fails, $0) } }
    }

    /// Number of simulation runs.
    public var runCount: Int { allowedFails.count * retryTimers.count * seeds }
}

/// One combination's outcome.
public struct SweepCell: Sendable, Equatable {
    /// The `allowed_fails` the varied clients ran with.
    public var allowedFails: Int
    /// The `retry_timer` the varied clients ran with, in nanoseconds.
    public var retryTimer: Nanoseconds
    /// Mean over seeds.
    public var metrics: SweepMetrics
    /// Objective score of each seed's run, in seed order.
    public var scores: [Double]

    /// Mean score over seeds.
    public var score: Double { scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count) }

    /// Standard deviation of the score over seeds (0 for one seed).
    public var spread: Double {
        guard scores.count > 1 else { return 0 }
        let mean = score
        return (scores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(scores.count - 1)).squareRoot()
    }
}
