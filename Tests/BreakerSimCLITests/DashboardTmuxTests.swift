import Foundation
import Testing

/// The real binary in a real terminal: tmux runs it, types keys and reads the screen.
///
/// Runs when tmux is installed; `.ci/run` installs it and sets `BREAKER_SIM_REQUIRE_TMUX=1`, so that in
/// CI a missing tmux fails instead of skipping.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct DashboardTmuxTests {
    @Test(.timeLimit(.minutes(2)))
    func dashboardRunsTakesKeysAndQuitsCleanly() throws {
        let session = try TmuxSession(command: "\(BreakerSimProcess.binary.path) scenarios/flaky.json")
        defer { session.kill() }
        try session.waitFor("RUNNING")
        let first = try session.waitFor("checkout#1")
        #expect(first.contains("breaker-sim │ Flaky payments API"))
        #expect(first.contains("latest transitions") || first.contains("finished"))

        try session.send("Space")
        try session.waitFor("PAUSED")
        try session.send("+")
        try session.waitFor("20×")
        try session.send("j")
        try session.waitFor(">checkout#2")
        try session.send("?")
        try session.waitFor("pause / resume")
        try session.send("Escape")
        try session.waitFor(">checkout#2")
        try session.send("q")
        let after = try session.waitFor("exit status 0")
        #expect(!after.contains("RUNNING"), "the dashboard is gone after q")
    }

    @Test(.timeLimit(.minutes(2)))
    func ctrlCAndSigtermRestoreTheTerminal() throws {
        let session = try TmuxSession(command: "\(BreakerSimProcess.binary.path) scenarios/outage.json")
        defer { session.kill() }
        try session.waitFor("RUNNING")
        try session.send("C-c")
        let afterInterrupt = try session.waitFor("exit status 130")
        #expect(!afterInterrupt.contains("RUNNING"))

        let second = try TmuxSession(command: "\(BreakerSimProcess.binary.path) scenarios/slow.json")
        defer { second.kill() }
        try second.waitFor("RUNNING")
        let pid = try TmuxSession.shell("pgrep -f 'breaker-sim scenarios/slow.json' | head -1")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!pid.isEmpty)
        _ = try TmuxSession.shell("kill -TERM \(pid)")
        let afterTerm = try second.waitFor("exit status 143")
        #expect(!afterTerm.contains("RUNNING"))

        // A closed terminal window sends SIGHUP.
        let third = try TmuxSession(command: "\(BreakerSimProcess.binary.path) scenarios/retry-storm.json")
        defer { third.kill() }
        try third.waitFor("RUNNING")
        let hupPID = try TmuxSession.shell("pgrep -f 'breaker-sim scenarios/retry-storm.json' | head -1")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!hupPID.isEmpty)
        _ = try TmuxSession.shell("kill -HUP \(hupPID)")
        let afterHangUp = try third.waitFor("exit status 129")
        #expect(!afterHangUp.contains("RUNNING"))
    }

    @Test(.timeLimit(.minutes(2)))
    func tooSmallWindowAsksForMoreAndResizeRelaysOut() throws {
        let session = try TmuxSession(
            command: "\(BreakerSimProcess.binary.path) scenarios/outage.json", width: 70, height: 20)
        defer { session.kill() }
        try session.waitFor("make the window at least 80×24")
        _ = try TmuxSession.shell("tmux resize-window -t \(session.name) -x 100 -y 30")
        try session.waitFor("RUNNING")
        try session.send("q")
        try session.waitFor("exit status 0")
    }
}

extension DashboardTmuxTests {
    @Test(.timeLimit(.minutes(2)))
    func sweepMapPicksACombinationAndWatchesItLive() throws {
        let session = try TmuxSession(
            command:
                "\(BreakerSimProcess.binary.path) sweep scenarios/outage.json --allowed-fails 1,3 --retry-timer 5s,30s --tui"
        )
        defer { session.kill() }
        let map = try session.waitFor("enter: watch it run live")
        #expect(map.contains("4 combinations × 1 seed  DONE"))
        #expect(map.contains(" fails     5s    30s"))
        // From the best cell (3, 30s): up to allowed_fails 1, left to 5s.
        try session.send("k")
        try session.waitFor("allowed_fails   1")
        try session.send("Left")
        try session.waitFor("retry_timer     5s")
        try session.send("Enter")
        let dashboard = try session.waitFor("Hard outage — allowed_fails 1, retry_timer 5s")
        #expect(dashboard.contains("q back"))
        try session.send("?")
        try session.waitFor("back to the sweep's map")
        try session.send("Escape")
        try session.waitFor("RUNNING")
        try session.send("q")
        try session.waitFor("enter: watch it run live")
        try session.send("q")
        let after = try session.waitFor("exit status 0")
        #expect(after.contains("no breaker at all: score"), "the report is printed after the map closes")
        #expect(!after.contains("enter: watch it run live"))
    }
}

/// A detached tmux session running one command, then printing its exit status.
struct TmuxSession {
    let name: String

    static var available: Bool {
        if ProcessInfo.processInfo.environment["BREAKER_SIM_REQUIRE_TMUX"] == "1" { return true }
        return (try? shell("command -v tmux")).map { !$0.isEmpty } ?? false
    }

    init(command: String, width: Int = 100, height: Int = 30) throws {
        name = "breaker-sim-test-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let root = BreakerSimProcess.packageRoot.path
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sh")
        try """
        export TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8
        # A no-op handler keeps this shell alive through Ctrl-C (its children get the default).
        trap 'true' INT
        cd '\(root)'
        \(command)
        echo "exit status $?"
        sleep 60
        """.write(to: script, atomically: true, encoding: .utf8)
        _ = try Self.shell("tmux new-session -d -s \(name) -x \(width) -y \(height) 'sh \(script.path)'")
    }

    func send(_ keys: String) throws {
        _ = try Self.shell("tmux send-keys -t \(name) \(keys)")
    }

    func screen() throws -> String {
        try Self.shell("tmux capture-pane -p -t \(name)")
    }

    /// Polls the screen until `text` appears (20 s at most); returns the screen.
    @discardableResult
    func waitFor(_ text: String) throws -> String {
        var last = ""
        for _ in 0..<200 {
            last = try screen()
            if last.contains(text) { return last }
            usleep(100_000)
        }
        Issue.record("\"\(text)\" never appeared; the screen was:\n\(last)")
        throw TimedOut()
    }

    func kill() {
        _ = try? Self.shell("tmux kill-session -t \(name) 2>/dev/null")
    }

    struct TimedOut: Error {}

    @discardableResult
    static func shell(_ command: String) throws -> String {
        try ChildProcess.run("/bin/sh", ["-c", command], timeout: 30).stdout
    }
}
