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
            Runs the scenario once per combination (and per seed), in parallel, and ranks the \
            combinations by the objective (--objective):

            balanced: \(SweepObjective.balanced.explanation).

            protect: \(SweepObjective.protect.explanation).

            availability: \(SweepObjective.availability.explanation).

            latency: \(SweepObjective.latency.explanation).

            wait: \(SweepObjective.wait.explanation).

            With --client, only the named clients' breakers vary and only their requests and breakers are \
            scored (the no-breaker baseline too). \
            Results are identical whatever --jobs is. Ctrl-C stops and prints what finished. \
            Example:
              breaker-sim sweep scenarios/flaky.json --allowed-fails 1...10 \\
                --retry-timer 5s,10s,20s,30s,60s

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
        help: "Values to try: a list and/or ranges, e.g. 1...10 or 1,2,3,5,8. (default: 1...10)")
    var allowedFails: String?

    @Option(
        parsing: .unconditional,
        help: """
            Breakers to try: consecutive (allowed_fails), failure_rate (failure rate over a window), or \
            consecutive,failure_rate to put the best of each side by side on the same seeds. (default: the \
            policies of the varied clients' own breakers, plus those --allowed-fails or the failure-rate \
            options name)
            """)
    var policies: String?

    @Option(
        name: .customLong("failure-rate"), parsing: .unconditional,
        help:
            "Failure-rate thresholds to try, as shares or percentages, e.g. 0.25,0.5 or 50%. (default: 0.25,0.5,0.75 and the varied clients' own)"
    )
    var failureRate: String?

    @Option(
        parsing: .unconditional,
        help: """
            Failure-rate windows to try: a whole number is the last N calls, a duration the calls of the \
            last D, e.g. 20,100 or 10s,30s. (default: 20,100 and the varied clients' own)
            """)
    var window: String?

    @Option(
        name: .customLong("minimum-calls"), parsing: .unconditional,
        help: """
            Failure-rate minimum numbers of calls in the window to try, e.g. 10,20 (a minimum larger than a \
            count window is left out for it). (default: each window's own: its size for a count window, 100 \
            for a time window)
            """)
    var minimumCalls: String?

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
        parsing: .unconditional,
        help: """
            Runs per combination, with consecutive seeds (mean and spread are reported, and cells within \
            the noise of the best are marked).
            """)
    var seeds: Int = 5

    @Option(
        parsing: .unconditional,
        help: "Runs at once (default: every core this process may use: its CPU affinity and cgroup quota).")
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

    mutating func validate() throws {
        // A client named twice is tuned once (and named once in the report).
        clients = clients.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        _ = try parseIntegerList(allowedFails ?? "1", option: "--allowed-fails")
        _ = try parseDurationList(retryTimer, option: "--retry-timer")
        _ = try policies.map { try parsePolicyList($0, option: "--policies") }
        _ = try failureRate.map { try parseRateList($0, option: "--failure-rate") }
        _ = try window.map { try parseWindowList($0, option: "--window") }
        _ = try minimumCalls.map {
            try parseIntegerList($0, option: "--minimum-calls", what: "minimum_calls")
        }
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
        // A shard is always the JSON that `sweep merge` reads; a CSV or text asked for would be ignored.
        if shard != nil && format == .csv {
            throw ValidationError(
                "--shard writes the JSON that `sweep merge` reads: leave out --format csv (merge, then ask for CSV)"
            )
        }
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
        if let named = try policies.map({ try parsePolicyList($0, option: "--policies") }) {
            if allowedFails != nil && !named.contains(.consecutive) {
                throw ValidationError(
                    "--allowed-fails applies to the consecutive policy, which --policies leaves out")
            }
            if (failureRate != nil || window != nil || minimumCalls != nil) && !named.contains(.failureRate) {
                throw ValidationError(
                    "--failure-rate, --window and --minimum-calls apply to the failure_rate policy, which --policies leaves out"
                )
            }
        }
    }

    /// The grid: the trip rules of the policies swept × the retry timers; notes on standard error what
    /// the options left implicit (a policy added by an option, a window left out).
    ///
    /// The policies are `--policies` when given; else those of the varied clients' own breakers, plus
    /// consecutive when `--allowed-fails` is given and failure_rate when a failure-rate option is. The
    /// failure-rate defaults include the varied clients' own thresholds and windows.
    func grid(for scenario: Scenario) throws -> SweepGrid {
        func usage(_ message: String) -> ExitCode {
            complain(message)
            return ExitStatus.usage
        }
        let varied = scenario.clients.filter {
            clients.isEmpty ? $0.breaker != nil : clients.contains($0.name)
        }
        var swept = Set(try policies.map { try parsePolicyList($0, option: "--policies") } ?? [])
        if policies == nil {
            let own = Set(varied.map { $0.breaker.map { SweepTrip($0).policy } ?? .consecutive })
            swept = own
            if allowedFails != nil { swept.insert(.consecutive) }
            if failureRate != nil || window != nil || minimumCalls != nil { swept.insert(.failureRate) }
            if swept.isEmpty { swept.insert(.consecutive) }
            let added = swept.subtracting(own)
            if !own.isEmpty, !added.isEmpty {
                complain(
                    "comparing \(swept.sorted().map(\.rawValue).joined(separator: " and ")) breakers: "
                        + "\(added.sorted().map(\.rawValue).joined(separator: ", ")) because of its options, "
                        + "\(own.sorted().map(\.rawValue).joined(separator: ", ")) because the clients run it; "
                        + "--policies \(added.sorted().map(\.rawValue).joined(separator: ",")) sweeps that alone"
                )
            }
        }
        var trips: [SweepTrip] = []
        if swept.contains(.consecutive) {
            trips += try parseIntegerList(allowedFails ?? "1...10", option: "--allowed-fails").map {
                .consecutive(allowedFails: $0)
            }
        }
        let timers = try parseDurationList(retryTimer, option: "--retry-timer")
        if swept.contains(.failureRate) {
            // The clients' own rule is among the defaults, so that the sweep can say how it compares.
            var ownThresholds: [Double] = []
            var ownWindows: [BreakerSettings.Window] = []
            for client in varied {
                if case .failureRate(let threshold, let window, _)? = client.breaker?.policy {
                    if !ownThresholds.contains(threshold) { ownThresholds.append(threshold) }
                    if !ownWindows.contains(window) { ownWindows.append(window) }
                }
            }
            var thresholds = try parseRateList(failureRate ?? "0.25,0.5,0.75", option: "--failure-rate")
            if failureRate == nil { thresholds += ownThresholds.filter { !thresholds.contains($0) } }
            var windows = try parseWindowList(window ?? "20,100", option: "--window")
            if window == nil { windows += ownWindows.filter { !windows.contains($0) } }
            let minimums = try minimumCalls.map {
                try parseIntegerList($0, option: "--minimum-calls", what: "minimum_calls")
            }
            if let minimums {
                for case .calls(let size) in windows where minimums.allSatisfy({ $0 > size }) {
                    complain(
                        "--window \(size): every --minimum-calls is larger than \(size) calls, which that window "
                            + "never holds; it is left out")
                }
            }
            // Counted before anything is built: lists of a thousand values each would make billions.
            let count = SweepTrip.failureRateCount(
                thresholds: thresholds.count, windows: windows, minimumCalls: minimums)
            guard count > 0 else {
                throw usage(
                    "--minimum-calls: every value is larger than every --window of calls, so no failure-rate breaker could open"
                )
            }
            // In floating point: the count saturates at Int.max, and more rows would overflow.
            let rows = Double(count) + Double(trips.count)
            guard rows * Double(timers.count * seeds) <= Double(SweepGrid.maximumRuns) else {
                throw usage(tooManyRuns(trips: rows, timers: timers.count))
            }
            trips += SweepTrip.failureRates(thresholds: thresholds, windows: windows, minimumCalls: minimums)
        }
        let grid = SweepGrid(trips: trips, retryTimers: timers, seeds: seeds)
        guard grid.runCount <= SweepGrid.maximumRuns else {
            throw usage(tooManyRuns(trips: Double(trips.count), timers: timers.count))
        }
        return grid
    }

    private func tooManyRuns(trips: Double, timers: Int) -> String {
        func whole(_ value: Double) -> String {
            value < 1e15 ? formatInteger(Int(value)) : formatScientific(value)
        }
        let runs = trips * Double(timers) * Double(seeds)
        return
            "the sweep would take \(whole(runs)) runs (\(whole(trips)) trip rule\(trips == 1 ? "" : "s") × "
            + "\(counted(timers, "retry timer")) × \(counted(seeds, "seed"))); a sweep has at most "
            + "\(formatInteger(SweepGrid.maximumRuns)), shards included — use fewer values or seeds"
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
        let grid = try grid(for: scenario)
        for client in scenario.clients
        where clients.isEmpty ? client.breaker != nil : clients.contains(client.name) {
            if let own = client.breaker.map({ SweepTrip($0).policy }), !grid.policies.contains(own) {
                complain(
                    "\(file): \(client.name)'s breaker has policy \(own.rawValue); the grid tries "
                        + "\(grid.policies.map(\.rawValue).joined(separator: " and ")) breakers in its place, and its own settings are scored as the scenario's"
                )
            }
        }
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
