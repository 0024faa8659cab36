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

/// Refuses a `--duration` that is not a duration, or one of zero.
func checkDurationOption(_ text: String) throws {
    guard let length = parseDuration(text) else {
        throw ValidationError("--duration: not a duration (got \"\(text)\"); use e.g. 90s, 5m or 1h30m")
    }
    if length <= 0 { throw ValidationError("--duration: must be longer than zero (got \"\(text)\")") }
}

/// Loads a scenario with `--duration` applied when given: a shorter run is the first part of the same
/// run (later phases are simply not reached); a longer one must pass the limits again.
func loadScenario(_ file: String, overrides: [String], duration: String?) throws(ExitCode) -> Scenario {
    var scenario = try loadScenario(file, overrides: overrides)
    guard let duration, let length = parseDuration(duration), length != scenario.duration else {
        return scenario
    }
    if length < scenario.duration {
        scenario.duration = length
        return scenario
    }
    return try loadScenario(file, overrides: overrides + ["duration=\"\(duration)\""])
}

func report(_ error: ScenarioError) {
    switch error {
    case .unreadable(let file, let reason):
        complain("\(file): \(reason)")
    case .invalid(let problems):
        for problem in problems { complain(problem.description) }
    }
}
