import ArgumentParser
import BreakerCore
import BreakerSimulation
import TerminalUI

/// `breaker-sim record FILE`: dashboard frames as plain text, for talks and for tests.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Render dashboard frames without a terminal: plain text, or an asciinema recording.",
        discussion: """
            Renders --frames frames of the live dashboard, one every --every of simulated time. As text \
            (the default), each frame stands under a header line with its simulated time, without colour. \
            As an asciinema v2 recording (--format cast), frames keep their colours, replay at --speed \
            virtual seconds per second (timestamps come from simulated time, not the clock), the whole run \
            fits the width, and a marker stands at every phase's start and at the first trip, so that \
            asciinema-player's pauseOnMarkers stops there. Frames have no key footer and no cursor. The \
            output is deterministic: the same file, seed and options give the same bytes. Examples:
              breaker-sim record scenarios/flaky.json --frames 12 --every 50s \\
                --size 100x30 --out demo.gif.txt
              breaker-sim record scenarios/flaky.json --format cast --out demo.cast

            \(ExitStatus.help)
            """
    )

    @Argument(help: "Scenario file (JSON).")
    var file: String

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, cast
    }

    @Option(help: "text (frames one after another, plain) or cast (an asciinema v2 recording, in colour).")
    var format: Format = .text

    @Option(parsing: .unconditional, help: "Number of frames (text: 10; cast: the whole run).")
    var frames: Int?

    @Option(parsing: .unconditional, help: "Simulated time between frames, e.g. 30s (text: 30s; cast: 2s).")
    var every: String?

    @Option(parsing: .unconditional, help: "For a cast: virtual seconds per second of replay.")
    var speed: Double = 10

    @Option(help: "Frame size, WIDTHxHEIGHT (at least 80x24).")
    var size: String = "100x30"

    @Option(help: "Output file (written via a temporary file); standard output when omitted.")
    var out: String?

    @Option(parsing: .unconditional, help: "Seed of every random stream (overrides the file's `seed`).")
    var seed: UInt64?

    @Flag(help: "ASCII glyphs instead of Unicode.")
    var ascii = false

    /// For a cast: the background its colours are for (auto is dark: a file has no terminal to ask).
    @OptionGroup var themeOption: ThemeOption

    var dimensions: (width: Int, height: Int)? {
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else { return nil }
        return (width, height)
    }

    func validate() throws {
        if let frames, !(1...10_000).contains(frames) {
            throw ValidationError("--frames must be between 1 and 10000 (got \(frames))")
        }
        if let every, (parseDuration(every) ?? 0) <= 0 {
            throw ValidationError("--every: not a positive duration (got \"\(every)\")")
        }
        guard speed.isFinite, speed > 0, speed <= 1e6 else {
            throw ValidationError(
                "--speed must be a positive number of virtual seconds per second (got \(speed))")
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
        var output: OutputFile?
        if let out {
            do { output = try OutputFile(path: out) } catch {
                complain("\(out): cannot write: \(error.reason)")
                throw ExitStatus.cannotCreate
            }
        }
        let (width, height) = (dimensions?.width ?? 100, dimensions?.height ?? 30)
        let text: String
        switch format {
        case .text:
            let interval = parseDuration(every ?? "30s") ?? 1_000_000_000
            let fit = Self.framesInRun(scenario: scenario, every: interval)
            if let frames, frames > fit {
                complain(
                    "note: the run ends after \(counted(fit, "frame")) of --every \(formatDuration(interval)) "
                        + "(\(formatDuration(scenario.duration)) simulated); \(frames) were asked for")
            }
            text = Self.render(
                scenario: scenario, frames: frames ?? 10, every: interval, width: width, height: height,
                unicode: !ascii)
        case .cast:
            let interval = max(scenario.sampleEvery, parseDuration(every ?? "2s") ?? 1_000_000_000)
            let whole = Self.framesInRun(scenario: scenario, every: interval)
            text = Self.renderCast(
                scenario: scenario, frames: frames ?? whole, every: interval, speed: speed, width: width,
                height: height, unicode: !ascii, background: themeOption.background ?? .dark)
        }
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

    /// The dashboard state that records `run` at `speed` (`nil`: as fast as frames are asked for).
    static func recordingState(of run: borrowing ScenarioRun, speed: Double?) -> DashboardState {
        var state = DashboardState(simulation: run.simulation)
        state.recording = true
        state.speed = speed
        return state
    }

    /// How many text frames `every` apart a run has: the last one shows its end.
    static func framesInRun(scenario: Scenario, every: Nanoseconds) -> Int {
        // Rounded up without `duration + every - 1`, which overflows for an --every near Int64.max.
        let whole = scenario.duration / every + (scenario.duration % every == 0 ? 0 : 1)
        return Int(min(10_000, whole))
    }

    /// The frames as text, at most as many as the run has (each header counts them out of that); a
    /// pure function of its inputs.
    static func render(
        scenario: Scenario, frames asked: Int, every: Nanoseconds, width: Int, height: Int, unicode: Bool
    ) -> String {
        let frames = min(asked, framesInRun(scenario: scenario, every: every))
        var run = ScenarioRun(scenario: scenario)
        var other = ScenarioRun(scenario: scenario, withBreakers: false)
        var state = recordingState(of: run, speed: nil)
        let theme = Theme(color: false, unicode: unicode)
        var text = ""
        for index in 1...frames {
            Dashboard.advance(&run, &other, to: run.now + every, state: &state)
            Dashboard.finishIfOver(run, &other, state: &state)
            let rule = String(repeating: unicode ? "═" : "=", count: 8)
            text +=
                "\(rule) frame \(index)/\(frames) \(unicode ? "·" : "-") t=\(formatDuration(state.now)) \(rule)\n"
            let grid = DashboardRenderer.render(state, theme: theme, width: width, height: height)
            text += grid.lines.joined(separator: "\n") + "\n"
            if run.isFinished { break }
        }
        return text
    }

    /// The frames as an asciinema v2 recording; a pure function of its inputs.
    ///
    /// The first frame is the run's start; frame `i` shows the run at `i × every` and replays at
    /// `i × every / speed` seconds. A marker follows the frame in which each phase starts and the one
    /// with the first trip.
    static func renderCast(
        scenario: Scenario, frames: Int, every: Nanoseconds, speed: Double, width: Int, height: Int,
        unicode: Bool, background: Theme.Background = .dark
    ) -> String {
        var run = ScenarioRun(scenario: scenario)
        var other = ScenarioRun(scenario: scenario, withBreakers: false)
        var state = recordingState(of: run, speed: speed)
        // The zoom at which the whole run fits the width (or nearly: it may scroll for its last fifth),
        // so that the picture grows instead of scrolling.
        let columns = DashboardRenderer.timelineColumns(state, width: width).count
        let samples = Int((scenario.duration + scenario.sampleEvery - 1) / max(1, scenario.sampleEvery))
        state.samplesPerCell =
            state.zoomLevels.first { $0 * columns * 5 >= samples * 4 } ?? state.zoomLevels.last ?? 1
        let theme = Theme(color: true, unicode: unicode, background: background)
        var phases = scenario.services.flatMap { service in
            service.phases.map { (at: $0.at, label: "\(service.name): \($0.label)") }
        }
        .sorted { $0.at < $1.at }
        var sawTrip = false
        var seenEvents = 0
        var screen = ANSIScreen()
        var out =
            "{\"version\": 2, \"width\": \(width), \"height\": \(height), \"title\": \"\(JSONWriter.escape(scenario.name))\","
            + " \"env\": {\"TERM\": \"xterm-256color\"}}\n"
        func event(_ time: Nanoseconds, _ code: String, _ data: String) {
            let seconds = Double(time) / 1e9 / speed
            out += "[\(formatFixed(seconds, decimals: 3)), \"\(code)\", \"\(JSONWriter.escape(data))\"]\n"
        }
        for index in 0...frames {
            if index > 0 {
                Dashboard.advance(
                    &run, &other, to: min(scenario.duration, Nanoseconds(index) * every), state: &state)
                Dashboard.finishIfOver(run, &other, state: &state)
            }
            let time = Nanoseconds(index) * every
            event(
                time, "o",
                screen.update(to: DashboardRenderer.render(state, theme: theme, width: width, height: height))
            )
            while let phase = phases.first, phase.at <= run.now {
                event(time, "m", phase.label)
                phases.removeFirst()
            }
            while !sawTrip && seenEvents < state.events.appended {
                if let line = state.events[appended: seenEvents], line.to == .open {
                    sawTrip = true
                    event(time, "m", "first trip: " + line.text)
                }
                seenEvents += 1
            }
            if run.isFinished { break }
        }
        return out
    }
}
