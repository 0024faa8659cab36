import BreakerSimulation

/// How much work a run or a sweep is, said before it starts: the expected calls (deterministic, from
/// the scenario), and on a terminal the wall time they will take on this machine, from a short trial
/// run.
enum WorkEstimate {
    /// The most calls a sweep (or one shard of it) may be expected to simulate without `--allow-long`:
    /// at the 4–8 million calls per second a core simulates, and as the expected calls count every
    /// retry, 15 minutes to an hour on two cores.
    static let sweepCallLimit = 1e10

    /// Below this many expected calls no trial is run: the work takes seconds at most.
    static let quietBelowCalls = 2e7

    /// Simulated seconds per wall second on one core, from running `scenario` for about `budget` of
    /// wall time (the trial's result is thrown away); `nil` if the trial was too short to tell.
    static func simulatedSecondsPerSecond(_ scenario: Scenario, budget: Duration = .milliseconds(250))
        -> Double?
    {
        let clock = ContinuousClock()
        let start = clock.now
        var run = ScenarioRun(scenario: scenario)
        run.run(shouldStop: { Interruption.requested || start.duration(to: clock.now) > budget })
        let elapsed = seconds(start.duration(to: clock.now))
        guard elapsed > 0.01, run.now > 0 else { return nil }
        return Double(run.now) / 1e9 / elapsed
    }

    /// "about 3 min", "about 2 h 10 min": a wall time for a message.
    static func describe(seconds: Double) -> String {
        switch seconds {
        case ..<90: return "about \(Int(seconds.rounded())) s"
        case ..<(90 * 60): return "about \(Int((seconds / 60).rounded())) min"
        default:
            let minutes = Int((seconds / 60).rounded())
            return "about \(minutes / 60) h \(minutes % 60) min"
        }
    }

    /// The line that says how long `runs` runs of `scenario` on `jobs` threads will take (no faster than
    /// the cores allow), when that is more than ten seconds; `nil` otherwise (or when the trial could
    /// not tell).
    static func announcement(_ scenario: Scenario, runs: Int, jobs: Int, what: String) -> String? {
        let calls = scenario.expectedCalls * Double(runs)
        guard calls >= quietBelowCalls, let speed = simulatedSecondsPerSecond(scenario) else { return nil }
        let simulated = Double(scenario.duration) / 1e9 * Double(runs)
        // Threads beyond the cores take turns on them: they add no speed.
        let threads = max(1, min(jobs, runs))
        let wall = simulated / speed / Double(min(threads, systemCoreCount()))
        guard wall > 10 else { return nil }
        let cores = threads > systemCoreCount() ? " (\(systemCoreCount()) cores)" : ""
        let parallel = runs > 1 ? " on \(threads) threads\(cores)" : ""
        return "\(what): up to about \(formatScientific(calls)) calls; \(describe(seconds: wall))\(parallel) "
            + "(from a quarter-second trial: \(formatRate(speed))× real time per thread)"
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
