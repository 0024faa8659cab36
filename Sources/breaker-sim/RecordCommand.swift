import ArgumentParser
import BreakerSimulation
import TerminalUI

/// `breaker-sim record FILE`: dashboard frames as plain text, for talks and for tests.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Render dashboard frames as plain text, without a terminal.",
        discussion: """
            Renders --frames frames of the live dashboard, one every --every of simulated time, each under
            a header line with its simulated time. The output is deterministic: the same file, seed and
            options give the same bytes. Example:
              breaker-sim record scenarios/flaky.json --frames 12 --every 50s --size 100x30 --out demo.gif.txt
            """
    )

    @Argument(help: "Scenario file (JSON).")
    var file: String

    @Option(help: "Number of frames.")
    var frames: Int = 10

    @Option(help: "Simulated time between frames, e.g. 30s.")
    var every: String = "30s"

    @Option(help: "Frame size, WIDTHxHEIGHT (at least 80x24).")
    var size: String = "100x30"

    @Option(help: "Output file (written via a temporary file); standard output when omitted.")
    var out: String?

    @Option(help: "Seed of every random stream (overrides the file's `seed`).")
    var seed: UInt64?

    @Flag(help: "ASCII glyphs instead of Unicode.")
    var ascii = false

    var dimensions: (width: Int, height: Int)? {
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else { return nil }
        return (width, height)
    }

    func validate() throws {
        guard (1...10_000).contains(frames) else {
            throw ValidationError("--frames must be between 1 and 10000 (got \(frames))")
        }
        guard let interval = parseDuration(every), interval > 0 else {
            throw ValidationError("--every: not a positive duration (got \"\(every)\")")
        }
        guard let dimensions, (80...1000).contains(dimensions.width), (24...1000).contains(dimensions.height)
        else {
            throw ValidationError(
                "--size must be WIDTHxHEIGHT, at least 80x24 and at most 1000x1000 (got \"\(size)\")")
        }
    }

    func run() throws {
        try OutputPaths.check(outputs: out.map { [("--out", $0)] } ?? [], inputs: [file])
        let scenario = try loadScenario(file, overrides: seed.map { ["seed=\($0)"] } ?? [])
        var output: AtomicFile?
        if let out {
            do { output = try AtomicFile(path: out) } catch {
                complain("\(out): cannot write: \(error.reason)")
                throw ExitStatus.cannotCreate
            }
        }
        let text = Self.render(
            scenario: scenario, frames: frames, every: parseDuration(every) ?? 1_000_000_000,
            width: dimensions?.width ?? 100, height: dimensions?.height ?? 30, unicode: !ascii)
        if let output, let out {
            do {
                try output.write(text)
                try output.commit()
            } catch {
                complain("\(out): cannot write: \(error.reason)")
                throw ExitStatus.cannotCreate
            }
        } else {
            try writeStandardOutput(text)
        }
    }

    /// The frames as text; a pure function of its inputs.
    static func render(
        scenario: Scenario, frames: Int, every: Nanoseconds, width: Int, height: Int, unicode: Bool
    ) -> String {
        var run = ScenarioRun(scenario: scenario)
        var other = ScenarioRun(scenario: scenario, withBreakers: false)
        var state = DashboardState(simulation: run.simulation)
        state.speed = nil
        let theme = Theme(color: false, unicode: unicode)
        var text = ""
        for index in 1...frames {
            Dashboard.advance(&run, &other, to: run.now + every, state: &state)
            Dashboard.finishIfOver(run, state: &state)
            let rule = String(repeating: unicode ? "═" : "=", count: 8)
            text +=
                "\(rule) frame \(index)/\(frames) \(unicode ? "·" : "-") t=\(formatDuration(state.now)) \(rule)\n"
            let grid = DashboardRenderer.render(state, theme: theme, width: width, height: height)
            text += grid.lines.joined(separator: "\n") + "\n"
            if run.isFinished { break }
        }
        return text
    }
}
