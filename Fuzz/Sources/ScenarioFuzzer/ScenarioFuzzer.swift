// libFuzzer entry point for the scenario loader. The first byte of an input picks what the rest is
// (its value modulo 8, so that every input means something; seeds use the digits 0 to 4):
//
//   0  a scenario file: parsed, and when it loads, checked against the validator's promises,
//      written back to JSON and parsed again (same scenario), and simulated for a short while.
//   1  a duration string for parseDuration (anything it accepts formats and parses back to the
//      same value); the first 8 bytes also as an Int64 for formatDuration.
//   2  `--set` overrides, one per line, applied to scenarios/flaky.json; then as in 0.
//   3  a scenario file, a NUL byte, then `--set` overrides one per line; then as in 0.
//   4-7  structured `--set` overrides on a bundled scenario (see FieldOverrides.swift); then as in 0.
//
// Whatever the loader rejects must come back as `ScenarioError.invalid` with one-line problems.
// A broken promise calls `fatalError`, which libFuzzer reports as a crash and saves the input.

import BreakerSimulation
import CFuzzerDriver

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The program's entry point (SwiftPM links `main` to `<module>_main`): libFuzzer's usual main.
@_cdecl("ScenarioFuzzer_main")
public func scenarioFuzzerMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}

/// Runs one input: libFuzzer's entry point (returns 0; a broken promise stops the process).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let body = Array(input.dropFirst())
    switch input[0] % 8 {
    case 0:
        loadAndCheck(body, overrides: [])
    case 1:
        checkDuration(body)
    case 2:
        loadAndCheck(ScenarioFiles.flaky, overrides: lines(body))
    case 3:
        if let separator = body.firstIndex(of: 0) {
            loadAndCheck(Array(body[..<separator]), overrides: lines(body[(separator + 1)...]))
        } else {
            loadAndCheck(body, overrides: [])
        }
    default:
        FieldOverrides.check(body)
    }
    return 0
}

/// The bytes split at newlines, each decoded as UTF-8 (with replacement characters, as a shell
/// argument would arrive through `String(cString:)`-like decoding).
private func lines(_ bytes: some Collection<UInt8>) -> [String] {
    bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
        String(decoding: $0, as: UTF8.self)
    }
}

/// Files of the repository, read once (the fuzzer runs from its checkout).
enum ScenarioFiles {
    /// The scenario that mode 2's `--set` overrides are applied to.
    static let flaky = read("scenarios/flaky.json")

    /// A file by its path from the repository root.
    static func read(_ path: String) -> [UInt8] {
        // #filePath is Fuzz/Sources/ScenarioFuzzer/ScenarioFuzzer.swift: four levels below the root.
        var root = Substring(#filePath)
        for _ in 0..<4 {
            root = root[..<(root.lastIndex(of: "/") ?? root.startIndex)]
        }
        let fullPath = root + "/" + path
        guard let file = fopen(fullPath, "rb") else {
            fatalError("cannot read \(fullPath): the fuzzer reads scenarios from its checkout")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}

// MARK: - Scenarios

/// Loads a scenario and checks whatever comes back.
func loadAndCheck(_ bytes: [UInt8], overrides: [String]) {
    let file = "fuzz.json"
    let scenario: Scenario
    do {
        scenario = try ScenarioLoader.parse(bytes, file: file, overrides: overrides)
    } catch {
        checkRejection(error, file: file)
        return
    }
    checkPromises(scenario)
    checkRoundTrip(scenario)
    simulateBriefly(scenario)
}

/// A rejected file: `.invalid` with at least one problem, each one line naming the file.
private func checkRejection(_ error: ScenarioError, file: String) {
    guard case .invalid(let problems) = error else {
        fatalError("parse reported an unreadable file: \(error)")
    }
    guard !problems.isEmpty else { fatalError("rejected with no problem") }
    for problem in problems {
        guard problem.file == file else { fatalError("problem names \(problem.file), not \(file)") }
        guard !problem.message.isEmpty else { fatalError("empty message at \(problem.path)") }
        guard problem.description.unicodeScalars.count <= 2_000 else {
            fatalError("problem of \(problem.description.unicodeScalars.count) characters")
        }
        if let control = problem.description.unicodeScalars.first(where: isControl) {
            fatalError(
                "problem is not one clean line (U+\(String(control.value, radix: 16))): "
                    + problem.description.debugDescription)
        }
    }
}

private func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
}

/// Writes a loaded scenario back as JSON and loads that: the same scenario must come back.
private func checkRoundTrip(_ scenario: Scenario) {
    let json = ScenarioJSON.encode(scenario)
    do {
        let again = try ScenarioLoader.parse(Array(json.utf8), file: "again.json")
        guard again == scenario else {
            fatalError("round trip changed the scenario:\n\(json)\n\(scenario)\n\(again)")
        }
    } catch {
        fatalError("round trip rejected:\n\(json)\n\(error)")
    }
}

/// Runs the engine on a loaded scenario for as long as stays cheap (about a thousand calls,
/// samples and flap periods), with or without breakers depending on the seed.
private func simulateBriefly(_ scenario: Scenario) {
    let instances = scenario.clients.reduce(0) { $0 + $1.instances }
    guard instances <= 1_000 else { return }
    let callsPerSecond = scenario.clients.reduce(0.0) { total, client in
        total + client.rate * Double(client.instances) * Double(1 + (client.retry?.max ?? 0))
    }
    var horizon = Double(scenario.duration)
    horizon = min(horizon, 1_000 / callsPerSecond * 1e9)
    horizon = min(horizon, Double(scenario.sampleEvery) * 1_000)
    for service in scenario.services {
        for phase in service.phases {
            if let flap = phase.flap {
                // Periods only start inside the phase; before it they cost nothing.
                horizon = min(horizon, Double(phase.at) + Double(min(flap.up, flap.down)) * 200)
            }
        }
    }
    guard horizon >= 1 else { return }
    let target = Nanoseconds(horizon)
    var simulation = Simulation(scenario: scenario, withBreakers: scenario.seed % 2 == 0)
    simulation.advance(to: target)
    guard simulation.now == target else {
        fatalError("advance(to: \(target)) stopped at \(simulation.now)")
    }
}
