import BreakerSimTestSupport
import Foundation
import Testing

@testable import BreakerSimulation

/// `sweep merge` trusts nothing in a shard: each is checked as strictly as a scenario, and shards merge
/// only when they come from one sweep of one effective scenario.
@Suite struct ShardValidationTests {
    static let outage = SweepFixtures.longOutage
    static let grid = SweepGrid(
        allowedFails: [1, 3], retryTimers: [1_000_000_000, 10_000_000_000], seeds: 2)

    /// Shard `index` of `count` of the fixture's sweep (or of `scenario`), as JSON text.
    static func shard(_ index: Int, of count: Int, scenario: Scenario = outage, grid: SweepGrid = grid)
        -> String
    {
        SweepRunner.run(
            scenario: scenario, grid: grid, jobs: 2, shard: SweepShard(index: index, count: count)
        ).json()
    }

    static let first = shard(1, of: 2)

    /// The JSON of `text` with `edit` applied to its top-level object.
    static func edited(_ text: String = first, _ edit: (inout [String: Any]) -> Void) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        edit(&object)
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    static func problem(_ texts: [String]) -> String? {
        let documents = texts.enumerated().map {
            (file: "s\($0.offset + 1).json", bytes: Array($0.element.utf8))
        }
        do {
            _ = try SweepResult.merge(documents)
            return nil
        } catch {
            return error.description
        }
    }

    static func firstCell(_ object: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        var cells = object["cells"] as! [[String: Any]]
        change(&cells[0])
        object["cells"] = cells
    }

    @Test("a shard is a valid merge of itself, and carries a format version and the scenario's fingerprint")
    func aGoodShardIsAccepted() throws {
        #expect(Self.problem([Self.first]) == nil)
        #expect(Self.first.contains("\"format_version\": 1"))
        #expect(Self.first.contains("\"scenario_fingerprint\": \"\(Self.outage.fingerprint)\""))
        #expect(Self.problem([Self.first, Self.shard(2, of: 2)]) == nil)
    }

    @Test(
        "a shard whose values are out of range, inconsistent or not finite is refused, naming the field",
        arguments: [
            ("seeds 0", "s1.json: seeds: must be a whole number from 1 to 1000 (got 0)"),
            ("seeds -3", "s1.json: seeds: must be a whole number from 1 to 1000 (got -3)"),
            (
                "negative timer",
                "s1.json: retry_timer_ns[0]: must be a whole number from 0 to 2592000000000000 (got -5)"
            ),
            (
                "allowed_fails 0",
                "s1.json: allowed_fails[0]: must be a whole number from 1 to 1000000 (got 0)"
            ),
            ("repeated allowed_fails", "s1.json: allowed_fails[1]: repeats 1"),
            (
                "cell off its grid index",
                "s1.json: cells[0]: has allowed_fails 3 and retry_timer_ns 1000000000, but cell 0 of the grid is allowed_fails 1 and 1000000000"
            ),
            ("empty scores", "s1.json: cells[0].scores: has 0 entries; one per seed is 2"),
            (
                "cell of another shard",
                "s1.json: cells[0].index: cell 1 belongs to shard 2/2, not to this one (1/2)"
            ),
            ("ratio above 1", "s1.json: baseline.goodput_ratio: must be from 0.0 to 1.0 (got 1.5)"),
            (
                "huge grid",
                "s1.json: declares 30000 × 30000 combinations × 2 seeds = 1800000000 runs; a sweep has at most 100000"
            ),
            (
                "escape in the name",
                #"s1.json: scenario: must be a name as a scenario allows it (not empty, at most 200 characters, no control or formatting characters; got "x\u001B[2Jy")"#
            ),
            (
                "no version",
                "s1.json: has no format_version: it is not a shard, or was written by an older breaker-sim; make the shards again with this one"
            ),
            ("bad shard", #"s1.json: shard: must be K/N with 1 ≤ K ≤ N (got "3/2")"#),
        ])
    func badValuesAreRefused(edit: String, message: String) throws {
        let text = try Self.edited { object in
            switch edit {
            case "seeds 0": object["seeds"] = 0
            case "seeds -3": object["seeds"] = -3
            case "negative timer": object["retry_timer_ns"] = [-5, 10_000_000_000]
            case "allowed_fails 0": object["allowed_fails"] = [0, 3]
            case "repeated allowed_fails": object["allowed_fails"] = [1, 1]
            case "cell off its grid index": Self.firstCell(&object) { $0["allowed_fails"] = 3 }
            case "empty scores": Self.firstCell(&object) { $0["scores"] = [Double]() }
            case "cell of another shard":
                Self.firstCell(&object) {
                    $0["index"] = 1
                    $0["retry_timer_ns"] = 10_000_000_000
                }
            case "ratio above 1":
                var baseline = object["baseline"] as! [String: Any]
                baseline["goodput_ratio"] = 1.5
                object["baseline"] = baseline
            case "huge grid":
                object["allowed_fails"] = Array(1...30_000)
                object["trips"] = Array(1...30_000).map { ["policy": "consecutive", "allowed_fails": $0] }
                object["retry_timer_ns"] = Array(0..<30_000).map { $0 * 1_000_000 }
            case "escape in the name": object["scenario"] = "x\u{1B}[2Jy"
            case "no version": object["format_version"] = nil
            case "bad shard": object["shard"] = "3/2"
            default: Issue.record("unknown edit \(edit)")
            }
        }
        #expect(Self.problem([text]) == message)
    }

    @Test("a shard stopped before its runs without breakers finished is refused, saying why")
    func aShardStoppedEarlyIsRefused() throws {
        // Stopped at once: no run finishes, so the shard has no baseline and no scored combination.
        let stopped = SweepRunner.run(
            scenario: Self.outage, grid: Self.grid, jobs: 1, shard: SweepShard(index: 1, count: 2),
            shouldStop: { true }
        ).json()
        let message = try #require(Self.problem([stopped, Self.shard(2, of: 2)]))
        #expect(
            message.contains(
                "s1.json: baseline.calls_to_failing_service_per_seed: holds the run without breakers for 0 "
                    + "of 2 seeds: the sweep that wrote it was stopped before they finished"), "\(message)")
    }

    @Test("finite but absurd numbers are refused too (1e300 trapped in the text's Int conversions)")
    func hugeNumbersAreRefused() throws {
        let calls = try Self.edited { object in
            var baseline = object["baseline"] as! [String: Any]
            baseline["calls_to_failing_service"] = 1e300
            object["baseline"] = baseline
        }
        #expect(
            Self.problem([calls])?.hasPrefix(
                "s1.json: baseline.calls_to_failing_service: must be from 0.0 to") == true)
        let score = try Self.edited { object in Self.firstCell(&object) { $0["scores"] = [1e300, 0.5] } }
        #expect(Self.problem([score])?.hasPrefix("s1.json: cells[0].scores[0]: must be from") == true)
        let latency = try Self.edited { object in Self.firstCell(&object) { $0["p99_latency_s"] = 1e300 } }
        #expect(Self.problem([latency])?.hasPrefix("s1.json: cells[0].p99_latency_s: must be from") == true)
    }

    @Test("a score of 1e400 is refused as not finite (it trapped converting to Int)")
    func nonFiniteNumbersAreRefused() {
        let text = Self.first.replacingAll("\"scores\": [\n", with: "\"scores\": [\n 1e400,\n")
        #expect(text != Self.first)
        #expect(Self.problem([text])?.hasSuffix("scores[0]: must be a finite number (got 1e400)") == true)
    }

    @Test("shards of two scenarios with one name, with other overrides, or split differently do not merge")
    func shardsOfDifferentSweepsDoNotMerge() throws {
        var other = Self.outage
        other.services[0].errorRate = 0.01  // what `--set services.db.error_rate=0.01` makes
        let second = Self.shard(2, of: 2, scenario: other)
        let problem = try #require(Self.problem([Self.first, second]))
        #expect(
            problem.hasPrefix(
                "s2.json: is not a shard of the same sweep as s1.json: the scenario \"long outage\" differs"))
        #expect(problem.contains(Self.outage.fingerprint) && problem.contains(other.fingerprint))

        let third = try #require(Self.problem([Self.first, Self.shard(2, of: 3)]))
        #expect(
            third
                == "s2.json: is not a shard of the same sweep as s1.json: one is split into 2 shards, the other into 3"
        )
    }

    @Test("the fingerprint follows every field of the scenario and nothing else")
    func fingerprintFollowsTheScenario() {
        #expect(Self.outage.fingerprint == SweepFixtures.longOutage.fingerprint)
        #expect(Self.outage.fingerprint.count == 16)
        var changed = Self.outage
        changed.clients[0].rate = 21
        #expect(changed.fingerprint != Self.outage.fingerprint)
        changed.clients[0].rate = 20
        #expect(changed.fingerprint == Self.outage.fingerprint)
    }
}
