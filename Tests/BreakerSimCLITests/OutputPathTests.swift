import BreakerSimTestSupport
import Foundation
import Testing

/// An output never replaces an input or another output: refused before anything runs (exit 64), and
/// nothing is written.
@Suite struct OutputPathTests {
    typealias Sim = BreakerSimBinary

    /// A scratch directory holding a copy of `outage.json` as `s.json` and a symbolic link to it.
    static func directory(_ name: String) throws -> String {
        let directory = try Fixtures.temporaryDirectory(name)
        let scenario = try String(contentsOfFile: Fixtures.scenario("outage"), encoding: .utf8)
        try scenario.write(toFile: directory + "/s.json", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/link.json", withDestinationPath: "s.json")
        return directory
    }

    @Test(arguments: [
        (["run", "S", "--timeline", "S"], "--timeline"),
        (["run", "S", "--report", "LINK"], "--report"),
        (["run", "S", "--timeline", "DIR/./s.json"], "--timeline"),
        (["record", "S", "--out", "S"], "--out"),
        (["sweep", "S", "--allowed-fails", "1,3", "--report", "LINK"], "--report"),
    ])
    func anOutputThatIsTheScenarioIsRefused(arguments: [String], option: String) async throws {
        // A directory per case, named by all its arguments: cases run in parallel, and two of them share
        // their command, option and argument count.
        let directory = try Self.directory(
            "input-" + arguments.map { $0.filter { $0.isLetter || $0.isNumber } }.joined(separator: "-"))
        let scenario = directory + "/s.json"
        let before = try String(contentsOfFile: scenario, encoding: .utf8)
        let resolved = arguments.map {
            $0 == "S"
                ? scenario
                : $0 == "LINK"
                    ? directory + "/link.json" : $0.replacingOccurrences(of: "DIR", with: directory)
        }
        let result = try await Sim.run(resolved)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("breaker-sim: \(option) "))
        #expect(result.stderr.contains("is the same file as the input file"))
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOfFile: scenario, encoding: .utf8) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(left == ["link.json", "s.json"])
    }

    @Test func twoOutputsOnOnePathAreRefused() async throws {
        let directory = try Self.directory("two-outputs")
        let result = try await Sim.run([
            "run", directory + "/s.json", "--timeline", directory + "/o.x", "--report", directory + "/./o.x",
        ])
        #expect(result.status == 64)
        #expect(
            result.stderr.contains(
                "--report \(directory)/./o.x: is the same file as --timeline \(directory)/o.x"))
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(left == ["link.json", "s.json"])
    }

    @Test func aMergeReportThatIsAShardIsRefused() async throws {
        let directory = try Self.directory("merge")
        let shard = directory + "/shard.json"
        try "{}".write(toFile: shard, atomically: true, encoding: .utf8)
        let result = try await Sim.run(["sweep", "merge", shard, "--report", shard])
        #expect(result.status == 64)
        #expect(try String(contentsOfFile: shard, encoding: .utf8) == "{}")
    }
}

/// A result that cannot be written to standard output is an error (exit 74), never a silent success:
/// a shard written into a full disk must not be merged as an empty one.
@Suite struct StandardOutputFailureTests {
    @Test(arguments: [
        ("> /dev/full", "No space left on device"),
        // A closed descriptor 1 may be taken by a descriptor the runtime opens (EBADF or EINVAL then).
        (">&-", ""),
    ])
    func aFailedWriteExits74(redirection: String, reason: String) async throws {
        let command =
            "exec '\(BreakerSimBinary.path)' sweep scenarios/outage.json --allowed-fails 1,3 --retry-timer 5s "
            + "--shard 1/2 \(redirection)"
        let result = try await ChildProcess.run("/bin/sh", ["-c", command], directory: PackageRoot.path)
        #expect(result.status == 74)
        #expect(result.stderr.contains("breaker-sim: standard output: cannot write: \(reason)"))
    }
}
