public import ArgumentParser
import BreakerReport
import BreakerSimulation
import Synchronization
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `breaker-sim sweep`: which allowed_fails and retry_timer, against this scenario's failures.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Try every combination of allowed_fails and retry_timer and rank them.",
        discussion: """
            `breaker-sim sweep FILE …` is `breaker-sim sweep run FILE …`; see its --help.

            \(ExitStatus.help)
            """,
        subcommands: [SweepRunCommand.self, SweepMergeCommand.self],
        defaultSubcommand: SweepRunCommand.self
    )
}

extension SweepObjective: ExpressibleByArgument {}
extension BreakerLibrary: ExpressibleByArgument {}
