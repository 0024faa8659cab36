import ArgumentParser
import BreakerReport
import BreakerSimulation
import NCursesTerminal
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `breaker-sim run FILE`: the simulation, headless or (on a terminal) live.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario: the live dashboard on a terminal, a summary otherwise.",
        discussion: """
            On a terminal this opens the live dashboard (press ? for its keys). With --headless, or \
            when stdout is not a terminal, it prints a readable summary (or JSON with --format json) of every breaker, service and the \
            derived metrics. The same file and seed always give byte-identical output on stdout; the \
            speed figure (simulated calls per wall second) goes to stderr. \
            --report FILE also writes an HTML page with charts (and runs headless): it runs the scenario a \
            second time without breakers, to draw both runs together.

            \(ExitStatus.help)
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Scenario file (JSON), e.g. scenarios/flaky.json.")
    var file: String

    @Flag(help: "Print the summary instead of the live dashboard, even on a terminal.")
    var headless = false

    @Option(help: "Summary format: text or json.")
    var format: Format = .text

    @OptionGroup var scenarioOptions: ScenarioOptions

    @Option(
        help: ArgumentHelp("Write one CSV row per sample per breaker to this file.", valueName: "file.csv"))
    var timeline: String?

    @Flag(help: "Run the same scenario with every breaker removed, for comparison.")
    var noBreakers = false

    @Flag(
        help:
            "Run the same scenario and seed without breakers too (with them, given --no-breakers): side by side in the live dashboard (key c toggles it), as a closing comparison in the text summary."
    )
    var compare = false

    @OptionGroup var reportOptions: ReportOptions

    @OptionGroup var themeOption: ThemeOption

    func run() throws {
        try OutputPaths.check(
            outputs: [("--timeline", timeline), ("--report", reportOptions.report)].compactMap {
                option, path in
                path.map { (option, $0) }
            },
            inputs: [file])
        let scenario = try scenarioOptions.load(file)

        if !headless && format == .text && timeline == nil && reportOptions.report == nil
            && isTerminal(STDOUT_FILENO)
            && isTerminal(STDIN_FILENO)
        {
            let environment = terminalEnvironment()
            if let reason = Terminal.unusableReason(environment: environment) {
                // A terminal that cannot draw the dashboard gets the headless run, and one line why.
                complain(
                    "\(reason), so the live dashboard cannot be drawn (try TERM=xterm-256color); running headless"
                )
            } else {
                if let signal = try Dashboard.run(
                    scenario: scenario, withBreakers: !noBreakers, compare: compare, environment: environment,
                    background: themeOption.background)
                {
                    // The terminal is restored; exit the way the signal asked, conventionally 128 + its number.
                    throw ExitCode(128 + signal)
                }
                return
            }
        }
        if compare && format == .json {
            complain(
                "--compare: the JSON summary has no comparison; run again with --no-breakers for the other way"
            )
            throw ExitStatus.usage
        }

        var timelineFile: OutputFile?
        if let timeline {
            do {
                timelineFile = try OutputFile(path: timeline)
            } catch {
                complain("\(timeline): cannot write the timeline: \(error.reason)")
                throw ExitStatus.cannotCreate
            }
            // Refuse up front a timeline the disk cannot hold, rather than fail hours later (a pipe or a
            // device holds what its reader takes).
            // One row per breaker and sample; an instance has a breaker per service it calls.
            let rows =
                scenario.duration / scenario.sampleEvery
                * Int64(scenario.clients.reduce(0) { $0 + $1.instances * $1.dependencies.count })
            let estimate = rows * TimelineCSV.typicalRowBytes
            if case .replacement(_, let target) = timelineFile?.delivery, let free = freeBytes(near: target),
                estimate > free
            {
                timelineFile?.discard()
                complain(
                    "\(timeline): the timeline would take about \(formatBytes(estimate)) (\(rows) rows) and only "
                        + "\(formatBytes(free)) is free there — use a larger sample_every "
                        + "(--set sample_every=\"10s\") or a shorter --duration")
                throw ExitStatus.cannotCreate
            }
        }

        let reportFile = try reportOptions.report.map { path throws(ExitCode) in try openReport(path) }

        // A signal stops the run at the next slice: the timeline so far is completed and renamed into
        // place, and the summary covers what was simulated.
        Interruption.install()
        if isTerminal(STDERR_FILENO),
            let line = WorkEstimate.announcement(
                scenario, runs: reportFile == nil ? 1 : 2, jobs: 1,
                what: reportFile == nil ? "this run" : "these two runs")
        {
            complain(line)
        }
        let progress = Progress(enabled: isTerminal(STDERR_FILENO), total: scenario.duration)
        let clock = ContinuousClock()
        let started = clock.now
        var run = ScenarioRun(scenario: scenario, withBreakers: !noBreakers)
        var outputs = RunObservers(
            timelineFile == nil ? nil : TimelineCSV.Rows(),
            reportFile == nil ? nil : RunHistory(simulation: run.simulation))
        var writeFailure: String?
        // The timeline streams to disk in pieces of about a megabyte, so memory stays bounded.
        run.run(observer: &outputs, shouldStop: { Interruption.requested }) { outputs, run in
            progress.update(simulated: run.now, calls: run.simulatedCalls)
            guard let file = timelineFile, (outputs.first?.pendingBytes ?? 0) > 1 << 20 else { return true }
            let rows = outputs.first?.take() ?? ""
            do throws(OutputFile.Failure) { try file.write(rows) } catch { writeFailure = error.reason }
            return writeFailure == nil
        }
        if let file = timelineFile, writeFailure == nil, let rows = outputs.first?.take(), !rows.isEmpty {
            do { try file.write(rows) } catch { writeFailure = error.reason }
        }
        progress.finish()
        if let writeFailure, let timeline {
            timelineFile?.discard()
            complain("\(timeline): cannot write the timeline: \(writeFailure)")
            throw ExitStatus.cannotCreate
        }
        do {
            try timelineFile?.commit()
        } catch {
            complain("\(timeline ?? ""): cannot write the timeline: \(error.reason)")
            throw ExitStatus.cannotCreate
        }
        let elapsed = started.duration(to: clock.now)
        let summary = run.summary()
        if let reportFile, let history = outputs.second {
            try writeRunReport(to: reportFile, scenario: scenario, run: (history, summary))
        }
        switch format {
        case .json: try writeStandardOutput(summary.json())
        case .text:
            var text = summary.text()
            if compare && !Interruption.requested {
                // The same scenario and seed the other way, summed up in a few lines after the summary.
                var other = ScenarioRun(scenario: scenario, withBreakers: noBreakers)
                other.run()
                let parts = summary.comparisonParts(with: other.summary())
                text += "\n" + wrap([parts], width: 100).joined(separator: "\n") + "\n"
            }
            try writeStandardOutput(text)
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        writeStandardError(
            "breaker-sim: simulated \(counted(run.simulatedCalls, "call")) in \(formatSeconds(seconds))"
                + " (\(formatRate(Double(run.simulatedCalls) / max(seconds, 1e-9))) calls/s)\n")
        if Interruption.requested {
            complain(
                "interrupted at \(formatDuration(run.now)) of \(formatDuration(scenario.duration))"
                    + (timeline.map { "; \($0) holds the samples up to there" } ?? "")
                    + (reportOptions.report.map { "; \($0) reports that part" } ?? ""))
            throw Interruption.exitCode
        }
    }
}

extension RunCommand {
    /// Runs the scenario the other way (without breakers, or with them under --no-breakers) and writes
    /// the report of both runs.
    func writeRunReport(
        to file: OutputFile, scenario: Scenario, run: (history: RunHistory, summary: RunSummary)
    ) throws(ExitCode) {
        // An interrupted run is reported alone: a comparison of unequal stretches would mislead.
        var other: (history: RunHistory, summary: RunSummary)?
        if !Interruption.requested {
            let progress = Progress(enabled: isTerminal(STDERR_FILENO), total: scenario.duration)
            other = RunHistory.collect(
                scenario, withBreakers: noBreakers, shouldStop: { Interruption.requested },
                progress: { progress.update(simulated: $0, calls: $1) })
            progress.finish()
            if Interruption.requested {
                other = nil
                complain("interrupted during the comparison run: the report shows the first run alone")
            }
        }
        let report =
            noBreakers
            ? RunReport(
                withBreakers: other ?? run, withoutBreakers: other == nil ? nil : run,
                style: reportOptions.style)
            : RunReport(withBreakers: run, withoutBreakers: other, style: reportOptions.style)
        try commitReport(report.html(), to: file)
    }
}
