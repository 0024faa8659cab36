import BreakerSimTestSupport
import Synchronization
import Testing

@testable import BreakerSimulation

@Suite struct SweepTests {
    static let outage = SweepFixtures.longOutage

    static let grid = SweepGrid(
        allowedFails: [1, 3, 10, 100], retryTimers: [1_000_000_000, 10_000_000_000, 60_000_000_000])

    @Test func protectRankingMatchesTheKnownAnswer() async {
        let result = SweepRunner.run(
            scenario: Self.outage, grid: Self.grid, objective: .protect, jobs: 2)
        #expect(result.isComplete)
        let best = try! #require(result.ranking.first)
        // Fewest calls reach a dead service with the quickest trip and the longest wait between probes.
        #expect(best.allowedFails == 1)
        #expect(best.retryTimer == 60_000_000_000)
        func calls(_ fails: Int, _ timer: Nanoseconds) -> Double {
            result.cells.compactMap { $0 }.first { $0.allowedFails == fails && $0.retryTimer == timer }!
                .metrics.callsToFailingService
        }
        // A short retry timer probes the dead service more often…
        #expect(calls(3, 1_000_000_000) > calls(3, 60_000_000_000))
        // …and a huge allowed_fails lets more failing calls through before it opens.
        #expect(calls(100, 10_000_000_000) > calls(3, 10_000_000_000))
        // Every breaker beats no breaker at all on this objective.
        #expect(result.ranking.allSatisfy { $0.score > result.baselineScore })
        #expect(result.scenarioOwn?.allowedFails == 5)
    }

    @Test func resultsDoNotDependOnTheJobCount() async {
        let grid = SweepGrid(allowedFails: [2, 5], retryTimers: [5_000_000_000, 20_000_000_000], seeds: 2)
        let one = SweepRunner.run(scenario: Self.outage, grid: grid, jobs: 1)
        let two = SweepRunner.run(scenario: Self.outage, grid: grid, jobs: 2)
        let eight = SweepRunner.run(scenario: Self.outage, grid: grid, jobs: 8)
        #expect(one == two)
        #expect(one.json() == eight.json())
        #expect(one.cells.allSatisfy { $0?.scores.count == 2 })
    }

    @Test func shardsMergeIntoTheSingleRunResult() async throws {
        let whole = SweepRunner.run(scenario: Self.outage, grid: Self.grid, jobs: 2)
        var documents: [(file: String, bytes: [UInt8])] = []
        for index in 1...3 {
            let shard = SweepShard(index: index, count: 3)!
            let part = SweepRunner.run(scenario: Self.outage, grid: Self.grid, jobs: 2, shard: shard)
            #expect(!part.isComplete)
            documents.append((file: "shard-\(index).json", bytes: Array(part.json().utf8)))
        }
        let merged = try SweepResult.merge(documents.reversed())
        #expect(merged == whole)
        #expect(merged.json() == whole.json())
        #expect(merged.csv() == whole.csv())
    }

    @Test func mergeRefusesShardsOfDifferentSweeps() async throws {
        let a = SweepRunner.run(
            scenario: Self.outage, grid: Self.grid, jobs: 2, shard: SweepShard(index: 1, count: 2))
        var other = Self.outage
        other.seed = 12
        let b = SweepRunner.run(
            scenario: other, grid: Self.grid, jobs: 2, shard: SweepShard(index: 2, count: 2))
        #expect(throws: SweepMergeError.self) {
            try SweepResult.merge([("a.json", Array(a.json().utf8)), ("b.json", Array(b.json().utf8))])
        }
        #expect(throws: SweepMergeError.self) { try SweepResult.merge([("c.json", Array("{".utf8))]) }
    }

    @Test(arguments: [
        (
            "\"allowed_fails\": [\n    1,\n    3,", "\"allowed_fails\": [\n    1,\n    3.5,",
            "allowed_fails[1]", "3.5"
        ),
        (
            "\"allowed_fails\": [\n    1,\n    3,", "\"allowed_fails\": [\n    1,\n    \"3\",",
            "allowed_fails[1]",
            "\"3\""
        ),
        (
            "\"retry_timer_ns\": [\n    1000000000,", "\"retry_timer_ns\": [\n    1000000000.5,",
            "retry_timer_ns[0]", "1000000000.5"
        ),
    ])
    func aShardWhoseGridValuesAreNotWholeNumbersIsRefused(
        original: String, edited: String, field: String, got: String
    ) throws {
        let shard = SweepRunner.run(
            scenario: Self.outage, grid: Self.grid, jobs: 2, shard: SweepShard(index: 1, count: 2))
        let json = shard.json().replacingAll(original, with: edited)
        #expect(json != shard.json())
        let error = #expect(throws: SweepMergeError.self) {
            try SweepResult.merge([("edited.json", Array(json.utf8))])
        }
        #expect(error?.file == "edited.json")
        #expect(error?.message.hasPrefix("\(field): must be a whole number") == true)
        #expect(error?.message.contains(got) == true)
    }

    @Test func stoppingEarlyReturnsWhatFinished() async {
        let result = SweepRunner.run(
            scenario: Self.outage, grid: Self.grid, jobs: 1, shouldStop: { true })
        #expect(!result.isComplete)
    }

    @Test func aStopRequestEndsTheRunUnderWayWithinASlice() {
        // The first poll (before the first run) says go on; every later one says stop. Before runs
        // were sliced, the first run went on to its end and its result was kept.
        let polls = Atomic<Int>(0)
        let result = SweepRunner.run(
            scenario: Self.outage, grid: Self.grid, jobs: 1,
            shouldStop: { polls.add(1, ordering: .relaxed).newValue > 1 })
        #expect(result.baselineCallsToFailing.isEmpty)
        #expect(result.cells.allSatisfy { $0 == nil })
        // One poll before each of the 14 runs, and one inside the first.
        #expect(polls.load(ordering: .relaxed) == 2 + 13)
    }
}
