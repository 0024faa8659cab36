public import BreakerSimulation

/// What the sweep's run loop must do after a key.
public enum SweepMapCommand: Sendable, Equatable {
    case none
    /// Leave (during the sweep: stop it and keep what finished).
    case quit
    /// Run the dashboard with these settings.
    case watch(trip: SweepTrip, retryTimer: Nanoseconds)
}

extension SweepMapState {
    /// Applies a key.
    public mutating func handle(_ key: Key) -> SweepMapCommand {
        if showHelp {
            // Any key closes the help, `q` too (the habit on a help screen); Ctrl-C still quits.
            showHelp = false
            return key == .character("\u{3}") ? .quit : .none
        }
        if key.quits { return .quit }
        switch key {
        case .character("?"):
            showHelp = true
        default:
            break
        }
        guard let result else { return .none }
        let rows = result.grid.trips.count
        let columns = result.grid.retryTimers.count
        switch key {
        case .up, .character("k"): row = max(0, row - 1)
        case .down, .character("j"): row = min(rows - 1, row + 1)
        case .left, .character("h"): column = max(0, column - 1)
        case .right, .character("l"): column = min(columns - 1, column + 1)
        case .home:
            row = 0
            column = 0
        case .end:
            row = rows - 1
            column = columns - 1
        case .character("b"):
            if let best = result.bestIndex {
                row = best / columns
                column = best % columns
            }
        case .enter, .character(" "):
            return .watch(trip: result.grid.trips[row], retryTimer: result.grid.retryTimers[column])
        default:
            break
        }
        return .none
    }
}
