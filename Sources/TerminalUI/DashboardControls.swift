import BreakerSimulation

/// What the run loop must do after a key.
public enum DashboardCommand: Sendable, Equatable {
    /// Nothing beyond the state change already made.
    case none
    /// Leave the dashboard.
    case quit
    /// Start the scenario again with the same seed.
    case restart
    /// Advance the paused simulation by one sample.
    case step
}

extension DashboardState {
    /// The speeds `+` and `-` step through, in virtual seconds per wall second; after the last comes max.
    public static let speeds: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]

    /// Applies a key; `pageRows` is how many breaker rows the screen shows.
    public mutating func handle(_ key: Key, pageRows: Int) -> DashboardCommand {
        if showHelp {
            // Any key closes the help; the way out still quits.
            showHelp = false
            return key.quits ? .quit : .none
        }
        if key.quits { return .quit }
        switch key {
        case .character("?"), .character("h"):
            showHelp = true
        case .character(" "):
            if !finished { paused.toggle() }
        case .character("+"), .character("="):
            faster()
        case .character("-"), .character("_"):
            slower()
        case .character("."), .right:
            if paused && !finished { return .step }
        case .up, .character("k"):
            select(selected - 1)
        case .down, .character("j"):
            select(selected + 1)
        case .pageUp:
            select(selected - max(1, pageRows))
        case .pageDown:
            select(selected + max(1, pageRows))
        case .home:
            select(0)
        case .end:
            select(breakers.count - 1)
        case .enter:
            showDetail.toggle()
        case .escape:
            showDetail = false
        case .character("v"):
            view = view == .rows ? .heat : .rows
        case .character("r"):
            return .restart
        default:
            break
        }
        return .none
    }

    mutating func faster() {
        guard let speed else { return }
        if let next = Self.speeds.first(where: { $0 > speed }) { self.speed = next } else { self.speed = nil }
    }

    mutating func slower() {
        guard let speed else {
            self.speed = Self.speeds.last
            return
        }
        self.speed = Self.speeds.last(where: { $0 < speed }) ?? Self.speeds[0]
    }

    mutating func select(_ index: Int) {
        selected = min(max(0, index), max(0, breakers.count - 1))
    }
}
