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

func report(_ error: ScenarioError) {
    switch error {
    case .unreadable(let file, let reason):
        complain("\(file): \(reason)")
    case .invalid(let problems):
        for problem in problems { complain(problem.description) }
    }
}
