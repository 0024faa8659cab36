import BreakerSimTestSupport
import Foundation
import Testing

@Suite struct CommandLineTests {
    typealias Sim = BreakerSimBinary

    @Test func frontDoorPipedPrintsTheHeadlessSummary() async throws {
        let result = try await Sim.run(["scenarios/flaky.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Flaky payments API — seed 42, 10m simulated, breakers on"))
        #expect(result.stdout.contains("web#12 payments"))
        #expect(!result.stdout.contains("\u{1B}"), "no escape codes in a pipe")
        #expect(result.stderr.contains("calls/s"))
    }

    @Test func jsonFollowsTheOutputContractAndIsDeterministic() async throws {
        let first = try await Sim.run(["run", "scenarios/outage.json", "--headless", "--format", "json"])
        let second = try await Sim.run(["run", "scenarios/outage.json", "--headless", "--format", "json"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        for key in ["scenario", "seed", "duration_s", "totals", "breakers", "services", "metrics"] {
            #expect(document[key] != nil, "missing \(key)")
        }
        let totals = try #require(document["totals"] as? [String: Any])
        for key in ["offered", "executed", "succeeded", "failed", "rejected", "ignored", "probes"] {
            #expect(totals[key] is Int, "totals.\(key)")
        }
        let breakers = try #require(document["breakers"] as? [[String: Any]])
        #expect(breakers.count == 10)
        for breaker in breakers {
            for key in [
                "name", "client", "service", "offered", "executed", "succeeded", "failed", "rejected",
                "opens",
                "closes", "probes", "probes_failed", "time_closed_s", "time_open_s", "time_half_open_s",
                "first_open_at_s",
            ] {
                #expect(breaker.keys.contains(key), "breakers[].\(key)")
            }
            #expect(
                (breaker["offered"] as? Int) == (breaker["executed"] as? Int ?? -1)
                    + (breaker["rejected"] as? Int ?? -1))
        }
        let metrics = try #require(document["metrics"] as? [String: Any])
        for key in [
            "goodput_per_s", "detection_delay_s", "recovery_delay_s", "false_opens",
            "calls_to_failing_service",
            "good_calls_rejected",
        ] {
            #expect(metrics.keys.contains(key), "metrics.\(key)")
        }
    }

    @Test func seedDurationSetAndNoBreakersChangeTheRun() async throws {
        let base = try await Sim.run(["run", "scenarios/outage.json", "--format", "json"])
        let reseeded = try await Sim.run(["run", "scenarios/outage.json", "--format", "json", "--seed", "8"])
        #expect(base.stdout != reseeded.stdout)
        #expect(reseeded.stdout.contains("\"seed\": 8,"))
        let short = try await Sim.run([
            "run", "scenarios/outage.json", "--format", "json", "--duration", "90s",
        ])
        #expect(short.stdout.contains("\"duration_s\": 90,"))
        let set = try await Sim.run([
            "run", "scenarios/outage.json", "--format", "json", "--set",
            "clients.storefront.breaker.allowed_fails=50",
        ])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout != base.stdout)
        let unprotected = try await Sim.run([
            "run", "scenarios/outage.json", "--format", "json", "--no-breakers",
        ])
        #expect(unprotected.stdout.contains("\"rejected\": 0,"))
        #expect(unprotected.stdout.contains("\"breakers_enabled\": false"))
    }

    @Test func compareEndsTheTextSummaryWithTheRunTheOtherWay() async throws {
        let with = try await Sim.run(["run", "scenarios/outage.json", "--compare"])
        #expect(with.status == 0, "\(with.stderr)")
        let plain = try await Sim.run(["run", "scenarios/outage.json"])
        #expect(with.stdout.hasPrefix(plain.stdout), "the usual summary comes first, unchanged")
        let tail = String(with.stdout.dropFirst(plain.stdout.count))
        #expect(tail.contains("without breakers, same seed: "))
        // The figures are those of the run without breakers.
        let without = try await Sim.run(["run", "scenarios/outage.json", "--no-breakers", "--format", "json"])
        let failed = try #require(without.stdout.firstMatch(of: /"requests_failed": (\d+)/)).1
        let digits = Array(String(failed))
        let grouped = digits.enumerated().map { index, digit in
            (index > 0 && (digits.count - index) % 3 == 0 ? "," : "") + String(digit)
        }.joined()
        #expect(tail.contains("failed \(grouped) (with: "), "\(tail)")
        let json = try await Sim.run(["run", "scenarios/outage.json", "--compare", "--format", "json"])
        #expect(json.status == 64)
        #expect(json.stderr.contains("--compare: the JSON summary has no comparison"))
    }

    @Test func timelineHasOneRowPerSamplePerBreaker() async throws {
        let path = try Fixtures.temporaryFile("timeline.csv")
        let result = try await Sim.run([
            "run", "scenarios/outage.json", "--duration", "30s", "--timeline", path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix("time_s,breaker,client,service,state,") == true)
        #expect(lines.count == 1 + 30 * 10)
        #expect(lines[1].hasPrefix("1,storefront#1,storefront,inventory,closed,"))
    }

    @Test func unwritableTimelineFailsBeforeTheRun() async throws {
        let result = try await Sim.run([
            "run", "scenarios/flaky.json", "--timeline", "/nonexistent-dir/t.csv",
        ])
        #expect(result.status == 73)
        #expect(result.stderr.hasPrefix("breaker-sim: /nonexistent-dir/t.csv: cannot write the timeline"))
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        ("missing.json", 66, "breaker-sim: missing.json: "),
        ("scenarios", 66, "breaker-sim: scenarios: "),
    ])
    func unreadableFilesExit66(file: String, status: Int32, prefix: String) async throws {
        let result = try await Sim.run(["run", file])
        #expect(result.status == status)
        #expect(result.stderr.hasPrefix(prefix), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    /// A FIFO nobody writes to blocked `validate` and `run` forever; now both give up after 10 s.
    @Test func aFIFOWithoutAWriterIsRefusedInsteadOfHanging() async throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID()).fifo")
            .path
        try #require(mkfifo(fifo, 0o600) == 0)
        defer { try? FileManager.default.removeItem(atPath: fifo) }
        for command in ["validate", "run"] {
            let result = try await Sim.run([command, fifo], timeout: .seconds(60))
            #expect(result.status == 66)
            #expect(
                result.stderr
                    == "breaker-sim: \(fifo): is not a regular file and nothing arrived within 10s (is anything writing to it?)\n"
            )
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func aBrokenScenarioNamesFileFieldAndProblem() async throws {
        let path = try Fixtures.temporaryFile(
            "broken.json",
            contents: """
                {"name": "x", "duration": "1m", "services": [{"name": "s", "error_rate": 1.5}],
                 "clients": [{"name": "c", "calls": "s", "rate": 5, "breaker": {"alowed_fails": 2}}]}
                """)
        let result = try await Sim.run(["run", path])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("breaker-sim: \(path): ") })
        #expect(result.stderr.contains("services[0].error_rate"))
        #expect(result.stderr.contains("allowed_fails"))
        #expect(result.stdout.isEmpty)
    }

    @Test func validateChecksEveryFile() async throws {
        let good = try await Sim.run(["validate", "scenarios/flaky.json", "scenarios/fleet.json"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(
            good.stdout.contains(
                "scenarios/fleet.json: ok — \"A fleet of 240 instances\", 3 services, 230 breakers in 240 client instances"
            ))
        // flaky.json's web instances call two services: a breaker for each.
        #expect(
            good.stdout.contains(", 2 services, 28 breakers in 16 client instances, 10m"), "\(good.stdout)")
        let one = try await Sim.run(["validate", "scenarios/outage.json"])
        #expect(one.stdout.contains(", 1 service, "))
        // A client without a breaker has instances but no breakers.
        let none = try await Sim.run([
            "validate", "scenarios/outage.json", "--set", "clients[0].breaker=null",
        ])
        #expect(none.stdout.contains(", 1 service, 0 breakers in 10 client instances, 5m"), "\(none.stdout)")
        let bad = try Fixtures.temporaryFile("bad.json", contents: "{ not json")
        let mixed = try await Sim.run(["validate", "scenarios/flaky.json", bad])
        #expect(mixed.status == 65)
        #expect(mixed.stderr.hasPrefix("breaker-sim: \(bad): "))
    }

    @Test("validate checks a file with the overrides a run would apply")
    func validateTakesOverrides() async throws {
        let good = try await Sim.run([
            "validate", "scenarios/flaky.json", "--set", "clients.web.instances=3", "--set", "duration=9m",
        ])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(
            good.stdout.contains("10 breakers in 7 client instances, 9m (with 2 overrides)"), "\(good.stdout)"
        )
        let bad = try await Sim.run(["validate", "scenarios/flaky.json", "--set", "clients.web.workers=0"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("clients[0].workers"), "\(bad.stderr)")
        #expect(bad.stderr.contains("--set clients.web.workers=0"), "\(bad.stderr)")
        #expect(bad.stdout.isEmpty)
    }

    @Test func badUsageExits64() async throws {
        #expect(try await Sim.run(["run"]).status == 64)
        #expect(try await Sim.run(["run", "scenarios/flaky.json", "--format", "yaml"]).status == 64)
        let duration = try await Sim.run(["run", "scenarios/flaky.json", "--duration", "soon"])
        #expect(duration.status == 64)
        #expect(duration.stderr.contains("--duration: not a duration (got \"soon\")"))
        // Zero is a duration, just not one a run can have: said as such.
        let zero = try await Sim.run(["check", "scenarios/flaky.json", "--duration=0s", "--expect", "a > 1"])
        #expect(zero.status == 64)
        #expect(zero.stderr.contains("--duration: must be longer than zero (got \"0s\")"), "\(zero.stderr)")
        // A negative value is read as the option's value (not as an unknown option), and refused as such.
        let negative = try await Sim.run(["run", "scenarios/outage.json", "--duration", "-5m"])
        #expect(negative.status == 64)
        #expect(
            negative.stderr.contains("--duration: must be longer than zero (got \"-5m\")"),
            "\(negative.stderr)")
        let seeds = try await Sim.run(["sweep", "scenarios/outage.json", "--seeds", "-1"])
        #expect(seeds.stderr.contains("--seeds must be between 1 and 1000 (got -1)"), "\(seeds.stderr)")
        // Shorter than one sample interval: no timeline, no charts. Refused, with the way out.
        let short = try await Sim.run(["run", "scenarios/outage.json", "--headless", "--duration", "500ms"])
        #expect(short.status == 64)
        #expect(short.stdout.isEmpty)
        #expect(
            short.stderr.contains(
                "--duration 500ms is shorter than the scenario's sample_every (1s), so no sample would be taken"
            ),
            "\(short.stderr)")
    }
}

@Suite struct RecordingTests {
    typealias Sim = BreakerSimBinary

    /// `demo.gif.txt` is the README's recording; regenerating it must give the same bytes.
    @Test func demoRecordingIsUpToDateAndDeterministic() async throws {
        let result = try await Sim.run([
            "record", "scenarios/flaky.json", "--frames", "12", "--every", "50s", "--size", "100x30",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let committed = try String(
            contentsOfFile: PackageRoot.appending("demo.gif.txt"), encoding: .utf8)
        #expect(result.stdout == committed, "regenerate with the command in the README")
        #expect(result.stdout.contains("════════ frame 12/12 · t=10m ════════"))
        #expect(result.stdout.contains("FINISHED"))
        #expect(!result.stdout.contains("q quit"), "no key footer in recorded frames")
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix(">") }, "no selection cursor")
    }

    /// An --every far longer than the run (up to the largest a duration can be) is one frame, not a crash.
    @Test(arguments: ["text", "cast"])
    func aHugeIntervalIsOneFrame(format: String) async throws {
        let result = try await Sim.run([
            "record", "scenarios/outage.json", "--format", format, "--every", "9223372036s",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.isEmpty)
    }

    /// More frames than the run has: the headers count the frames drawn, and a note says why.
    @Test func framesPastTheEndOfTheRunAreCountedOutOfThoseDrawn() async throws {
        let result = try await Sim.run([
            "record", "scenarios/outage.json", "--frames", "20", "--every", "30s",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("════════ frame 10/10 · t=5m ════════"))
        #expect(!result.stdout.contains("/20"))
        #expect(
            result.stderr.contains(
                "note: the run ends after 10 frames of --every 30s (5m simulated); 20 were asked for"),
            "\(result.stderr)")
    }

    /// `demo.cast` is the README's asciinema recording: regenerated, the same bytes; valid asciinema v2
    /// with colours, timestamps from simulated time and a marker at every phase and the first trip.
    @Test func demoCastIsUpToDateValidAndMarked() async throws {
        let result = try await Sim.run(["record", "scenarios/flaky.json", "--format", "cast"])
        #expect(result.status == 0, "\(result.stderr)")
        let committed = try String(contentsOfFile: PackageRoot.appending("demo.cast"), encoding: .utf8)
        #expect(result.stdout == committed, "regenerate with the command in the README")
        let lines = result.stdout.split(separator: "\n").map { Data($0.utf8) }
        let header = try #require(try JSONSerialization.jsonObject(with: lines[0]) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 100 && header["height"] as? Int == 30)
        var last = -1.0
        var markers: [String] = []
        var output = ""
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: line) as? [Any])
            let time = try #require(event[0] as? Double)
            #expect(time >= last, "timestamps never go back")
            last = time
            switch event[1] as? String {
            case "o": output += event[2] as? String ?? ""
            case "m": markers.append(event[2] as? String ?? "")
            default: Issue.record("an event that is neither output nor marker: \(event)")
            }
        }
        // 10 minutes at 10 virtual seconds per second.
        #expect(last == 60)
        #expect(
            markers.prefix(2) == [
                "payments: brownout",
                "first trip: web#1 payments CLOSED → OPEN after 5 failures, retry in 5s",
            ])
        #expect(markers.dropFirst(2) == ["payments: outage", "payments: flapping", "payments: slow"])
        // Colours are kept, in the 256-colour palette: blue closed, orange open.
        #expect(
            output.contains("\u{1B}[0;38;5;39m") && output.contains("\u{1B}[0;38;5;208m"), "colours are kept")
        let light = try await Sim.run([
            "record", "scenarios/flaky.json", "--format", "cast", "--theme", "light",
        ])
        #expect(light.stdout.contains("38;5;25m") && !light.stdout.contains("38;5;39m"), "--theme light")
        #expect(output.contains("FINISHED") && !output.contains("q quit"))
        let again = try await Sim.run(["record", "scenarios/flaky.json", "--format", "cast"])
        #expect(again.stdout == result.stdout)
    }

    @Test func recordRejectsBadSizes() async throws {
        let result = try await Sim.run(["record", "scenarios/flaky.json", "--size", "60x20"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("at least 80x24"))
    }

    @Test func anUnknownThemeIsRefusedWithTheChoices() async throws {
        for command in [["run", "scenarios/flaky.json", "--headless"], ["record", "scenarios/flaky.json"]] {
            let result = try await Sim.run(command + ["--theme", "purple"])
            #expect(result.status == 64)
            #expect(result.stderr.contains("--theme"), "\(result.stderr)")
            #expect(result.stderr.contains("auto") && result.stderr.contains("light"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
