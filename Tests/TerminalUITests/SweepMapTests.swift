import BreakerCore
import Testing

@testable import BreakerSimulation
@testable import TerminalUI

/// `sweep --tui`: the progress screen, the heat map with its cursor and panel, and the keys.
@Suite struct SweepMapTests {
    static let color = Theme(color: true, unicode: true)
    static let mono = Theme(color: false, unicode: true)
    static let ascii = Theme(color: false, unicode: false)

    /// A real 3 × 3 sweep of the dashboard tests' scenario (an outage for a minute).
    static func sweep() async -> SweepResult {
        SweepRunner.run(
            scenario: DashboardRenderingTests.scenario,
            grid: SweepGrid(
                allowedFails: [1, 3, 10], retryTimers: [2_000_000_000, 10_000_000_000, 60_000_000_000]),
            jobs: 2)
    }

    static func finished(_ result: SweepResult) -> SweepMapState {
        var state = SweepMapState(scenario: "Render test", objective: .balanced)
        state.finish(with: result)
        return state
    }

    @Test("while the sweep runs: a progress bar, runs done and time left")
    func progressScreen() {
        var state = SweepMapState(scenario: "Render test", objective: .protect)
        state.done = 3
        state.total = 11
        state.elapsed = 6
        let grid = SweepMapRenderer.render(state, theme: Self.color, width: 80, height: 24)
        #expect(grid.line(0).hasPrefix(" breaker-sim sweep │ Render test"))
        #expect(grid.line(0).hasSuffix("SWEEPING 3/11"))
        #expect(grid.line(1).hasPrefix(" objective protect:"))
        let lines = grid.lines.joined(separator: "\n")
        #expect(lines.contains("3 of 11 runs, about 16 s left"))
        #expect(lines.contains("q stops and shows what finished"))
        // 3 of 11 of a 60-cell bar is 16 cells filled.
        let bar = grid.lines.first { $0.contains("█") } ?? ""
        #expect(bar.filter { $0 == "█" }.count == 16)
        #expect(bar.filter { $0 == "░" }.count == 44)
    }

    @Test("the finished map at 80×24: every score in its place, the best marked and selected, its metrics")
    func finishedMapAt80x24() async throws {
        let result = await Self.sweep()
        let state = Self.finished(result)
        let best = try #require(result.bestIndex)
        #expect(state.selectedIndex == best)
        let grid = SweepMapRenderer.render(state, theme: Self.color, width: 80, height: 24)
        #expect(grid.line(0).hasSuffix("9 combinations × 1 seed  DONE"))
        #expect(grid.line(3).hasPrefix(" score by allowed_fails ↓ and retry_timer →"))
        #expect(grid.line(4).hasPrefix(" fails     2s    10s     1m"))
        for (row, fails) in [1, 3, 10].enumerated() {
            var expected = " " + String(fails).padded(to: 5, rightAligned: true) + " "
            for column in 0..<3 {
                let index = row * 3 + column
                expected += " " + formatScore(result.cells[index]!.score) + (index == best ? "*" : " ")
            }
            #expect(grid.line(5 + row).hasPrefix(expected))
        }
        // The panel describes the selected (best) cell.
        let cell = try #require(result.cells[best])
        let panel = grid.lines.map { String($0.dropFirst(49)) }
        #expect(panel[3] == "allowed_fails   \(try #require(cell.allowedFails))")
        #expect(panel[4] == "retry_timer     \(formatDuration(cell.retryTimer))")
        #expect(panel[5] == "score           \(formatScore(cell.score))")
        #expect(panel[6] == "rank            1 of 9")
        #expect(panel[7] == "goodput         \(formatShare(cell.metrics.goodputRatio))")
        // Summary lines and keys.
        let text = grid.lines.joined(separator: "\n")
        #expect(
            text.contains(
                " best: allowed_fails \(try #require(cell.allowedFails)), retry_timer \(formatDuration(cell.retryTimer))"
            ))
        #expect(text.contains("no breaker at all: " + formatScore(result.baselineScore)))
        #expect(grid.line(23).hasSuffix("←↑↓→ move  b best  enter watch it live  ? help  q quit"))
        // The best cell is in viridis's top shade (yellow) and selected: that shade reversed.
        let x = 1 + 6 + (best % 3) * 7 + 1
        let y = 5 + best / 3
        #expect(grid[x, y].style.background == .xterm(226))
        #expect(grid[x, y].style.reverse)
    }

    @Test("shades follow the ranking; without colour the cursor is reverse video and the top fifth bold")
    func shadesAndMonochrome() async throws {
        let result = await Self.sweep()
        var state = Self.finished(result)
        let levels = result.shadeLevels
        // Move the cursor away from the worst cell, then check its colour.
        let worst = try #require(levels.firstIndex(of: 0))
        state.row = worst == 0 ? 2 : 0
        state.column = worst == 0 ? 2 : 0
        let colored = SweepMapRenderer.render(state, theme: Self.color, width: 80, height: 24)
        let worstCell = colored[1 + 6 + (worst % 3) * 7 + 1, 5 + worst / 3]
        // Viridis's darkest shade, white on it; an eight-colour terminal gets magenta.
        #expect(worstCell.style.background == .xterm(53) && !worstCell.style.reverse)
        let basic = SweepMapRenderer.render(
            state, theme: Theme(color: true, unicode: true, extendedColors: false), width: 80, height: 24)
        #expect(basic[1 + 6 + (worst % 3) * 7 + 1, 5 + worst / 3].style.background == .magenta)
        #expect(basic.cells.allSatisfy { $0.style.foreground.isBasic && $0.style.background.isBasic })

        let mono = SweepMapRenderer.render(state, theme: Self.mono, width: 80, height: 24)
        let selected = mono[1 + 6 + state.column * 7 + 1, 5 + state.row]
        #expect(selected.style.reverse)
        #expect(mono.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
        let top = try #require(levels.firstIndex(of: 4))
        if top != state.selectedIndex {
            #expect(mono[1 + 6 + (top % 3) * 7 + 1, 5 + top / 3].style.bold)
        }
        #expect(mono.lines.joined().contains("bold: the top fifth"))

        let ascii = SweepMapRenderer.render(state, theme: Self.ascii, width: 80, height: 24)
        #expect(ascii.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(ascii.line(3).hasPrefix(" score by allowed_fails v and retry_timer ->"))
    }

    @Test("arrows move within the grid, b returns to the best, enter watches, q quits")
    func keys() async throws {
        let result = await Self.sweep()
        var state = Self.finished(result)
        state.row = 0
        state.column = 0
        #expect(state.handle(.left) == .none)
        #expect(state.column == 0, "the cursor stops at the edge")
        #expect(state.handle(.right) == .none)
        #expect(state.handle(.character("l")) == .none)
        #expect(state.handle(.right) == .none)
        #expect(state.column == 2)
        #expect(state.handle(.down) == .none)
        #expect(state.handle(.character("j")) == .none)
        #expect(state.handle(.down) == .none)
        #expect(state.row == 2)
        #expect(
            state.handle(.enter) == .watch(trip: .consecutive(allowedFails: 10), retryTimer: 60_000_000_000))
        #expect(state.handle(.character("k")) == .none)
        #expect(state.handle(.character("h")) == .none)
        #expect(
            state.handle(.enter) == .watch(trip: .consecutive(allowedFails: 3), retryTimer: 10_000_000_000))
        #expect(state.handle(.character("b")) == .none)
        #expect(state.selectedIndex == result.bestIndex)
        #expect(state.handle(.character("?")) == .none)
        #expect(state.showHelp)
        let help = SweepMapRenderer.render(state, theme: Self.color, width: 80, height: 24)
        #expect(help.lines.joined(separator: "\n").contains("back to the best combination"))
        #expect(state.handle(.enter) == .none, "any key closes the help first")
        #expect(!state.showHelp)
        _ = state.handle(.character("?"))
        #expect(state.handle(.character("q")) == .none, "q too")
        #expect(!state.showHelp)
        #expect(state.handle(.character("q")) == .quit)

        var running = SweepMapState(scenario: "x", objective: .balanced)
        #expect(running.handle(.enter) == .none, "nothing to watch before the sweep finishes")
        #expect(running.handle(.character("q")) == .quit)
    }

    @Test("a grid wider and taller than the screen scrolls with the cursor")
    func bigGridScrolls() {
        let fails = Array(1...30)
        let timers = (1...20).map { Nanoseconds($0) * 1_000_000_000 }
        var cells = [SweepCell?](repeating: nil, count: fails.count * timers.count)
        let metrics = SweepMetrics(
            goodputRatio: 0.9, goodCallsRejected: 1, callsToFailingService: 2, detectionDelay: 1,
            recoveryDelay: 2, falseOpens: 0, timeOpenRatio: 0.1)
        // Only the last cell ran: it is the best, and the map starts on it.
        cells[cells.count - 1] = SweepCell(
            allowedFails: 30, retryTimer: 20_000_000_000, metrics: metrics, scores: [0.5])
        let result = SweepResult(
            scenario: "big", seed: 1, seeds: 1, objective: .balanced, clients: [],
            grid: SweepGrid(allowedFails: fails, retryTimers: timers), cells: cells, baseline: metrics,
            baselineCallsToFailing: [10], scenarioOwn: nil, shard: nil)
        var state = SweepMapState(scenario: "big", objective: .balanced)
        state.finish(with: result)
        let grid = SweepMapRenderer.render(state, theme: Self.mono, width: 80, height: 24)
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("(30 × 20; the map scrolls with the cursor)"))
        #expect(grid.line(4).hasSuffix("20s"), "the last column is in view")
        #expect(
            grid.line(15).hasPrefix("    30 ") && grid.line(15).contains(" 0.500*"), "the last row is in view"
        )
        #expect(!text.contains("\n     1 "), "the first row scrolled away")
        state.row = 0
        state.column = 0
        let top = SweepMapRenderer.render(state, theme: Self.mono, width: 80, height: 24)
        #expect(top.line(4).hasPrefix(" fails     1s     2s"))
        #expect(top.line(5).hasPrefix("     1    –      –"))
        #expect(top.lines.joined(separator: "\n").contains("did not run"))
    }

    @Test("a small terminal gets the same clear message as the dashboard")
    func tooSmall() {
        let grid = SweepMapRenderer.render(
            SweepMapState(scenario: "x", objective: .balanced), theme: Self.color, width: 60, height: 20)
        #expect(grid.lines.joined(separator: "\n").contains("make the window at least 80×24"))
    }
}
