import BreakerSimulation
import NCursesTerminal
import Synchronization
import TerminalUI

/// `breaker-sim sweep FILE --tui`: the sweep runs with its progress on screen, then its heat map takes
/// the keys; enter on a cell runs that configuration live in the dashboard, and q there comes back.
enum SweepTUI {
    /// What the session ended with: the result (possibly partial) and the signal that ended it, if any.
    struct Outcome {
        var result: SweepResult?
        var signal: Int32?
        /// Whether the sweep was stopped before every run finished.
        var stoppedEarly: Bool
    }

    /// Progress shared between the sweep's tasks and the screen.
    private final class Shared: Sendable {
        let done = Atomic<Int>(0)
        let total = Atomic<Int>(1)
        let stop = Atomic<Bool>(false)
        let finished = Atomic<Bool>(false)
        let result = Mutex<SweepResult?>(nil)
    }

    static func run(
        scenario: Scenario, grid: SweepGrid, clients: [String], objective: SweepObjective, jobs: Int,
        environment: [String: String], background: Theme.Background?
    ) -> Outcome {
        let terminal = Terminal()
        defer { terminal.stop() }
        let theme = Dashboard.theme(for: terminal, environment: environment, background: background)
        var state = SweepMapState(scenario: scenario.name, objective: objective)
        state.total = grid.runCount

        // The sweep runs on threads of its own; this loop only polls keys (waiting on the terminal, not
        // on the cooperative pool) and draws, so a key is answered within a frame however busy the cores.
        let shared = Shared()
        let runSweep: @Sendable () -> Void = {
            let result = SweepRunner.run(
                scenario: scenario, grid: grid, clients: clients, objective: objective, jobs: jobs,
                progress: { done, total in
                    shared.done.store(done, ordering: .relaxed)
                    shared.total.store(total, ordering: .relaxed)
                },
                shouldStop: { shared.stop.load(ordering: .relaxed) })
            shared.result.withLock { $0 = result }
            shared.finished.store(true, ordering: .releasing)
        }
        // Without a thread of its own (the system refused one) the sweep runs here, before the map.
        let sweep = DetachedThread(runSweep)
        if sweep == nil { runSweep() }
        let clock = ContinuousClock()
        let started = clock.now
        var signal: Int32?
        while !shared.finished.load(ordering: .acquiring) {
            if let pending = terminal.pendingSignal {
                signal = pending
                shared.stop.store(true, ordering: .relaxed)
                break
            }
            var key = terminal.readKey(timeoutMilliseconds: 50)
            while let pressed = key {
                if pressed == .resize {
                    terminal.invalidate()
                } else if state.handle(pressed) == .quit {
                    shared.stop.store(true, ordering: .relaxed)
                }
                key = terminal.readKey(timeoutMilliseconds: 0)
            }
            state.done = shared.done.load(ordering: .relaxed)
            state.total = shared.total.load(ordering: .relaxed)
            let elapsed = started.duration(to: clock.now)
            state.elapsed = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let size = terminal.size
            terminal.draw(
                SweepMapRenderer.render(state, theme: theme, width: size.width, height: size.height))
            if shared.stop.load(ordering: .relaxed) { break }
        }
        sweep?.join()
        guard let result = shared.result.withLock({ $0 }) else {
            return Outcome(result: nil, signal: signal, stoppedEarly: true)
        }
        let stoppedEarly = !result.isComplete
        if signal != nil || shared.stop.load(ordering: .relaxed) {
            return Outcome(result: result, signal: signal, stoppedEarly: stoppedEarly)
        }
        state.finish(with: result)

        while true {
            if let pending = terminal.pendingSignal {
                return Outcome(result: result, signal: pending, stoppedEarly: stoppedEarly)
            }
            let size = terminal.size
            terminal.draw(
                SweepMapRenderer.render(state, theme: theme, width: size.width, height: size.height))
            guard let key = terminal.readKey(timeoutMilliseconds: 100) else { continue }
            if key == .resize {
                terminal.invalidate()
                continue
            }
            switch state.handle(key) {
            case .none:
                break
            case .quit:
                return Outcome(result: result, signal: nil, stoppedEarly: stoppedEarly)
            case .watch(let trip, let retryTimer):
                var chosen = SweepRunner.configure(
                    scenario, trip: trip, retryTimer: retryTimer, clients: clients)
                chosen.name += " — \(trip.description), retry_timer \(formatDuration(retryTimer))"
                if let pending = Dashboard.run(
                    scenario: chosen, withBreakers: true, terminal: terminal, theme: theme,
                    quitLabel: "back"
                ).signal {
                    return Outcome(result: result, signal: pending, stoppedEarly: stoppedEarly)
                }
                terminal.invalidate()
            }
        }
    }
}
