import BreakerCore
import BreakerSimulation
import Testing

@testable import BreakerReport

/// What a report records of a run: bounded columns, the same counts the summary has, timelines for a
/// readable subset of breakers.
@Suite struct RunRecordingTests {
    @Test func aTenMinuteRunKeepsEverySampleAndALongOneSumsThem() throws {
        let short = try TestScenarios.bundled("flaky")
        let history = RunHistory(simulation: Simulation(scenario: short))
        #expect(history.columnCount == 600)
        #expect(history.samplesPerColumn == 1)
        #expect(history.columnEnd(599) == short.duration)

        // A day sampled every second: 86,400 samples in 600 columns of 144 (nothing is run here).
        var day = short
        day.duration = 86_400_000_000_000
        let long = RunHistory(simulation: Simulation(scenario: day))
        #expect(long.columnCount == 600)
        #expect(long.samplesPerColumn == 144)
        #expect(long.timelines.allSatisfy { $0.closed.count == 600 && $0.probes.count == 600 })

        // Uneven: 7 samples in columns of 3 (the last holds one).
        var odd = short
        odd.duration = 7_000_000_000
        let few = RunHistory(simulation: Simulation(scenario: odd), columns: 3)
        #expect(few.columnCount == 3)
        #expect(few.columnEnd(2) == 7_000_000_000)
        #expect(few.columnStart(2) == 6_000_000_000)
    }

    @Test func countsAddUpToTheSummary() {
        let (history, summary) = RunHistory.collect(TestScenarios.outage(), withBreakers: true)
        #expect(history.samples.allSatisfy { $0 == 1 })
        #expect(history.lastSample == 180_000_000_000)
        // Calls still in flight when the last sample is taken finish after it, so allow a handful.
        let offered = history.calls.offered.reduce(0, +)
        #expect(offered <= summary.totals.offered && offered >= summary.totals.offered - 10)
        let rejected = history.calls.rejected.reduce(0, +)
        #expect(rejected <= summary.totals.rejected && rejected >= summary.totals.rejected - 10)
        let received = history.services[0].received.reduce(0, +)
        #expect(received <= summary.services[0].received && received >= summary.services[0].received - 10)
        // During the outage (30s–90s) the protected client's breakers are open most of the time.
        let checkout = history.groups[0]
        #expect(checkout.protected && !history.groups[1].protected)
        let openDuringOutage = (40..<85).reduce(0) { $0 + checkout.open[$1] + checkout.halfOpen[$1] }
        #expect(openDuringOutage > 45 * 3 / 2)
        #expect(checkout.open[0..<29].allSatisfy { $0 == 0 })
    }

    @Test func timelinesShowOpensAndProbesOfTheProtectedBreakersOnly() {
        let (history, _) = RunHistory.collect(TestScenarios.outage(), withBreakers: true)
        #expect(history.timelines.map(\.name) == ["checkout#1", "checkout#2", "checkout#3"])
        for track in history.timelines {
            let states = track.closed.indices.map {
                majority(closed: track.closed[$0], open: track.open[$0], halfOpen: track.halfOpen[$0])
            }
            #expect(states.first == .closed)
            #expect(states[60] != .closed)
            #expect(states.last == .closed)
            #expect(track.probes.contains { $0.contains(.failed) })
            #expect(track.probes.contains { $0.contains(.succeeded) })
        }
        let (unprotected, _) = RunHistory.collect(TestScenarios.outage(), withBreakers: false)
        #expect(unprotected.timelines.isEmpty)
        #expect(!unprotected.withBreakers)
        #expect(unprotected.calls.rejected.allSatisfy { $0 == 0 })
    }

    @Test(arguments: [(24, [6, 6, 6, 6, 0]), (5, [2, 1, 1, 1, 0]), (300, [80, 60, 60, 30, 0])])
    func timelineRowsAreDealtToEveryProtectedClient(rows: Int, perClient: [Int]) throws {
        let fleet = try TestScenarios.bundled("fleet")
        let history = RunHistory(simulation: Simulation(scenario: fleet), timelineRows: rows)
        let counts = fleet.clients.indices.map { index in
            history.timelines.filter { $0.client == index }.count
        }
        #expect(counts == perClient)
        #expect(history.timelines.first?.name == "web#1")
    }

    /// flaky.json's web instances each have two breakers (catalog and payments): they are counted, shared
    /// and drawn per service, never as one breaker per instance.
    @Test func aClientWithTwoServicesHasAGroupPerServiceAndRowsInEach() throws {
        let flaky = try TestScenarios.bundled("flaky")
        let (history, summary) = RunHistory.collect(flaky, withBreakers: true)
        #expect(history.groups.map(\.title) == ["web → catalog", "web → payments", "refunds → payments"])
        #expect(history.groups.map(\.breakers) == [12, 12, 4])
        #expect(history.groups.map(\.breakers).reduce(0, +) == summary.breakers.count)
        // The 24 rows dealt round-robin over the three groups (refunds has only 4), each row under its own
        // service.
        #expect(history.timelines.map(\.group).reduce(into: [0, 0, 0]) { $0[$1] += 1 } == [10, 10, 4])
        for track in history.timelines {
            #expect(track.name.hasSuffix(history.groups[track.group].serviceName) || track.group == 2)
        }
        // A share is of the group's own breakers: never above one, and payments' breakers open in the
        // hang while catalog's stay closed.
        for group in history.groups {
            for column in history.samples.indices where history.samples[column] > 0 {
                #expect(
                    group.open[column] + group.halfOpen[column] <= history.samples[column] * group.breakers)
            }
        }
        let opened = history.groups.map { $0.open.reduce(0, +) }
        #expect(opened[1] > 0 && opened[0] < opened[1])

        let report = RunReport(withBreakers: (history, summary), withoutBreakers: nil)
        #expect(report.timelineCaption.contains("Shown: 24 of 28 breakers"))
        #expect(report.timelineCaption.contains("10 of 12 web → payments, 4 of 4 refunds → payments"))
    }

    @Test func majorityPrefersTheMoreSevereStateOnATie() {
        #expect(majority(closed: 0, open: 0, halfOpen: 0) == nil)
        #expect(majority(closed: 3, open: 1, halfOpen: 0) == .closed)
        #expect(majority(closed: 2, open: 2, halfOpen: 0) == .open)
        #expect(majority(closed: 1, open: 0, halfOpen: 1) == .halfOpen)
        #expect(majority(closed: 0, open: 1, halfOpen: 1) == .open)
    }

    @Test func stoppingEarlyRecordsWhatRan() {
        var slices = 0
        let (history, summary) = RunHistory.collect(
            TestScenarios.outage(), withBreakers: true,
            shouldStop: {
                slices += 1
                return slices > 3
            })
        #expect(summary.interruptedAt != nil)
        #expect(history.samples.contains(0))
        #expect(history.samples.contains(1))
    }
}
