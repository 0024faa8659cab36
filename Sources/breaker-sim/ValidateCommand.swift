import ArgumentParser
import BreakerSimulation

/// `breaker-sim validate FILE... [--set path=value...]`: checks scenario files (with the overrides a run
/// would apply) and prints every problem found.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files and print every problem found.",
        discussion: """
            Exits 0 only when every file is valid (65 if one is invalid, 66 if one cannot be read).

            \(ExitStatus.help)
            """
    )

    @Argument(help: "Scenario files (JSON).")
    var files: [String]

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Override a field in every file, as `run --set` does, e.g. clients.web.workers=20 (repeatable).",
            valueName: "path=value"))
    var overrides: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        var status: ExitCode = .success
        for file in files {
            let scenario: Scenario
            do {
                scenario = try ScenarioLoader.load(file: file, overrides: overrides)
            } catch {
                report(error)
                switch error {
                case .unreadable: status = ExitStatus.noInput
                case .invalid: if status == .success { status = ExitStatus.invalidData }
                }
                continue
            }
            let instances = scenario.clients.reduce(0) { $0 + $1.instances }
            // One breaker per client instance per service it calls; an unprotected client has none.
            let breakers = scenario.clients.reduce(0) {
                $0 + ($1.breaker == nil ? 0 : $1.instances * $1.dependencies.count)
            }
            let perInstance = breakers == instances ? "" : " in \(counted(instances, "client instance"))"
            try writeStandardOutput(
                "\(file): ok — \"\(scenario.name)\", \(counted(scenario.services.count, "service")), "
                    + "\(counted(breakers, "breaker"))\(perInstance), \(formatDuration(scenario.duration))"
                    + (overrides.isEmpty ? "" : " (with \(counted(overrides.count, "override")))") + "\n")
        }
        if status != .success { throw status }
    }
}
