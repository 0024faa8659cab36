import BreakerSimulation
import NCursesTerminal
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The live dashboard's run loop: wall-clock pacing, keys, drawing.
///
/// Everything visible is decided by TerminalUI; this only wires the simulation, the clock and the
/// terminal together.
enum Dashboard {
    /// Frames per second while running.
    static let framesPerSecond = 30

    /// How a dashboard ended: the signal that ended it, if one did, and what had run by then.
    struct Ending {
        var signal: Int32?
        /// The run's summary (of the part simulated, when it was quit early); `nil` when not asked for.
        var summary: RunSummary?
        /// The same scenario and seed the other way, to the same time, for comparison.
        var baseline: RunSummary?
    }

    /// Runs until the user quits; returns the signal that ended it, if one did.
    ///
    /// After `q` or Ctrl-C, once the terminal is restored, the run's summary (and its comparison with
    /// the run the other way) stays printed in the terminal, wrapped to its width.
    static func run(
        scenario: Scenario, withBreakers: Bool, compare: Bool = false, environment: [String: String],
        background: Theme.Background?
    ) throws -> Int32? {
        let terminal = Terminal()
        let ending = run(
            scenario: scenario, withBreakers: withBreakers, compare: compare, terminal: terminal,
            theme: theme(for: terminal, environment: environment, background: background), summarizes: true)
        let width = terminal.size.width
        let unicode = terminal.utf8
        terminal.stop()
        if ending.signal == nil || ending.signal == SIGINT, let summary = ending.summary {
            // Quit early, the run simulated only part of its duration: the heading says which part.
            let simulated = summary.interruptedAt.map {
                "\(formatDuration($0 / 1_000_000 * 1_000_000)) of \(formatDuration(summary.duration))"
            }
            let heading =
                "\(summary.scenario) — seed \(summary.seed), \(simulated ?? formatDuration(summary.duration)) "
                + "simulated, breakers \(summary.withBreakers ? "on" : "off")"
            let lines = wrap(
                [[heading]] + summary.briefParts(comparedWith: ending.baseline), width: max(40, width - 1),
                unicode: unicode)
            try writeStandardOutput(lines.joined(separator: "\n") + "\n")
        }
        return ending.signal
    }

    /// The theme for this terminal and environment, for the background asked for (`nil`: the one the
    /// environment names, else dark).
    static func theme(for terminal: Terminal, environment: [String: String], background: Theme.Background?)
        -> Theme
    {
        Theme.detect(
            environment: environment, terminalColors: terminal.colorCount, utf8Locale: terminal.utf8,
            background: background)
    }

    /// Runs in a terminal that is already started (the sweep's map hands over its own); `q` returns nil
    /// and leaves the terminal running; `quitLabel` is what the legend calls `q`.
    static func run(
        scenario: Scenario, withBreakers: Bool, compare: Bool = false, terminal: Terminal, theme: Theme,
        quitLabel: String = "quit", summarizes: Bool = false
    ) -> Ending {
        terminal.invalidate()
        var run = ScenarioRun(scenario: scenario, withBreakers: withBreakers)
        var state = DashboardState(simulation: run.simulation)
        state.quitLabel = quitLabel
        // The same scenario and seed the other way, in lockstep, while comparing.
        var other = ScenarioRun(scenario: scenario, withBreakers: !withBreakers)
        if compare { state.setCounterpart(DashboardState(simulation: other.simulation)) }
        let clock = ContinuousClock()
        var lastTick = clock.now
        let frame = Duration.milliseconds(1000 / framesPerSecond)

        while true {
            if let signal = terminal.pendingSignal {
                return ending(signal: signal, &run, &other, state: state, summarizes: summarizes)
            }
            var size = terminal.size
            // Wait for a key until the next frame is due; then drain whatever else is queued.
            let untilFrame = max(.zero, frame - lastTick.duration(to: clock.now))
            let waitMilliseconds = untilFrame.components.attoseconds / 1_000_000_000_000_000
            var key = terminal.readKey(timeoutMilliseconds: Int32(clamping: waitMilliseconds))
            while let pressed = key {
                if pressed == .resize {
                    terminal.invalidate()
                    size = terminal.size
                } else {
                    let rows = DashboardRenderer.visibleRows(state, height: size.height)
                    switch state.handle(pressed, pageRows: rows, width: size.width, height: size.height) {
                    case .none: break
                    case .quit: return ending(signal: nil, &run, &other, state: state, summarizes: summarizes)
                    case .restart:
                        let comparing = state.counterpart != nil
                        run = ScenarioRun(scenario: scenario, withBreakers: withBreakers)
                        other = ScenarioRun(scenario: scenario, withBreakers: !withBreakers)
                        state.reset(simulation: run.simulation)
                        state.quitLabel = quitLabel
                        if comparing { state.setCounterpart(DashboardState(simulation: other.simulation)) }
                    case .toggleCompare:
                        if state.counterpart != nil {
                            state.setCounterpart(nil)
                        } else {
                            // Start the other run and bring it to where this one is.
                            other = ScenarioRun(scenario: scenario, withBreakers: !withBreakers)
                            var counterpart = DashboardState(simulation: other.simulation)
                            other.advance(to: run.now, observer: &counterpart)
                            counterpart.now = other.now
                            state.setCounterpart(counterpart)
                        }
                    case .step:
                        let next = (run.now / scenario.sampleEvery + 1) * scenario.sampleEvery
                        advance(&run, &other, to: next, state: &state)
                    case .jump(let time):
                        // Up to the sample in which the phase starts, so that its first cell shows it.
                        let target = min(
                            scenario.duration, (time / scenario.sampleEvery + 1) * scenario.sampleEvery)
                        state.paused = false
                        state.pauseReason = nil
                        advance(&run, &other, to: target, state: &state)
                        // Auto-pause may have stopped the run on the way, at a first trip: that stays.
                        if state.pauseReason == nil { state.pauseReason = "next phase" }
                        state.paused = true
                    }
                }
                key = terminal.readKey(timeoutMilliseconds: 0)
            }

            let now = clock.now
            let wall = lastTick.duration(to: now)
            lastTick = now
            if !state.paused && !run.isFinished {
                if let speed = state.speed {
                    let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
                    // A stalled frame (a suspended process) must not jump the simulation ahead.
                    let delta = Nanoseconds(min(seconds, 0.25) * speed * 1e9)
                    advance(&run, &other, to: run.now + max(1, delta), state: &state)
                } else {
                    // As fast as possible, but leave time to draw and read keys.
                    let budgetEnd = now.advanced(by: frame * 0.7)
                    while !run.isFinished && clock.now < budgetEnd {
                        advance(&run, &other, to: run.now + scenario.sampleEvery, state: &state)
                    }
                }
            }
            finishIfOver(run, &other, state: &state)
            terminal.draw(
                DashboardRenderer.render(state, theme: theme, width: size.width, height: size.height))
        }
    }

    /// Simulates up to `time`, feeding the dashboard, one sample at a time: auto-pause stops it at the
    /// sample of the first trip or probe.
    static func advance(
        _ run: inout ScenarioRun, _ other: inout ScenarioRun, to time: Nanoseconds,
        state: inout DashboardState
    ) {
        let every = max(1, run.simulation.scenario.sampleEvery)
        while run.now < time && !run.isFinished {
            let next = min(time, (run.now / every + 1) * every)
            run.advance(to: next, observer: &state)
            if state.paused && run.now % every != 0 {
                // Auto-pause stopped inside a sample interval, at a trip or probe the screen (drawn from
                // samples) does not show yet: finish the interval, so that the breaker it names is seen
                // in its new state.
                run.advance(to: (run.now / every + 1) * every, observer: &state)
            }
            state.now = run.now
            if var counterpart = state.takeCounterpart() {
                other.advance(to: run.now, observer: &counterpart)
                counterpart.now = other.now
                state.setCounterpart(counterpart)
            }
            if state.paused { break }
        }
        state.now = run.now
    }

    /// Shows the summary once the run is over, compared with the same run the other way (brought to
    /// the end now, unless the dashboard was comparing and it is there already).
    static func finishIfOver(
        _ run: borrowing ScenarioRun, _ other: inout ScenarioRun, state: inout DashboardState
    ) {
        guard run.isFinished && !state.finished else { return }
        state.finished = true
        state.summary = run.summary()
        if other.now < run.now { other.advance(to: run.now) }
        state.baseline = other.summary()
    }

    /// What a dashboard that is closing hands back; the summaries only when asked for.
    static func ending(
        signal: Int32?, _ run: inout ScenarioRun, _ other: inout ScenarioRun, state: DashboardState,
        summarizes: Bool
    ) -> Ending {
        guard summarizes, signal == nil || signal == SIGINT else { return Ending(signal: signal) }
        if let summary = state.summary {
            return Ending(signal: signal, summary: summary, baseline: state.baseline)
        }
        if other.now < run.now { other.advance(to: run.now) }
        return Ending(signal: signal, summary: run.summary(), baseline: other.summary())
    }
}
