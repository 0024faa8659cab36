import ArgumentParser
import BreakerSimulation

/// Loads a scenario or reports why not, in the design's error format, and exits with its status.
func loadScenario(_ file: String, overrides: [String]) throws(ExitCode) -> Scenario {
    do {
        return try ScenarioLoader.load(file: file, overrides: overrides)
    } catch {
        report(error)
        switch error {
        case .unreadable: throw ExitStatus.noInput
        case .invalid: throw ExitStatus.invalidData
        }
    }
}

/// `--seed`, `--duration` and `--set`: what a run or a check changes in the scenario file.
struct ScenarioOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Seed of every random stream (overrides the file's `seed`).")
    var seed: UInt64?

    @Option(
        parsing: .unconditional, help: "Simulated duration, e.g. 90s or 5m (overrides the file's `duration`)."
    )
    var duration: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Override a field, e.g. clients.checkout.breaker.allowed_fails=5 (repeatable).",
            valueName: "path=value"))
    var overrides: [String] = []

    /// Refuses a `--duration` that is not a duration, or one of zero.
    func validate() throws {
        guard let duration else { return }
        if duration.hasPrefix("-"), parseDuration(String(duration.dropFirst())) != nil {
            throw ValidationError("--duration: must be longer than zero (got \"\(duration)\")")
        }
        guard let length = parseDuration(duration) else {
            throw ValidationError(
                "--duration: not a duration (got \"\(duration)\"); use e.g. 90s, 5m or 1h30m")
        }
        if length <= 0 { throw ValidationError("--duration: must be longer than zero (got \"\(duration)\")") }
    }

    /// Loads `file` with these options applied.
    ///
    /// A shorter `--duration` is the first part of the same run (later phases are simply not reached);
    /// a longer one must pass the limits again.
    func load(_ file: String) throws(ExitCode) -> Scenario {
        var overrides = overrides
        if let seed { overrides.append("seed=\(seed)") }
        var scenario = try loadScenario(file, overrides: overrides)
        guard let duration, let length = parseDuration(duration), length != scenario.duration else {
            return scenario
        }
        if length < scenario.duration {
            guard length >= scenario.sampleEvery else {
                // As the scenario's own check: not one sample would be taken, so the timeline, the
                // report's charts and the dashboard's history would be empty.
                complain(
                    "\(file): --duration \(duration) is shorter than the scenario's sample_every "
                        + "(\(formatDuration(scenario.sampleEvery))), so no sample would be taken — "
                        + "give a longer --duration or --set sample_every=\(duration)")
                throw ExitStatus.usage
            }
            scenario.duration = length
            return scenario
        }
        return try loadScenario(file, overrides: overrides + ["duration=\"\(duration)\""])
    }
}

func report(_ error: ScenarioError) {
    switch error {
    case .unreadable(let file, let reason):
        complain("\(file): \(reason)")
    case .invalid(let problems):
        for problem in problems { complain(problem.description) }
    }
}
