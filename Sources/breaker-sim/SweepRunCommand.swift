import ArgumentParser
import BreakerReport
import BreakerSimulation
import NCursesTerminal
import Synchronization
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct SweepRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the sweep (the default: `breaker-sim sweep FILE …`).",
        discussion: """
            Runs the scenario once per combination (and per seed), in parallel, and ranks the
            combinations by the objective:
              balanced      \(SweepObjective.balanced.explanation)
              protect       \(SweepObjective.protect.explanation)
              availability  \(SweepObjective.availability.explanation)
              latency       \(SweepObjective.latency.explanation)
              wait          \(SweepObjective.wait.explanation)
            With --client, only the named clients' breakers vary and only their requests and breakers are
            scored (the no-breaker baseline too).
            Results are identical whatever --jobs is. Ctrl-C stops and prints what finished.
            Example:
              breaker-sim sweep scenarios/flaky.json --allowed-fails 1...10 --retry-timer 5s,10s,20s,30s,60s

            \(ExitStatus.help)
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    /// Prints a sweep's result to standard output in `format` (the text's heat map in colour on a
    /// terminal).
    static func write(_ result: SweepResult, as format: Format) throws {
        switch format {
        case .text:
            let colors = printedColors()
            try writeStandardOutput(result.text(color: colors.color, extendedColors: colors.extended))
        case .json: try writeStandardOutput(result.json())
        case .csv: try writeStandardOutput(result.csv())
        }
    }

    @Argument(help: "Scenario file (JSON).")
    var file: String

    @Option(
        name: .customLong("allowed-fails"), parsing: .unconditional,
        help: "Values to try: a list and/or ranges, e.g. 1...10 or 1,2,3,5,8.")
    var allowedFails: String = "1...10"

    @Option(
        name: .customLong("retry-timer"), parsing: .unconditional,
        help: "Durations to try, e.g. 5s,10s,20s,30s,60s.")
    var retryTimer: String = "5s,10s,20s,30s,60s"

    @Option(
        name: .customLong("client"),
        help: """
            Tune this client on its own: vary its breaker only and score its requests and breakers only \
            (repeatable: the named clients vary together; default: every protected client, scored on the \
            whole run).
            """)
    var clients: [String] = []

    @Option(help: "What to optimise: balanced, protect, availability, latency or wait.")
    var objective: SweepObjective = .balanced

    @Option(
        help: """
            Runs per combination, with consecutive seeds (mean and spread are reported, and cells within \
            the noise of the best are marked).
            """)
    var seeds: Int = 5

    @Option(help: "Runs at once (default: every core).")
    var jobs: Int?

    @Option(help: "Output: text, json or csv.")
    var format: Format = .text

    @Option(
        help: """
            Print the best combination as this library's configuration instead of the report: \
            breakercore, resilience4j, polly, gobreaker or opossum (with a comment for every difference \
            in behaviour that changes the result).
            """)
    var export: BreakerLibrary?

    @Option(help: "Run only slice K of N (e.g. 2/8) and write JSON, for `sweep merge`.")
    var shard: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Override a scenario field before sweeping (repeatable).", valueName: "path=value")
    )
    var overrides: [String] = []

    @Flag(
        help: """
            Show progress and then the heat map in the terminal: pick a combination with the arrow keys \
            and press enter to watch it run live in the dashboard.
            """)
    var tui = false

    @Flag(
        name: .customLong("allow-long"),
        help: "Run a sweep expected to simulate more than 1e10 calls (15 minutes to an hour on two cores).")
    var allowLong = false

    @OptionGroup var reportOptions: ReportOptions

    @OptionGroup var themeOption: ThemeOption

    func validate() throws {
        let fails = try parseIntegerList(allowedFails, option: "--allowed-fails")
        let timers = try parseDurationList(retryTimer, option: "--retry-timer")
        guard (1...1000).contains(seeds) else {
            throw ValidationError("--seeds must be between 1 and 1000 (got \(seeds))")
        }
        if let jobs, !(1...1024).contains(jobs) {
            throw ValidationError("--jobs must be between 1 and 1024 (got \(jobs))")
        }
        if let shard, SweepShard(shard) == nil {
            throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N (got \"\(shard)\")")
        }
        if tui && shard != nil { throw ValidationError("--tui and --shard cannot be combined") }
        if export != nil && (shard != nil || tui || format != .text) {
            throw ValidationError(
                "--export prints the configuration alone: leave out --shard, --tui and --format")
        }
        if tui && format != .text { throw ValidationError("--tui shows the map itself; leave out --format") }
        if shard != nil && reportOptions.report != nil {
            throw ValidationError(
                "--report needs the whole grid: write it when merging (breaker-sim sweep merge FILES --report FILE)"
            )
        }
        let runs = fails.count * timers.count * seeds
        guard runs <= SweepGrid.maximumRuns else {
            throw ValidationError(
                "the sweep would take \(runs) runs; the limit is \(SweepGrid.maximumRuns) — use fewer values or --shard"
            )
        }
    }

    func run() async throws {
        try OutputPaths.check(outputs: reportOptions.report.map { [("--report", $0)] } ?? [], inputs: [file])
        let scenario = try loadScenario(file, overrides: overrides)
        let names = Set(scenario.clients.map(\.name))
        for client in clients where !names.contains(client) {
            complain(
                "\(file): --client: no client named \"\(client)\" (clients: \(scenario.clients.map(\.name).joined(separator: ", ")))"
            )
            throw ExitStatus.usage
        }
        if clients.isEmpty && !scenario.clients.contains(where: { $0.breaker != nil }) {
            complain("\(file): no client has a breaker; name one with --client to sweep its settings")
            throw ExitStatus.usage
        }
        for client in scenario.clients
        where clients.isEmpty ? client.breaker != nil : clients.contains(client.name) {
            if case .failureRate = client.breaker?.policy {
                complain(
                    "\(file): \(client.name)'s breaker has policy failure_rate; the grid tries consecutive "
                        + "breakers (allowed_fails × retry_timer) in its place, and its own settings are scored as the scenario's"
                )
            }
        }
        let grid = SweepGrid(
            allowedFails: try parseIntegerList(allowedFails, option: "--allowed-fails"),
            retryTimers: try parseDurationList(retryTimer, option: "--retry-timer"), seeds: seeds)
        try checkWork(scenario: scenario, grid: grid, shard: shard.flatMap(SweepShard.init))
        let reportFile = try reportOptions.report.map { path throws(ExitCode) in try openReport(path) }
        if tui {
            try await runInTerminal(scenario: scenario, grid: grid, report: reportFile)
            return
        }
        let shardValue = shard.flatMap(SweepShard.init)
        let progress = Progress(enabled: isTerminal(STDERR_FILENO), total: 1, unit: "runs")
        Interruption.install()
        let result = SweepRunner.run(
            scenario: scenario, grid: grid, clients: clients, objective: objective,
            jobs: jobs ?? systemCoreCount(), shard: shardValue,
            progress: { done, total in progress.update(done: done, of: total) },
            shouldStop: { Interruption.requested })
        progress.finish()
        if shardValue != nil {
            try writeStandardOutput(result.json())
        } else if let export {
            guard let text = result.export(as: export, scenario: scenario, client: clients.first) else {
                complain("no combination finished: nothing to export")
                throw Interruption.requested ? Interruption.exitCode : ExitCode.failure
            }
            try writeStandardOutput(text)
        } else {
            try Self.write(result, as: format)
        }
        if let reportFile {
            try commitReport(SweepReport(result: result, style: reportOptions.style).html(), to: reportFile)
        }
        if Interruption.requested {
            complain(
                "interrupted: printed the \(counted(result.cells.compactMap { $0 }.count, "combination")) that finished"
            )
            throw Interruption.exitCode
        }
    }
}

extension SweepRunCommand {
    /// Refuses a sweep expected to simulate more than ``WorkEstimate/sweepCallLimit`` calls unless
    /// `--allow-long` is given, and says on a terminal how long a long one will take.
    func checkWork(scenario: Scenario, grid: SweepGrid, shard: SweepShard?) throws {
        let cells = shard.map { shard in grid.cells.indices.filter(shard.owns).count } ?? grid.cells.count
        // The grid's cells, and the runs without breakers and with the scenario's own settings.
        let runs = (cells + 2) * grid.seeds
        let calls = scenario.expectedCalls * Double(runs)
        if calls > WorkEstimate.sweepCallLimit && !allowLong {
            complain(
                "the sweep would simulate up to about \(formatScientific(calls)) calls (\(runs) runs of up to "
                    + "\(formatScientific(scenario.expectedCalls))); the limit is \(formatScientific(WorkEstimate.sweepCallLimit)), "
                    + "15 minutes to an hour on two cores — use fewer values or --seeds, split it with --shard K/N, or pass --allow-long"
            )
            throw ExitStatus.usage
        }
        guard isTerminal(STDERR_FILENO) else { return }
        if let line = WorkEstimate.announcement(
            scenario, runs: runs, jobs: jobs ?? systemCoreCount(), what: "sweep of \(runs) runs")
        {
            complain(line)
        }
    }

    /// The `--tui` session; afterwards the report is printed, so the result stays in the scrollback.
    func runInTerminal(scenario: Scenario, grid: SweepGrid, report: OutputFile?) async throws {
        guard isTerminal(STDIN_FILENO), isTerminal(STDOUT_FILENO) else {
            complain("--tui needs a terminal (stdin and stdout); without it the sweep prints its report")
            throw ExitStatus.usage
        }
        let environment = terminalEnvironment()
        if let reason = Terminal.unusableReason(environment: environment) {
            complain(
                "--tui: \(reason), so the map cannot be drawn (try TERM=xterm-256color); without --tui the sweep prints its report"
            )
            throw ExitStatus.usage
        }
        let outcome = SweepTUI.run(
            scenario: scenario, grid: grid, clients: clients, objective: objective,
            jobs: jobs ?? systemCoreCount(), environment: environment, background: themeOption.background)
        if let result = outcome.result {
            let colors = printedColors()
            try writeStandardOutput(result.text(color: colors.color, extendedColors: colors.extended))
            if let report {
                try commitReport(SweepReport(result: result, style: reportOptions.style).html(), to: report)
            }
            if outcome.stoppedEarly {
                complain(
                    "stopped: printed the \(counted(result.cells.compactMap { $0 }.count, "combination")) that finished"
                )
            }
        }
        if let signal = outcome.signal { throw ExitCode(128 + signal) }
    }
}
