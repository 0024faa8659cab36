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
    @Test("a failure-rate client is swept as consecutive breakers, and the sweep says so")
    func failureRateClient() async throws {
        let result = try await Sim.run(
            ["sweep", "scenarios/outage.json"] + Self.small + [
                "--set",
                #"clients.storefront.breaker={"policy": "failure_rate", "failure_rate": 0.5, "window": 20}"#,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "storefront's breaker has policy failure_rate; the grid tries consecutive breakers"))
        #expect(result.stdout.contains("best        allowed_fails"))
    }
}
