public import BreakerSimulation

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
    /// Run up to this virtual time as fast as possible, then pause (the next phase's start).
    case jump(to: Nanoseconds)
    /// Start or stop running the same scenario and seed the other way (without breakers), side by side.
    case toggleCompare
}

extension DashboardState {
    /// The speeds `+` and `-` step through, in virtual seconds per wall second; after the last comes max.
    public static let speeds: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]

    /// The zoom levels `z` and `Z` step through, in samples per timeline cell: one sample, then 1, 5, 10,
    /// 30 and 60 seconds per cell where they are whole multiples of the sampling interval.
    public var zoomLevels: [Int] {
        var levels = [1]
        let every = max(1, scenario.sampleEvery)
        for seconds in [1, 5, 10, 30, 60] as [Int64] {
            let ns = seconds * 1_000_000_000
            if ns % every == 0, Int(ns / every) > levels.last! { levels.append(Int(ns / every)) }
        }
        return levels
    }

    /// Applies a key; `pageRows` is how many breaker rows the screen shows, `width` and `height` the
    /// screen's size (which the heat strip and the collapsed rows need to move by rows).
    public mutating func handle(_ key: Key, pageRows: Int, width: Int = 100, height: Int? = nil)
        -> DashboardCommand
    {
        if showHelp {
            // Any key closes the help, `q` too (the habit on a help screen); Ctrl-C still quits.
            showHelp = false
            return key == .character("\u{3}") ? .quit : .none
        }
        if key.quits { return .quit }
        let shown = height.map { DashboardLayout.plan(self, height: $0).view } ?? view
        switch key {
        case .character("?"), .character("h"):
            showHelp = true
        case .character(" "):
            if !finished {
                paused.toggle()
                pauseReason = nil
            }
        case .character("+"), .character("="):
            faster()
        case .character("-"), .character("_"):
            slower()
        case .character("."):
            if paused && !finished {
                // The reason it paused (a trip, the next phase) is past once the user steps on.
                pauseReason = nil
                return .step
            }
        case .character("z"):
            zoom(by: 1)
        case .character("Z"):
            zoom(by: -1)
        case .character("a"):
            autoPause.toggle()
            if autoPause { (sawTrip, sawProbe) = (false, false) }
        case .character("n"):
            if let next = nextPhaseStart {
                return .jump(to: next)
            }
        case .up, .character("k"):
            move(by: -1, shown: shown, width: width)
        case .down, .character("j"):
            move(by: 1, shown: shown, width: width)
        case .left:
            if shown == .heat { select(selected - 1) }
        case .right:
            if shown == .heat { select(selected + 1) }
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
            switch view {
            case .rows: view = shown == .groups ? .heat : .groups
            case .groups: view = .heat
            case .heat: view = .rows
            }
        case .character("r"):
            return .restart
        case .character("c"):
            return .toggleCompare
        default:
            break
        }
        return .none
    }

    /// The start of the next phase of any service after now, if one is left.
    public var nextPhaseStart: Nanoseconds? {
        scenario.services.flatMap(\.phases).map(\.at).filter { $0 > now && $0 < scenario.duration }.min()
    }

    mutating func zoom(by step: Int) {
        let levels = zoomLevels
        let current = levels.lastIndex { $0 <= samplesPerCell } ?? 0
        samplesPerCell = levels[min(max(0, current + step), levels.count - 1)]
    }

    mutating func move(by step: Int, shown: View, width: Int) {
        switch shown {
        case .rows:
            select(selected + step)
        case .groups:
            let group = groups.firstIndex { $0.members.contains(selected) } ?? 0
            let next = min(max(0, group + step), groups.count - 1)
            if groups.indices.contains(next) { select(groups[next].members[0]) }
        case .heat:
            select(HeatLayout(state: self, width: width).vertical(from: selected, by: step))
        }
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
