import BreakerCore
import BreakerSimulation
import Testing

@testable import TerminalUI

/// Pure rendering: the dashboard drawn into a grid and read back as text and styles.
@Suite struct DashboardRenderingTests {
    static let scenario = Scenario(
        name: "Render test", description: "A service goes down for a minute, then comes back.", seed: 9,
        duration: 180_000_000_000, sampleEvery: 1_000_000_000,
        services: [
            ServiceProfile(
                name: "payments", latency: .constant(10_000_000), errorRate: 0,
                capacity: Capacity(concurrency: 8, queue: 16),
                phases: [
                    Phase(at: 30_000_000_000, length: 60_000_000_000, label: "outage", outage: .failFast)
                ])
        ],
        clients: [
            ClientProfile(
                name: "checkout", instances: 3, calls: "payments", rate: 20,
                breaker: BreakerSettings(allowedFails: 3, retryTimer: 10_000_000_000)),
            ClientProfile(name: "legacy", instances: 1, calls: "payments", rate: 5, breaker: nil),
        ])

    static let color = Theme(color: true, unicode: true)
    static let mono = Theme(color: false, unicode: true)
    static let ascii = Theme(color: false, unicode: false)

    /// The dashboard after `seconds` of simulated time.
    static func state(after seconds: Int64, scenario: Scenario = scenario) -> DashboardState {
        var run = ScenarioRun(scenario: scenario)
        var state = DashboardState(simulation: run.simulation)
        run.advance(to: seconds * 1_000_000_000, observer: &state)
        return state
    }

    static func row(_ grid: Grid, containing text: String) -> Int? {
        (0..<grid.height).first { grid.line($0).contains(text) }
    }

    @Test(arguments: [(80, 24), (160, 50)])
    func layoutShowsHeaderServicesBreakersEventsAndLegend(width: Int, height: Int) throws {
        let grid = DashboardRenderer.render(
            Self.state(after: 45), theme: Self.color, width: width, height: height)
        #expect(grid.width == width && grid.height == height)
        let header = grid.line(0)
        #expect(header.hasPrefix(" breaker-sim │ Render test"))
        #expect(header.contains("00:45 / 03:00"))
        #expect(header.contains("10×  RUNNING  seed 9"))
        #expect(grid.line(1).contains("A service goes down for a minute"))
        let service = try #require(Self.row(grid, containing: " payments"))
        #expect(grid.line(service).contains("[outage]"))
        #expect(grid.line(service).contains("in 0/8  queue 0/16"))
        #expect(Self.row(grid, containing: "breakers 0 closed  3 open  0 half-open  1 unprotected") != nil)
        for name in ["checkout#1", "checkout#2", "checkout#3", "legacy"] {
            #expect(Self.row(grid, containing: name) != nil, "row for \(name)")
        }
        let legacy = try #require(Self.row(grid, containing: " legacy"))
        #expect(grid.line(legacy).contains("no breaker"))
        #expect(Self.row(grid, containing: "latest transitions") != nil)
        #expect(Self.row(grid, containing: "HALF-OPEN → probe failed → OPEN, retry in 10s") != nil)
        #expect(grid.line(height - 1).contains("▁ closed  ▄ half-open  █ open  ◆ probe  ✓ ok  ✗ failed"))
    }

    @Test func eachStateHasItsBadgeAndColour() throws {
        var state = Self.state(after: 5)
        state.breakers[0].state = .closed
        state.breakers[1].state = .open
        state.breakers[1].retryAt = state.now + 12_000_000_000
        state.breakers[2].state = .halfOpen
        let grid = DashboardRenderer.render(state, theme: Self.color, width: 100, height: 30)
        let expectations: [(String, String, Color)] = [
            ("checkout#1", " CLOSED", .green), ("checkout#2", " OPEN 12s", .red),
            ("checkout#3", " HALF-OPEN", .yellow),
        ]
        for (name, badge, color) in expectations {
            let y = try #require(Self.row(grid, containing: name))
            let line = grid.line(y)
            #expect(line.contains(badge), "\(name): \(line)")
            let x = try #require(
                line.unicodeScalars.map(Character.init).firstIndex(of: badge.dropFirst().first!))
            #expect(grid[x, y].style.background == color, "\(name) badge colour")
        }
    }

    @Test func probesAreMarkedOnTheTimeline() throws {
        // At 42 s the first probes (retry timer 10 s after opening near 30 s) have been sent and failed.
        let state = Self.state(after: 45)
        let marks = state.breakers[0].timeline.suffix(60)
        #expect(marks.contains { $0.probe == .failed })
        let grid = DashboardRenderer.render(state, theme: Self.color, width: 100, height: 30)
        let y = try #require(Self.row(grid, containing: "checkout#1"))
        #expect(grid.line(y).contains("✗"))
        #expect(grid.line(y).contains("█"))
        #expect(grid.line(y).contains("▁"))
        let cross = try #require((0..<grid.width).first { grid[$0, y].scalar == "✗" })
        #expect(grid[cross, y].style.background == .red)
        // After the outage, a successful probe closes the breaker.
        let later = Self.state(after: 110)
        #expect(later.breakers[0].timeline.suffix(30).contains { $0.probe == .succeeded })
        let laterGrid = DashboardRenderer.render(later, theme: Self.color, width: 100, height: 30)
        #expect(laterGrid.line(try #require(Self.row(laterGrid, containing: "checkout#1"))).contains("✓"))
    }

    @Test func timelineScrollsRightToLeftOneCellPerSample() throws {
        let first = DashboardRenderer.render(Self.state(after: 40), theme: Self.mono, width: 80, height: 24)
        let second = DashboardRenderer.render(Self.state(after: 41), theme: Self.mono, width: 80, height: 24)
        let y = try #require(Self.row(first, containing: "checkout#2"))
        let columns = DashboardRenderer.timelineColumns(width: 80, nameWidth: 10)
        let before = String(first.line(y).unicodeScalars.map(Character.init)[columns])
        let after = String(second.line(y).unicodeScalars.map(Character.init)[columns])
        // Everything moved one cell left; the newest sample entered on the right.
        #expect(before.dropFirst() == after.dropLast())
    }

    @Test func monochromeKeepsStatesApartByGlyph() throws {
        var state = Self.state(after: 45)
        state.breakers[1].state = .halfOpen
        let grid = DashboardRenderer.render(state, theme: Self.mono, width: 80, height: 24)
        #expect(grid.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
        #expect(grid.line(23).contains("▁ closed  ▄ half-open  █ open"))
        let ascii = DashboardRenderer.render(state, theme: Self.ascii, width: 80, height: 24)
        #expect(ascii.cells.allSatisfy { $0.scalar.isASCII })
        #expect(ascii.line(23).contains("_ closed  o half-open  # open  ? probe  + ok  x failed"))
        #expect(Self.row(ascii, containing: "HALF-OPEN -> probe failed -> OPEN") != nil)
    }

    @Test(arguments: [(79, 24), (80, 23), (40, 10)])
    func tooSmallAsksForABiggerWindow(width: Int, height: Int) {
        let grid = DashboardRenderer.render(
            Self.state(after: 5), theme: Self.color, width: width, height: height)
        #expect(Self.row(grid, containing: "make the window at least 80×24") != nil)
        #expect(Self.row(grid, containing: "(now \(width)×\(height)); q quits") != nil)
    }

    @Test func helpOverlayListsEveryKey() {
        var state = Self.state(after: 5)
        #expect(state.handle(.character("?"), pageRows: 10) == .none)
        let grid = DashboardRenderer.render(state, theme: Self.color, width: 80, height: 24)
        for (key, action) in DashboardRenderer.keyHelp {
            #expect(Self.row(grid, containing: action) != nil, "help for \(key)")
        }
        #expect(state.handle(.character("x"), pageRows: 10) == .none)
        #expect(!state.showHelp)
    }

    @Test func detailShowsParametersCountsAndTransitions() throws {
        var state = Self.state(after: 60)
        _ = state.handle(.down, pageRows: 10)
        _ = state.handle(.enter, pageRows: 10)
        let grid = DashboardRenderer.render(state, theme: Self.color, width: 100, height: 30)
        #expect(Self.row(grid, containing: "checkout#2") != nil)
        #expect(Self.row(grid, containing: "allowed_fails 3   retry_timer 10s   half_open_probes 1") != nil)
        #expect(Self.row(grid, containing: "OPEN → HALF-OPEN  retry timer elapsed") != nil)
    }

    @Test func heatStripShowsOneCellPerBreaker() throws {
        let fleet = Scenario(
            name: "fleet", duration: 60_000_000_000,
            services: [ServiceProfile(name: "s", latency: .constant(0), errorRate: 0.5)],
            clients: [ClientProfile(name: "c", instances: 300, calls: "s", rate: 5)])
        let state = Self.state(after: 20, scenario: fleet)
        #expect(state.view == .heat)
        let grid = DashboardRenderer.render(state, theme: Self.color, width: 80, height: 24)
        let glyphs = grid.cells.filter { "▁▄█◆✓✗".unicodeScalars.contains($0.scalar) }.count
        // 39 breakers per row at 80 columns; the screen shows at least a few full rows of the fleet.
        #expect(glyphs >= 39 * 5)
        #expect(Self.row(grid, containing: "breakers ") != nil)
    }

    @Test func finishedRunKeepsTheSummaryOnScreen() throws {
        var state = Self.state(after: 180)
        state.finished = true
        state.summary = RunSummary.run(Self.scenario)
        let grid = DashboardRenderer.render(state, theme: Self.color, width: 80, height: 24)
        #expect(grid.line(0).contains("FINISHED"))
        #expect(Self.row(grid, containing: "finished: summary (q quits, r runs again)") != nil)
        #expect(Self.row(grid, containing: "succeeded; offered") != nil)
    }
}

@Suite struct DashboardControlTests {
    @Test func keysDriveTheState() {
        var state = DashboardRenderingTests.state(after: 5)
        #expect(state.speed == 10)
        #expect(state.handle(.character("+"), pageRows: 5) == .none)
        #expect(state.speed == 20)
        for _ in 0..<20 { _ = state.handle(.character("+"), pageRows: 5) }
        #expect(state.speed == nil)
        _ = state.handle(.character("-"), pageRows: 5)
        #expect(state.speed == 1000)
        #expect(state.handle(.character("."), pageRows: 5) == .none)
        _ = state.handle(.character(" "), pageRows: 5)
        #expect(state.paused)
        #expect(state.handle(.character("."), pageRows: 5) == .step)
        #expect(state.handle(.right, pageRows: 5) == .step)
        _ = state.handle(.character("j"), pageRows: 5)
        _ = state.handle(.down, pageRows: 5)
        #expect(state.selected == 2)
        _ = state.handle(.pageDown, pageRows: 5)
        #expect(state.selected == 3)
        _ = state.handle(.character("k"), pageRows: 5)
        #expect(state.selected == 2)
        _ = state.handle(.character("v"), pageRows: 5)
        #expect(state.view == .heat)
        #expect(state.handle(.character("r"), pageRows: 5) == .restart)
        #expect(state.handle(.character("q"), pageRows: 5) == .quit)
        #expect(state.handle(.character("\u{3}"), pageRows: 5) == .quit)
    }
}
