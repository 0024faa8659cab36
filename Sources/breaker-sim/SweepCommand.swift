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

/// `breaker-sim sweep`: which allowed_fails and retry_timer, against this scenario's failures.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Try every combination of allowed_fails and retry_timer and rank them.",
        subcommands: [SweepRun.self, SweepMerge.self],
        defaultSubcommand: SweepRun.self
    )
}

extension SweepObjective: ExpressibleByArgument {}

struct SweepRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the sweep (the default: `breaker-sim sweep FILE …`).",
        discussion: """
            Runs the scenario once per combination (and per seed), in parallel, and ranks the
            combinations by the objective:
              balanced      \(SweepObjective.balanced.explanation)
              protect       \(SweepObjective.protect.explanation)
              availability  \(SweepObjective.availability.explanation)
            Results are identical whatever --jobs is. Ctrl-C stops and prints what finished.
            Example:
              breaker-sim sweep scenarios/flaky.json --allowed-fails 1...10 --retry-timer 5s,10s,20s,30s,60s
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @Argument(help: "Scenario file (JSON).")
    var file: String

    @Option(
        name: .customLong("allowed-fails"),
        help: "Values to try: a list and/or ranges, e.g. 1...10 or 1,2,3,5,8.")
    var allowedFails: String = "1...10"

    @Option(name: .customLong("retry-timer"), help: "Durations to try, e.g. 5s,10s,20s,30s,60s.")
    var retryTimer: String = "5s,10s,20s,30s,60s"

    @Option(
        name: .customLong("client"),
        help: "Vary this client's breaker only (repeatable; default: every protected client).")
    var clients: [String] = []

    @Option(help: "What to optimise: balanced, protect or availability.")
    var objective: SweepObjective = .balanced

    @Option(help: "Runs per combination, with consecutive seeds (mean and spread are reported).")
    var seeds: Int = 1

    @Option(help: "Runs at once (default: every core).")
    var jobs: Int?

    @Option(help: "Output: text, json or csv.")
    var format: Format = .text

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

    @OptionGroup var reportOptions: ReportOptions

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
        let grid = SweepGrid(
            allowedFails: try parseIntegerList(allowedFails, option: "--allowed-fails"),
            retryTimers: try parseDurationList(retryTimer, option: "--retry-timer"), seeds: seeds)
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
            writeStandardOutput(result.json())
        } else {
            switch format {
            case .text:
                let color = isTerminal(STDOUT_FILENO) && getenv("NO_COLOR") == nil
                writeStandardOutput(result.text(color: color))
            case .json: writeStandardOutput(result.json())
            case .csv: writeStandardOutput(result.csv())
            }
        }
        if let reportFile {
            try commitReport(SweepReport(result: result, style: reportOptions.style).html(), to: reportFile)
        }
        if Interruption.requested {
            complain(
                "interrupted: printed the \(result.cells.compactMap { $0 }.count) combinations that finished")
            throw Interruption.exitCode
        }
    }
}

extension SweepRun {
    /// The `--tui` session; afterwards the report is printed, so the result stays in the scrollback.
    func runInTerminal(scenario: Scenario, grid: SweepGrid, report: AtomicFile?) async throws {
        guard isTerminal(STDIN_FILENO), isTerminal(STDOUT_FILENO) else {
            complain("--tui needs a terminal (stdin and stdout); without it the sweep prints its report")
            throw ExitStatus.usage
        }
        var environment: [String: String] = [:]
        if let noColor = getenv("NO_COLOR") { environment["NO_COLOR"] = String(cString: noColor) }
        let outcome = SweepTUI.run(
            scenario: scenario, grid: grid, clients: clients, objective: objective,
            jobs: jobs ?? systemCoreCount(), environment: environment)
        if let result = outcome.result {
            writeStandardOutput(result.text(color: getenv("NO_COLOR") == nil))
            if let report {
                try commitReport(SweepReport(result: result, style: reportOptions.style).html(), to: report)
            }
            if outcome.stoppedEarly {
                complain(
                    "stopped: printed the \(result.cells.compactMap { $0 }.count) combinations that finished")
            }
        }
        if let signal = outcome.signal { throw ExitCode(128 + signal) }
    }
}

struct SweepMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the JSON of `sweep --shard K/N` runs into one result.",
        discussion:
            "Gives exactly what one run of the whole grid gives. Example: breaker-sim sweep merge shard-*.json"
    )

    @Argument(help: "Shard files (JSON).")
    var files: [String]

    @Option(help: "Output: text, json or csv.")
    var format: SweepRun.Format = .text

    @OptionGroup var reportOptions: ReportOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the shard files to merge") }
    }

    func run() throws {
        let reportFile = try reportOptions.report.map { path throws(ExitCode) in try openReport(path) }
        var documents: [(file: String, bytes: [UInt8])] = []
        for file in files {
            guard let bytes = readWholeFile(file) else {
                complain("\(file): cannot read the file")
                throw ExitStatus.noInput
            }
            documents.append((file, bytes))
        }
        let result: SweepResult
        do { result = try SweepResult.merge(documents) } catch {
            complain(error.description)
            throw ExitStatus.invalidData
        }
        if !result.isComplete {
            complain(
                "warning: \(result.cells.filter { $0 == nil }.count) combinations are missing (a shard was not given?)"
            )
        }
        switch format {
        case .text:
            writeStandardOutput(result.text(color: isTerminal(STDOUT_FILENO) && getenv("NO_COLOR") == nil))
        case .json: writeStandardOutput(result.json())
        case .csv: writeStandardOutput(result.csv())
        }
        if let reportFile {
            try commitReport(SweepReport(result: result, style: reportOptions.style).html(), to: reportFile)
        }
    }
}

/// "1...10", "1..10", "1-10", "1,2,3", or a mix: "1...5,8,13".
func parseIntegerList(_ text: String, option: String) throws -> [Int] {
    var values: [Int] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingSpaces }) {
        guard !part.isEmpty else { throw ValidationError("\(option): empty value in \"\(text)\"") }
        let bounds = part.replacingRangeSeparators.split(separator: "~").map(String.init)
        guard (1...2).contains(bounds.count), let low = Int(bounds[0]), let high = Int(bounds.last ?? "")
        else {
            throw ValidationError(
                "\(option): not a number or range (got \"\(part)\"); use e.g. 1...10 or 1,2,3")
        }
        guard low >= 1, high >= 1 else {
            throw ValidationError("\(option): values must be at least 1 (got \"\(part)\")")
        }
        guard low <= high else { throw ValidationError("\(option): empty range (got \"\(part)\")") }
        guard high - low < 100_000 else {
            throw ValidationError("\(option): range too large (got \"\(part)\")")
        }
        values += Array(low...high)
    }
    guard values.count <= 10_000 else {
        throw ValidationError("\(option): too many values (\(values.count))")
    }
    var seen = Set<Int>()
    return values.filter { seen.insert($0).inserted }
}

/// "5s,10s,1m".
func parseDurationList(_ text: String, option: String) throws -> [Nanoseconds] {
    var values: [Nanoseconds] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingSpaces }) {
        guard !part.isEmpty else { throw ValidationError("\(option): empty value in \"\(text)\"") }
        guard let value = parseDuration(part) else {
            throw ValidationError("\(option): not a duration (got \"\(part)\"); use e.g. 5s,10s,1m")
        }
        values.append(value)
    }
    guard values.count <= 10_000 else {
        throw ValidationError("\(option): too many values (\(values.count))")
    }
    var seen = Set<Nanoseconds>()
    return values.filter { seen.insert($0).inserted }
}

extension Substring {
    var trimmingSpaces: String { String(self).trimmingCharacters(" ") }
}

extension String {
    func trimmingCharacters(_ character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }

    /// Range separators "...", "..", "-" become "~" for splitting.
    var replacingRangeSeparators: String {
        var text = self
        for separator in ["...", "..", "-"] {
            text = text.split(separator: separator, omittingEmptySubsequences: false).joined(separator: "~")
        }
        return text
    }
}

/// SIGINT, SIGTERM or SIGHUP during a sweep or a headless run: finish cleanly with what completed.
enum Interruption {
    static let signal = Atomic<Int32>(0)

    static var requested: Bool { signal.load(ordering: .relaxed) != 0 }

    /// The exit status for the signal received: 128 + its number, as shells report it.
    static var exitCode: ExitCode { ExitCode(128 + signal.load(ordering: .relaxed)) }

    static func install() {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { received in
                Interruption.signal.store(received, ordering: .relaxed)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, nil)
        }
    }
}

func systemCoreCount() -> Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

func readWholeFile(_ path: String) -> [UInt8]? {
    guard let handle = fopen(path, "rb") else { return nil }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, handle)
        if count > 0 { bytes += buffer[0..<count] }
        if count < buffer.count {
            if ferror(handle) != 0 { return nil }
            break
        }
    }
    return bytes
}
