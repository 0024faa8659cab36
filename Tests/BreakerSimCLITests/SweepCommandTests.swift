import BreakerSimTestSupport
import Foundation
import Testing

@Suite struct SweepCommandTests {
    typealias Sim = BreakerSimBinary

    static let small = ["--allowed-fails", "1,3,10", "--retry-timer", "5s,20s", "--seeds", "1"]

    @Test func sweepRanksAndIsIdenticalWhateverTheJobCount() async throws {
        let one = try await Sim.run(
            ["sweep", "scenarios/outage.json"] + Self.small + ["--jobs", "1", "--format", "json"])
        let two = try await Sim.run(
            ["sweep", "scenarios/outage.json"] + Self.small + ["--jobs", "2", "--format", "json"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == two.stdout)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        #expect((document["cells"] as? [Any])?.count == 6)
        #expect(document["best"] != nil)
        let text = try await Sim.run(["sweep", "scenarios/outage.json"] + Self.small)
        #expect(text.stdout.contains("best        allowed_fails"))
        #expect(text.stdout.contains("score by allowed_fails (rows) and retry_timer (columns)"))
        #expect(!text.stdout.contains("\u{1B}"), "plain when piped")
        let csv = try await Sim.run(["sweep", "scenarios/outage.json"] + Self.small + ["--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").count == 7)
    }

    @Test func shardsMergeToTheSingleRun() async throws {
        let whole = try await Sim.run(
            ["sweep", "scenarios/outage.json"] + Self.small + ["--format", "json"])
        var files: [String] = []
        for k in 1...2 {
            let part = try await Sim.run(
                ["sweep", "scenarios/outage.json"] + Self.small + ["--shard", "\(k)/2"])
            #expect(part.status == 0, "\(part.stderr)")
            let path = try Fixtures.temporaryFile("shard-\(k).json", contents: part.stdout)
            files.append(path)
        }
        let merged = try await Sim.run(["sweep", "merge"] + files + ["--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == whole.stdout)
    }

    /// A shard is the JSON `sweep merge` reads: asking it for CSV is refused, not silently ignored.
    @Test func aShardRefusesCSV() async throws {
        let csv = try await Sim.run(
            ["sweep", "scenarios/outage.json"] + Self.small + ["--shard", "1/2", "--format", "csv"])
        #expect(csv.status == 64)
        #expect(csv.stdout.isEmpty)
        #expect(csv.stderr.contains("--shard writes the JSON that `sweep merge` reads"), "\(csv.stderr)")
    }

    @Test(
        "a sweep expected to simulate more than 1e10 calls is refused before it starts, unless --allow-long")
    func aVeryLongSweepIsRefusedUnlessAsked() async throws {
        // 100,000 runs of fleet.json, inside the grid's limit: 5.1e10 calls at most.
        let huge = [
            "sweep", "scenarios/fleet.json", "--allowed-fails", "1...1000", "--retry-timer",
            "1s,2s,5s,10s,20s,30s,60s,90s,120s,300s", "--seeds", "10",
        ]
        let refused = try await Sim.run(huge)
        #expect(refused.status == 64)
        #expect(
            refused.stderr.contains(
                "the sweep would simulate up to about 5.1e10 calls (100020 runs of up to 5.1e5); the limit is 1.0e10"
            ),
            "\(refused.stderr)")
        #expect(refused.stderr.contains("--allow-long") && refused.stdout.isEmpty)
        // A shard of it is within the limit, and so is the whole with --allow-long: both start.
        for extra in [["--shard", "1/8"], ["--allow-long"]] {
            let started = try await Sim.run(
                huge + extra + ["--jobs", "1"], signal: .init(SIGTERM, after: .seconds(2)))
            #expect(started.status == 143, "\(extra): \(started.stderr)")
        }
    }

    @Test("merge refuses shards made with other --set overrides, a scenario, /dev/zero and a directory")
    func mergeRefusesWhatIsNotOneSweepsShards() async throws {
        let small = ["--allowed-fails", "1,3", "--retry-timer", "5s", "--seeds", "1"]
        let plain = try await Sim.run(["sweep", "scenarios/outage.json"] + small + ["--shard", "1/2"])
        let changed = try await Sim.run(
            ["sweep", "scenarios/outage.json"] + small + ["--shard", "2/2", "--set", "seed=7"])
        let overridden = try await Sim.run(
            ["sweep", "scenarios/outage.json"] + small + [
                "--shard", "2/2", "--set", "services.inventory.error_rate=0.02",
            ])
        #expect(plain.status == 0 && changed.status == 0 && overridden.status == 0, "\(overridden.stderr)")
        let one = try Fixtures.temporaryFile("set-1.json", contents: plain.stdout)
        let same = try Fixtures.temporaryFile("set-2-same.json", contents: changed.stdout)
        let other = try Fixtures.temporaryFile("set-2-other.json", contents: overridden.stdout)
        // `--set seed=7` is the scenario's own seed: the same effective scenario, so the shards merge.
        let merged = try await Sim.run(["sweep", "merge", one, same, "--format", "csv"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let refused = try await Sim.run(["sweep", "merge", one, other])
        #expect(refused.status == 65)
        #expect(
            refused.stderr.contains(
                "is not a shard of the same sweep as \(one): the scenario \"Hard outage\" differs"))

        let scenario = try await Sim.run(["sweep", "merge", "scenarios/outage.json"])
        #expect(scenario.status == 65)
        #expect(
            scenario.stderr.contains("scenarios/outage.json: is a scenario, not a shard: make shards with"))
        let zero = try await Sim.run(["sweep", "merge", "/dev/zero"])
        #expect(zero.status == 65)
        #expect(zero.stderr.contains("/dev/zero: is too large (more than 134217728 bytes)"))
        let directory = try await Sim.run(["sweep", "merge", "scenarios"])
        #expect(directory.status == 66)
        #expect(directory.stderr.contains("scenarios: is a directory"))
    }

    @Test(arguments: [
        ["--allowed-fails", ""], ["--allowed-fails", "0...3"], ["--allowed-fails", "5...2"],
        ["--allowed-fails", "a,b"], ["--retry-timer", "5s,,10s"], ["--retry-timer", "-5s"],
        ["--allowed-fails", "1...100000", "--retry-timer", "1s,2s,3s,4s,5s"], ["--seeds", "0"],
        ["--shard", "3/2"],
        ["--objective", "fastest"], ["--client", "storefront", "--client", "nobody"],
    ])
    func badRangesAreUsageErrors(arguments: [String]) async throws {
        let result = try await Sim.run(["sweep", "scenarios/outage.json"] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("Error:") || result.stderr.contains("breaker-sim:"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test(
        "sweep lists: a sign, a range missing an end, a doubled separator or a value past the scenario's limit is refused with the reason",
        arguments: [
            (["--allowed-fails=-3"], "a count of failures has no sign"),
            (["--allowed-fails", "-3"], "a count of failures has no sign"),
            (["--allowed-fails", "3-"], "a range is two whole numbers"),
            (["--allowed-fails", "1--5"], "a range is two whole numbers"),
            (["--allowed-fails", "1....5"], "a range is two whole numbers"),
            (["--allowed-fails", "1,2000000"], "at most 1000000, the scenario's limit for allowed_fails"),
            (["--allowed-fails", "99999999999999999999999"], "at most 1000000"),
            (["--retry-timer", "-5s"], "a duration cannot be negative"),
            (["--retry-timer", "5s,721h"], "at most 30 days, the scenario's limit for retry_timer"),
            (["--allowed-fails", "--seeds", "2"], "--allowed-fails needs a value before the next option"),
        ] as [([String], String)])
    func listGrammar(arguments: [String], message: String) async throws {
        let result = try await Sim.run(["sweep", "scenarios/outage.json"] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }

    @Test("one combination and one seed are counted in the singular")
    func singularCounts() async throws {
        let result = try await Sim.run(
            ["sweep", "scenarios/outage.json", "--allowed-fails", "3", "--retry-timer", "5s", "--seeds", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Sweep of \"Hard outage\" — 1 combination × 1 seed,"))
    }

    @Test("every spelling of a range gives the same sweep")
    func rangeSpellings() async throws {
        var outputs: [String] = []
        for spelling in ["1...3", "1..3", "1-3", "1,2,3", " 1...3 "] {
            let result = try await Sim.run(
                [
                    "sweep", "scenarios/outage.json", "--allowed-fails", spelling, "--retry-timer", "5s",
                    "--seeds", "1",
                    "--format", "csv",
                ])
            #expect(result.status == 0, "\(spelling): \(result.stderr)")
            outputs.append(result.stdout)
        }
        #expect(Set(outputs).count == 1)
        #expect(outputs[0].split(separator: "\n").count == 4, "a header and three cells")
    }

    @Test func unknownClientIsNamed() async throws {
        let result = try await Sim.run(
            ["sweep", "scenarios/outage.json", "--client", "storefrnt"] + Self.small)
        #expect(result.status == 64)
        #expect(result.stderr.contains("no client named \"storefrnt\""))
    }

    @Test func newObjectivesAndFieldsReachTheOutputs() async throws {
        for objective in ["latency", "wait"] {
            let result = try await Sim.run(
                ["sweep", "scenarios/outage.json"] + Self.small + [
                    "--objective", objective, "--format", "json",
                ])
            #expect(result.status == 0, "\(result.stderr)")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(document["objective"] as? String == objective)
            #expect(document["pareto_front"] is [Any])
            #expect(document["headline"] is [Any])
            let cell = try #require((document["cells"] as? [[String: Any]])?.first)
            for key in ["p99_latency_s", "user_wait_s", "indistinguishable_from_best", "pareto", "routes"] {
                #expect(cell[key] != nil, "\(key)")
            }
        }
        let help = try await Sim.run(["sweep", "run", "--help"])
        #expect(help.stdout.contains("(default: 5)"))
    }
}

/// What `--help` promises a script.
@Suite struct HelpTests {
    @Test(
        "every command's --help lists every exit status",
        arguments: [[], ["run"], ["validate"], ["sweep"], ["sweep", "run"], ["sweep", "merge"], ["record"]])
    func helpListsTheExitStatuses(command: [String]) async throws {
        let result = try await BreakerSimBinary.run(command + ["--help"])
        #expect(result.status == 0)
        let text = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for status in [
            "64 bad usage", "65 invalid", "66 unreadable", "73 an output file", "74 standard output",
            "128 + N",
        ] {
            #expect(text.contains(status), "\(command): \(status)")
        }
    }
}

extension SweepCommandTests {
    @Test("--export prints the best combination as a library's configuration, and nothing else")
    func export() async throws {
        let result = try await Sim.run(
            ["sweep", "scenarios/outage.json"] + Self.small + ["--export", "gobreaker"])
        #expect(result.status == 0, "\(result.stderr)")
        let best = try await Sim.run(["sweep", "scenarios/outage.json"] + Self.small + ["--format", "json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(best.stdout.utf8)) as? [String: Any])
        let cell = try #require(document["best"] as? [String: Any])
        let fails = try #require(cell["allowed_fails"] as? Int)
        #expect(result.stdout.contains("return counts.ConsecutiveFailures >= \(fails)"), "\(result.stdout)")
        #expect(result.stdout.hasPrefix("// breaker-sim sweep of \"Hard outage\""))
        let refused = try await Sim.run(
            ["sweep", "scenarios/outage.json"] + Self.small + ["--export", "hystrix"])
        #expect(refused.status == 64)
        let withFormat = try await Sim.run(
            ["sweep", "scenarios/outage.json"] + Self.small + ["--export", "polly", "--format", "json"])
        #expect(
            withFormat.status == 64 && withFormat.stderr.contains("--export prints the configuration alone"))
    }
}

extension SweepCommandTests {
    static let rateClient = [
        "--set", #"clients.storefront.breaker={"policy": "failure_rate", "failure_rate": 0.5, "window": 20}"#,
    ]
    static let timers = ["--retry-timer", "5s,20s", "--seeds", "2"]

    @Test(
        "a failure-rate client is swept over failure rates by default; --policies consecutive says what it replaces"
    )
    func failureRateClient() async throws {
        let result = try await Sim.run(
            ["sweep", "scenarios/outage.json"] + Self.timers + Self.rateClient + [
                "--failure-rate", "0.5,0.8",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.contains("best        failure_rate "), "\(result.stdout)")
        #expect(result.stdout.contains("score by trip rule (rows)"))
        // Default windows 20 and 100, each with its own size as the minimum; two thresholds.
        for label in ["50% of 20", "80% of 20", "50% of 100", "80% of 100"] {
            #expect(result.stdout.contains("\n  \(label) "), "\(label)")
        }
        #expect(!result.stdout.contains("best of each policy"))

        let consecutive = try await Sim.run(
            ["sweep", "scenarios/outage.json"] + Self.small + Self.rateClient + ["--policies", "consecutive"])
        #expect(consecutive.status == 0, "\(consecutive.stderr)")
        #expect(
            consecutive.stderr.contains(
                "storefront's breaker has policy failure_rate; the grid tries consecutive breakers"))
        #expect(consecutive.stdout.contains("best        allowed_fails"))
    }

    @Test("--policies consecutive,failure_rate puts the best of each side by side, on the same seeds")
    func policiesSideBySide() async throws {
        let arguments =
            [
                "sweep", "scenarios/outage.json", "--policies", "consecutive,failure_rate", "--allowed-fails",
                "3,10",
            ]
            + ["--failure-rate", "0.5", "--window", "20,5s", "--minimum-calls", "10"] + Self.timers
        let text = try await Sim.run(arguments)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("best of each policy, on the same seeds"), "\(text.stdout)")
        #expect(text.stdout.contains("Best of each policy on the same seeds: the "))
        for label in ["\n  3 ", "\n  10 ", "\n  50% of 20 ≥10 ", "\n  50% in 5s ≥10 "] {
            #expect(text.stdout.contains(label), "\(label)")
        }
        let json = try await Sim.run(arguments + ["--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let trips = try #require(object["trips"] as? [[String: Any]])
        #expect(trips.count == 4)
        #expect(trips[2]["policy"] as? String == "failure_rate" && trips[2]["window_calls"] as? Int == 20)
        #expect(trips[3]["window_ns"] as? Int == 5_000_000_000 && trips[3]["minimum_calls"] as? Int == 10)
        let bests = try #require(object["best_per_policy"] as? [[String: Any]])
        #expect(bests.map { $0["policy"] as? String } == ["consecutive", "failure_rate"])
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.count == 8)
        // Every cell ran on both seeds, the same seeds for both policies.
        #expect(cells.allSatisfy { ($0["scores"] as? [Double])?.count == 2 })
        #expect(object["policy_trade_off"] is String)
        // The best's export is that policy's configuration.
        let best = try #require(object["best"] as? [String: Any])
        let export = try await Sim.run(arguments + ["--export", "breakercore"])
        #expect(export.status == 0)
        if best["policy"] as? String == "failure_rate" {
            #expect(export.stdout.contains("policy: .failureRate(threshold: 0.5"), "\(export.stdout)")
        } else {
            #expect(export.stdout.contains("allowedFails: \(try #require(best["allowed_fails"] as? Int))"))
        }
        // Shards of the mixed grid merge into what the single run printed.
        var shards: [String] = []
        for index in 1...2 {
            let shard = try await Sim.run(arguments + ["--shard", "\(index)/2"])
            #expect(shard.status == 0)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "policies-\(ProcessInfo.processInfo.processIdentifier)-\(index).json")
            try shard.stdout.write(to: path, atomically: true, encoding: .utf8)
            shards.append(path.path)
        }
        defer { for path in shards { try? FileManager.default.removeItem(atPath: path) } }
        let merged = try await Sim.run(["sweep", "merge"] + shards + ["--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == json.stdout)
    }

    @Test(
        "bad failure-rate options are refused with the option and the reason",
        arguments: [
            (["--failure-rate", "1.5"], "--failure-rate: a failure rate is more than 0 and at most 1"),
            (["--failure-rate", "half"], "--failure-rate: not a share of calls"),
            (["--window", "0"], "--window: a window of calls holds 1 to 10000 calls"),
            (["--window", "10us"], "--window: a time window is 1ms to"),
            (["--policies", "ratio"], "--policies: not a policy (got \"ratio\")"),
            (
                ["--policies", "consecutive", "--window", "20"],
                "apply to the failure_rate policy, which --policies leaves out"
            ),
            (
                ["--window", "5", "--minimum-calls", "10"],
                "--minimum-calls: every value is larger than every --window"
            ),
        ])
    func badRateOptions(options: [String], message: String) async throws {
        let result = try await Sim.run(["sweep", "scenarios/outage.json"] + options + Self.timers)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("what the options leave implicit is said on standard error; two spellings of one rate are one row")
    func implicitChoicesAreSaid() async throws {
        let added = try await Sim.run(
            ["sweep", "scenarios/outage.json", "--failure-rate", "0.7%,0.007", "--window", "20,5s"]
                + ["--minimum-calls", "30", "--allowed-fails", "3", "--retry-timer", "5s", "--seeds", "1"]
                + ["--format", "json"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(
            added.stderr.contains(
                "comparing consecutive and failure_rate breakers: failure_rate because of its options"))
        #expect(added.stderr.contains("--window 20: every --minimum-calls is larger than 20 calls"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])
        let trips = try #require(object["trips"] as? [[String: Any]])
        // allowed_fails 3, and one failure rate (0.007) on the 5 s window only.
        #expect(trips.count == 2, "\(trips)")
        #expect(trips.last?["failure_rate"] as? Double == 0.007)
    }

    @Test("a grid too large is refused before it is built, with the sweep run's usage")
    func hugeGridIsRefusedFirst() async throws {
        let rates = (1...100).map { String(Double($0) / 1000) }.joined(separator: ",")
        let windows = (1...100).map { "\($0)s" }.joined(separator: ",")
        let result = try await Sim.run(
            ["sweep", "scenarios/outage.json", "--policies", "failure_rate", "--failure-rate", rates]
                + ["--window", windows, "--minimum-calls", "1...10000", "--retry-timer", "5s"])
        #expect(result.status == 64)
        #expect(
            result.stderr.contains(
                "the sweep would take 500,000,000 runs (100,000,000 trip rules × 1 retry timer × 5 seeds)"),
            "\(result.stderr)")
        let conflict = try await Sim.run(
            ["sweep", "scenarios/outage.json", "--policies", "consecutive", "--window", "20"])
        #expect(
            conflict.status == 64 && conflict.stderr.contains("Usage: breaker-sim sweep run"),
            "\(conflict.stderr)")
    }
}
