public import ArgumentParser
import BreakerReport

extension ReportStyle: ExpressibleByArgument {}

/// `--report FILE` and `--report-style`, shared by `run`, `sweep` and `sweep merge`.
struct ReportOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Also write a self-contained HTML report with charts to this file.", valueName: "report.html"))
    var report: String?

    @Option(
        name: .customLong("report-style"),
        help: "Report charts: color (Okabe–Ito, colour-blind safe) or mono (greys, patterns and dashes).")
    var style: ReportStyle = .color
}

/// Opens the report's file before any work, so that an unwritable path fails at once (exit 73).
func openReport(_ path: String) throws(ExitCode) -> OutputFile {
    do {
        return try OutputFile(path: path)
    } catch {
        complain("\(path): cannot write the report: \(error.reason)")
        throw ExitStatus.cannotCreate
    }
}

/// Writes the report and renames it into place.
func commitReport(_ html: String, to file: OutputFile) throws(ExitCode) {
    do {
        try file.write(html)
        try file.commit()
    } catch {
        file.discard()
        complain("\(file.path): cannot write the report: \(error.reason)")
        throw ExitStatus.cannotCreate
    }
}
