import Benchmark
import BreakerSimulation
import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The simulator's speed: one headless run of scenarios/flaky.json, and a parameter sweep over it.

/// A scenario file of the repository, found from this file so that any working directory works.
func scenarioPath(_ name: String, file: String = #filePath) -> String {
    // <repo>/Benchmarks/Benchmarks/<Target>/<File>.swift
    let components = file.split(separator: "/", omittingEmptySubsequences: false).dropLast(4)
    return (components + ["scenarios", Substring(name)]).joined(separator: "/")
}

/// A scenario kept for the benchmarks only (Benchmarks/Scenarios).
func benchmarkScenarioPath(_ name: String, file: String = #filePath) -> String {
    let components = file.split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
    return (components + ["Scenarios", Substring(name)]).joined(separator: "/")
}

func loadScenario(_ name: String) throws -> Scenario {
    try ScenarioLoader.load(file: scenarioPath(name))
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// CPU time used so far by every thread of this process, at nanosecond resolution (the harness's CPU
/// metric counts scheduler ticks).
func processCPUTime() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
}

/// Runs tasks on threads of its own.
///
/// The harness runs an async benchmark by blocking one thread of
/// Swift's cooperative pool until it ends, which leaves a sweep one thread of the two on this machine;
/// `breaker-sim sweep` runs from the main thread and has both. Child tasks inherit this preference.
final class DispatchTaskExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "benchmark.sweep", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

enum SimulationMetrics {
    /// Calls offered to the breakers per wall second, as `breaker-sim run` reports on stderr.
    static let callsPerSecond = BenchmarkMetric.custom(
        "simulated calls/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Wall nanoseconds per simulated call: the same figure inverted, with three significant digits
    /// where the table shows calls/s in whole millions.
    static let nanosecondsPerCall = BenchmarkMetric.custom(
        "wall ns per simulated call", polarity: .prefersSmaller, useScalingFactor: false)
    /// Calls in one run (the same every run: the simulation is deterministic).
    static let calls = BenchmarkMetric.custom(
        "simulated calls per run", polarity: .prefersSmaller, useScalingFactor: false)
    /// Process CPU time over wall time, in percent: 200 means both cores were busy throughout.
    static let coresBusy = BenchmarkMetric.custom(
        "CPU / wall time (%)", polarity: .prefersLarger, useScalingFactor: false)
}

let benchmarks: @Sendable () -> Void = {
    // What `breaker-sim run --headless` does, without the printing: the simulation with the episode
    // tracker, then the summary. Calls/s is timed like the CLI's figure (the run, not the summary).
    // The figures issue 12 holds the simulator to: flaky.json ≥ 10 M calls/s, an hour of it ≥ 8 M,
    // fleet.json ≥ 7 M. "flaky-one-call" is the front door as it was before requests, routes and
    // workers (Benchmarks/Scenarios/), kept so that the model's cost shows on unchanged work.
    let runs: [(name: String, file: String, duration: Nanoseconds?)] = [
        ("flaky.json", scenarioPath("flaky.json"), nil),
        ("flaky.json, 1 hour", scenarioPath("flaky.json"), 3_600_000_000_000),
        ("fleet.json", scenarioPath("fleet.json"), nil),
        ("flaky-one-call.json (before routes)", benchmarkScenarioPath("flaky-one-call.json"), nil),
        // The cost per call as the fleet grows (README, Performance): 1,000 and 10,000 instances at 200
        // calls/s each, 12 M calls each. (large-fleet-100k.json, 20 M calls in 20 s a run, is timed with
        // `breaker-sim run`: a benchmark would take minutes.)
        ("large-fleet-1k.json", benchmarkScenarioPath("large-fleet-1k.json"), nil),
        ("large-fleet-10k.json", benchmarkScenarioPath("large-fleet-10k.json"), nil),
    ]
    for run in runs {
        Benchmark(
            "Run \(run.name) headless",
            configuration: .init(
                metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident]
                    + [
                        SimulationMetrics.callsPerSecond, SimulationMetrics.nanosecondsPerCall,
                        SimulationMetrics.calls,
                    ],
                timeUnits: .milliseconds,
                warmupIterations: 2,
                maxDuration: .seconds(10),
                maxIterations: 200
            )
        ) { benchmark, scenario in
            let clock = ContinuousClock()
            let started = clock.now
            var simulation = Simulation(scenario: scenario)
            let tracker = EpisodeTracker(scenario: scenario, breakerServices: simulation.breakerServices)
            simulation.run(onTransition: tracker.observe)
            let elapsed = started.duration(to: clock.now)
            let summary = RunSummary(simulation: simulation, episodes: tracker, withBreakers: true)
            blackHole(summary)
            let calls = simulation.simulatedCalls
            benchmark.measurement(SimulationMetrics.calls, calls)
            benchmark.measurement(
                SimulationMetrics.callsPerSecond, Int(Double(calls) / max(seconds(elapsed), 1e-9)))
            benchmark.measurement(
                SimulationMetrics.nanosecondsPerCall,
                Int((seconds(elapsed) * 1e9 / Double(max(calls, 1))).rounded()))
        } setup: {
            var scenario = try ScenarioLoader.load(file: run.file)
            if let duration = run.duration { scenario.duration = duration }
            return scenario
        }
    }

    // `breaker-sim sweep scenarios/flaky.json --jobs N` with the default grid: 10 × 5 cells, plus the
    // baseline run without breakers and the scenario's own settings, so 52 runs. Two jobs is the
    // figure wanted; one job is the reference that shows how much the second core gives.
    let executor = DispatchTaskExecutor()
    for jobs in [2, 1] {
        Benchmark(
            "Sweep flaky.json 10 allowed_fails × 5 retry_timer, \(jobs) job\(jobs == 1 ? "" : "s")",
            configuration: .init(
                metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident]
                    + [SimulationMetrics.coresBusy],
                timeUnits: .milliseconds,
                warmupIterations: 1,
                maxDuration: .seconds(30),
                maxIterations: 20
            )
        ) { benchmark, scenario in
            let grid = SweepGrid(
                allowedFails: Array(1...10),
                retryTimers: [5, 10, 20, 30, 60].map { Nanoseconds($0) * 1_000_000_000 })
            let clock = ContinuousClock()
            let started = (wall: clock.now, cpu: processCPUTime())
            let result = await withTaskExecutorPreference(executor) {
                SweepRunner.run(scenario: scenario, grid: grid, jobs: jobs)
            }
            let wall = started.wall.duration(to: clock.now)
            let cpu = processCPUTime() - started.cpu
            if !result.isComplete { benchmark.error("the sweep did not finish every cell") }
            blackHole(result)
            benchmark.measurement(SimulationMetrics.coresBusy, Int(100 * seconds(cpu) / seconds(wall)))
        } setup: {
            try loadScenario("flaky.json")
        }
    }
}
