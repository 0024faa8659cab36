import BreakerCore
import BreakerSimTestSupport
import BreakerSimulation
import TerminalUI
import Testing

@testable import breaker_sim

/// How the live dashboard advances a run between frames.
@Suite struct DashboardAdvanceTests {
    /// Auto-pause stops at a trip that falls between two samples; the screen is drawn from samples, so
    /// the sample after the trip is taken too, and the breaker that tripped is shown open.
    @Test func autoPauseAtATripShowsTheBreakerOpen() throws {
        let scenario = try ScenarioLoader.load(file: Fixtures.scenario("flaky"))
        // Where the first trip falls, from a run of its own.
        var probe = ScenarioRun(scenario: scenario)
        var trips = TripLog()
        while trips.first == nil && !probe.isFinished {
            probe.advance(to: probe.now + scenario.sampleEvery, observer: &trips)
        }
        let trip = try #require(trips.first)
        #expect(trip.time % scenario.sampleEvery != 0, "the trip falls inside a sample interval")

        var run = ScenarioRun(scenario: scenario)
        var other = ScenarioRun(scenario: scenario, withBreakers: false)
        var state = DashboardState(simulation: run.simulation)
        state.autoPause = true
        // A frame that ends just after the trip, before the next sample.
        Dashboard.advance(&run, &other, to: trip.time + 1, state: &state)
        #expect(state.paused)
        #expect(state.pauseReason?.hasPrefix("first trip: ") == true)
        #expect(state.now % scenario.sampleEvery == 0, "stopped on the sample after the trip")
        #expect(state.breakers[trip.breaker].state == .open)
    }

    struct TripLog: RunObserver {
        var first: BreakerTransition?
        mutating func observe(sample simulation: borrowing Simulation) {}
        mutating func observe(_ transition: BreakerTransition) {
            if first == nil && transition.from == .closed && transition.to == .open { first = transition }
        }
    }
}
