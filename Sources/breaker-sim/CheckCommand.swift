import ArgumentParser
import BreakerSimulation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `breaker-sim check FILE --expect 'goodput_ratio >= 0.95' ...`: runs the scenario headless and
/// checks bounds on its metrics, for CI jobs that hold a breaker configuration to what it should do.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run a scenario and check bounds on its metrics (for CI).",
        discussion: """
            Each --expect is METRIC OPERATOR NUMBER, with <=, >=, <, >, == or !=. METRIC is a path into \
            the run's JSON summary (run --format json): keys, and elements of breakers, services, \
            clients and routes by name or index, e.g. clients.web.latency_ms.p99 or \
            services.payments.failed; a bare name is looked up in metrics, then totals \
            (goodput_ratio, good_calls_rejected, requests_shed).

            Prints one line per expectation and exits 0 when every one holds, 1 when one does not (or \
            its metric has no value in this run, such as recovery_delay_s when no breaker recovered), \
            64 when one cannot be read (no comparison, a mistyped operator such as =>, a bound that is not a \
            number), 65 when one names no metric of the summary or the scenario is invalid.

            \(ExitStatus.help)
            """
    )

    @Argument(help: "Scenario file (JSON).")
    var file: String

    @Option(
        name: .customLong("expect"),
        help: ArgumentHelp(
            "A bound, e.g. 'goodput_ratio >= 0.95' (repeatable; at least one).", valueName: "bound"))
    var expectations: [String] = []

    @OptionGroup var scenarioOptions: ScenarioOptions

    @Flag(help: "Run the scenario with every breaker removed.")
    var noBreakers = false

    func validate() throws {
        if expectations.isEmpty {
            throw ValidationError("give at least one --expect, e.g. 'goodput_ratio >= 0.95'")
        }
        for text in expectations {
            if case .failure(let error) = MetricExpectation.parse(text) {
                throw ValidationError(error.description)
            }
        }
    }

    func run() throws {
        let bounds = expectations.compactMap { try? MetricExpectation.parse($0).get() }
        let scenario = try scenarioOptions.load(file)
        if let line = WorkEstimate.announcement(scenario, runs: 1, jobs: 1, what: "this run") {
            complain(line)
        }
        let progress = Progress(enabled: isTerminal(STDERR_FILENO), total: scenario.duration)
        var run = ScenarioRun(scenario: scenario, withBreakers: !noBreakers)
        var nothing = NoRunObserver()
        run.run(observer: &nothing, shouldStop: { Interruption.requested }) { _, run in
            progress.update(simulated: run.now, calls: run.simulatedCalls)
            return true
        }
        progress.finish()
        if Interruption.requested {
            complain(
                "interrupted at \(formatDuration(run.now)) of \(formatDuration(scenario.duration)); nothing checked"
            )
            throw Interruption.exitCode
        }
        guard let summary = JSONDocument(run.summary().json()) else {
            complain("\(file): the run's summary could not be read back (a bug: please report it)")
            throw ExitCode(70)
        }
        var lines: [String] = []
        var failed = false
        var unknown = false
        for bound in bounds {
            switch bound.check(summary) {
            case .holds(let value):
                lines.append(
                    "ok    \(bound.metric) = \(formatMetric(value)) (\(bound.comparison.rawValue) \(bound.boundText))"
                )
            case .fails(let value):
                failed = true
                lines.append(
                    "FAIL  \(bound.metric) = \(formatMetric(value)), expected \(bound.comparison.rawValue) \(bound.boundText)"
                )
            case .noValue:
                failed = true
                lines.append(
                    "FAIL  \(bound.metric) has no value in this run, expected \(bound.comparison.rawValue) \(bound.boundText)"
                )
            case .noMetric(let reason):
                unknown = true
                lines.append("ERROR \(bound.metric): names no metric: \(reason)")
            }
        }
        let runs = noBreakers ? "without breakers" : "with breakers"
        try writeStandardOutput(
            "\(file): \(scenario.name), seed \(scenario.seed), \(formatDuration(scenario.duration)) \(runs)\n"
                + lines.map { $0 + "\n" }.joined())
        if unknown { throw ExitStatus.invalidData }
        if failed { throw ExitCode.failure }
    }

    /// A metric's value in its shortest exact form.
    func formatMetric(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
