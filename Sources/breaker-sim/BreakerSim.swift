import ArgumentParser

/// The `breaker-sim` command line.
@main
struct BreakerSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breaker-sim",
        abstract: "See, simulate and tune circuit breakers.",
        discussion: """
            Runs a scenario of synthetic failing services and clients protected by circuit breakers.
            `breaker-sim FILE` is `breaker-sim run FILE`.

            Exit status: 0 success, 64 bad usage, 65 invalid scenario, 66 unreadable file, \
            73 an output file that cannot be written, 74 standard output that cannot be written, \
            128 + N ended by signal N.
            """,
        subcommands: [RunCommand.self, ValidateCommand.self, SweepCommand.self, RecordCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
