import BreakerCore
import BreakerSimTestSupport
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

    /// The column of `scalar`'s first occurrence in row `y`, if any.
    static func column(of scalar: Unicode.Scalar, in grid: Grid, row y: Int) -> Int? {
        (0..<grid.width).first { grid[$0, y].scalar == scalar }
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func layoutShowsHeaderServicesCallersBreakersEventsAndLegend(width: Int, height: Int) throws {
        let grid = DashboardRenderer.render(
            Self.state(after: 45), theme: Self.color, width: width, height: height)
        #expect(grid.width == width && grid.height == height)
        let header = grid.line(0)
        #expect(header.hasPrefix(" breaker-sim │ Render test"))
        #expect(header.contains("00:45 / 03:00"))
        #expect(header.contains("10×  RUNNING  seed 9"))
        #expect(grid.line(1).contains("A service goes down for a minute"))
        #expect(grid.line(2).contains("1 cell = 1s"))
        #expect(grid.line(2).contains("▼outage"))
        let service = try #require(Self.row(grid, containing: " payments"))
        #expect(grid.line(service).contains("ERRORS 100%"))
        #expect(Self.row(grid, containing: "busy ") != nil, "caller panel")
        #expect(Self.row(grid, containing: " checkout ") != nil)
        #expect(Self.row(grid, containing: "breakers 0 closed  3 open  0 half-open  1 unprotected") != nil)
        for name in ["checkout#1", "checkout#2", "checkout#3", "legacy"] {
            #expect(Self.row(grid, containing: name) != nil, "row for \(name)")
        }
        let legacy = try #require(
            (0..<grid.height).first {
                grid.line($0).hasPrefix(" legacy") && grid.line($0).contains("no breaker")
            })
        #expect(grid.line(legacy).contains("no breaker"))
        #expect(Self.row(grid, containing: "latest transitions") != nil)
        #expect(Self.row(grid, containing: "HALF-OPEN → probe failed → OPEN, retry in 10s") != nil)
        #expect(grid.line(height - 1).contains("▁ closed  ▄ half-open  █ open  ◆ probe  ✓ ok  ✗ failed"))
        // How to get help and out stays on the last line at every size (the short form at 80 columns).
        #expect(grid.line(height - 1).hasSuffix("? help  q quit"), "\(grid.line(height - 1))")
    }

    /// Where a phase starts, every series on screen changes in the same column: the axis's marker,
    /// the service band (calls fail from there), and each breaker's timeline (it trips there).
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func everySeriesSharesOneTimeAxis(width: Int, height: Int) throws {
        var state = Self.state(after: 70)
        for zoom in state.zoomLevels.prefix(3) {
            state.samplesPerCell = zoom
            let grid = DashboardRenderer.render(state, theme: Self.color, width: width, height: height)
            let columns = DashboardRenderer.timelineColumns(state, width: width)
            let marker = try #require(Self.column(of: "▼", in: grid, row: 2))
            let axis = TimeAxis(state: state, width: columns.count)
            #expect(marker == columns.lowerBound + axis.column(ofTime: 30_000_000_000)!)
            // The service band: before the marker, calls succeed; from it, they fail or are rejected.
            let band = try #require(Self.row(grid, containing: " payments"))
            let ok = Self.color.color(CallOutcomeKind.ok)
            let bandCells = (columns.lowerBound..<columns.upperBound).map { grid[$0, band] }
            let firstBad = try #require(
                bandCells.firstIndex { $0.scalar != " " && $0.style.foreground != ok })
            #expect(columns.lowerBound + firstBad == marker, "zoom \(zoom): service band")
            // Each protected breaker is closed before the marker and trips in its column.
            for name in ["checkout#1", "checkout#2", "checkout#3"] {
                let y = try #require(Self.row(grid, containing: name))
                let open = try #require(
                    (columns.lowerBound..<columns.upperBound).first { grid[$0, y].scalar == "█" })
                #expect(open == marker, "zoom \(zoom): \(name)")
            }
        }
    }

    @Test func zoomChangesSecondsPerCellAndTheHeaderSaysSo() throws {
        var state = Self.state(after: 180)
        #expect(state.zoomLevels == [1, 5, 10, 30, 60])
        _ = state.handle(.character("z"), pageRows: 10)
        #expect(state.samplesPerCell == 5)
        let grid = DashboardRenderer.render(state, theme: Self.mono, width: 80, height: 24)
        #expect(grid.line(2).contains("1 cell = 5s"))
        // The whole three-minute run fits at 5 s per cell: its first cell is on screen, so is the phase.
        let axis = TimeAxis(state: state, width: DashboardRenderer.timelineColumns(state, width: 80).count)
        #expect(axis.firstCell == 0)
        #expect(grid.line(2).contains("▼outage"))
        for _ in 0..<10 { _ = state.handle(.character("z"), pageRows: 10) }
        #expect(state.samplesPerCell == 60)
        for _ in 0..<10 { _ = state.handle(.character("Z"), pageRows: 10) }
        #expect(state.samplesPerCell == 1)
        // A scenario sampled every 2 s zooms in steps that are whole numbers of samples.
        var coarse = Self.scenario
        coarse.sampleEvery = 2_000_000_000
        #expect(Self.state(after: 10, scenario: coarse).zoomLevels == [1, 5, 15, 30])
    }

    @Test func gaugeCountsToAllowedFailsAndSaysTripped() throws {
        var state = Self.state(after: 5)
        state.breakers[0].consecutiveFailures = 2
        state.breakers[1].state = .open
        state.breakers[1].retryAt = state.now + 5_000_000_000
        var grid = DashboardRenderer.render(state, theme: Self.mono, width: 100, height: 30)
        #expect(grid.line(try #require(Self.row(grid, containing: "checkout#1"))).contains("■■□ 2/3"))
        #expect(grid.line(try #require(Self.row(grid, containing: "checkout#2"))).contains("3/3 TRIPPED"))
        // A client allowed ten failures counts to ten, on five boxes.
        state.breakers[0].settings = BreakerSettings(allowedFails: 10, retryTimer: 10_000_000_000)
        state.breakers[0].consecutiveFailures = 5
        grid = DashboardRenderer.render(state, theme: Self.mono, width: 100, height: 30)
        #expect(grid.line(try #require(Self.row(grid, containing: "checkout#1"))).contains("■■■□□ 5/10"))
    }

    @Test func aProbeIsDrawnWhereItHappenedAndAReTripKeepsItsClosedSliver() throws {
        var state = Self.state(after: 5)
        var ring = Ring<TimelineMark>(capacity: 16, filler: TimelineMark(state: nil))
        ring.append(TimelineMark(state: .open))
        ring.append(TimelineMark(state: .halfOpen, probe: .sent))
        // Within one sample the probe succeeded, the breaker closed, and tripped again.
        ring.append(TimelineMark(state: .open, probe: .succeeded, tripped: true, closedDuring: true))
        ring.append(TimelineMark(state: .halfOpen, probe: .sent))
        ring.append(TimelineMark(state: .open, probe: .failed))
        ring.append(TimelineMark(state: .closed))
        for index in state.breakers.indices {
            state.breakers[index].timeline = ring
            state.breakers[index].state = .closed
        }
        state.samples = 6
        let grid = DashboardRenderer.render(state, theme: Self.color, width: 100, height: 30)
        let y = try #require(Self.row(grid, containing: "checkout#1"))
        let x = DashboardRenderer.timelineColumns(state, width: 100).lowerBound
        let drawn = String(String.UnicodeScalarView((x..<(x + 6)).map { grid[$0, y].scalar }))
        #expect(drawn == "█◆✓◆✗▁")
        // The ✓ of the re-trip is drawn in the closed state's style, not the open one's.
        #expect(grid[x + 2, y].style == Self.color.style(.closed, probe: .succeeded))
        #expect(grid[x + 4, y].style == Self.color.style(.open, probe: .failed))
    }

    @Test func theServiceBadgeSaysWhatIsObserved() throws {
        func badge(
            _ phase: Phase, capacity: Capacity? = nil, rate: Double = 20, timeout: Nanoseconds = 1_000_000_000
        )
            throws -> String
        {
            let scenario = Scenario(
                name: "badge", seed: 3, duration: 60_000_000_000,
                services: [
                    ServiceProfile(
                        name: "svc", latency: .constant(20_000_000), capacity: capacity, phases: [phase])
                ],
                clients: [
                    ClientProfile(
                        name: "app", instances: 2, calls: "svc", rate: rate, timeout: timeout, breaker: nil)
                ])
            let grid = DashboardRenderer.render(
                Self.state(after: 30, scenario: scenario), theme: Self.mono, width: 120, height: 40)
            return grid.line(try #require(Self.row(grid, containing: " svc ")))
        }
        let everything: Nanoseconds = 60_000_000_000
        #expect(
            try badge(Phase(at: 0, length: everything, label: "down", outage: .hang)).contains(
                "HUNG — no answers"))
        #expect(try badge(Phase(at: 0, length: everything, label: "bad", errorRate: 0.6)).contains("ERRORS"))
        #expect(
            try badge(
                Phase(at: 0, length: everything, label: "slow", latency: .add(700_000_000)),
                timeout: 1_000_000_000
            ).contains("SLOW p99"))
        #expect(
            try badge(
                Phase(at: 0, length: everything, label: "heavy", latency: .add(500_000_000)),
                capacity: Capacity(concurrency: 2, queue: 2), rate: 50
            ).contains("OVERLOADED"))
        #expect(
            try badge(Phase(at: 50_000_000_000, length: 1_000_000_000, label: "later", errorRate: 1))
                .contains("ok"))
    }

    @Test func callerPanelShowsWorkersAndRequests() throws {
        let scenario = Scenario(
            name: "callers", seed: 4, duration: 60_000_000_000,
            services: [
                ServiceProfile(
                    name: "slowpoke", latency: .constant(20_000_000),
                    phases: [Phase(at: 10_000_000_000, length: 40_000_000_000, label: "hang", outage: .hang)])
            ],
            clients: [
                ClientProfile(
                    name: "shop", instances: 2, calls: "slowpoke", rate: 50, timeout: 2_000_000_000,
                    workers: 8,
                    backlog: 4, deadline: 1_000_000_000, breaker: nil)
            ])
        let grid = DashboardRenderer.render(
            Self.state(after: 20, scenario: scenario), theme: Self.mono, width: 120, height: 40)
        let y = try #require(Self.row(grid, containing: " shop "))
        // Every worker of both instances is tied up by the hang, the backlog is full, and requests are shed.
        #expect(grid.line(y).contains("busy 16/16 +8 waiting"))
        #expect(grid.line(y).contains("good 0%"))
        #expect(grid.line(y).contains("shed"))
    }

    @Test func breakersCollapseIntoGroupsWhenRowsRunOut() throws {
        let scenario = Scenario(
            name: "many", seed: 5, duration: 60_000_000_000,
            services: [ServiceProfile(name: "pay", latency: .constant(10_000_000), errorRate: 0.5)],
            clients: [ClientProfile(name: "checkout", instances: 30, calls: "pay", rate: 5)])
        let state = Self.state(after: 20, scenario: scenario)
        #expect(state.view == .rows)
        let small = DashboardRenderer.render(state, theme: Self.mono, width: 80, height: 24)
        let y = try #require(Self.row(small, containing: "checkout ×30"))
        #expect(small.line(y).contains("open"))
        #expect(Self.row(small, containing: "one row per client and service") != nil)
        // A screen tall enough shows every breaker on its own row.
        let big = DashboardRenderer.render(state, theme: Self.mono, width: 120, height: 60)
        #expect(Self.row(big, containing: "checkout#30") != nil)
    }

    @Test func recordedFramesHaveNoCursorAndNoKeys() throws {
        var state = Self.state(after: 45)
        state.recording = true
        let grid = DashboardRenderer.render(state, theme: Self.mono, width: 100, height: 30)
        #expect(!grid.lines.contains { $0.hasPrefix(">") })
        #expect(!grid.line(29).contains("q quit"))
    }

    @Test func autoPauseStopsAtTheFirstTripAndTheFirstProbe() throws {
        var run = ScenarioRun(scenario: Self.scenario)
        var state = DashboardState(simulation: run.simulation)
        _ = state.handle(.character("a"), pageRows: 10)
        #expect(state.autoPause)
        while !state.paused && run.now < Self.scenario.duration {
            run.advance(to: run.now + Self.scenario.sampleEvery, observer: &state)
        }
        #expect(state.paused)
        #expect(state.pauseReason?.hasPrefix("first trip: checkout#") == true)
        #expect(run.now >= 30_000_000_000 && run.now <= 33_000_000_000)
        _ = state.handle(.character(" "), pageRows: 10)
        while !state.paused && run.now < Self.scenario.duration {
            run.advance(to: run.now + Self.scenario.sampleEvery, observer: &state)
        }
        #expect(state.pauseReason?.hasPrefix("first probe: checkout#") == true)
        let grid = DashboardRenderer.render(state, theme: Self.mono, width: 100, height: 30)
        #expect(grid.line(0).contains("PAUSED (first probe: checkout#"))
        // Stepping on keeps it paused, and the reason is past.
        #expect(state.handle(.character("."), pageRows: 10) == .step)
        #expect(state.paused && state.pauseReason == nil)
        let stepped = DashboardRenderer.render(state, theme: Self.mono, width: 100, height: 30)
        #expect(stepped.line(0).contains("PAUSED ·") || stepped.line(0).contains("PAUSED  "))
    }

    /// A long name, a pause's reason and auto-pause do not fit 100 columns together: parts are left out
    /// whole, the seed first, and the name keeps its start (the seed once showed as "seed 4" for 42).
    @Test(arguments: [100, 80])
    func aCrowdedHeaderLeavesPartsOutWhole(width: Int) throws {
        let flaky = try ScenarioLoader.load(file: Fixtures.scenario("flaky"))
        var state = Self.state(after: 126, scenario: flaky)
        _ = state.handle(.character("a"), pageRows: 10)
        state.paused = true
        state.pauseReason = "first probe: web#1 payments"
        let header = DashboardRenderer.render(state, theme: Self.mono, width: width, height: 30).line(0)
        #expect(header.hasPrefix(" breaker-sim │ Flaky payments API "))
        #expect(header.contains("02:06 / 10:00"))
        #expect(header.contains("seed 42") || !header.contains("seed"), "\(header)")
        #expect(header.contains("PAUSED (first probe: web#1 payments)") || !header.contains("(first"))
        if width >= 100 { #expect(header.contains("PAUSED (first probe: web#1 payments)")) }
    }

    /// A phase that has just begun sits at the right edge: its label stands before the arrow, not cut
    /// off behind it (the arrow once stood alone there).
    @Test func aPhaseJustBegunIsLabelledAtTheRightEdge() throws {
        let flaky = try ScenarioLoader.load(file: Fixtures.scenario("flaky"))
        let grid = DashboardRenderer.render(
            Self.state(after: 121, scenario: flaky), theme: Self.mono, width: 100, height: 30)
        #expect(grid.line(2).hasSuffix("brownout▼"), "\(grid.line(2))")
        let later = DashboardRenderer.render(
            Self.state(after: 150, scenario: flaky), theme: Self.mono, width: 100, height: 30)
        #expect(later.line(2).contains("▼brownout"), "\(later.line(2))")
        let ascii = DashboardRenderer.render(
            Self.state(after: 121, scenario: flaky), theme: Self.ascii, width: 100, height: 30)
        #expect(ascii.line(2).hasSuffix("brownout v"), "\(ascii.line(2))")
    }

    /// The badge calls a service slow when every sample of its window was, not for one slow call among
    /// a few dozen: flaky.json's payments in its baseline at 0:20 (one call timed out then) is ok, and
    /// slow through its scripted slowdown (8m–9m).
    @Test func oneSlowCallDoesNotMakeAServiceSlow() throws {
        let flaky = try ScenarioLoader.load(file: Fixtures.scenario("flaky"))
        for (seconds, slow) in [(20, false), (21, false), (119, false), (510, true), (540, true)]
            as [(Int64, Bool)]
        {
            let grid = DashboardRenderer.render(
                Self.state(after: seconds, scenario: flaky), theme: Self.mono, width: 100, height: 30)
            let row = try #require(grid.lines.first { $0.hasPrefix(" payments ") })
            #expect(row.contains("SLOW p99") == slow, "at \(seconds) s: \(row)")
        }
        var mark = ServiceMark()
        mark.p99 = 1_500_000_000
        mark.steadyP99 = 1_500_000_000
        var calm = ServiceMark()
        calm.p99 = 300_000_000
        calm.steadyP99 = 300_000_000
        mark.merge(calm)
        #expect(mark.p99 == 1_500_000_000 && mark.steadyP99 == 300_000_000)
    }

    /// A service whose queue is full is overloaded, not hung, though its calls time out in the queue:
    /// overload.json without breakers after its collapse.
    @Test func aFullQueueIsOverloadedNotHung() throws {
        let overload = try ScenarioLoader.load(file: Fixtures.scenario("overload"))
        var run = ScenarioRun(scenario: overload, withBreakers: false)
        var state = DashboardState(simulation: run.simulation)
        run.advance(to: 290_000_000_000, observer: &state)
        let grid = DashboardRenderer.render(state, theme: Self.mono, width: 200, height: 40)
        let row = try #require(grid.lines.first { $0.hasPrefix(" orders ") }, "\(grid.lines)")
        #expect(row.contains("OVERLOADED"), "\(row)")
    }

    /// A group's counts are whole, in words or as "9o 2h 1c", never a cut number ("1 cl", a bare "20"),
    /// and add up to the group; a service's queue is shown whole or not at all ("q 9" of "q 999/1000").
    @Test func groupCountsAndQueuesAreNeverCut() throws {
        let cases: [(String, Int64, String, Int)] = [
            ("flaky", 126, " web payments ×12", 12), ("synchronised", 165, " shop ×60", 60),
        ]
        for (name, seconds, label, members) in cases {
            let scenario = try ScenarioLoader.load(file: Fixtures.scenario(name))
            for (width, height) in [(100, 30), (200, 60)] {
                var state = Self.state(after: seconds, scenario: scenario)
                state.view = .groups
                let grid = DashboardRenderer.render(state, theme: Self.mono, width: width, height: height)
                let line = try #require(
                    grid.lines.first { $0.dropFirst().hasPrefix(label.dropFirst()) }, "\(name) at \(width)")
                let counts =
                    line.dropFirst(label.count).split(separator: "  ", omittingEmptySubsequences: true)
                    .first.map { String($0.drop { $0 == " " }) } ?? ""
                let words = /(\d+) (open|half|closed)( · (\d+) (open|half|closed))*/
                let short = /\d+[ohc]( \d+[ohc])*/
                #expect(
                    (try? words.wholeMatch(in: counts)) != nil || (try? short.wholeMatch(in: counts)) != nil,
                    "\(name) at \(width): \(counts)")
                let total = counts.matches(of: /\d+/).compactMap { Int(counts[$0.range]) }.reduce(0, +)
                #expect(total == members, "\(name) at \(width): \(counts)")
            }
        }
        let overload = try ScenarioLoader.load(file: Fixtures.scenario("overload"))
        var run = ScenarioRun(scenario: overload, withBreakers: false)
        var state = DashboardState(simulation: run.simulation)
        run.advance(to: 290_000_000_000, observer: &state)
        for width in [80, 100, 120, 200] {
            let grid = DashboardRenderer.render(state, theme: Self.mono, width: width, height: 30)
            for line in grid.lines where line.contains(/\ q \d/) {
                #expect(line.contains(/\ q \d+\/1000/), "\(width): \(line)")
            }
        }
    }

    /// A heat strip taller than the screen says which groups are out of sight and how many of their
    /// breakers are not closed: fleet.json's open feed breakers lie below the fold at 100×30.
    @Test func aHeatStripThatDoesNotFitNamesTheGroupsOutOfSight() throws {
        let fleet = try ScenarioLoader.load(file: Fixtures.scenario("fleet"))
        var state = Self.state(after: 63, scenario: fleet)
        state.view = .heat
        let grid = DashboardRenderer.render(state, theme: Self.mono, width: 100, height: 30)
        let note = try #require(grid.lines.first { $0.hasPrefix(" ↓ ") }, "\(grid.lines)")
        let open = state.breakers.filter { $0.name.hasPrefix("feed#") && $0.state != .closed }.count
        #expect(open > 0)
        #expect(note.contains("feed ×60 \(open) not closed"), "\(note)")
        let tall = DashboardRenderer.render(state, theme: Self.mono, width: 200, height: 60)
        #expect(!tall.lines.contains { $0.hasPrefix(" ↓ ") }, "nothing out of sight on a large screen")
    }

    /// The caller bars' colours are named at the usual 100 columns: both legends where they fit, else
    /// one that pairs each colour's call and request outcome.
    @Test(arguments: [
        (100, "calls/requests ■ ok/good  ■ error/failed  ■ timeout/late"), (140, "requests ■ good"),
    ])
    func theRequestColoursAreNamed(width: Int, legend: String) throws {
        let flaky = try ScenarioLoader.load(file: Fixtures.scenario("flaky"))
        let grid = DashboardRenderer.render(
            Self.state(after: 30, scenario: flaky), theme: Self.color, width: width, height: 30)
        #expect(grid.lines.contains { $0.contains(legend) }, "\(grid.lines.suffix(4))")
    }

    /// Phase labels that would run into each other are shortened, not dropped: every phase keeps its
    /// arrow at every zoom, and the newest its whole label (the outage, flaky.json's main event, was
    /// left out at 10 s a cell).
    @Test func everyPhaseOnScreenKeepsItsArrow() throws {
        let flaky = try ScenarioLoader.load(file: Fixtures.scenario("flaky"))
        // (time, zoom presses, arrows on the axis, the newest label whole)
        let cases: [(Int64, Int, Int, String)] = [
            (600, 2, 4, "▼slow"), (600, 3, 4, "▼slow"), (181, 1, 2, "▼outage"), (181, 2, 2, "▼outage"),
            (181, 3, 2, "▼outage"),
        ]
        for (seconds, zoom, arrows, newest) in cases {
            var state = Self.state(after: seconds, scenario: flaky)
            for _ in 0..<zoom { _ = state.handle(.character("z"), pageRows: 10) }
            let axis = DashboardRenderer.render(state, theme: Self.mono, width: 100, height: 30).line(2)
            #expect(axis.filter { $0 == "▼" }.count == arrows, "\(seconds) s, zoom \(zoom): \(axis)")
            #expect(axis.contains(newest), "\(seconds) s, zoom \(zoom): \(axis)")
        }
        // flaky.json at 10 s a cell shows all four phases, the outage named whole.
        var state = Self.state(after: 600, scenario: flaky)
        for _ in 0..<2 { _ = state.handle(.character("z"), pageRows: 10) }
        let axis = DashboardRenderer.render(state, theme: Self.mono, width: 100, height: 30).line(2)
        #expect(axis.contains("▼outage") && axis.contains("▼flapping"), "\(axis)")
        // A phase that begins with the newest sample is not yet drawn: not "◀", which says its start
        // has scrolled off the left edge.
        var starting = ScenarioRun(scenario: flaky)
        var at = DashboardState(simulation: starting.simulation)
        starting.advance(to: 120_500_000_000, observer: &at)
        let edge = DashboardRenderer.render(at, theme: Self.mono, width: 100, height: 30).line(2)
        #expect(!edge.contains("◀"), "\(edge)")
    }

    /// The view hint names the view `v` shows: from the heat strip it asks for rows, and where they do
    /// not fit the groups come instead (synchronised.json's 60 breakers on 200×60).
    @Test func theViewHintNamesTheViewThatComes() throws {
        let synchronised = try ScenarioLoader.load(file: Fixtures.scenario("synchronised"))
        var state = Self.state(after: 60, scenario: synchronised)
        state.view = .heat
        let grid = DashboardRenderer.render(state, theme: Self.mono, width: 200, height: 60)
        let hint = try #require(grid.lines.first { $0.hasPrefix(" breakers ") })
        #expect(hint.hasSuffix("v: groups"), "\(hint)")
        _ = state.handle(.character("v"), pageRows: 10, width: 200, height: 60)
        #expect(DashboardLayout.plan(state, height: 60).view == .groups)
    }

    /// Every caller line is labelled with what it shows: where a client has one row of bars, the
    /// workers' line says "workers busy", not the requests' summary (near zero "good" beside a full
    /// line of busy workers).
    @Test(arguments: [DashboardState.View.rows, .groups, .heat])
    func theWorkersLineIsLabelledAsSuch(view: DashboardState.View) throws {
        let flaky = try ScenarioLoader.load(file: Fixtures.scenario("flaky"))
        var state = Self.state(after: 200, scenario: flaky)
        state.view = view
        for (width, height) in [(100, 30), (80, 24), (120, 40)] {
            let grid = DashboardRenderer.render(state, theme: Self.mono, width: width, height: height)
            let lines = grid.lines
            for (y, line) in lines.enumerated() where line.hasPrefix(" web ") && line.contains("busy ") {
                let plan = DashboardLayout.plan(state, height: height)
                guard plan.workersRow, y + plan.clientRows < lines.count else { continue }
                // The rows of bars (the summary beside the second, if there is one), then the workers.
                #expect(
                    lines[y + plan.clientRows].hasPrefix("  workers busy"),
                    "\(view) \(width)×\(height): \(lines[y + plan.clientRows])")
            }
        }
    }

    /// Without Unicode every view is ASCII: a character the terminal cannot draw (in the C locale) shifts
    /// the rest of its row and leaves stale characters behind.
    @Test func everyViewOfAFleetIsASCIIWithoutUnicode() throws {
        let flaky = try ScenarioLoader.load(file: Fixtures.scenario("flaky"))
        var state = Self.state(after: 181, scenario: flaky)
        var views: Set<String> = []
        for _ in 0..<3 {
            let grid = DashboardRenderer.render(state, theme: Self.ascii, width: 100, height: 30)
            views.insert("\(DashboardLayout.plan(state, height: 30).view)")
            #expect(
                grid.cells.allSatisfy { $0.scalar.isASCII },
                "\(grid.lines.filter { !$0.unicodeScalars.allSatisfy(\.isASCII) })")
            _ = state.handle(.character("v"), pageRows: 10, width: 100, height: 30)
        }
        #expect(views.count >= 2, "\(views)")
    }

    @Test func nextPhaseKeyJumpsToThePhase() {
        var state = Self.state(after: 5)
        #expect(state.handle(.character("n"), pageRows: 10) == .jump(to: 30_000_000_000))
        let later = Self.state(after: 100)
        var copy = later
        #expect(copy.handle(.character("n"), pageRows: 10) == .none)
    }

    @Test func detailViewLightsTheStateInTheDiagram() throws {
        var state = Self.state(after: 45)
        _ = state.handle(.enter, pageRows: 10)
        let grid = DashboardRenderer.render(state, theme: Self.color, width: 120, height: 40)
        let y = try #require(Self.row(grid, containing: "CLOSED  ──▶ 3 fails ──▶  OPEN"))
        let line = Array(grid.line(y).unicodeScalars)
        let word = Array(" OPEN ".unicodeScalars)
        let x = try #require(
            line.indices.first { Array(line[$0..<min(line.count, $0 + word.count)]) == word })
        #expect(grid[x + 1, y].style == Self.color.badgeStyle(.open))
        #expect(Self.row(grid, containing: "calls, one mark per sample") != nil)
    }

    /// The same scenario and seed with and without breakers, fed in lockstep as the live dashboard does.
    static func comparison(after seconds: Int64, scenario: Scenario = scenario) -> DashboardState {
        var run = ScenarioRun(scenario: scenario)
        var other = ScenarioRun(scenario: scenario, withBreakers: false)
        var state = DashboardState(simulation: run.simulation)
        var counterpart = DashboardState(simulation: other.simulation)
        run.advance(to: seconds * 1_000_000_000, observer: &state)
        other.advance(to: seconds * 1_000_000_000, observer: &counterpart)
        state.setCounterpart(counterpart)
        return state
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func compareShowsBothRunsOnOneAxisUnderAHeadline(width: Int, height: Int) throws {
        let state = Self.comparison(after: 60)
        let grid = DashboardRenderer.render(state, theme: Self.mono, width: width, height: height)
        let headline = grid.line(2)
        // In words when they fit (200 columns), short on a narrow screen; all three parts either way.
        #expect(
            headline.hasPrefix(width >= 200 ? " breakers on/off: good requests " : " breakers on/off: good "))
        #expect(headline.contains(width >= 200 ? "calls reaching payments " : " payments "))
        #expect(headline.contains(width >= 200 ? " users waiting " : " waiting "))
        // The service band twice, tagged, with the same phase column in both.
        let with = try #require(
            (0..<height).first { grid.line($0).hasPrefix(" payments") && grid.line($0).contains("with") })
        let without = try #require(
            (0..<height).first { grid.line($0).hasPrefix(" payments") && grid.line($0).contains("w/o") })
        #expect(without > with)
        // Without breakers every call reaches the failing service; with them, almost none do.
        let first = headline.split(separator: "·")[1]
        let numbers = first.split(separator: " ").filter { $0.hasSuffix("/s") }.compactMap {
            Int(String($0.filter(\.isNumber)))
        }
        #expect(numbers.count == 2)
        #expect(numbers[0] * 5 < numbers[1], "\(headline)")
        #expect(Self.row(grid, containing: " checkout") != nil)
        #expect(
            (0..<height).contains { grid.line($0).hasPrefix(" checkout") && grid.line($0).contains("w/o") })
        // Zoom applies to both.
        var zoomed = state
        zoomed.samplesPerCell = 5
        let zoomedGrid = DashboardRenderer.render(zoomed, theme: Self.mono, width: width, height: height)
        let marker = try #require(Self.column(of: "▼", in: zoomedGrid, row: 3))
        let columns = DashboardRenderer.timelineColumns(zoomed, width: width)
        #expect(marker == columns.lowerBound + 30 / 5)
    }

    @Test func eachStateHasItsBadgeAndColour() throws {
        var state = Self.state(after: 5)
        state.breakers[0].state = .closed
        state.breakers[1].state = .open
        state.breakers[1].retryAt = state.now + 12_000_000_000
        state.breakers[2].state = .halfOpen
        let grid = DashboardRenderer.render(state, theme: Self.color, width: 100, height: 30)
        let expectations: [(String, String, CircuitState)] = [
            ("checkout#1", " CLOSED", .closed), ("checkout#2", " OPEN 12s", .open),
            ("checkout#3", " HALF-OPEN", .halfOpen),
        ]
        for (name, badge, circuit) in expectations {
            let y = try #require(Self.row(grid, containing: name))
            let line = grid.line(y)
            #expect(line.contains(badge), "\(name): \(line)")
            let x = try #require(
                line.unicodeScalars.map(Character.init).firstIndex(of: badge.dropFirst().first!))
            #expect(grid[x, y].style == Self.color.badgeStyle(circuit), "\(name) badge colour")
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
        #expect(grid[cross, y].style == Self.color.style(.open, probe: .failed))
        // After the outage, a successful probe closes the breaker.
        let later = Self.state(after: 110)
        #expect(later.breakers[0].timeline.suffix(30).contains { $0.probe == .succeeded })
        let laterGrid = DashboardRenderer.render(later, theme: Self.color, width: 100, height: 30)
        #expect(laterGrid.line(try #require(Self.row(laterGrid, containing: "checkout#1"))).contains("✓"))
    }

    @Test func timelineGrowsFromTheLeftThenScrollsOneCellPerSample() throws {
        let early = DashboardRenderer.render(Self.state(after: 10), theme: Self.mono, width: 80, height: 24)
        let columns = DashboardRenderer.timelineColumns(Self.state(after: 10), width: 80)
        let y0 = try #require(Self.row(early, containing: "checkout#2"))
        // Ten samples, from the left edge: the run's start is in the first column.
        #expect(early[columns.lowerBound, y0].scalar == "▁")
        #expect(early[columns.lowerBound + 10, y0].scalar == " ")
        let first = DashboardRenderer.render(Self.state(after: 140), theme: Self.mono, width: 80, height: 24)
        let second = DashboardRenderer.render(Self.state(after: 141), theme: Self.mono, width: 80, height: 24)
        let y = try #require(Self.row(first, containing: "checkout#2"))
        let before = String(first.line(y).unicodeScalars.map(Character.init)[columns])
        let after = String(second.line(y).unicodeScalars.map(Character.init)[columns])
        // Once the width is full, everything moves one cell left; the newest sample enters on the right.
        #expect(before.dropFirst() == after.dropLast())
    }

    @Test func monochromeKeepsStatesApartByGlyph() throws {
        var state = Self.state(after: 45)
        state.breakers[1].state = .halfOpen
        let grid = DashboardRenderer.render(state, theme: Self.mono, width: 80, height: 24)
        #expect(grid.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
        #expect(grid.line(23).contains("▁ closed  ▄ half-open  █ open"))
        let ascii = DashboardRenderer.render(state, theme: Self.ascii, width: 80, height: 24)
        #expect(
            ascii.cells.allSatisfy { $0.scalar.isASCII },
            "\(ascii.lines.filter { !$0.unicodeScalars.allSatisfy(\.isASCII) })")
        #expect(ascii.line(23).contains("_ closed  o half-open  # open  ? probe  + ok  x failed"))
        #expect(Self.row(ascii, containing: "HALF-OPEN -> probe failed -> OPEN") != nil)
        // The details' legend names the glyphs its strip uses.
        _ = state.handle(.enter, pageRows: 10)
        let detail = DashboardRenderer.render(state, theme: Self.ascii, width: 80, height: 24)
        #expect(Self.row(detail, containing: "(+ all ok, x failures, - rejected)") != nil, "\(detail.lines)")
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
        // `q` on the help closes it, as the help says any key does; only then does it quit.
        _ = state.handle(.character("?"), pageRows: 10)
        #expect(state.handle(.character("q"), pageRows: 10) == .none)
        #expect(!state.showHelp)
        #expect(state.handle(.character("q"), pageRows: 10) == .quit)
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

    @Test("a failure-rate breaker shows its window's failed share, its rule and its settings")
    func failureRateBreaker() throws {
        var scenario = Self.scenario
        scenario.services[0].errorRate = 0.3
        scenario.clients[0].breaker = BreakerSettings(
            retryTimer: 10_000_000_000,
            policy: .failureRate(threshold: 0.6, window: .calls(50), minimumCalls: 20),
            slowCall: 500_000_000, retryJitter: 0.1)
        var state = Self.state(after: 20, scenario: scenario)
        let list = DashboardRenderer.render(state, theme: Self.mono, width: 100, height: 30)
        // 30% errors against a 60% threshold: about half the gauge, and the share in per cent.
        let line = list.line(try #require(Self.row(list, containing: "checkout#1")))
        let share = try #require(line.firstMatch(of: /■+□* (\d+)%/))
        let percent = try #require(Int(share.1))
        #expect((15...45).contains(percent), "\(line)")
        _ = state.handle(.enter, pageRows: 10)
        let detail = DashboardRenderer.render(state, theme: Self.mono, width: 100, height: 30)
        #expect(
            Self.row(
                detail,
                containing:
                    "failure_rate 60%   window 50 calls   minimum_calls 20   slow_call 500ms   retry_timer 10s ±10%"
            ) != nil)
        #expect(Self.row(detail, containing: "CLOSED  ──▶ 60% of 50 ──▶  OPEN") != nil)
        #expect(
            Self.row(detail, containing: "calls in the window failed (opens at 60% once 20 are in)") != nil)
        // In the outage every call fails: the breakers open at the rate and say so.
        let opened = Self.state(after: 40, scenario: scenario)
        let events = opened.events.suffix(64).map(\.text)
        #expect(
            events.contains {
                $0.contains("CLOSED → OPEN: 60% or more of the last 50 calls failed, retry in ")
            },
            "\(events.suffix(3))")
        // Jittered periods are shown to a tenth of a second, not to the nanosecond.
        let retry = try #require(events.first { $0.contains("retry in ") })
        #expect(retry.firstMatch(of: /retry in \d+(\.\d)?s$/) != nil, "\(retry)")
        #expect(DashboardState.shownPeriod(14_728_657_006) == "14.7s")
        #expect(DashboardState.shownPeriod(5_000_000_000) == "5s")
        #expect(DashboardState.shownPeriod(734_400_000) == "734ms")
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
        #expect(glyphs >= 39 * 4)
        #expect(Self.row(grid, containing: "breakers ") != nil)
        #expect(Self.row(grid, containing: " c ×300") != nil, "the group's label")
        // The cursor moves by rows, and arrows never step the simulation.
        var moving = state
        #expect(moving.handle(.down, pageRows: 5, width: 80, height: 24) == .none)
        #expect(moving.selected == 39)
        _ = moving.handle(.character(" "), pageRows: 5, width: 80, height: 24)
        #expect(moving.handle(.right, pageRows: 5, width: 80, height: 24) == .none)
        #expect(moving.selected == 40)
        #expect(moving.handle(.up, pageRows: 5, width: 80, height: 24) == .none)
        #expect(moving.selected == 1)
    }

    /// Quit between two samples, the summary says where it stopped to the millisecond (a `--duration`
    /// that gives the same figures), not rounded down to the second while the figures go further.
    @Test func aRunQuitBetweenSamplesSaysWhereToTheMillisecond() {
        var run = ScenarioRun(scenario: Self.scenario)
        run.advance(to: 5_483_127_519)
        let first = run.summary().briefParts().first ?? []
        #expect(first.first == "stopped at 5.483s of 3m:", "\(first)")
    }

    @Test(arguments: [(80, 24), (100, 30), (200, 60)])
    func finishedRunKeepsTheSummaryOnScreen(width: Int, height: Int) throws {
        var state = Self.state(after: 180)
        state.finished = true
        state.summary = RunSummary.run(Self.scenario)
        state.baseline = RunSummary.run(Self.scenario, withBreakers: false)
        let grid = DashboardRenderer.render(state, theme: Self.color, width: width, height: height)
        #expect(grid.line(0).contains("FINISHED"))
        let top = try #require(Self.row(grid, containing: "finished: summary (q quits, r runs again)"))
        let summary = state.summary!
        let requests = "requests \(formatInteger(summary.totals.requests.requests))"
        #expect(summary.totals.requests.requests >= 1000 && requests.contains(","), "thousands separators")
        #expect(grid.line(top + 1).hasPrefix(" " + requests + " · "))
        // Every part on screen is whole: each line, split at its separators, is made of the summary's parts.
        let parts = Set(summary.briefParts(comparedWith: state.baseline).flatMap { $0 })
        var seen = 0
        for y in (top + 1)..<(height - 2) {
            let line = String(grid.line(y).drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            if line.isEmpty || line.hasPrefix("…") { continue }
            for piece in line.split(separator: " · ").map(String.init) {
                // A heading ("without breakers, same seed:") runs into its first part with one space.
                let whole =
                    parts.contains(piece)
                    || parts.contains {
                        piece.hasPrefix($0 + " ") && parts.contains(String(piece.dropFirst($0.count + 1)))
                    }
                #expect(whole, "\"\(piece)\" is not a whole part at \(width)×\(height)")
                seen += 1
            }
        }
        #expect(seen >= 5)
        if height >= 30 {
            #expect(Self.row(grid, containing: "without breakers, same seed: ") != nil)
        } else {
            #expect(Self.row(grid, containing: "the whole summary is printed when you quit") != nil)
        }
    }

    /// Bold black turns dark grey on terminals that brighten bold; without colour, OPEN and HALF-OPEN
    /// badges differ by look as well as by text.
    @Test func noBoldBlackAndMonochromeBadgesDiffer() throws {
        for seconds in [20, 40, 60, 100, 180] {
            let state = Self.state(after: Int64(seconds))
            let grid = DashboardRenderer.render(state, theme: Self.color, width: 120, height: 40)
            for y in 0..<grid.height {
                for x in 0..<grid.width {
                    let style = grid[x, y].style
                    #expect(
                        !(style.bold && style.foreground == .black),
                        "bold black at (\(x), \(y)) after \(seconds)s")
                }
            }
        }
        let mono = Self.mono
        #expect(mono.badgeStyle(.open) != mono.badgeStyle(.halfOpen))
        #expect(mono.badgeStyle(.open) != mono.badgeStyle(.closed))
        #expect(mono.badgeStyle(.halfOpen) != mono.badgeStyle(.closed))
    }

    @Test func wrappingNeverCutsAPart() {
        let lines = wrap([["requests 299,605", "91.5% good", "goodput 456.9/s", "failed 25,353"]], width: 30)
        #expect(lines == ["requests 299,605 · 91.5% good", "  goodput 456.9/s", "  failed 25,353"])
        #expect(wrap([["a part far longer than the width"]], width: 10) == ["a part fa…"])
        #expect(
            wrap([["with breakers, same seed:", "96.0% good"]], width: 80) == [
                "with breakers, same seed: 96.0% good"
            ])
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
        #expect(state.handle(.right, pageRows: 5) == .none)
        _ = state.handle(.character("j"), pageRows: 5)
        _ = state.handle(.down, pageRows: 5)
        #expect(state.selected == 2)
        _ = state.handle(.pageDown, pageRows: 5)
        #expect(state.selected == 3)
        _ = state.handle(.character("k"), pageRows: 5)
        #expect(state.selected == 2)
        _ = state.handle(.character("v"), pageRows: 5)
        #expect(state.view == .groups)
        _ = state.handle(.character("v"), pageRows: 5)
        #expect(state.view == .heat)
        _ = state.handle(.character("v"), pageRows: 5)
        #expect(state.view == .rows)
        #expect(state.handle(.character("r"), pageRows: 5) == .restart)
        #expect(state.handle(.character("c"), pageRows: 5) == .toggleCompare)
        #expect(state.handle(.character("q"), pageRows: 5) == .quit)
        #expect(state.handle(.character("\u{3}"), pageRows: 5) == .quit)
    }
}
