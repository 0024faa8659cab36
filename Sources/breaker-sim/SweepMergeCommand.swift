import ArgumentParser
import BreakerReport
import BreakerSimulation
import Synchronization
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the JSON of `sweep --shard K/N` runs into one result.",
        discussion: """
            Gives exactly what one run of the whole grid gives. Every shard is checked (format version, \
            scenario fingerprint, values): see the README. Example:
              breaker-sim sweep merge shard-*.json

            \(ExitStatus.help)
            """
    )

    @Argument(help: "Shard files (JSON).")
    var files: [String]

    @Option(help: "Output: text, json or csv.")
    var format: SweepRunCommand.Format = .text

    @OptionGroup var reportOptions: ReportOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the shard files to merge") }
    }

    func run() throws {
        try OutputPaths.check(outputs: reportOptions.report.map { [("--report", $0)] } ?? [], inputs: files)
        let reportFile = try reportOptions.report.map { path throws(ExitCode) in try openReport(path) }
        var documents: [(file: String, bytes: [UInt8])] = []
        for file in files {
            do {
                documents.append(
                    (file, try ScenarioLoader.readFile(file, limit: SweepResult.maximumShardFileSize)))
            } catch {
                switch error {
                case .unreadable(let file, let reason):
                    complain("\(file): \(reason)")
                    throw ExitStatus.noInput
                case .invalid(let problems):
                    for problem in problems { complain(problem.description) }
                    throw ExitStatus.invalidData
                }
            }
        }
        let result: SweepResult
        do { result = try SweepResult.merge(documents) } catch {
            complain(error.description)
            throw ExitStatus.invalidData
        }
        if !result.isComplete {
            complain(
                "warning: \(counted(result.cells.filter { $0 == nil }.count, "combination")) missing (a shard was not given?)"
            )
        }
        try SweepRunCommand.write(result, as: format)
        if let reportFile {
            try commitReport(SweepReport(result: result, style: reportOptions.style).html(), to: reportFile)
        }
    }
}
