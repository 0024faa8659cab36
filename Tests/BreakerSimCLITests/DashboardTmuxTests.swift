import BreakerSimTestSupport
import Foundation
import Testing

/// The real binary in a real terminal: tmux runs it, types keys and reads the screen.
///
/// Runs when tmux is installed; `.ci/run` installs it and sets `BREAKER_SIM_REQUIRE_TMUX=1`, so that in
/// CI a missing tmux fails instead of skipping. The time limits catch a hang, not slowness.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct DashboardTmuxTests {
    @Test(.timeLimit(.minutes(5)))
    func dashboardRunsTakesKeysAndQuitsCleanly() async throws {
        try await TmuxSession.with(command: "\(BreakerSimBinary.path) scenarios/flaky.json") { session in
            try await session.waitFor("RUNNING")
            // 28 breakers do not fit in 30 rows: one row per client and service.
            let first = try await session.waitFor("web catalog ×12")
            #expect(first.contains("breaker-sim │ Flaky payments API"))
            #expect(first.contains("latest transitions") || first.contains("finished"))
            #expect(first.contains(" payments "), "the service band")
            #expect(first.contains("busy "), "the caller panel")

            try await session.send("Space")
            try await session.waitFor("PAUSED")
            try await session.send("+")
            try await session.waitFor("20×")
            try await session.send("j")
            try await session.waitFor(">web payments ×12")
            try await session.send("z")
            try await session.waitFor("1 cell = 5s")
            try await session.send("a")
            try await session.waitFor("auto-pause")
            try await session.send("?")
            try await session.waitFor("pause / resume")
            try await session.send("Escape")
            try await session.waitFor(">web payments ×12")
            // `n` runs to the brownout at 2 minutes; auto-pause stops it at the first trip within it, then
            // at the first probe.
            try await session.send("n")
            let trip = try await session.waitFor("PAUSED (first trip: web#")
            // The screen shows the trip that paused it: the breaker it names is open, not still closed.
            #expect(trip.contains(/breakers \d+ closed  [1-9]\d* open/), "\(trip)")
            try await session.send("Space")
            try await session.waitFor("PAUSED (first probe: ")
            try await session.send("n")
            let outage = try await session.waitFor("PAUSED (next phase)")
            #expect(outage.contains("03:01 / 10:00"))
            #expect(outage.contains("▼outage"))
            try await session.send("q")
            let after = try await session.waitFor("exit status 0")
            #expect(!after.contains("RUNNING"), "the dashboard is gone after q")
            // What ran stays in the terminal, wrapped to its width, with the run the other way beside it.
            #expect(after.contains("Flaky payments API — seed 42, 3m1s of 10m simulated, breakers on"))
            #expect(after.contains("stopped at 3m1s of 10m: the figures cover that part only"))
            #expect(after.contains("without breakers, same seed: "))
            #expect(after.split(separator: "\n").allSatisfy { $0.count < 100 })
        }
    }

    /// `demo.cast` replayed into a real terminal ends on the finished dashboard, in colour.
    @Test(.timeLimit(.minutes(5)))
    func theCastReplaysIntoARealTerminal() async throws {
        let cast = try String(contentsOfFile: PackageRoot.appending("demo.cast"), encoding: .utf8)
        var output = ""
        for line in cast.split(separator: "\n").dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            if event[1] as? String == "o" { output += event[2] as? String ?? "" }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID()).txt").path
        try output.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TmuxSession.with(command: "cat '\(path)'; sleep 30") { session in
            let screen = try await session.waitFor("FINISHED")
            #expect(screen.contains("breaker-sim │ Flaky payments API"))
            #expect(screen.contains("without breakers, same seed: "))
            // Every phase has its arrow on the finished screen, the outage (the main event) named whole.
            #expect(screen.contains("▼bro…") && screen.contains("▼outage") && screen.contains("▼slow"))
            let coloured = try await TmuxSession.shell("tmux capture-pane -p -e -t \(session.name)")
            // The closed breakers' blue of the 256-colour palette survives the replay.
            #expect(coloured.contains("38;5;39m"), "colours survive the replay")
        }
    }

    /// The real binary draws with the palette its terminal has: 256 colours (blue closed, orange open),
    /// darker ones with `--theme light`, the eight basic colours on a terminal that has only those.
    @Test(.timeLimit(.minutes(5)))
    func theTerminalGetsThePaletteItCanShow() async throws {
        let cases: [(command: String, has: [String], lacks: [String])] = [
            ("", ["38;5;39m", "38;5;208m"], ["38;5;25m"]),
            ("--theme light", ["38;5;25m", "38;5;166m"], ["38;5;39m"]),
            ("", ["32m"], ["38;5;"]),
        ]
        for (index, (options, has, lacks)) in cases.enumerated() {
            let term = index == 2 ? "TERM=xterm " : ""
            // `swift test` sets NO_COLOR for what it runs; a user's terminal does not.
            try await TmuxSession.with(
                command: "env -u NO_COLOR \(term)\(BreakerSimBinary.path) scenarios/outage.json \(options)"
            ) { session in
                // `n` pauses a second into the outage: a minute of closed breakers behind, open ones now.
                try await session.send("n")
                try await session.waitFor("PAUSED (next phase)", within: .seconds(120))
                let coloured = try await TmuxSession.shell("tmux capture-pane -p -e -t \(session.name)")
                for code in has { #expect(coloured.contains(code), "\(term)\(options): \(code)") }
                for code in lacks { #expect(!coloured.contains(code), "\(term)\(options): no \(code)") }
                try await session.send("q")
                try await session.waitFor("exit status 0")
            }
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func aTerminalThatCannotDrawGetsTheHeadlessSummaryAndSaysWhy() async throws {
        try await TmuxSession.with(
            command: "TERM=dumb \(BreakerSimBinary.path) scenarios/outage.json --duration 20s", width: 200,
            height: 80
        ) { session in
            let screen = try await session.waitFor("exit status 0")
            #expect(
                screen.contains("TERM=dumb cannot move the cursor, so the live dashboard cannot be drawn"))
            #expect(screen.contains("Hard outage — seed 7, 20s simulated, breakers on"))
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func compareRunsBothWaysAndTheKeyTogglesIt() async throws {
        try await TmuxSession.with(command: "\(BreakerSimBinary.path) scenarios/flaky.json --compare") {
            session in
            let screen = try await session.waitFor("breakers on/off: good ")
            #expect(screen.contains(" w/o "))
            try await session.send("c")
            try await session.waitForAbsence("breakers on/off")
            try await session.send("c")
            try await session.waitFor("breakers on/off: good ")
            // In the brownout the headline watches payments, in words or (when they do not fit) short.
            try await session.send("n")
            // Two runs simulated to 2:01 as fast as they go: a debug build on a loaded machine takes a while.
            let brownout = try await session.waitFor("PAUSED (next phase)", within: .seconds(120))
            let headline = try #require(
                brownout.split(separator: "\n").first { $0.contains("breakers on/off:") })
            #expect(
                headline.contains("calls reaching payments ") || headline.contains(" to payments "),
                "\(headline)")
            #expect(headline.contains(" waiting "), "\(headline)")
            try await session.send("q")
            try await session.waitFor("exit status 0")
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func ctrlCAndSigtermRestoreTheTerminal() async throws {
        try await TmuxSession.with(command: "\(BreakerSimBinary.path) scenarios/outage.json") { session in
            try await session.waitFor("RUNNING")
            try await session.send("C-c")
            let afterInterrupt = try await session.waitFor("exit status 130")
            #expect(!afterInterrupt.contains("RUNNING"))
        }

        try await TmuxSession.with(command: "\(BreakerSimBinary.path) scenarios/slow.json") { session in
            try await session.waitFor("RUNNING")
            let pid = try await TmuxSession.shell("pgrep -f 'breaker-sim scenarios/slow.json' | head -1")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!pid.isEmpty)
            _ = try await TmuxSession.shell("kill -TERM \(pid)")
            let afterTerm = try await session.waitFor("exit status 143")
            #expect(!afterTerm.contains("RUNNING"))
        }

        // A closed terminal window sends SIGHUP.
        try await TmuxSession.with(command: "\(BreakerSimBinary.path) scenarios/retry-storm.json") {
            session in
            try await session.waitFor("RUNNING")
            let pid = try await TmuxSession.shell(
                "pgrep -f 'breaker-sim scenarios/retry-storm.json' | head -1"
            )
            .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!pid.isEmpty)
            _ = try await TmuxSession.shell("kill -HUP \(pid)")
            let afterHangUp = try await session.waitFor("exit status 129")
            #expect(!afterHangUp.contains("RUNNING"))
        }
    }

    @Test(
        "a crash signal leaves the terminal as it found it: normal screen, cursor keys and keypad",
        .timeLimit(.minutes(5)))
    func crashSignalRestoresKeypadMode() async throws {
        try await TmuxSession.with(command: "\(BreakerSimBinary.path) scenarios/overload.json") { session in
            try await session.waitFor("RUNNING")
            let flags = "'#{alternate_on} #{keypad_cursor_flag} #{keypad_flag}'"
            let during = try await TmuxSession.shell("tmux display-message -p -t \(session.name) \(flags)")
            #expect(
                during.trimmingCharacters(in: .whitespacesAndNewlines) == "1 1 1", "ncurses set the modes")
            let pid = try await TmuxSession.shell("pgrep -f 'breaker-sim scenarios/overload.json' | head -1")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!pid.isEmpty)
            _ = try await TmuxSession.shell("kill -SEGV \(pid)")
            try await session.waitFor("exit status 139")
            let after = try await TmuxSession.shell("tmux display-message -p -t \(session.name) \(flags)")
            #expect(after.trimmingCharacters(in: .whitespacesAndNewlines) == "0 0 0")
        }
    }

    @Test(
        "after Ctrl-Z and fg, the sweep's report prints as lines, whatever modes the shell left meanwhile",
        .timeLimit(.minutes(5)))
    func suspendAndResumeKeepTheOutputModes() async throws {
        // An interactive dash, which does job control: the command is typed at its prompt.
        try await TmuxSession.with(command: "dash -i", width: 120, height: 40) { session in
            try await session.send(
                "'\(BreakerSimBinary.path) sweep scenarios/outage.json --allowed-fails 1,3 --retry-timer 5s,30s --seeds 1 --tui' Enter"
            )
            try await session.waitFor("DONE", within: .seconds(120))
            try await session.send("C-z")
            try await session.waitFor("Stopped")
            // A shell may leave the terminal in its own modes while the job is stopped (zsh's line editor
            // does; here `stty -opost` stands for it): ncurses saves those again on resuming.
            try await session.send("'stty -opost; fg' Enter")
            try await session.waitFor("DONE")
            try await session.send("q")
            let screen = try await session.waitFor("no breaker at all: score")
            let lines = screen.split(separator: "\n")
            // Each line of the report starts at the left edge (a staircase starts each where the last ended).
            #expect(lines.contains { $0.hasPrefix("best        allowed_fails") }, "\(screen)")
            #expect(lines.contains { $0.hasPrefix("no breaker at all: score") }, "\(screen)")
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func tooSmallWindowAsksForMoreAndResizeRelaysOut() async throws {
        try await TmuxSession.with(
            command: "\(BreakerSimBinary.path) scenarios/outage.json", width: 70, height: 20
        ) { session in
            try await session.waitFor("make the window at least 80×24")
            _ = try await TmuxSession.shell("tmux resize-window -t \(session.name) -x 100 -y 30")
            try await session.waitFor("RUNNING")
            try await session.send("q")
            try await session.waitFor("exit status 0")
        }
    }
}

extension DashboardTmuxTests {
    @Test(.timeLimit(.minutes(5)))
    func sweepMapPicksACombinationAndWatchesItLive() async throws {
        try await TmuxSession.with(
            command:
                "\(BreakerSimBinary.path) sweep scenarios/outage.json --allowed-fails 1,3 --retry-timer 5s,30s --seeds 1 --tui"
        ) { session in
            // Six short runs; on a loaded machine (CI runs the sanitizer beside it) they take a while.
            let map = try await session.waitFor("enter: watch it run live", within: .seconds(180))
            #expect(map.contains("4 combinations × 1 seed  DONE"))
            #expect(map.contains(" fails     5s    30s"))
            // From the best cell (3, 30s): up to allowed_fails 1, left to 5s.
            try await session.send("k")
            try await session.waitFor("allowed_fails   1")
            try await session.send("Left")
            try await session.waitFor("retry_timer     5s")
            try await session.send("Enter")
            let dashboard = try await session.waitFor("Hard outage — allowed_fails 1, retry_timer 5s")
            #expect(dashboard.contains("q back"))
            try await session.send("?")
            try await session.waitFor("back to the sweep's map")
            try await session.send("Escape")
            try await session.waitFor("RUNNING")
            try await session.send("q")
            try await session.waitFor("enter: watch it run live")
            try await session.send("q")
            let after = try await session.waitFor("exit status 0")
            #expect(after.contains("no breaker at all: score"), "the report is printed after the map closes")
            #expect(!after.contains("enter: watch it run live"))
        }
    }
}

/// A detached tmux session running one command, then printing its exit status.
struct TmuxSession {
    let name: String

    /// Whether tests may use tmux: it is on the PATH, or CI says it must be (and then a missing one fails).
    static var available: Bool {
        if ProcessInfo.processInfo.environment["BREAKER_SIM_REQUIRE_TMUX"] == "1" { return true }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/tmux")
        }
    }

    /// Runs `body` with a session running `command`, and ends the session afterwards, whatever happens.
    static func with(
        command: String, width: Int = 100, height: Int = 30, _ body: (TmuxSession) async throws -> Void
    ) async throws {
        let session = try await TmuxSession(command: command, width: width, height: height)
        do {
            try await body(session)
        } catch {
            await session.kill()
            throw error
        }
        await session.kill()
    }

    private init(command: String, width: Int, height: Int) async throws {
        name = "breaker-sim-test-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sh")
        try """
        export TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8
        # A no-op handler keeps this shell alive through Ctrl-C (its children get the default).
        trap 'true' INT
        cd '\(PackageRoot.path)'
        \(command)
        echo "exit status $?"
        sleep 60
        """.write(to: script, atomically: true, encoding: .utf8)
        _ = try await Self.shell(
            "tmux new-session -d -s \(name) -x \(width) -y \(height) 'sh \(script.path)'")
    }

    func send(_ keys: String) async throws {
        _ = try await Self.shell("tmux send-keys -t \(name) \(keys)")
    }

    func screen() async throws -> String {
        try await Self.shell("tmux capture-pane -p -t \(name)")
    }

    /// Polls the screen until `text` appears (20 s unless told); returns the screen.
    @discardableResult
    func waitFor(_ text: String, within limit: Duration = .seconds(20)) async throws -> String {
        var last = ""
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        // The screen is read once more after the deadline: a pool held by other tests may have kept this
        // task asleep past it while the text appeared.
        while true {
            let late = clock.now >= deadline
            last = try await screen()
            if last.contains(text) { return last }
            if late { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("\"\(text)\" never appeared; the screen was:\n\(last)")
        throw TimedOut()
    }

    /// Polls the screen until `text` is gone (20 s at most); returns the screen.
    @discardableResult
    func waitForAbsence(_ text: String) async throws -> String {
        var last = ""
        for _ in 0..<200 {
            last = try await screen()
            if !last.contains(text) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("\"\(text)\" never went away; the screen was:\n\(last)")
        throw TimedOut()
    }

    func kill() async {
        _ = try? await Self.shell("tmux kill-session -t \(name) 2>/dev/null")
    }

    struct TimedOut: Error {}

    @discardableResult
    static func shell(_ command: String) async throws -> String {
        // tmux clients, not simulations: they do not wait for a free processor (the dashboard itself runs
        // in the tmux server, outside the test's count of children).
        try await ChildProcess.run(
            "/bin/sh", ["-c", command], timeout: .seconds(30), waitsForProcessor: false
        )
        .stdout
    }
}
