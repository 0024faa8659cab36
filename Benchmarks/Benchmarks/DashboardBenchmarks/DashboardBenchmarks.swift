import Benchmark
import BreakerSimulation
// The parent package's TerminalUI sources, built in this package (see Package.swift).
import TerminalUI

// The cost of drawing one dashboard frame into the cell grid (no terminal): scenarios/fleet.json,
// 240 breakers, on a 160×50 screen, after five simulated minutes so that every timeline is full.
// Target: under 2 ms per frame (the live dashboard draws 30 frames per second), and for a 200×60
// frame with `--compare` (both runs' service and caller blocks, the headline).
//
// CPU time is left out: Linux reports it in scheduler ticks (10 ms), far coarser than one frame.

/// A scenario file of the repository, found from this file so that any working directory works.
func scenarioPath(_ name: String, file: String = #filePath) -> String {
    // <repo>/Benchmarks/Benchmarks/<Target>/<File>.swift
    let components = file.split(separator: "/", omittingEmptySubsequences: false).dropLast(4)
    return (components + ["scenarios", Substring(name)]).joined(separator: "/")
}

/// The dashboard's state after `duration` of simulated time, fed sample by sample as the live
/// dashboard and `breaker-sim record` feed it (transitions before the sample they happened in).
func dashboardState(scenario name: String, after duration: Nanoseconds, withBreakers: Bool = true) throws
    -> DashboardState
{
    let scenario = try ScenarioLoader.load(file: scenarioPath(name))
    var simulation = Simulation(scenario: scenario, withBreakers: withBreakers)
    var state = DashboardState(simulation: simulation)
    var transitions: [BreakerTransition] = []
    simulation.advance(
        to: duration,
        onSample: { sim in
            for record in transitions { state.observe(record) }
            transitions.removeAll(keepingCapacity: true)
            state.observe(sample: sim)
        },
        onTransition: { record in transitions.append(record) })
    for record in transitions { state.observe(record) }
    state.now = simulation.now
    return state
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        timeUnits: .microseconds,
        warmupIterations: 10,
        maxDuration: .seconds(3),
        maxIterations: 10_000
    )

    let width = 160
    let height = 50
    let theme = Theme(color: true, unicode: true)
    let fiveMinutes: Nanoseconds = 300 * 1_000_000_000

    // A fleet of more than 60 breakers opens in the heat view: one cell per breaker.
    Benchmark("Render fleet.json 160×50, heat view (default)") { _, state in
        blackHole(DashboardRenderer.render(state, theme: theme, width: width, height: height))
    } setup: {
        var state = try dashboardState(scenario: "fleet.json", after: fiveMinutes)
        state.view = .heat
        return state
    }

    // The rows view (key `v`): a timeline row per breaker, as many as fit.
    Benchmark("Render fleet.json 160×50, rows view") { _, state in
        blackHole(DashboardRenderer.render(state, theme: theme, width: width, height: height))
    } setup: {
        var state = try dashboardState(scenario: "fleet.json", after: fiveMinutes)
        state.view = .rows
        return state
    }

    // `--compare`: the same scenario and seed without breakers beside it, on the biggest screen.
    Benchmark("Render fleet.json 200×60, --compare, rows view") { _, state in
        blackHole(DashboardRenderer.render(state, theme: theme, width: 200, height: 60))
    } setup: {
        var state = try dashboardState(scenario: "fleet.json", after: fiveMinutes)
        state.view = .rows
        state.setCounterpart(
            try dashboardState(scenario: "fleet.json", after: fiveMinutes, withBreakers: false))
        return state
    }

    Benchmark("Render fleet.json 200×60, --compare, heat view") { _, state in
        blackHole(DashboardRenderer.render(state, theme: theme, width: 200, height: 60))
    } setup: {
        var state = try dashboardState(scenario: "fleet.json", after: fiveMinutes)
        state.view = .heat
        state.setCounterpart(
            try dashboardState(scenario: "fleet.json", after: fiveMinutes, withBreakers: false))
        return state
    }
}
