import Foundation
import Testing

@testable import BreakerSimulation

/// Where the scenario test files are, found from this source file (not from bundle resources).
enum ScenarioFiles {
    /// `Tests/BreakerSimulationTests/BadScenarios`: invalid scenarios, one kind of mistake each (also
    /// the seed corpus for fuzzing the loader).
    static let badScenariosDirectory: String = {
        let here = #filePath
        let directory = here[..<(here.lastIndex(of: "/") ?? here.startIndex)]
        return directory + "/BadScenarios"
    }()

    static func badScenario(_ name: String) -> String {
        badScenariosDirectory + "/" + name
    }
}

@Suite struct ScenarioFileTests {
    /// Every file in BadScenarios with the lines the loader reports for it (after "FILE: ").
    static let expectations: [String: [String]] = [
        "empty.json": ["is empty (expected a JSON object with the scenario's fields)"],
        "not-utf8.json": ["not valid UTF-8 (byte 0xE9 at offset 16)"],
        "utf16.json": [
            "is UTF-16LE text, not UTF-8: convert it first, e.g. iconv -f UTF-16LE -t UTF-8 {file} > converted.json"
        ],
        "missing-comma.json": ["not valid JSON: expected ',' or '}' at line 4 column 3"],
        "deep-nesting.json": ["nested more than 64 levels deep at line 1 column 96"],
        "duplicate-key.json": [
            #"services[0]: duplicate key "error_rate" at line 4 column 57 (first at line 4 column 38)"#
        ],
        "unknown-key.json": [
            #"clients[0].breaker: unknown key "alowed_fails" (did you mean "allowed_fails"?)"#
        ],
        "unknown-service.json": [#"clients[0].calls: unknown service "paymets" (did you mean "payments"?)"#],
        "overlapping-phases.json": ["services[0].phases[2]: overlaps phases[1] (3m..5m)"],
        "wrong-types.json": [
            #"seed: must be a whole number (got string "42"; remove the quotes)"#,
            #"services[0].error_rate: must be a number between 0 and 1 (got string "5%"; write 0.05 for 5%)"#,
            "services[0].capacity.concurrency: must be a whole number (got 6.5)",
            #"clients[0].rate: must be a number (got string "fast")"#,
            "clients[0].breaker: must be an object, or null for an unprotected client (got true)",
        ],
        "out-of-range.json": [
            "services[0].error_rate: must be between 0 and 1 (got 1.5)",
            "clients[0].rate: must be greater than 0 (got -5)",
            "clients[0].instances: must be between 1 and 100000 (got 0)",
            #"clients[1].name: duplicate client name "checkout" (also clients[0])"#,
            "clients[1].retry.max: must be between 0 and 10 (got 50)",
        ],
        "absurd-size.json": [
            "services[0].capacity.concurrency: must be between 1 and 10000000 (got 1000000000)",
            "sample_every: would take 2592000000 samples over 720h; the limit is 1000000 — use a larger sample_every",
            "would simulate about 2.6e17 calls; the limit is 2.0e9 — shorten duration or lower rate",
        ],
        "many-problems.json": [
            "name: must not be empty",
            #"duration: must be greater than 0 (got "-10m")"#,
            "services[0].latency.p99: must be at least p50 (400ms) (got 40ms)",
            #"services[0].phases[0].for: must be greater than 0 (got "0s")"#,
            #"services[0].phases[0]: has no effect; give at least one of "error_rate", "outage", "flap" or "latency""#,
            #"services[1].name: duplicate service name "payments" (also services[0])"#,
            #"clients[0]: unknown key "arival" (did you mean "arrival"?)"#,
            #"unknown key "sampel_every" (did you mean "sample_every"?)"#,
        ],
    ]

    @Test(arguments: expectations.keys.sorted())
    func badScenarioFile(name: String) {
        let file = ScenarioFiles.badScenario(name)
        var lines: [String] = []
        do {
            _ = try ScenarioLoader.load(file: file)
        } catch {
            guard case .invalid(let problems) = error else {
                Issue.record("\(name) should be invalid, not \(error)")
                return
            }
            lines = problems.map(\.description)
            #expect(problems.allSatisfy { $0.file == file })
        }
        #expect(
            lines
                == (Self.expectations[name] ?? []).map { "\(file): \($0.replacingAll("{file}", with: file))" }
        )
    }

    @Test func everyBadScenarioFileHasAnExpectation() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: ScenarioFiles.badScenariosDirectory)
        #expect(Set(names) == Set(Self.expectations.keys))
    }

    @Test func aMissingFileIsUnreadable() {
        let file = ScenarioFiles.badScenario("no-such-file.json")
        #expect(throws: ScenarioError.unreadable(file: file, reason: "no such file")) {
            try ScenarioLoader.load(file: file)
        }
        #expect(throws: ScenarioError.unreadable(file: "", reason: "no such file")) {
            try ScenarioLoader.load(file: "")
        }
        let throughAFile = ScenarioFiles.badScenario("empty.json") + "/x.json"
        #expect(
            throws: ScenarioError.unreadable(
                file: throughAFile, reason: "no such file (a part of the path is not a directory)")
        ) {
            try ScenarioLoader.load(file: throughAFile)
        }
    }

    @Test func aDirectoryIsUnreadable() {
        let directory = ScenarioFiles.badScenariosDirectory
        #expect(throws: ScenarioError.unreadable(file: directory, reason: "is a directory")) {
            try ScenarioLoader.load(file: directory)
        }
    }

    /// A FIFO that nobody writes to used to block `validate` and `run` forever (opening it waits for a
    /// writer); now it is refused after a bounded wait, and one that is written to is read.
    @Test func aFIFOIsReadWhenWrittenAndRefusedWhenNothingComes() async throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID()).fifo")
            .path
        guard mkfifo(fifo, 0o600) == 0 else {
            Issue.record("mkfifo failed: \(errno)")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: fifo) }
        let clock = ContinuousClock()
        let started = clock.now
        #expect(
            throws: ScenarioError.unreadable(
                file: fifo,
                reason: "is not a regular file and nothing arrived within 0.3s (is anything writing to it?)")
        ) {
            _ = try ScenarioLoader.readFile(fifo, streamWait: 300)
        }
        #expect(clock.now - started < .seconds(5))

        // A writer that comes later, as `<(…)` does: the scenario is read whole.
        let writer = Thread {
            let descriptor = open(fifo, O_WRONLY)
            guard descriptor >= 0 else { return }
            Array(designExampleJSON.utf8).withUnsafeBytes { _ = write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        writer.start()
        let bytes = try ScenarioLoader.readFile(fifo, streamWait: 20_000)
        #expect(bytes == Array(designExampleJSON.utf8))
    }

    @Test(.enabled(if: getuid() != 0, "root can read any file"))
    func aFileWithoutPermissionIsUnreadable() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID()).json")
            .path
        try Data(designExampleJSON.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file)
        #expect(throws: ScenarioError.unreadable(file: file, reason: "permission denied")) {
            try ScenarioLoader.load(file: file)
        }
    }

    @Test func aValidFileLoadsWithOverrides() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID()).json")
            .path
        try Data(designExampleJSON.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let scenario = try ScenarioLoader.load(file: file, overrides: ["seed=9"])
        #expect(scenario.name == "Flaky payments API")
        #expect(scenario.seed == 9)
        #expect(
            throws: ScenarioError.invalid([
                ScenarioProblem(
                    file: file, path: "seed",
                    message: "must be a whole number (got string \"x\") (from --set seed=x)")
            ])
        ) {
            try ScenarioLoader.load(file: file, overrides: ["seed=x"])
        }
    }

    @Test(
        "a UTF-16 or UTF-32 file, with or without a byte order mark, is named as such with the way out",
        arguments: [
            ([0x7B, 0x00, 0x7D, 0x00], "UTF-16LE"), ([0x00, 0x7B, 0x00, 0x7D], "UTF-16BE"),
            ([0xFF, 0xFE, 0x7B, 0x00], "UTF-16LE"), ([0xFE, 0xFF, 0x00, 0x7B], "UTF-16BE"),
            ([0x7B, 0x00, 0x00, 0x00], "UTF-32LE"), ([0x00, 0x00, 0x00, 0x7B], "UTF-32BE"),
        ] as [([UInt8], String)])
    func wideEncodingsAreNamed(bytes: [UInt8], encoding: String) {
        #expect(
            throws: ScenarioError.invalid([
                ScenarioProblem(
                    file: "s.json", path: "",
                    message:
                        "is \(encoding) text, not UTF-8: convert it first, e.g. iconv -f \(encoding) -t UTF-8 s.json > converted.json"
                )
            ])
        ) {
            try ScenarioLoader.parse(bytes, file: "s.json")
        }
    }

    @Test func anOversizedFileIsRejectedWithoutReadingItAll() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID()).json")
            .path
        let handle = try #require(
            FileManager.default.createFile(atPath: file, contents: nil)
                ? FileHandle(forWritingAtPath: file) : nil)
        try handle.truncate(atOffset: 1 << 30)  // a sparse gigabyte
        try handle.close()
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(
            throws: ScenarioError.invalid([
                ScenarioProblem(file: file, path: "", message: "is too large (more than 16777216 bytes)")
            ])
        ) {
            try ScenarioLoader.load(file: file)
        }
    }
}
