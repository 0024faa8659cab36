public import BreakerSimulation

/// The interactive face of `breaker-sim sweep --tui`: progress while the sweep runs, then the heat map of
/// the objective over allowed_fails × retry_timer with a cursor, the selected cell's metrics, and the
/// choice to watch that configuration run live in the dashboard.
public struct SweepMapState: Sendable {
    /// The scenario's name, for the header before any result exists.
    public var scenario: String
    /// What the sweep optimises; the header names it and explains it, before any result exists too.
    public var objective: SweepObjective
    /// Runs finished, while the sweep runs.
    public var done = 0
    /// Runs in all, while the sweep runs; the progress bar and the time estimate are relative to it.
    public var total = 1
    /// Wall seconds since the sweep started (for the estimate of what is left).
    public var elapsed: Double = 0
    /// The finished sweep; `nil` while it runs.
    public var result: SweepResult?
    /// The cursor: a row (allowed_fails) and column (retry_timer) of the grid.
    public var row = 0
    /// The cursor's column: an index into the grid's retry timers.
    public var column = 0
    /// Whether the key help overlay is shown; any key closes it.
    public var showHelp = false

    /// The state of a sweep about to start, with no runs finished yet.
    public init(scenario: String, objective: SweepObjective) {
        self.scenario = scenario
        self.objective = objective
    }

    /// Stores the finished sweep and puts the cursor on the best cell.
    public mutating func finish(with result: SweepResult) {
        self.result = result
        if let best = result.bestIndex {
            row = best / result.grid.retryTimers.count
            column = best % result.grid.retryTimers.count
        }
    }

    /// The grid index under the cursor.
    public var selectedIndex: Int? {
        guard let result else { return nil }
        return row * result.grid.retryTimers.count + column
    }
}
