import BreakerCore

/// One run of a scenario, from its start to its summary: the one place that drives a ``Simulation``.
///
/// It owns the simulation and the episode tracking that the summary's metrics need, advances in
/// slices, feeds a ``RunObserver`` (transitions before the sample that follows them), stops early
/// when asked, and summarises what was simulated. The headless run, the report, the dashboard, the
/// recording of frames, the sweep and the tests all run scenarios through it.
public struct ScenarioRun: ~Copyable {
    /// The longest slice: a stop request (a signal) waits at most this much simulated time.
    public static let maximumSlice: Nanoseconds = 10_000_000_000

    /// The simulation being run.
    public private(set) var simulation: Simulation
    /// Whether the scenario's breakers are on in this run (`false`: every client unprotected).
    public let withBreakers: Bool
    private let tracker: EpisodeTracker
    /// Transitions since the last sample, delivered to the observer before the next one.
    private let pending = PendingTransitions()

    /// Prepares a run that has not started.
    public init(scenario: Scenario, withBreakers: Bool = true) {
        simulation = Simulation(scenario: scenario, withBreakers: withBreakers)
        self.withBreakers = withBreakers
        tracker = EpisodeTracker(scenario: scenario, breakerServices: simulation.breakerServices)
    }

    /// The scenario being run.
    public var scenario: Scenario { simulation.scenario }
    /// Simulated time reached.
    public var now: Nanoseconds { simulation.now }
    /// Whether the whole scenario has been simulated.
    public var isFinished: Bool { simulation.isFinished }
    /// Calls simulated so far (attempts offered to breakers).
    public var simulatedCalls: Int { simulation.simulatedCalls }

    /// How far one slice of ``run(observer:shouldStop:afterSlice:)`` advances: about a two-hundredth of
    /// the run (so that progress moves), in whole samples (so that a run stopped early ends on a
    /// sample), and never more than ``maximumSlice`` (so that a stop request is noticed soon; with
    /// samples longer than that, a slice ends between samples).
    public var slice: Nanoseconds {
        let every = scenario.sampleEvery
        let wanted = min(max(scenario.duration / 200, every), Self.maximumSlice)
        guard every > 0, every <= Self.maximumSlice else { return Self.maximumSlice }
        return max(every, wanted / every * every)
    }

    /// Simulates up to `time` (capped at the scenario's duration; a time already passed does nothing),
    /// feeding `observer`.
    public mutating func advance(
        to time: Nanoseconds, observer: inout some RunObserver, shouldStop: () -> Bool = { false }
    ) {
        let tracker = tracker
        let pending = pending
        simulation.advance(
            to: time,
            onSample: { simulation in
                pending.deliver(to: &observer)
                observer.observe(sample: simulation)
            },
            onTransition: { record in
                tracker.observe(record)
                pending.records.append(record)
            }, shouldStop: shouldStop)
        pending.deliver(to: &observer)
    }

    /// Simulates up to `time` with no observer but the summary's; `shouldStop` is asked every
    /// ``Simulation/stopCheckInterval`` events and stops the run short of `time`.
    public mutating func advance(to time: Nanoseconds, shouldStop: () -> Bool = { false }) {
        // Nothing to deliver transitions to, so none are buffered (sweeps run thousands of these).
        simulation.advance(to: time, onTransition: tracker.observe, shouldStop: shouldStop)
    }

    /// Simulates to the end in slices, feeding `observer`, until the scenario is over, `shouldStop`
    /// says so (asked before every slice and often inside one) or `afterSlice` returns `false`.
    ///
    /// - Parameters:
    ///   - observer: Receives every sample and transition, transitions before the sample that follows them.
    ///   - shouldStop: Asked before every slice and every ``Simulation/stopCheckInterval`` events inside
    ///     one; `true` stops the run where it is (between samples, if inside a slice).
    ///   - afterSlice: Called after every slice with the observer and the run (for progress,
    ///     or to write out what the observer collected); `false` stops the run.
    public mutating func run<Observer: RunObserver>(
        observer: inout Observer,
        shouldStop: () -> Bool = { false },
        afterSlice: (inout Observer, borrowing ScenarioRun) -> Bool = { _, _ in true }
    ) {
        while !isFinished && !shouldStop() {
            advance(to: now + slice, observer: &observer, shouldStop: shouldStop)
            if !afterSlice(&observer, self) { return }
        }
    }

    /// Simulates to the end (or until `shouldStop` says so, asked before every slice and often inside
    /// one) with no observer but the summary's.
    public mutating func run(shouldStop: () -> Bool = { false }) {
        while !isFinished && !shouldStop() { advance(to: now + slice, shouldStop: shouldStop) }
    }

    /// What was simulated, summarised; marked interrupted when the run did not reach its end.
    public func summary() -> RunSummary {
        RunSummary(simulation: simulation, episodes: tracker, withBreakers: withBreakers)
    }
}

/// Transitions waiting for the next sample (the simulation's transition callback may outlive one
/// `advance` call, so it cannot capture the observer itself).
private final class PendingTransitions {
    var records: [BreakerTransition] = []

    func deliver(to observer: inout some RunObserver) {
        guard !records.isEmpty else { return }
        for record in records { observer.observe(record) }
        records.removeAll(keepingCapacity: true)
    }
}
