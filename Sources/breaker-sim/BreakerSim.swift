import ArgumentParser

/// The `breaker-sim` command line.
@main
struct BreakerSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breaker-sim",
        abstract: "See, simulate and tune circuit breakers.",
        discussion: """
            Runs a scenario of synthetic failing services and clients protected by circuit breakers. \
            `breaker-sim FILE` is `breaker-sim run FILE`.

            \(ExitStatus.help)
            """,
        subcommands: [
            RunCommand.self, ValidateCommand.self, CheckCommand.self, SweepCommand.self, RecordCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}
