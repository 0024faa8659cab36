import BreakerCore
import BreakerSimulation
import Testing

/// The one run driver: slices, observers, stopping early, the summary.
@Suite struct ScenarioRunTests {
    static let scenario = Scenario(
        name: "driver", seed: 11, duration: 120_000_000_000, sampleEvery: 1_000_000_000,
        services: [
            ServiceProfile(
                name: "payments", latency: .constant(20_000_000), errorRate: 0.01,
                phases: [Phase(at: 30_000_000_000, length: 30_000_000_000, label: "brownout", errorRate: 0.9)]
            )
        ],
        clients: [
            ClientProfile(
                name: "checkout", instances: 4, calls: "payments", rate: 30,
                breaker: BreakerSettings(allowedFails: 3, retryTimer: 5_000_000_000))
        ])

    /// Records what an observer is told, in order.
    struct Log: RunObserver {
        var entries: [String] = []
        mutating func observe(sample simulation: borrowing Simulation) {
            entries.append("sample \(simulation.now)")
        }
        mutating func observe(_ transition: BreakerTransition) {
            entries.append("transition \(transition.time) \(transition.breaker) \(transition.to)")
        }
    }

    @Test func slicesOfAnySizeGiveTheSameRunAndTheSameObservations() {
        var whole = ScenarioRun(scenario: Self.scenario)
        var wholeLog = Log()
        whole.advance(to: Self.scenario.duration, observer: &wholeLog)
        for step: Nanoseconds in [333_333_333, 1_000_000_000, 7_300_000_000] {
            var sliced = ScenarioRun(scenario: Self.scenario)
            var log = Log()
            while !sliced.isFinished { sliced.advance(to: sliced.now + step, observer: &log) }
            #expect(log.entries == wholeLog.entries)
            #expect(sliced.summary().json() == whole.summary().json())
        }
        var driven = ScenarioRun(scenario: Self.scenario)
        var log = Log()
        driven.run(observer: &log)
        #expect(log.entries == wholeLog.entries)
        #expect(driven.summary().json() == RunSummary.run(Self.scenario).json())
    }

    @Test func transitionsComeBeforeTheSampleThatFollowsThem() {
        var run = ScenarioRun(scenario: Self.scenario)
        var log = Log()
        run.run(observer: &log)
        var lastSample: Nanoseconds = 0
        var transitions = 0
        for entry in log.entries {
            let parts = entry.split(separator: " ")
            let time = Nanoseconds(parts[1]) ?? -1
            if parts[0] == "sample" {
                lastSample = time
            } else {
                transitions += 1
                // Delivered after the previous sample and before the next one.
                #expect(time >= lastSample && time <= lastSample + Self.scenario.sampleEvery)
            }
        }
        #expect(transitions > 0)
    }

    @Test func stoppingEarlySummarisesWhatWasSimulated() {
        var run = ScenarioRun(scenario: Self.scenario)
        var slices = 0
        var nothing = NoRunObserver()
        run.run(
            observer: &nothing, shouldStop: { slices >= 3 },
            afterSlice: { _, _ in
                slices += 1
                return true
            })
        let (finished, now, slice) = (run.isFinished, run.now, run.slice)
        let interruptedAt = run.summary().interruptedAt
        #expect(!finished)
        #expect(now == 3 * slice)
        #expect(interruptedAt == now)

        var refused = ScenarioRun(scenario: Self.scenario)
        refused.run(observer: &nothing, afterSlice: { _, _ in false })
        let (refusedNow, refusedSlice) = (refused.now, refused.slice)
        #expect(refusedNow == refusedSlice)
    }

    /// A run stopped early counts the period each breaker is still in: every breaker's times add up to
    /// the time simulated, and one that never opened was closed all along.
    @Test(arguments: [20_000_000_000, 45_000_000_000] as [Nanoseconds])
    func aRunStoppedEarlyCountsEveryBreakersTimeUpToWhereItStopped(stopAt: Nanoseconds) {
        var run = ScenarioRun(scenario: Self.scenario)
        run.advance(to: stopAt)
        let summary = run.summary()
        #expect(summary.interruptedAt == stopAt)
        for breaker in summary.breakers {
            let stats = breaker.stats
            #expect(stats.timeClosed + stats.timeOpen + stats.timeHalfOpen == stopAt, "\(breaker.name)")
            if stats.opens == 0 { #expect(stats.timeClosed == stopAt, "\(breaker.name)") }
        }
        let open = summary.breakers.reduce(Nanoseconds(0)) { $0 + $1.stats.timeOpen + $1.stats.timeHalfOpen }
        let expected = Double(open) / Double(stopAt * Nanoseconds(summary.breakers.count))
        #expect(summary.metrics.timeOpenRatio == expected)
        if stopAt < 30_000_000_000 { #expect(summary.metrics.timeOpenRatio == 0) }
    }

    /// The time-open ratio is over real breakers: an unprotected client's instances, closed by
    /// construction, do not dilute it.
    @Test func theTimeOpenRatioLeavesOutUnprotectedClients() {
        var mixed = Self.scenario
        var legacy = mixed.clients[0]
        legacy.name = "legacy"
        legacy.breaker = nil
        mixed.clients.append(legacy)
        var run = ScenarioRun(scenario: mixed)
        run.run()
        let summary = run.summary()
        let real = summary.breakers.filter(\.protected)
        #expect(real.count == 4 && summary.breakers.count == 8)
        let open = real.reduce(Nanoseconds(0)) { $0 + $1.stats.timeOpen + $1.stats.timeHalfOpen }
        #expect(open > 0)
        let expected = Double(open) / Double(mixed.duration * Nanoseconds(real.count))
        #expect(summary.metrics.timeOpenRatio == expected)
        var unprotected = ScenarioRun(scenario: Self.scenario, withBreakers: false)
        unprotected.run()
        #expect(unprotected.summary().metrics.timeOpenRatio == nil)
    }

    @Test func aSliceIsAtMostTenSimulatedSecondsWhateverTheSampleInterval() {
        var slow = Self.scenario
        slow.sampleEvery = 60_000_000_000
        slow.duration = 3_600_000_000_000
        let slice = ScenarioRun(scenario: slow).slice
        #expect(slice == ScenarioRun.maximumSlice)
        #expect(ScenarioRun.maximumSlice == 10_000_000_000)
    }

    @Test func timeNeverGoesBackwards() {
        var run = ScenarioRun(scenario: Self.scenario)
        run.advance(to: 50_000_000_000)
        let calls = run.simulatedCalls
        run.advance(to: 10_000_000_000)
        let (now, callsAfter) = (run.now, run.simulatedCalls)
        #expect(now == 50_000_000_000)
        #expect(callsAfter == calls)
        var simulation = Simulation(scenario: Self.scenario)
        simulation.advance(to: 40_000_000_000)
        simulation.advance(to: 0)
        let simulationNow = simulation.now
        #expect(simulationNow == 40_000_000_000)
    }
}
